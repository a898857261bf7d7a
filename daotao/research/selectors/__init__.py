"""Reads on research, one module per area: topics, conferences (with delegations
and delegates), papers (with reviews and the programme); scope holds what they share."""
