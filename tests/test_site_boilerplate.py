"""A site's boilerplate across its files: the prose-shaped blurb, disclaimer or newsletter call a site
prints under every article is dropped when a batch holds several of its articles, and nothing an
article reports is lost with it (copies of one story, a blurb two sites share only twice each)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen import BriefingConfig, build_briefing
from briefgen.cli import main
from briefgen.model import Article
from briefgen.pipeline import group_articles, read_articles
from briefgen.clean.site_boilerplate import drop_site_boilerplate

from .conftest import DAY, EXAMPLES

# Prose-shaped: sentences, full stops, 20+ words — the cleaner keeps them on any one page.
BLURB = (
    "The Springfield Ledger is an independent, reader-funded newsroom. Support our journalism by becoming "
    "a member today and get unlimited access to every story we publish."
)
NEWSLETTER = (
    "Like what you just read? Our free morning email brings the day's most important Springfield stories "
    "to you before 7 a.m., every weekday."
)

STORIES = {
    "council-budget": (
        "City council approves $48 million budget with three new bus routes",
        [
            "The Springfield City Council voted 6-1 on Tuesday night to approve a $48 million operating budget that adds three bus routes to the east side and freezes property tax rates for a second year.",
            "The new routes, which start in January, will link the Riverside and Oak Hill neighborhoods to the hospital district, a trip that now takes two transfers and more than an hour.",
            "Council member Teresa Alvarez, the lone vote against, said the city was drawing too heavily on its reserve fund to avoid a tax increase it would need next year anyway.",
            "Mayor Dan Whitfield said the reserve would still hold about $9 million after the transfer, above the level the state recommends for a city of Springfield's size.",
            "The budget also sets aside $1.2 million to hire eight firefighters for a new station on the north side, which is due to open in the spring.",
            "The council will hold a second hearing on the city's five-year road repair plan on September 12 before voting on it later in the month.",
        ],
    ),
    "football": (
        "Central High rallies past North in overtime to reach state semifinal",
        [
            "Central High scored two touchdowns in the final four minutes and won 31-28 in overtime on Friday, ending North High's unbeaten season in the state quarterfinal.",
            "Quarterback Jalen Brooks threw for 287 yards and ran for the winning score from the 3-yard line after North had missed a field goal on the first possession of overtime.",
            "North led 28-14 with less than five minutes left before Central recovered an onside kick, a play coach Linda Marsh said the team had practiced every Thursday since August.",
            "Central will play Westfield at home next Friday for a place in the state final in Capital City.",
            "Brooks, a junior, has thrown for more than 2,900 yards this season, the most by a Central quarterback since the school began keeping records in 1978.",
            "North finished the season 11-1 and had beaten Central 35-10 when the two teams met in the regular season in September.",
        ],
    ),
    "library": (
        "Main library to close for 14 months during $12 million renovation",
        [
            "The Springfield Public Library's main branch on Elm Street will close on March 1 for a 14-month renovation that will replace its heating system and add a children's wing.",
            "Library director Karen Osei said the branch's 240,000 books would move to a warehouse on Industrial Drive, and patrons could still request them for pickup at the four neighborhood branches.",
            "The $12 million project is paid for by a bond voters approved in 2021 and a $2.5 million grant from the state's libraries fund.",
            "Osei said the new children's wing would double the space for story hours, which drew more than 9,000 children and parents last year.",
            "The library will keep its Saturday hours at the branches while the main building is closed and add evening hours at the Westside branch.",
            "The building, which opened in 1962, has not had a major renovation since a new roof was put on in 1994.",
        ],
    ),
    "water-main": (
        "Water main break floods downtown streets, closes two schools",
        [
            "A 24-inch water main broke under Fifth Avenue early Wednesday, flooding three downtown blocks and leaving about 4,000 homes with low water pressure for most of the day.",
            "Crews from the city's water department shut off the main at about 6:15 a.m. and expected to finish repairs by Thursday morning, spokesman Omar Reyes said.",
            "Lincoln Elementary and Grant Middle School closed for the day because they had no running water, and the district said both would reopen on Thursday.",
            "Business owners on Fifth Avenue said the water reached the doors of several shops, and at least two restaurants did not open for lunch.",
            "Residents were told to run their taps for a few minutes after pressure returns, the department said, but the water is safe to drink.",
            "The pipe, laid in 1931, is one of about 40 miles of cast-iron mains the city plans to replace over the next decade.",
        ],
    ),
}


def ledger_page(slug: str) -> str:
    """One scraped page of the Springfield Ledger: the site's menus around the story, and the site's
    own blurb and newsletter call under it."""
    title, paragraphs = STORIES[slug]
    return "\n".join([
        "Skip to main content", "The Springfield Ledger", "News", "Politics", "Sports", "Opinion", "Subscribe", "Log in",
        "News > Local > Springfield", title, "By Maria Delgado", "August 29, 2023",
        *paragraphs,
        BLURB, NEWSLETTER,
        "Share this:", "Facebook", "Twitter", "Email", "Related",
        "Springfield schools to add late buses", "Zoo welcomes twin red pandas",
        "© 2023 The Springfield Ledger. All rights reserved.",
    ])


def write_ledger(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for slug in STORIES:
        (folder / f"{slug}.txt").write_text(ledger_page(slug), encoding="utf-8")
    return folder


def test_each_page_alone_keeps_the_blurb(tmp_path):
    # what only the batch can tell: read one page at a time, the cleaner keeps the prose-shaped blurb
    for slug in STORIES:
        folder = tmp_path / slug
        folder.mkdir()
        (folder / "page.txt").write_text(ledger_page(slug), encoding="utf-8")
        [article], _ = read_articles([folder], BriefingConfig(), on=DAY)
        assert BLURB in article.body.split("\n") and NEWSLETTER in article.body.split("\n")


def test_a_sites_blurb_and_newsletter_call_are_dropped_from_every_page_and_its_stories_kept(tmp_path):
    articles, skipped = read_articles([write_ledger(tmp_path / "springfieldledger")], BriefingConfig(), on=DAY)
    assert not skipped and len(articles) == 4
    for article in articles:
        paragraphs = article.body.split("\n")
        assert BLURB not in paragraphs and NEWSLETTER not in paragraphs
        title, own = STORIES[Path(article.path).stem]
        assert article.title == title
        assert paragraphs == own  # every paragraph of the story, in order, and nothing else


def test_the_blurb_is_dropped_among_other_sites_files_in_the_same_run(tmp_path):
    write_ledger(tmp_path / "springfieldledger")
    articles, _ = read_articles([EXAMPLES, tmp_path / "springfieldledger"], BriefingConfig(), on=DAY)
    seeds = {a.path: a.body for a in read_articles([EXAMPLES], BriefingConfig(), on=DAY)[0]}
    assert not any(BLURB in a.body for a in articles)
    assert {a.path: a.body for a in articles if a.path in seeds} == seeds  # the seeds are untouched


def test_the_same_site_by_url_host_across_folders_and_files(tmp_path):
    # a day's crawl filed by date: one site's articles in several folders, known by their URLs' host
    # (with and without "www."), records of JSON Lines files
    for n, slug in enumerate(STORIES):
        title, paragraphs = STORIES[slug]
        folder = tmp_path / f"crawl-2023-08-2{n}"
        folder.mkdir()
        host = "www.springfieldledger.example" if n % 2 else "springfieldledger.example"
        record = {"title": title, "url": f"https://{host}/news/{slug}", "text": "\n".join([*paragraphs, BLURB, NEWSLETTER])}
        (folder / "ledger.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles, _ = read_articles([tmp_path], BriefingConfig(), on=DAY)
    assert len(articles) == 4
    for article in articles:
        assert article.body.split("\n") == STORIES[article.url.rsplit("/", 1)[1]][1]


@pytest.mark.parametrize("by", ["url-host", "folder"])
def test_two_sites_sharing_a_blurb_twice_each_keep_it(tmp_path, by):
    # the same blurb on two articles of each of two sites (told apart by their URLs' host in one
    # file, or by their folders): no site shows it on three of its own articles, so it stays
    slugs = list(STORIES)
    sites = (("springfieldledger.example", slugs[:2]), ("shelbyvilleherald.example", slugs[2:]))
    if by == "url-host":
        records = [
            {"title": STORIES[slug][0], "url": f"https://{host}/{slug}", "text": "\n".join([*STORIES[slug][1], BLURB])}
            for host, pair in sites
            for slug in pair
        ]
        (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    else:
        for host, pair in sites:
            (tmp_path / host).mkdir()
            for slug in pair:
                (tmp_path / host / f"{slug}.txt").write_text(ledger_page(slug), encoding="utf-8")
    articles, _ = read_articles([tmp_path], BriefingConfig(), on=DAY)
    assert len(articles) == 4
    assert all(BLURB in article.body.split("\n") for article in articles)


WIRE_TITLE = "Storm knocks out power to 80,000 across three states"
WIRE = [
    "A line of thunderstorms with winds of up to 70 mph knocked out power to about 80,000 homes and businesses across Ohio, Indiana and Kentucky on Monday night, utilities said.",
    "The National Weather Service confirmed that a weak tornado touched down near Dayton, Ohio, damaging the roofs of two warehouses, but no injuries were reported.",
    "Utility crews from four states were sent to help restore power, which could take until Wednesday in the hardest-hit rural areas, a spokeswoman for Duke Energy said.",
    "The storms moved east overnight and were expected to weaken before reaching the Appalachians on Tuesday.",
]


UPDATES = [
    "Power had been restored to all but 12,000 customers by Tuesday evening, Duke Energy said, most of them in rural Clark and Greene counties.",
    "A 78-year-old man died after a tree fell on his car near Richmond, Indiana, the Wayne County sheriff's office said on Tuesday afternoon.",
    "Governor Mike DeWine said he would ask for a federal disaster declaration for six Ohio counties once damage assessments were finished.",
    "Schools in Dayton and Springfield stayed closed on Tuesday because of downed lines, and both districts said they expected to reopen on Wednesday.",
    "The weather service said a second, smaller line of storms could bring gusts of 40 mph to the same area on Thursday.",
]


def _wire_site(folder: Path, pages: list[tuple[str, list[str]]]) -> list[Article]:
    folder.mkdir()
    for n, (title, paragraphs) in enumerate(pages):
        (folder / f"storm-{n}.txt").write_text("\n".join(["Home > News", title, *paragraphs]), encoding="utf-8")
    articles, _ = read_articles([folder], BriefingConfig(), on=DAY)
    assert len(articles) == len(pages)
    return articles


def test_updates_of_one_story_under_one_headline_keep_their_shared_paragraphs(tmp_path):
    # A developing story posted three times by one site, new paragraphs on top of the same wire copy:
    # the wire paragraphs are in three of the site's pages, but under one headline they are one
    # story's, counted once. (The later updates are mostly new text: the guard would not save them.)
    pages = [(WIRE_TITLE, WIRE), (WIRE_TITLE, [*UPDATES[:3], *WIRE]), (WIRE_TITLE, [*UPDATES, *WIRE])]
    for article, (_, paragraphs) in zip(sorted(_wire_site(tmp_path / "wiresite", pages), key=lambda a: a.path), pages):
        assert article.body.split("\n") == paragraphs


def test_copies_of_one_wire_story_under_different_headlines_keep_their_paragraphs(tmp_path):
    # The same wire story re-headlined three times by one site: three "different articles", but
    # dropping the shared paragraphs would take each whole — the guard leaves them whole.
    titles = [WIRE_TITLE, "Storms cut power to thousands in Ohio Valley", "80,000 lose power as overnight storms sweep Midwest"]
    pages = [(titles[0], WIRE), (titles[1], WIRE), (titles[2], [*WIRE, UPDATES[0]])]
    for article, (_, paragraphs) in zip(sorted(_wire_site(tmp_path / "wiresite", pages), key=lambda a: a.path), pages):
        assert article.body.split("\n") == paragraphs


def test_several_outlets_in_one_folder_keep_the_wire_paragraph_they_share(tmp_path):
    # A user's folder of the day's articles from several outlets, without URLs: three outlets print
    # the same wire paragraph inside their own reporting, under their own headlines. That is shared
    # reporting (what consensus counts), not one site's furniture: the outlet keeps them apart.
    shared = WIRE[1]
    outlets = {"Dayton Daily News": UPDATES[:2], "Cincinnati Enquirer": UPDATES[2:4], "Indianapolis Star": [UPDATES[4], WIRE[3]]}
    folder = tmp_path / "today"
    folder.mkdir()
    for n, (outlet, own) in enumerate(outlets.items()):
        record = {"title": f"{WIRE_TITLE} ({outlet})", "outlet": outlet, "text": "\n".join([own[0], shared, *own[1:]])}
        (folder / f"{n}.json").write_text(json.dumps(record), encoding="utf-8")
    articles, _ = read_articles([folder], BriefingConfig(), on=DAY)
    assert len(articles) == 3
    assert all(shared in article.body.split("\n") for article in articles)


def test_the_guard_never_takes_more_than_half_an_article():
    # a short brief under a long blurb that three of the site's stories share: dropping the blurb
    # would leave less than half the brief, so the brief stays whole; the long stories lose it
    long_blurb = " ".join([BLURB, NEWSLETTER, BLURB])
    stories = [
        Article(id=f"a{n}", path=f"site/{slug}.txt", title=STORIES[slug][0], body="\n".join([*STORIES[slug][1], long_blurb]))
        for n, slug in enumerate(STORIES)
    ]
    brief = Article(id="b", path="site/brief.txt", title="Road closed", body="\n".join(["Elm Street is closed between 3rd and 5th until Friday.", long_blurb]))
    out = drop_site_boilerplate([*stories, brief])
    assert out[-1] == brief
    assert all(a.body == "\n".join(STORIES[Path(a.path).stem][1]) for a in out[:-1])
    assert [(a.id, a.path, a.title) for a in out] == [(a.id, a.path, a.title) for a in [*stories, brief]]
    assert drop_site_boilerplate(list(reversed([*stories, brief]))) == list(reversed(out))  # order does not matter


def test_the_briefing_and_the_extract_and_cluster_commands_do_not_carry_the_blurb(tmp_path, capsys):
    folder = write_ledger(tmp_path / "springfieldledger")
    briefing = build_briefing([folder], BriefingConfig(min_sources=1), on=DAY)
    assert len(briefing.articles) == 4 and not any(BLURB in a.body for a in briefing.articles)
    assert not any("reader-funded" in s.text for story in briefing.stories for s in story.sentences)
    articles, stories, _ = group_articles([folder], BriefingConfig())
    assert len(stories) == 4  # four stories, not joined by the blurb they share
    assert main(["extract", str(folder)]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(printed) == 4 and not any("reader-funded" in r["text"] or "morning email" in r["text"] for r in printed)
    assert all(STORIES[Path(r["path"]).stem][1][0] in r["text"] for r in printed)
