"""News in any language: each article is read by its own language's rules, and languages are kept apart."""

from __future__ import annotations

import json

import pytest

from briefgen.consensus.claims import article_facts, elements, missing_elements
from briefgen.clean.text import split_sentences
from briefgen.cli import main
from briefgen.cluster.story_graph import same_language_edges
from briefgen.language import detect_language, language_code
from briefgen.editor.fitness import line_fault
from briefgen.model import Article

from .conftest import DAY

GERMAN_PAGE = """<!doctype html><html lang="de"><head><title>Bahn streicht Nachtzüge</title></head><body>
<article><h1>Bahn streicht Nachtzüge</h1>
<p>Die Deutsche Bahn stellt am 30. März 2024 drei Nachtzüge ein. Das teilte das Unternehmen am Freitag in Berlin mit.</p>
<p>Betroffen sind die Verbindungen nach Wien, Zürich und Amsterdam. Fahrgäste sollen ihr Geld zurückbekommen.</p>
</article></body></html>"""

CHINESE = {
    "title": "武汉发布新的防疫措施",
    "outlet": "新华社",
    "text": "武汉市政府周一宣布了新的防疫措施。1985年以来，这是该市最严格的规定！市民可以在网上查询详细信息。",
}


def _extract(tmp_path, capsys, *flags):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bahn.html").write_text(GERMAN_PAGE, encoding="utf-8")
    (folder / "wuhan.json").write_text(json.dumps(CHINESE, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", *flags, str(folder)]) == 0
    return {json.loads(line)["path"].rsplit("/", 1)[-1]: json.loads(line) for line in capsys.readouterr().out.splitlines()}


def test_extract_prints_each_articles_language_and_with_sentences_how_it_was_split(tmp_path, capsys):
    records = _extract(tmp_path, capsys, "--sentences")
    german, chinese = records["bahn.html"], records["wuhan.json"]
    assert german["language"] == "de" and chinese["language"] == "zh"
    # a German date is no sentence end; Chinese sentences end at 。！ with no space after them
    assert german["sentences"] == [
        "Die Deutsche Bahn stellt am 30. März 2024 drei Nachtzüge ein.",
        "Das teilte das Unternehmen am Freitag in Berlin mit.",
        "Betroffen sind die Verbindungen nach Wien, Zürich und Amsterdam.",
        "Fahrgäste sollen ihr Geld zurückbekommen.",
    ]
    assert chinese["sentences"] == ["武汉市政府周一宣布了新的防疫措施。", "1985年以来，这是该市最严格的规定！", "市民可以在网上查询详细信息。"]


def test_extract_without_sentences_leaves_them_out_and_language_forces_one(tmp_path, capsys):
    records = _extract(tmp_path, capsys, "--language", "french")
    assert all("sentences" not in r for r in records.values())
    assert {r["language"] for r in records.values()} == {"fr"}


def test_an_unknown_language_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(tmp_path), "--language", "klingonish"])
    assert exit_.value.code == 2
    assert "unknown language" in capsys.readouterr().err


def test_config_file_key_forces_the_language_of_every_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wuhan.json").write_text(json.dumps(CHINESE, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "briefgen.toml").write_text('[build]\nlanguage = "ja"\nno-store = true\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--config", str(tmp_path / "briefgen.toml"), "--out", str(out), "--date", DAY.isoformat()]) == 0
    articles = json.loads((out / DAY.isoformat() / "briefing.json").read_text("utf-8"))["articles"]
    assert [a["language"] for a in articles] == ["ja"]


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("Der Bundestag hat am Donnerstag ein neues Gesetz zur Rente beschlossen, das im Januar in Kraft tritt.", None, "de"),
        ("Le gouvernement a présenté mercredi un projet de loi sur les retraites, qui sera débattu en juin.", None, "fr"),
        ("Правительство в среду представило законопроект о пенсиях, который рассмотрят в июне.", None, "ru"),
        ("東京都は月曜日、新しい感染対策を発表した。", None, "ja"),
        # a site's English template does not make a German article English
        ("Der Bundestag hat am Donnerstag ein neues Gesetz zur Rente beschlossen, das im Januar in Kraft tritt.", "en", "de"),
        ("OK", None, "en"),  # too little text to tell: the documented default
        ("OK", "pt", "pt"),  # ... or the page's own claim
    ],
)
def test_language_detected_from_the_text_with_the_pages_declared_language_as_a_hint(text, declared, expected):
    assert detect_language(text, declared) == expected


