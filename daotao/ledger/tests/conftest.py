"""The ledger counts the sessions of the teaching world (teaching/tests/conftest.py)."""

from daotao.teaching.tests.conftest import world

__all__ = ["world"]
