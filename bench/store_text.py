"""What keeping no article text in the store costs a continuing story: the examples split over two
days (three articles on 2023-08-30, two more of the same story on the 31st), built with the store's
default (each article's opening only) and with --store-bodies, and the second day's story compared.

    PYTHONPATH=. python bench/store_text.py
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from briefgen.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def second_day(folder: Path, *flags: str) -> dict:
    days = {"2023-08-30": ("000", "002", "003"), "2023-08-31": ("001", "004")}
    for day, prefixes in days.items():
        inputs = folder / day
        inputs.mkdir()
        for path in sorted(EXAMPLES.iterdir()):
            if path.name[:3] in prefixes:
                shutil.copy(path, inputs / path.name)
        argv = ["build", str(inputs), "-o", str(folder / "out"), "--date", day, "--store", str(folder / "h.sqlite"), "-q"]
        assert main([*argv, *flags]) == 0
    (story,) = json.loads((folder / "out" / "2023-08-31" / "briefing.json").read_text(encoding="utf-8"))["stories"]
    return story


def main_() -> None:
    print("| store keeps | status | articles (new) | shared facts on day two |")
    print("| --- | --- | ---: | ---: |")
    for label, flags in (("openings (default)", ()), ("whole text (--store-bodies)", ("--store-bodies",))):
        with tempfile.TemporaryDirectory() as tmp:
            story = second_day(Path(tmp), *flags)
        print(f"| {label} | {story['status']} | {len(story['articles'])} ({story['new_articles']}) | {len(story['sentences'])} |")


if __name__ == "__main__":
    main_()
