"""Peak memory of `briefgen build` on a JSON Lines file holding one huge record.

A record over `--max-article-bytes` is skipped; the question is what reading past it costs. The
same small file (the four records of tests/fixtures/two_new_york_stories.jsonl) is built twice:
alone, and with one record of SIZE megabytes after it. Peak resident memory is that of the CLI
process (`ru_maxrss` of a parent that starts nothing else), so the difference is what the huge
line costs.

    PYTHONPATH=. python bench/huge_record.py [--megabytes 300]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "fixtures" / "two_new_york_stories.jsonl"
PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_mib(*args: str) -> float:
    command = [sys.executable, "-c", PEAK_RSS, sys.executable, "-m", "briefgen", "build", *args]
    return int(subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout) / 1024


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--megabytes", type=int, default=300)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        shutil.copy(SMALL, tmp / "small.jsonl")
        with (tmp / "huge.jsonl").open("wb") as handle:
            handle.write(SMALL.read_bytes())
            handle.write(b'{"title": "A dump", "text": "')
            block = b"word " * 200_000
            for _ in range(args.megabytes):
                handle.write(block)
            handle.write(b'"}\n')
        common = ("--date", "2023-08-31", "--no-store")
        small = peak_mib(str(tmp / "small.jsonl"), "--out", str(tmp / "a"), *common)
        huge = peak_mib(str(tmp / "huge.jsonl"), "--out", str(tmp / "b"), *common)
    print(f"peak RSS, small file alone: {small:.0f} MiB")
    print(f"peak RSS, with a {args.megabytes} MB record: {huge:.0f} MiB (+{huge - small:.0f} MiB)")


if __name__ == "__main__":
    main()
