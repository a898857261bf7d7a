"""Writes on teaching, one module per area: scheduling, editing, calendar, rooms,
feeds."""
