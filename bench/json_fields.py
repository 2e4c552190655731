"""Rewrite docs/json.md's field reference from the schema (briefgen/render/briefing.schema.json).

    PYTHONPATH=. python bench/json_fields.py           # rewrite the table between its markers
    PYTHONPATH=. python bench/json_fields.py --check   # exit 1 when the docs differ from the schema
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefgen.render.schema import BEGIN_MARK, END_MARK, field_reference

DOCS = Path(__file__).resolve().parent.parent / "docs" / "json.md"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(BEGIN_MARK) if BEGIN_MARK in text else text.index("<!-- field reference:")
    end = text.index(END_MARK)
    updated = text[:start] + BEGIN_MARK + "\n" + field_reference() + text[end:]
    if args.check:
        return 0 if updated == text else 1
    DOCS.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
