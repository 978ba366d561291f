"""Text helpers shared by the rules: normalising, fuzzy matching, sentences, quoting.

Every comparison between two pieces of page text (alt and caption, h1 and headline, link text and a
word list) goes through ``normalise`` so that case, spacing, punctuation, typographic quotes and
dashes, and Unicode compatibility forms never decide a verdict. It works on any script: it keeps
letters, digits and combining marks of every language and drops only punctuation and symbols.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Unicode categories: P* punctuation (including every quote and dash), S* symbols (©, →, »),
# Z* separators and Cc controls become a space; Cf format characters (soft hyphen, zero-width
# space and joiners) disappear, because they sit inside words.
_SPACE_CATEGORIES = ("P", "S", "Z")
# The most characters a fuzzy comparison looks at (see ``similarity``).
COMPARE_MAX = 400
# The most characters of any one page text the rules read. The collector sends at most 4,000
# (docs/facts.md); this bounds the work of every rule even on a snapshot built by hand.
TEXT_MAX = 20_000


def _table(text: str, space: bool) -> dict[int, str | None]:
    """A str.translate table for the distinct characters of ``text``: Cf removed and, with
    ``space``, punctuation, symbols, separators and controls made spaces. Built per text from its
    distinct characters, so that a long text costs C-speed passes, not one Python step a character."""
    table: dict[int, str | None] = {}
    for char in set(text):
        category = unicodedata.category(char)
        if category == "Cf":
            table[ord(char)] = None
        elif space and (category[0] in _SPACE_CATEGORIES or category == "Cc"):
            table[ord(char)] = " "
    return table


def normalise(text: str | None) -> str:
    """Casefolded NFKC text with punctuation and symbols turned into single spaces."""
    text = unicodedata.normalize("NFKC", (text or "")[:TEXT_MAX]).casefold()
    table = _table(text, space=True)
    return " ".join((text.translate(table) if table else text).split())


def collapse(text: str | None) -> str:
    """NFKC text with runs of whitespace collapsed: for quoting, not for comparing."""
    text = unicodedata.normalize("NFKC", (text or "")[:TEXT_MAX])
    table = _table(text, space=False)
    return " ".join((text.translate(table) if table else text).split())


def similarity(a: str, b: str) -> float:
    """Character-level similarity of two already normalised texts, 0.0 to 1.0.

    ``difflib.SequenceMatcher.ratio`` is 2·M/T, M the characters matched in order and T the total
    length of both. Characters rather than words, so that Chinese (no spaces) and German compounds
    are compared as fairly as English.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    # SequenceMatcher is quadratic; alts and captions are rarely longer than this, and longer
    # page text is compared by its beginning.
    a, b = a[:COMPARE_MAX], b[:COMPARE_MAX]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio()


def nearly_equal(a: str | None, b: str | None, threshold: float) -> bool:
    """True when two texts are the same after ``normalise``, or at least ``threshold`` similar.

    Why 0.9 (RuleSettings.caption_match_threshold): against a 50-character caption ("Firefighters
    battle a blaze near Athens on Tuesday") it accepts the edits that still make a screen reader say
    the same thing twice: a typo, "the" for "a" (0.96), another weekday (0.93), an added ", Greece,"
    (0.94). It refuses an alt that drops a clause (" on Tuesday" gone: 0.88), the caption's first
    sentence of a longer caption (what the suggestion proposes), and a different description in the
    same words ("Police guard the entrance of parliament in Prague on Monday" against "Protesters
    gather outside parliament in Prague on Monday": 0.75). Lower, the rule starts to flag alts that
    share only a place and a date with the caption; a moderate finding must not cry wolf.
    """
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    if a == b:
        return True
    # The length bound is cheap and exact: ratio can never exceed 2·min/(len a + len b).
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
        return False
    return similarity(a, b) >= threshold


def _is_cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or "\uf900" <= char <= "\ufaff"


def contains_most_of(part: str | None, whole: str | None, share: float = 0.85) -> bool:
    """True when ``whole`` holds at least ``share`` of ``part`` and ``part`` is substantial.

    Spaced scripts are compared by words (at least three of them, so that a one-word section name
    such as "Politics" never counts as contained in a headline); Chinese, Japanese and Korean by runs
    of two or more characters (at least six characters), since single characters match too easily.
    """
    part, whole = normalise(part), normalise(whole)
    if not part or not whole:
        return False
    if sum(map(_is_cjk, part)) >= len(part) / 2:
        if len(part) < 6:
            return False
        part, whole = part[:COMPARE_MAX], whole[:4 * COMPARE_MAX]
        matcher = SequenceMatcher(None, part, whole, autojunk=False)
        found = sum(b.size for b in matcher.get_matching_blocks() if b.size >= 2)
        return found / len(part) >= share
    words, whole_words = part.split(), set(whole.split())
    if len(words) < 3:
        return False
    return sum(w in whole_words for w in words) / len(words) >= share


# Words after which a full stop does not end a sentence (titles, months, initials handled apart).
_ABBREVIATIONS = frozenset("""
mr mrs ms dr st jr sr prof gen gov sen rep lt col sgt capt cpl adm maj pres rev hon fr
jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc corp co ltd ave mt ft approx
u.s u.k u.n e.u d.c sra dra srta hr frau nr bzw ca mme mlle m mgr ing sv
""".split())
# Each run of stops is tried once, from its start (the lookbehinds), so a page of "....." stays linear.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s)|(?<![。！？])[。！？]++[”’」』)）]*+")
_SPACES = re.compile(r"\s*")


def _word_before(text: str, end: int) -> str:
    """The word that ends at ``end`` (looking back a bounded distance, so the scan stays linear)."""
    window = text[max(0, end - 40):end]
    return window.split()[-1] if window.split() else ""


def first_sentence(text: str) -> str:
    """The first sentence of ``text``: up to the first full stop that is not an abbreviation or an
    initial and is followed by something that does not start in lower case."""
    text = collapse(text)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith(("。", "！", "？")):
            return text[:end].strip()
        word = _word_before(text, match.start()).casefold().rstrip(".")
        if match.group().startswith(".") and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        after = _SPACES.match(text, end).end()
        if text[after:after + 1].islower():
            continue
        return text[:end].strip()
    return text.strip()


def quote(text: str | None, limit: int = 120) -> str:
    """Evidence for a message: the text in double quotes, shortened with an ellipsis."""
    text = collapse(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f'"{text}"'
