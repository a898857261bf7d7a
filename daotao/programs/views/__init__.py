"""Programme pages, one module per area: the catalogue (programmes, versions,
modules, topics) and imports (a version's structure by sheet)."""
