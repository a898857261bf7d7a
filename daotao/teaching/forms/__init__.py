"""Forms of the teaching pages, one module per area, named as the views modules:
calendar, editing, placing, scheduling."""
