"""Reads of teaching: one module per area (scheduling, timetables, calendar)."""
