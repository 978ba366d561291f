"""Normalising, fuzzy matching and sentence splitting (rules/_text.py)."""
import pytest

from rules._text import contains_most_of, first_sentence, nearly_equal, normalise, quote, similarity


@pytest.mark.parametrize("a, b", [
    ("“Don’t panic” — he said", '"Don\'t panic" - he said'),   # typographic quotes and dashes
    ("Storm  closes\nschools.", "storm closes schools"),          # whitespace, case, punctuation
    ("ＡＢＣ１２３", "abc123"),                                     # full-width forms (NFKC)
    ("Straße", "STRASSE"),                                         # casefold, not lower
    ("Wohn\u00adungs\u200bbau", "Wohnungsbau"),                    # soft hyphen, zero-width space
    ("Le président à l’Élysée.", "le président à l'élysée"),       # accents are kept, apostrophes too
    ("习近平在北京。", "习近平在北京"),                              # CJK punctuation
    ("Ceny energií « rostou »", "ceny energií rostou"),
])
def test_normalise_makes_equivalent_texts_equal(a, b):
    assert normalise(a) == normalise(b)


def test_normalise_keeps_letters_and_digits_apart_from_punctuation():
    assert normalise("A-10 jets, 2024!") == "a 10 jets 2024"
    assert normalise("  …  ") == ""
    assert normalise(None) == ""


def test_similarity_is_character_based_so_it_works_without_spaces():
    assert similarity("北京天安门广场", "北京天安门广场") == 1.0
    assert 0.8 < similarity("北京天安门广场的游客", "北京天安门广场游客") < 1.0


# Around the default threshold of 0.9: ratio = 2*matched / (len a + len b), on normalised text.
CAPTION = "Firefighters battle a blaze near Athens on Tuesday"  # 50 characters normalised


@pytest.mark.parametrize("alt, expected", [
    (CAPTION, True),
    ("Firefighters battle a blaze near Athens on Tuesday.", True),     # punctuation only
    ("Firefighters battle the blaze near Athens on Tuesday", True),    # one word changed: 0.96
    ("Firefighters battle a blaze near Athens on Monday", True),       # 0.93
    ("Firefighters battle a blaze near Athens", False),                 # clause dropped: 0.88
    ("Firefighters battle a blaze near Athens, Greece, on Tuesday", True),   # place added: 0.94
    ("Police guard the entrance of parliament near Athens on Tuesday", False),
    ("Two firefighters aim a hose at burning pine trees", False),
])
def test_nearly_equal_at_the_default_threshold(alt, expected):
    assert nearly_equal(alt, CAPTION, 0.9) is expected


def test_threshold_boundary_is_inclusive():
    a, b = "abcdefghij", "abcdefghix"  # 9 of 10 characters in common: ratio exactly 0.9
    assert similarity(a, b) == pytest.approx(0.9)
    assert nearly_equal(a, b, 0.9)
    assert not nearly_equal(a, b, 0.91)


def test_empty_texts_never_match():
    assert not nearly_equal("", "", 0.9)
    assert not nearly_equal("...", "…", 0.9)


@pytest.mark.parametrize("text, first", [
    ("Mr. Smith and Dr. J. Jones visit the U.S. Capitol on Monday. The visit was brief.",
     "Mr. Smith and Dr. J. Jones visit the U.S. Capitol on Monday."),
    ("Fans cheer on Jan. 5 in Rio! More later.", "Fans cheer on Jan. 5 in Rio!"),
    ("Is this the end? Nobody knows.", "Is this the end?"),
    ("He said “stop.” Then he left.", "He said “stop.”"),
    ("Die Polizei sperrt den Platz. Viele Menschen warten.", "Die Polizei sperrt den Platz."),
    ("习近平在北京出席会议。这是会议现场。", "习近平在北京出席会议。"),
    ("No full stop at all", "No full stop at all"),
    ("Prices rose 2.5 percent in May. Analysts expected less.", "Prices rose 2.5 percent in May."),
])
def test_first_sentence(text, first):
    assert first_sentence(text) == first


def test_contains_most_of_needs_three_words_or_six_cjk_characters():
    assert contains_most_of("Storm closes schools", "Storm Ciarán closes hundreds of schools in Cornwall")
    assert not contains_most_of("Politics", "Politics live: the budget in full")
    assert not contains_most_of("Daily News today", "Storm closes schools")
    assert contains_most_of("北京暴雨致多所学校停课", "快讯：北京暴雨致多所学校停课")
    assert not contains_most_of("北京", "北京暴雨致多所学校停课")


def test_quote_shortens_long_text():
    assert quote("  a   b ") == '"a b"'
    assert quote("x" * 200, 10) == '"' + "x" * 9 + '…"'
