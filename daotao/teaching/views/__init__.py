"""Teaching pages, one module per area: scheduling, timetables, placing, editing,
calendar."""