def test_language_names_and_tags_are_read_as_codes():
    assert [language_code(v) for v in ("German", "de", "de-AT", "pt_BR", "chinese")] == ["de", "de", "de", "pt", "zh"]


def test_splitting_by_language_rules():
    assert split_sentences("Согласно ч. 1 ст. 259 УК РФ он виновен. Суд вынес решение.", "ru") == [
        "Согласно ч. 1 ст. 259 УК РФ он виновен.",
        "Суд вынес решение.",
    ]
    assert split_sentences("M. Macron a parlé mardi. Mme Dupont aussi.", "fr") == ["M. Macron a parlé mardi.", "Mme Dupont aussi."]
    assert split_sentences("「そうですか。」と彼は言った。明日は雨でしょう！", "ja") == ["「そうですか。」と彼は言った。", "明日は雨でしょう！"]


def test_chinese_and_japanese_sentences_can_be_briefing_lines():
    assert line_fault("索尼公司将这一下滑归咎于智慧手机销售在新冠肺炎疫情时期下降。") is None
    assert line_fault("「そうですか。」と彼は言った。") is None
    assert line_fault("你知道吗？") == "question"


def test_a_capitalised_german_noun_is_no_name_the_cited_article_must_carry():
    line = "Der Aufsichtsrat der Deutschen Bank verlegt den Sitz nach Frankfurt."
    article = "Die Deutsche Bank zieht um: Das Kontrollgremium der Deutschen Bank beschloss den Umzug nach Frankfurt."
    missing = missing_elements(elements(line, "de"), article_facts(article))
    assert missing == []
    # read as English, "Aufsichtsrat" and "Sitz" would be names the article lacks
    assert {"name der aufsichtsrat", "name sitz"} <= set(missing_elements(elements(line, "en"), article_facts(article)))


def _article(i: str, language: str, title: str, body: str) -> Article:
    return Article(id=i, path=f"{i}.txt", title=title, body=body, outlet=i, language=language)


def test_two_languages_are_one_story_only_on_shared_numbers_and_names():
    english = _article("en", "en", "Quake kills 14 near Izmir", "The AFAD agency said 14 people died and 230 were hurt in Izmir; Ali Yerlikaya spoke.")
    german = _article("de", "de", "Beben bei Izmir: 14 Tote", "Laut AFAD starben 14 Menschen, 230 wurden verletzt. Ali Yerlikaya sprach in Izmir.")
    only_a_name = _article("de2", "de", "Reisen nach Izmir", "Izmir ist im Sommer ein beliebtes Ziel für Urlauber aus Deutschland.")
    # linked on what they share, whatever their words' similarity found; never on a name alone
    assert same_language_edges([(0, 2, 0.5)], [english, german, only_a_name]) == [(0, 1, 1.0)]
    # one language: the similarity's links stand as they are
    assert same_language_edges([(0, 1, 0.5)], [english, english]) == [(0, 1, 0.5)]


QUAKE = [
    ("Associated Press", "en", "Earthquake kills 14 near Izmir in western Turkey",
     "A magnitude 6.1 earthquake struck near Izmir in western Turkey on Sunday, killing at least 14 people and injuring 230, "
     "the disaster agency AFAD said. Interior Minister Ali Yerlikaya said rescue teams were searching collapsed buildings in the "
     "Bayrakli district. President Recep Tayyip Erdogan said the government would rebuild every damaged home."),
    ("Reuters", "en", "Quake near Turkey's Izmir kills at least 14, injures 230",
     "At least 14 people were killed and 230 injured when a magnitude 6.1 earthquake hit near Izmir on Sunday, the AFAD disaster "
     "agency said. Rescue teams were searching collapsed buildings in the Bayrakli district, Interior Minister Ali Yerlikaya said. "
     "President Recep Tayyip Erdogan said the government would rebuild every damaged home."),
    ("Le Monde", "fr", "Un séisme fait 14 morts près d'Izmir, en Turquie",
     "Un séisme de magnitude 6,1 a frappé dimanche la région d'Izmir, dans l'ouest de la Turquie, faisant au moins 14 morts et 230 "
     "blessés, selon l'agence AFAD. Le ministre de l'Intérieur Ali Yerlikaya a indiqué que les secours fouillaient les immeubles "
     "effondrés du quartier de Bayrakli. Le président Recep Tayyip Erdogan a promis de reconstruire chaque maison endommagée."),
    ("Der Spiegel", "de", "Erdbeben bei Izmir: Mindestens 14 Tote",
     "Ein Erdbeben der Stärke 6,1 hat am Sonntag die Region Izmir im Westen der Türkei erschüttert. Mindestens 14 Menschen kamen "
     "ums Leben, 230 wurden verletzt, wie die Katastrophenschutzbehörde AFAD mitteilte. Innenminister Ali Yerlikaya sagte, "
     "Rettungskräfte durchsuchten eingestürzte Gebäude im Stadtteil Bayrakli. Präsident Recep Tayyip Erdogan versprach, jedes "
     "beschädigte Haus wieder aufzubauen."),
]


