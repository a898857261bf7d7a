"""Credential pages, one module per area: credentials (the register, a credential
and its actions, the blank stock, public verification) and imports (old registers)."""
