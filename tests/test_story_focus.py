"""A story's outlets report that story: an article on another story of the same topic (another game,
a buying guide, another model of a product, a business deal in the same city) is not grouped with
it, while the earlier and later developments of one story stay together."""

from __future__ import annotations

from briefgen import BriefingConfig
from briefgen.cluster.story_graph import cluster_articles
from briefgen.model import Article
from briefgen.cluster.story_focus import focus_of, name_heads, same_story

WITHOUT_FOCUS = BriefingConfig(story_focus=False)  # TF-IDF similarity alone, as grouping was before


def article(key: str, title: str, body: str, outlet: str, published: str = "2026-03-02") -> Article:
    return Article(id=key, path=f"{key}.txt", title=title, body=body, outlet=outlet, published=published)


def groups(articles: list[Article], config: BriefingConfig = BriefingConfig()) -> list[list[str]]:
    return sorted(sorted(s.article_ids) for s in cluster_articles(articles, config))


# Two recaps of one night's game between the Harbor Hawks and the Ridge Lions, and a league round-up
# of another game (the Lions' rivals, the Valley Bears, against the Coast Pirates) that sums up the
# Hawks–Lions game in a line.
HAWKS_RECAP = article(
    "hawks1",
    "Marko Dalen scores twice as Hawks beat Lions 4-1",
    "Marko Dalen scored twice in the first period and the Harbor Hawks beat the Ridge Lions 4-1 on "
    "Tuesday night at Bayfront Arena. Dalen, who had scored once in his previous ten games, now has "
    "four goals in three games. Hawks coach Petra Lunde said Dalen was finding his confidence again. "
    "Goalie Ivo Sand made 30 saves for the Hawks. Lions forward Tomas Reyes scored the only goal for "
    "the Lions, who have lost six of their last eight games. The Hawks play the Bears on Thursday.",
    "Harbor Gazette",
)
HAWKS_RECAP_AGAIN = article(
    "hawks2",
    "Dalen's two goals lift Hawks past Lions",
    "Marko Dalen scored two goals and Ivo Sand stopped 30 shots as the Harbor Hawks beat the Ridge "
    "Lions 4-1 on Tuesday. Dalen's goals in the first period gave the Hawks a lead they never gave up. "
    "Coach Petra Lunde praised the veteran winger. Tomas Reyes scored for the Lions, who are winless in "
    "three games on the road. The Hawks have won three in a row and host the Bears on Thursday night.",
    "Wire Service",
)
BEARS_ROUNDUP = article(
    "bears",
    "Okafor's overtime goal lifts Bears past Pirates",
    "Jonas Okafor scored 2:55 into overtime and the Valley Bears beat the Coast Pirates 5-4 on Tuesday "
    "night to extend their unbeaten streak to 12 games. The Bears trailed by two goals late in the "
    "third period before Okafor and Lars Brenner scored to force overtime. Okafor tapped in a rebound "
    "for the winner, his sixth goal of the season. Bears goalie Sam Ortiz made 27 saves. "
    "Hawks 4, Lions 1: Marko Dalen scored twice and Ivo Sand made 30 saves as the Harbor Hawks beat the "
    "Ridge Lions. Tomas Reyes scored for the Lions, who have lost six of eight.",
    "Wire Service Sports",
)


def test_a_recap_of_another_game_is_not_one_of_the_games_outlets():
    assert groups([HAWKS_RECAP, HAWKS_RECAP_AGAIN, BEARS_ROUNDUP]) == [["bears"], ["hawks1", "hawks2"]]


def test_without_the_focus_check_the_other_game_joins_the_story():
    # the invented articles do make the mistake the focus check prevents
    assert ["bears", "hawks1", "hawks2"] in groups([HAWKS_RECAP, HAWKS_RECAP_AGAIN, BEARS_ROUNDUP], WITHOUT_FOCUS)


# A service's launch reported by two outlets, and a buying guide to such services that covers it.
LAUNCH = article(
    "launch1",
    "Acme launches Zephyr game streaming service in 14 countries",
    "Acme launched Zephyr, its game streaming service, on Tuesday in 14 countries. Zephyr streams games "
    "to phones, laptops and televisions without a console, for a monthly subscription of $10. Acme said "
    "Zephyr launches with 22 games and will add more next year. Analysts said Acme faces a test of "
    "whether players will pay for streaming over home internet connections. Zephyr's controller costs "
    "$69, and Acme said early buyers had reported delays in receiving their access codes.",
    "Tech Daily",
)
LAUNCH_AGAIN = article(
    "launch2",
    "Acme's Zephyr streaming service goes live with 22 games",
    "Acme's game streaming service Zephyr went live on Tuesday in 14 countries with 22 games, a "
    "monthly subscription of $10 and a $69 controller. Acme says Zephyr plays games on phones, "
    "laptops and televisions with no console. Some early buyers said their access codes arrived late, "
    "and Acme said it was sending the rest. Reviewers said Zephyr worked well on fast connections.",
    "Business Wire Review",
)
GUIDE = article(
    "guide",
    "Best game streaming services: Vortex vs Nimbus vs Zephyr",
    "Game streaming lets you play without a console, and there are now three services to choose from. "
    "Vortex is the oldest: Vortex has 200 games, costs $15 a month, and Vortex runs on most televisions. "
    "Nimbus is the cheapest at $5 a month; Nimbus streams in lower resolution, but Nimbus works on "
    "older phones. Nimbus also has a free tier. Zephyr, from Acme, launched this week with 22 games for "
    "$10 a month and a $69 controller. Vortex remains our pick for most players, with Nimbus the best "
    "value. Prices and game libraries change often, so check each service before you subscribe.",
    "Gadget Guide",
)


