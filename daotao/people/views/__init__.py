"""People pages, one module per area: persons (the registry of cadres) and imports
(cadres by sheet)."""
