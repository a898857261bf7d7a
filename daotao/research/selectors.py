"""Reads on research (style.md: selectors for reads)."""
