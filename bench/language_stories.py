"""Multi-outlet stories in German, Chinese and Russian, through `briefgen build`: do they give lines,
and shared lines where the outlets share facts?

Each story is one real page of ../shared/data (read by briefgen's HTML reader) carried by four
outlets: the page itself and three re-samples of it. Light edits are e2e.py's (a random 70–95 % of
its paragraphs, the lead kept, in order; 3 % of the words, or of the characters in Chinese, swapped
for others of the same page); heavy edits keep 40–70 % of the paragraphs and swap 12 %. Every
paragraph a re-sample keeps is a fact it shares with the page, so a story's lines should be shared
lines; heavy edits leave fewer facts shared, and make matching them harder.

The day of each language is built by `python -m briefgen build` in a fresh process, as a user runs
it: with each article's language detected (this checkout), with `--language en` (every article read
as English, as briefgen did before it read languages), and, with `--baseline CHECKOUT`, by the code
of another checkout through its Python API with `BriefingConfig(language="german")` for German (the
manual setting that code offered; it changed the splitter and the summarizer, not clustering or the
citation check).

Usage: PYTHONPATH=. python bench/language_stories.py [--shared ../shared] [--baseline /path/to/checkout] [--show]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from briefgen.ingest.decode import decode
from briefgen.ingest.html import read_html
from briefgen.language import CJK
from briefgen.provenance import OutletRegistry

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DAY = "2023-08-31"
# lines a story may show: more than any of these stories has facts, so the count is how many facts
# were found shared, not the briefing's limit of 6
LINES_PER_STORY = 40
OUTLETS = {
    "de": ["Süddeutsche Zeitung", "Die Zeit", "Der Spiegel", "Frankfurter Allgemeine"],
    "zh": ["新华社", "人民日报", "光明日报", "中国新闻网"],
    "ru": ["ТАСС", "РИА Новости", "Интерфакс", "Коммерсантъ"],
}
PAGES = {
    "de": ["realworld/html/sueddeutsche.de.flixtrain.html.gz", "realworld/html/zeit.de.zugverkehr.html.gz",
           "realworld/html/correctiv.org.zusage.html.gz", "realworld/html/futurezone.at.lyft.html.gz"],
    "zh": ["readability/pages/gmw/source.html.gz", "dates/html/0325.html.gz", "dates/html/0196.html.gz"],
    "ru": ["dates/html/0016.html.gz", "dates/html/0015.html.gz", "dates/html/0012.html.gz", "dates/html/0018.html.gz"],
}


def read_page(shared: Path, relative: str) -> tuple[str, list[str]]:
    path = shared / "data" / relative
    article = read_html(relative, decode(gzip.decompress(path.read_bytes())), OutletRegistry.load())
    return article.title, [p for p in article.body.split("\n") if p.strip()]


# (share of paragraphs kept: low, high; share of words swapped): light as e2e.py's re-posts, heavy as
# outlets that tell the story in fewer paragraphs and change more of its words
EDITS = {"light": (0.7, 0.95, 0.03), "heavy": (0.4, 0.7, 0.12)}


def resample(paragraphs: list[str], language: str, rng: random.Random, edit: str = "light") -> list[str]:
    low, high, swapped = EDITS[edit]
    kept = [paragraphs[0], *(p for p in paragraphs[1:] if rng.random() < rng.uniform(low, high))]
    if language in CJK:  # no spaces: characters stand in for words
        text = list("\n".join(kept))
        letters = [i for i, c in enumerate(text) if c.isalpha()]
        for k in rng.sample(letters, int(len(letters) * swapped)):
            text[k] = text[rng.choice(letters)]
        return "".join(text).split("\n")
    vocabulary = " ".join(paragraphs).split()
    words = "\n".join(kept).split(" ")
    for k in rng.sample(range(len(words)), int(len(words) * swapped)):
        words[k] = rng.choice(vocabulary)
    return " ".join(words).split("\n")


def write_day(shared: Path, language: str, folder: Path, edit: str) -> None:
    rng = random.Random(language + edit)
    records = []
    for story, relative in enumerate(PAGES[language]):
        title, paragraphs = read_page(shared, relative)
        for j, outlet in enumerate(OUTLETS[language]):
            body = paragraphs if j == 0 else resample(paragraphs, language, rng, edit)
            records.append({"title": title, "text": "\n\n".join(body), "outlet": outlet, "published": DAY,
                            "url": f"https://outlet{j}.example/{DAY}/story-{story}"})
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "day.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")


def build_here(day: Path, out: Path, *flags: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "briefgen", "build", str(day), "--out", str(out), "--date", DAY, "--no-store"]
    subprocess.run([*command, "--sentences", str(LINES_PER_STORY), *flags],
                   check=True, env=env, capture_output=True)
    return json.loads((out / DAY / "briefing.json").read_text(encoding="utf-8"))


BASELINE = """
import json, sys
from datetime import date
from pathlib import Path
from briefgen.config import BriefingConfig
from briefgen.pipeline import build_briefing
from briefgen.render import briefing_to_dict
config = BriefingConfig(language=sys.argv[2], sentences_per_story=int(sys.argv[4]))
briefing = build_briefing([sys.argv[1]], config, on=date.fromisoformat(sys.argv[3]))
print(json.dumps(briefing_to_dict(briefing), ensure_ascii=False))
"""


def build_baseline(checkout: Path, day: Path, language_name: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    done = subprocess.run([sys.executable, "-c", BASELINE, str(day), language_name, DAY, str(LINES_PER_STORY)], check=True, env=env,
                          capture_output=True, text=True, cwd=checkout)
    return json.loads(done.stdout)


def summary(briefing: dict) -> tuple[int, int, int, int]:
    """(stories, stories of 2+ outlets, lines shown, lines 2+ outlets report)."""
    stories = briefing["stories"]
    lines = [s for story in stories for s in story["sentences"]]
    return (len(stories), sum(len(s["outlets"]) >= 2 for s in stories), len(lines), sum(s["support"] >= 2 for s in lines))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with (its API, language='german')")
    parser.add_argument("--show", action="store_true", help="print the first two lines of each story")
    args = parser.parse_args()
    print(f"{'language':8} {'edits':5} {'run':30} {'stories':>7} {'multi':>5} {'lines':>5} {'shared':>6}  languages read")
    with tempfile.TemporaryDirectory() as scratch:
        for language in ("de", "zh", "ru"):
            for edit in EDITS:
                here = Path(scratch) / language / edit
                write_day(args.shared, language, here / "in", edit)
                runs = [("detected (this checkout)", build_here(here / "in", here / "auto")),
                        ("--language en", build_here(here / "in", here / "en", "--language", "en"))]
                if args.baseline and language == "de":
                    runs.append(("baseline, language='german'", build_baseline(args.baseline, here / "in", "german")))
                for name, briefing in runs:
                    read_as = sorted({a.get("language") or "-" for a in briefing["articles"]})
                    stories, multi, lines, shared = summary(briefing)
                    print(f"{language:8} {edit:5} {name:30} {stories:7} {multi:5} {lines:5} {shared:6}  {','.join(read_as)}")
                if args.show:
                    for story in runs[0][1]["stories"]:
                        for line in story["sentences"][:2]:
                            print(f"    [{line['support']}] {line['text'][:110]}")


if __name__ == "__main__":
    main()
