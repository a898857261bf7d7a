"""Organisation pages, one module per area: the registry (agencies, units, sites,
rooms) and imports (agencies by sheet)."""