# The same outlets a day later, on the region's risk: the same names, none of the event's numbers.
RISK = [
    ("Le Monde", "fr", "Izmir face au risque sismique",
     "Après le séisme, le président Recep Tayyip Erdogan et l'agence AFAD veulent renforcer les immeubles d'Izmir. Le ministre "
     "Ali Yerlikaya promet un plan pour le quartier de Bayrakli, où de nombreux bâtiments anciens restent fragiles."),
    ("Der Spiegel", "de", "Izmir und die Angst vor dem nächsten Beben",
     "Präsident Recep Tayyip Erdogan und die Behörde AFAD wollen die Gebäude in Izmir sicherer machen. Innenminister Ali "
     "Yerlikaya kündigte einen Plan für den Stadtteil Bayrakli an, wo viele alte Häuser als gefährdet gelten."),
]


def _quake_day(tmp_path, same_event: bool) -> dict:
    folder = tmp_path / "in"
    folder.mkdir()
    reports = QUAKE if same_event else QUAKE[:2] + RISK
    records = [{"title": t, "text": body, "outlet": outlet, "published": DAY.isoformat()} for outlet, _, t, body in reports]
    (folder / "quake.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--date", DAY.isoformat(), "--no-store"]) == 0
    return json.loads((out / DAY.isoformat() / "briefing.json").read_text("utf-8"))


@pytest.mark.parametrize("same_event", [True, False])
def test_a_cross_language_day_keeps_support_within_one_language(tmp_path, same_event):
    """One event in English, French and German: the French and German reports share the English
    ones' numbers (14, 230, 6.1) and names (Izmir, AFAD, Yerlikaya), so they join its story, shown as
    "also covered", never as support. Pieces on the same place and people without the event's
    numbers stay stories of their own."""
    briefing = _quake_day(tmp_path, same_event)
    language_of = {a["id"]: a["language"] for a in briefing["articles"]}
    assert sorted(language_of.values()) == ["de", "en", "en", "fr"]
    english = next(s for s in briefing["stories"] if "Associated Press" in s["outlets"])
    # the English story is told and supported by the English outlets alone
    assert english["outlets"] == ["Associated Press", "Reuters"]
    assert english["sentences"] and all(s["support"] == 2 for s in english["sentences"])
    cited = {c["article"] for s in briefing["stories"] for line in s["sentences"] for c in line["sources"]}
    assert {language_of[i] for i in cited} == {"en"}
    for story in briefing["stories"]:
        assert len({language_of[c["article"]] for line in story["sentences"] + story["by_outlet"] for c in line["sources"]}) <= 1
    if same_event:
        assert len(briefing["stories"]) == 1
        assert english["also_covered"] == [{"language": "de", "outlets": ["Der Spiegel"]}, {"language": "fr", "outlets": ["Le Monde"]}]
    else:
        assert "also_covered" not in english
        assert sorted(s["outlets"] for s in briefing["stories"]) == [["Associated Press", "Reuters"], ["Der Spiegel"], ["Le Monde"]]


def test_other_language_outlets_are_named_apart_in_every_format(tmp_path):
    _quake_day(tmp_path, same_event=True)
    day = tmp_path / "out" / DAY.isoformat()
    for name in ("briefing.md", "briefing.html", "briefing.txt"):
        text = (day / name).read_text("utf-8")
        assert "Also covered in German by Der Spiegel" in text and "Also covered in French by Le Monde" in text, name
    assert "Reported by 2 independent outlets" in (day / "briefing.md").read_text("utf-8")