def test_a_buying_guide_is_not_one_of_the_launch_storys_outlets():
    assert groups([LAUNCH, LAUNCH_AGAIN, GUIDE]) == [["guide"], ["launch1", "launch2"]]


def test_without_the_focus_check_the_guide_joins_the_launch():
    assert ["guide", "launch1", "launch2"] in groups([LAUNCH, LAUNCH_AGAIN, GUIDE], WITHOUT_FOCUS)


# A rumour about the smaller model of a laptop, and a teardown of its new bigger sibling.
RUMOUR = article(
    "rumour",
    "13-inch Voltbook Pro with new keyboard expected next spring",
    "Volt will release a 13-inch Voltbook Pro with a new scissor keyboard next spring, according to a "
    "report from suppliers. The new 16-inch Voltbook Pro already has the keyboard, which replaced a "
    "design that drew complaints about stuck keys. The 13-inch Voltbook Pro will keep its screen size, "
    "the report said. Volt did not comment. The 16-inch Voltbook Pro went on sale last week.",
    "Volt Rumors",
)
TEARDOWN = article(
    "teardown",
    "Teardown: the new Voltbook Pro brings back old favourites",
    "The teardown of the new 16-inch Voltbook Pro is done. The 16-inch Voltbook Pro looks much like the "
    "old 15-inch Voltbook Pro, with a bigger screen, a bigger battery and a scissor keyboard in place "
    "of the design that drew complaints about stuck keys. Volt brought back a physical escape key. The "
    "16-inch Voltbook Pro starts at $2,400, and its keyboard is easier to repair, the teardown found.",
    "Fix Blog",
)


def test_a_review_of_another_model_is_not_one_story_with_the_rumour():
    assert groups([RUMOUR, TEARDOWN]) == [["rumour"], ["teardown"]]
    assert ["rumour", "teardown"] in groups([RUMOUR, TEARDOWN], WITHOUT_FOCUS)


# A storm's first day and its second: new figures, the same storm, places and people.
STORM_DAY_ONE = article(
    "storm1",
    "Storm Zelda hits Port Aven, three dead",
    "Storm Zelda struck Port Aven on Monday with winds of 140 km/h, killing three people and cutting "
    "power to 40,000 homes, Governor Ana Ruiz said. Ruiz declared an emergency across Aven County and "
    "asked residents of the coast to leave. The storm flooded the harbour district and closed the "
    "airport. The weather service said Zelda would weaken as it moved inland on Tuesday.",
    "Coast News",
    "2026-03-02",
)
STORM_DAY_TWO = article(
    "storm2",
    "Storm Zelda death toll rises to 12 as Port Aven begins clean-up",
    "The death toll from Storm Zelda rose to 12 on Tuesday as Port Aven began clearing the harbour "
    "district, Governor Ana Ruiz said. Power was back for half of the 40,000 homes that lost it in Aven "
    "County. Ruiz said the airport would reopen on Wednesday. Zelda weakened as it moved inland, and the "
    "weather service lifted its warnings. President Ola Brandt said federal aid was on its way.",
    "National Wire",
    "2026-03-03",
)


def test_a_storys_day_one_and_day_two_stay_one_story():
    assert groups([STORM_DAY_ONE, STORM_DAY_TWO, HAWKS_RECAP]) == [["hawks1"], ["storm1", "storm2"]]


def test_the_same_story_in_other_words_stays_together():
    assert same_story(focus_of(HAWKS_RECAP), focus_of(HAWKS_RECAP_AGAIN))
    assert same_story(focus_of(LAUNCH), focus_of(LAUNCH_AGAIN))


def test_a_name_is_a_run_of_capitals_and_not_a_sentences_first_word():
    heads = name_heads("The Harbor Hawks beat the Ridge Lions. Then Marko Dalen said the Lions were tired.")
    assert heads == ["hawk", "lion", "dalen", "lion"]  # "Then" opens a sentence; "The" is no name


def test_a_headline_alone_is_not_judged():
    headline = article("h", "Storm Zelda hits Port Aven", "", "Wire")
    assert same_story(focus_of(headline), focus_of(BEARS_ROUNDUP))


def test_a_model_is_a_name_with_its_number_and_a_score_is_not():
    from briefgen.cluster.story_focus import models_named

    text = "The new 16-inch MacBook Pro, the iPhone 11 and the Watch Series 3. The Hawks beat the Lions 4-1 on March 3."
    assert set(models_named(text)) == {("macbook", "16"), ("iphone", "11"), ("serie", "3")}


def test_derived_forms_of_a_name_count_as_the_name():
    from briefgen.cluster.story_focus import names

    assert names(("britain", "london"), "british") and names(("china",), "chinese")
    assert not names(("hong", "kong"), "alibaba")
