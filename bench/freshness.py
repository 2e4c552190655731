"""Is the real day's briefing the news of its day? Dates, the freshness window and the order.

Builds the briefing of the real day (the bundled examples plus the 120 pages of
../shared/data/extraction/) dated 2019-11-20, the pages' own day, with the default window
(`--max-age-days 3`), and prints:

- stories in the main list, and how many have a date older than the window (the goal: none);
- stories set apart under "Earlier", the newest and oldest of their dates;
- main-list stories with no dated article (kept, shown as "date not stated");
- for each output (Markdown, HTML page, email HTML, email text), the stories it shows whose entry
  shows the story's date (told in full: between the headline and "Reported by"; in a one-line list:
  on the line);
- the first ten stories of the main list: outlets, date, headline.

Usage: PYTHONPATH=. python bench/freshness.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import html
import re
from datetime import timedelta
from pathlib import Path

from real_day import REAL_DAY, real_day_inputs

from briefgen import BriefingConfig, build_briefing
from briefgen.render import render_briefing
from briefgen.render.briefing import markdown_escape, story_date

REPO = Path(__file__).resolve().parent.parent
DAY = REAL_DAY


def shows_date(text: str, headline: str, shown_date: str, markup: str) -> bool | None:
    """Does the output's entry for this story show its date? None when the output does not show it."""
    escaped = {"md": markdown_escape(headline), "html": html.escape(headline, quote=False), "txt": headline}[markup]
    told = re.search(re.escape(escaped) + r"(?:</h2>|\n)(.*?)Reported by", text, re.S)
    if told and len(told.group(1)) < 400:
        return shown_date.lower() in told.group(1).lower()
    line = re.search(re.escape(escaped) + r"(.*)$", text, re.M)
    return None if line is None else shown_date.lower() in line.group(1).lower()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    config = BriefingConfig()
    with real_day_inputs(args.shared) as inputs:
        briefing = build_briefing(inputs, config, on=DAY)
    oldest = DAY - timedelta(days=config.max_age_days)
    stale = [s for s in briefing.stories if s.published and s.published < oldest]
    undated = [s for s in briefing.stories if s.published is None]
    print(f"briefing of {DAY}, window {config.max_age_days} days (stories dated {oldest} or later stay)")
    print(f"main list: {len(briefing.stories)} stories; older than the window: {len(stale)}; undated (kept): {len(undated)}")
    if briefing.earlier:
        dates = sorted(s.published for s in briefing.earlier)
        print(f"earlier: {len(briefing.earlier)} stories, dated {dates[0]} to {dates[-1]}")
    files = render_briefing(briefing, config)
    for name, markup in (("briefing.md", "md"), ("briefing.html", "html"), ("briefing.email.html", "html"), ("briefing.txt", "txt")):
        found = [shows_date(files[name], s.headline, story_date(s.published), markup) for s in briefing.stories]
        listed = [f for f in found if f is not None]
        print(f"  {name}: stories shown {len(listed)}, showing their date {sum(listed)}")
    print("first ten stories:")
    for s in briefing.stories[:10]:
        print(f"  {len(s.outlets)} outlets  {story_date(s.published):>16}  {s.headline[:80]}")


if __name__ == "__main__":
    main()
