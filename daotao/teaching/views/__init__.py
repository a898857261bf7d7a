"""Teaching pages: one module per area (scheduling, timetables, ledger)."""
