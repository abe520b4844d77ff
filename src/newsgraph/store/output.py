"""Rows (lists of dicts) for people and programs: an aligned table, JSON Lines, or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

MAX_WIDTH = 60  # a table cell longer than this is cut with "…"


def cell(value: Any) -> str:
    """A value as one line of text: lists joined by "; ", floats to 4 places, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return " ".join(str(value).split())


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    cells = [[_cut(cell(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    numeric = [all(isinstance(r.get(c), int | float) or r.get(c) is None for r in rows) for c in columns]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out.write(line(list(columns)) + "\n")
    out.write(line(["-" * w for w in widths]) + "\n")
    for row in cells:
        out.write(line(row) + "\n")


def _cut(text: str) -> str:
    return text if len(text) <= MAX_WIDTH else text[: MAX_WIDTH - 1] + "…"


def write_jsonl(rows: Sequence[dict[str, Any]], out: TextIO) -> None:
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([cell(r.get(c)) for c in columns])


def write_rows(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    out: TextIO,
    *,
    table_columns: Sequence[str] | None = None,
    empty: str = "no rows",
) -> None:
    """`fmt`: "table" (the `table_columns`, default all), "json" (JSON Lines, every field)
    or "csv" (every field, lists joined by "; ")."""
    every = list(rows[0]) if rows else list(table_columns or [])
    if fmt == "json":
        write_jsonl(rows, out)
    elif fmt == "csv":
        write_csv(rows, every, out)
    elif not rows:
        out.write(f"({empty})\n")
    else:
        write_table(rows, list(table_columns or every), out)
