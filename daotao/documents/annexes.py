"""The tables of a document's annex, typed: a domain app gives the rows (its data),
the wording gives every word printed around them (docs/adr/0027).

A template's wording (`DocumentTemplate.wording`, or a data file for a document
drafted without one) lists its annex tables in order under "annex_tables"::

    {"heading": "I. Các lớp …",      # optional: a heading above the table
     "lead": "1. Đại biểu …",         # optional: a paragraph above the table
     "columns": ["STT", "Tên lớp", …],
     "total": "Tổng cộng",            # the label of the total row, if the data has one
     "empty": "Chưa giao chỉ tiêu …"} # printed instead of a table without rows

Placeholders ({year}) are filled from the draft's values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from daotao.core.text import format_date, normalize
from daotao.documents.rendering.spec import Annex, Block, Heading, Paragraph, Table
from daotao.documents.wording import fill

__all__ = ["AnnexTable", "RosterLine", "annex_of", "roster", "tables_of"]


@dataclass(frozen=True)
class AnnexTable:
    """The rows of one annex table. `numbered`: the first column is the STT the
    builder fills; `total`: the cells after the total row's label (None: no total
    row)."""

    rows: tuple[tuple[str, ...], ...]
    numbered: bool = True
    total: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RosterLine:
    """One learner of a decision's list: the name and date of birth every roster
    prints, then the cells this decision adds (post and agency; agency, score and
    classification)."""

    full_name: str
    date_of_birth: datetime.date | None
    cells: tuple[str, ...]


def roster(lines: Iterable[RosterLine]) -> AnnexTable:
    """The learners of a decision, in the order given, numbered."""
    return AnnexTable(
        rows=tuple(
            (
                line.full_name,
                format_date(line.date_of_birth) if line.date_of_birth else "",
                *line.cells,
            )
            for line in lines
        )
    )


def tables_of(
    words: Sequence[Mapping[str, Any]],
    tables: Sequence[AnnexTable],
    values: Mapping[str, Any],
) -> tuple[Block, ...]:
    """The blocks of the annex: each table with the words the wording gives it."""
    if len(words) != len(tables):
        raise ValueError(
            f"the wording names {len(words)} annex tables, the data gives {len(tables)}"
        )
    blocks: list[Block] = []
    for word, table in zip(words, tables, strict=True):
        heading = fill(word.get("heading", ""), values)
        if heading:
            blocks.append(Heading(level=1, text=heading))
        lead = fill(word.get("lead", ""), values)
        if lead:
            blocks.append(Paragraph(text=lead))
        if not table.rows and word.get("empty"):
            blocks.append(Paragraph(text=fill(word["empty"], values)))
            continue
        rows = [
            (str(number), *row) if table.numbered else tuple(row)
            for number, row in enumerate(table.rows, 1)
        ]
        if table.total is not None:
            label = normalize(fill(word.get("total", ""), values))
            rows.append(
                ("", label, *table.total) if table.numbered else (label, *table.total)
            )
        blocks.append(
            Table(
                header=tuple(fill(column, values) for column in word["columns"]),
                rows=tuple(rows),
            )
        )
    return tuple(blocks)


def annex_of(
    wording: Mapping[str, Any],
    tables: Sequence[AnnexTable],
    values: Mapping[str, Any],
    *,
    default_title: str,
) -> Annex | None:
    """The annex the wording describes around `tables`, or None without tables."""
    if not tables:
        return None
    return Annex(
        title=fill(wording.get("annex_title", default_title), values),
        name=fill(wording.get("annex_name", ""), values),
        subtitle=fill(wording.get("annex_subtitle", ""), values),
        blocks=tables_of(list(wording.get("annex_tables", [])), tables, values),
    )
