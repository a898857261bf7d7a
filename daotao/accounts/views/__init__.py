"""Accounts pages, one module per area: account (sign-in, passwords, own account),
second_factor, users (list, permission table) and imports (users with roles)."""
