"""The cleaner on the real sample articles and on common news-page boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import clean_text, first_line_title, is_boilerplate

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
ALL_ARTICLES = [
    "000_c6163367c393dec7.txt",
    "001_767c62ebf6c862b6.txt",
    "002_36c1dfcd41f0ec4b.txt",
    "003_714dff02719f62a1.txt",
    "004_d93988ce8cf4e7ce.txt",
]


def raw(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def cleaned(name: str) -> str:
    return clean_text(raw(name))


def real_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- the five sample articles -------------------------------------------------------------


def test_source_link_and_hashtag_metadata_lines_are_gone() -> None:
    text = cleaned("001_767c62ebf6c862b6.txt")
    assert "Source link" in raw("001_767c62ebf6c862b6.txt")
    assert "Source link" not in text
    assert "#USA" not in text
    assert "#Ukraine" not in text
    assert "1739919178" not in text
    assert "the-usa-and-russia-agree-to-put-the-foundations" not in text


def test_comment_form_prompts_are_gone() -> None:
    text = cleaned("001_767c62ebf6c862b6.txt")
    assert "Leave a Reply" not in text
    assert "Your email address will not be published" not in text
    assert "Required fields are marked" not in text


def test_last_real_paragraph_before_the_footer_survives() -> None:
    text = cleaned("001_767c62ebf6c862b6.txt")
    assert text.endswith(
        "Additional reports conducted by Anastasia Stognei in Berlin, Ayla Jean Yack in Istanbul, "
        "Henry Foy in Brussels, Leila Abboud in Paris and George Parker in London"
    )
    assert (
        "“We don’t want the peace to mediate behind the scenes without our commitment,” "
        "said the Ukrainian president. “Peace cannot be achieved without Ukraine.”"
    ) in text


def test_headline_and_photo_caption_stay_as_their_own_paragraphs() -> None:
    paragraphs = cleaned("001_767c62ebf6c862b6.txt").split("\n\n")
    assert paragraphs[0] == (
        "The USA and Russia agree to “put the foundations” for the end of the war in Ukraine"
    )
    assert paragraphs[1].startswith("From left to right: US Middle East envoy Steve Witkoff")
    assert paragraphs[2].startswith("Russia and the US agreed to “put the foundations")
    caption = next(p for p in paragraphs if p.startswith("Turkey President Recep"))
    assert caption.splitlines()[1].startswith("Turkish president Recep Tayyip Erdoğan, left")


def test_paragraph_count_matches_the_source_less_the_footer() -> None:
    source_blocks = [b for b in raw("001_767c62ebf6c862b6.txt").split("\n\n") if b.strip()]
    footer = {"Source link", "Leave a Reply", "Your email address will not be published."}
    kept = [b for b in source_blocks if not any(b.strip().startswith(f) for f in footer)]
    kept = [b for b in kept if not b.strip().startswith(", , #USA")]
    assert len(cleaned("001_767c62ebf6c862b6.txt").split("\n\n")) == len(kept)


def test_impact_shorts_widget_is_dropped_whole() -> None:
    text = cleaned("002_36c1dfcd41f0ec4b.txt")
    assert "Impact Shorts" not in text
    assert "More Shorts" not in text
    assert "In 2008, Russia invaded Georgia and occupied 20 per cent of its territory." not in text


def test_sentences_around_the_widget_survive_and_become_neighbours() -> None:
    lines = cleaned("002_36c1dfcd41f0ec4b.txt").splitlines()
    before = next(
        i
        for i, line in enumerate(lines)
        if line.endswith("Russia has long used it as pretext for aggression.")
    )
    assert lines[before + 1] == (
        "Zakharova further said , “Ukraine’s membership in NATO… is unacceptable for us. This "
        "creates serious threats to our security and will lead to catastrophic consequences for "
        "all of Europe.”"
    )


def test_lone_punctuation_lines_are_dropped() -> None:
    text = cleaned("002_36c1dfcd41f0ec4b.txt")
    assert raw("002_36c1dfcd41f0ec4b.txt").count("\n)\n") >= 5
    assert all(any(ch.isalnum() for ch in line) for line in text.splitlines() if line)
    assert text.endswith(
        "freezing battlefield at the time of negotiations, and demilitarising Ukraine’s "
        "border areas."
    )


def test_related_story_link_line_is_dropped_but_its_neighbours_kept() -> None:
    lines = cleaned("000_c6163367c393dec7.txt").splitlines()
    assert not any(line.startswith("Learn Extra:") for line in lines)
    expected = [
        line
        for line in real_lines(raw("000_c6163367c393dec7.txt"))
        if not line.startswith("Learn Extra:")
    ]
    assert lines == expected


@pytest.mark.parametrize("name", ["003_714dff02719f62a1.txt", "004_d93988ce8cf4e7ce.txt"])
def test_articles_without_boilerplate_keep_every_line(name: str) -> None:
    assert cleaned(name).splitlines() == real_lines(raw(name))


def test_line_per_paragraph_layout_is_kept() -> None:
    text = cleaned("003_714dff02719f62a1.txt")
    assert "\n\n" not in text
    assert text.splitlines()[0] == (
        "US, Russian officials to meet again within 2 weeks to discuss ending Ukraine war, "
        "Russia says"
    )
    assert "Negotiations in Saudi Arabia" in text.splitlines()


@pytest.mark.parametrize("name", ALL_ARTICLES)
def test_cleaning_is_idempotent(name: str) -> None:
    once = cleaned(name)
    assert clean_text(once) == once


@pytest.mark.parametrize("name", ALL_ARTICLES)
def test_output_layout(name: str) -> None:
    text = cleaned(name)
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert all(line == line.strip() and "  " not in line for line in text.splitlines())


# --- generic boilerplate --------------------------------------------------------------------

BOILERPLATE = [
    "Share this article",
    "Share",
    "SHARE THIS STORY",
    "Share on Facebook",
    "Share on Twitter",
    "Share on X",
    "Share on WhatsApp",
    "Click to share on Twitter (Opens in new window)",
    "Follow us on Twitter, Facebook and Instagram",
    "Sign up for our newsletter",
    "Sign up to our daily briefing newsletter for the top stories",
    "Subscribe",
    "Subscribe now »",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Read more: Europe scrambles to respond to US-Russia talks",
    "Read More »",
    "Related: Zelensky postpones Saudi visit",
    "Also read: What the Riyadh meeting means",
    "Comments",
    "12 Comments",
    "Post a comment",
    "Join the conversation",
    "Print",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Accept all cookies",
    "© 2025 Example News. All rights reserved.",
    "Copyright 2025 Example Media Group",
    "All Rights Reserved.",
    "#Ukraine #Russia #Peace",
    "* * *",
    "—",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_whole_line_boilerplate_is_removed_between_real_paragraphs(line: str) -> None:
    text = f"Talks began in Riyadh on Tuesday.\n\n{line}\n\nThe meeting lasted four hours."
    assert clean_text(text) == "Talks began in Riyadh on Tuesday.\n\nThe meeting lasted four hours."


REAL_SENTENCES = [
    "Russia's share of the market grew.",
    "Share prices in Moscow fell 3% on the news.",
    "Comments from the minister were not welcome in Kyiv.",
    "Readers left 300 comments on the report within an hour.",
    "Print media in Ukraine continued to operate.",
    "Advertisement revenue fell sharply in 2024.",
    "Related talks will be held in Istanbul next month.",
    "Read more about the history of the alliance in the annex.",
    "Subscribers to the service were notified on Monday.",
    "Follow-up talks are planned within two weeks.",
    "The court ruled that the photographs' copyright belonged to the agency.",
    "Source: Reuters",
]


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_real_sentences_mentioning_boilerplate_words_are_kept(sentence: str) -> None:
    assert not is_boilerplate(sentence)
    assert (
        clean_text(f"First line.\n{sentence}\nLast line.") == f"First line.\n{sentence}\nLast line."
    )


def test_a_long_paragraph_is_never_taken_for_boilerplate() -> None:
    long_line = "Share this article " + "with the council, the minister said, " * 20
    assert clean_text(long_line) == long_line.strip()


def test_a_long_paragraph_opening_with_hashtags_is_prose() -> None:
    line = "#MeToo #TimesUp campaigners said " + "the ruling would change workplaces, " * 10
    assert clean_text(line) == line.strip()


def test_whitespace_is_collapsed_and_paragraphs_separated_by_one_blank_line() -> None:
    text = "  First   line\twith\u00a0gaps  \nsecond line\n\n\n\n  \nNext paragraph.  \n\n"
    assert clean_text(text) == "First line with gaps\nsecond line\n\nNext paragraph."


def test_windows_and_old_mac_line_endings_split_lines() -> None:
    assert clean_text("One.\r\nTwo.\r\rThree.") == "One.\nTwo.\n\nThree."


def test_empty_and_boilerplate_only_text_cleans_to_empty() -> None:
    assert clean_text("") == ""
    assert clean_text("Share this article\n\nAdvertisement\n)\n") == ""


def test_boilerplate_can_be_kept_when_asked() -> None:
    text = "We use cookies to enhance your experience."
    assert clean_text(text) == ""
    assert clean_text(text, drop_boilerplate=False) == text


def test_first_line_title_is_cut_at_a_word_boundary() -> None:
    line = "word " * 60
    title = first_line_title(f"\n\n{line}\nsecond line")
    assert len(title) <= 100
    assert title.endswith("word…")
    assert line.startswith(title[:-1])
    assert first_line_title("Short headline\nbody") == "Short headline"


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a dev dependency
    given = None

if given is not None:
    _LINES = st.lists(
        st.one_of(
            st.sampled_from(BOILERPLATE + REAL_SENTENCES + ["", " ", ")", "\t"]),
            st.text(max_size=40),
        ),
        max_size=12,
    ).map("\n".join)

    @settings(max_examples=300, deadline=None)
    @given(_LINES)
    def test_cleaning_any_text_is_idempotent_and_tidy(text: str) -> None:
        once = clean_text(text)
        assert clean_text(once) == once
        assert once == once.strip()
        assert "\n\n\n" not in once
