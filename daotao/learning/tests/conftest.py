"""The learning tests use the teaching tests' small world (school, rooms, a TC LLCT
version, one cohort, three lecturers, a term)."""

from daotao.teaching.tests.conftest import world  # noqa: F401
