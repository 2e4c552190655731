"""Page furniture is judged by its form whatever its letter case: each rule still fires once its
search only runs on lines that hold the word or sign it needs."""

from __future__ import annotations

import pytest

from briefgen.clean.text import _is_junk, looks_like_prose, word_count


@pytest.mark.parametrize(
    "line",
    [
        "Jane Doe is a politics reporter for the Daily Planet.",
        "The Associated Press CONTRIBUTED to this report.",
        "Photo credit: Jane Doe",
        "Write to the desk at tips@example.com or follow us on X.",
        "Home > News > World",
        "COPYRIGHT 2024 Example Media. All Rights Reserved.",
        "This story Originally Appeared On Example News.",
        "A crowd gathers outside the court. (AP Photo/John Smith)",
        "Firefighters at the scene on Monday. Getty Images",
        "Sign Up for our morning briefing.",
        "Get the Newsletter delivered to your inbox every morning.",
    ],
)
def test_page_furniture_is_junk_in_any_letter_case(line):
    assert _is_junk(line, word_count(line))


def test_a_prose_line_with_a_colon_and_a_date_is_not_junk():
    line = "The minister said on Tuesday: the talks will resume in March, first in Geneva and then in Vienna."
    assert not _is_junk(line, word_count(line))
    assert looks_like_prose(line)
