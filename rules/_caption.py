"""From a photo caption to a proposed alt text.

The proposal is the caption's first sentence with the credit, the dateline and positional or archive
asides removed: "WASHINGTON (AP) — President Biden, left, greets … on Tuesday. The visit was …
(AP Photo/Evan Vucci)" becomes "President Biden greets … on Tuesday."
"""
from __future__ import annotations

import re

from ._credit import strip_credit
from ._text import collapse, first_sentence

_UPPER = "A-ZÀ-ÖØ-ÞČŘŠŽ"
# "WASHINGTON (AP) — ", "PARIS, France — ", "KYIV, Ukraine - ", "WASHINGTON, DC - JANUARY 05: ",
# "Berlin (dpa) - ", "FILE - ". A dateline starts with an all-capitals word of three letters or more
# (so "US - China talks" keeps its "US"), or any place name followed by an agency in parentheses.
_DATELINES = (
    re.compile(rf"^[{_UPPER}]{{3,}}[{_UPPER}0-9.'’ -]*(?:,\s*[\w.' ]{{1,30}})?(?:\s*\([^)]{{1,30}}\))?"
               r"\s*[-–—:]\s+"),
    re.compile(rf"^[{_UPPER}][\w.' -]{{1,30}}(?:,\s*[\w.' ]{{1,30}})?\s*\([A-Za-z/ -]{{2,20}}\)\s*[-–—:]\s+"),
)

# Words that only say where someone stands in the photo, or that it is an archive picture.
_POSITIONS = (
    r"far left|far right|second left|second right|second from left|second from right|"
    r"from left|from right|left to right|l to r|l-r|left|right|center|centre|front|back|top|bottom|"
    r"above|below|pictured|inset|"
    r"file|file photo|archive|archive photo|archives|photo d'archives|archivo|foto de archivo|"
    r"arquivo|foto de arquivo|archiv|archivbild|archivfoto|"
    r"à gauche|à droite|au centre|de gauche à droite|links|rechts|mitte|von links|"
    r"izquierda|derecha|centro|a la izquierda|a la derecha|de izquierda a derecha|"
    r"esquerda|direita|ao centro|à esquerda|à direita|da esquerda para a direita|"
    r"vlevo|vpravo|uprostřed|zleva|"
    r"l|r|c|左|右|中|左一|右一|左二|右二|资料图|资料图片"
)
_POSITION_ASIDE = re.compile(
    rf"\s*[(（\[]\s*(?:{_POSITIONS})(?:\s*(?:,|and|to|&|-|–|y|et|und|e|a|a\s+la)\s*(?:{_POSITIONS}))*"
    r"\s*[)）\]]",
    re.IGNORECASE)
# ", left," / ", à droite," between commas; only the unambiguous words, never "top" or "back".
_COMMA_POSITIONS = (r"far left|far right|second from left|second from right|second left|second right|"
                    r"left|right|center|centre|à gauche|à droite|au centre|links|rechts|"
                    r"izquierda|derecha|à esquerda|à direita|ao centro|vlevo|vpravo")
_COMMA_ASIDE = re.compile(rf",\s*(?:{_COMMA_POSITIONS})\s*,\s*(?=(\S))", re.IGNORECASE)
_COMMA_ASIDE_END = re.compile(rf",\s*(?:{_COMMA_POSITIONS})\s*(?=[.;:]|$)", re.IGNORECASE)
_FILE_PREFIX = re.compile(r"^(?:file(?:\s+photo)?|archive(?:\s+photo)?|archivo|arquivo|archivbild|archiv|"
                          r"photo d'archives|foto de archivo|资料图片?)\s*[-–—:|]\s*", re.IGNORECASE)
_FILE_SUFFIX = re.compile(r"[\s.,;:–—-]+(?:file photo|archive photo|photo d'archives|foto de archivo|"
                          r"archivbild|资料图片?)\s*\.?$", re.IGNORECASE)


# A dateline is a place, an agency and a date: the patterns see only this many first characters,
# which keeps them linear however long the caption ("AAAA…" would make them backtrack).
_DATELINE_WINDOW = 160
# A proposal is the caption's first sentence: what follows this many characters never matters.
_CAPTION_WINDOW = 1000


def remove_dateline(text: str) -> str:
    head, rest = text[:_DATELINE_WINDOW], text[_DATELINE_WINDOW:]
    for _ in range(2):  # "WASHINGTON, DC - JANUARY 05: " is a place, then a date
        head = _FILE_PREFIX.sub("", head)
        for pattern in _DATELINES:
            head = pattern.sub("", head, count=1)
    return head + rest


def _drop_comma_aside(match: re.Match) -> str:
    # "Smith, left, Jones, right, and Doe" lists people: keep a comma before the next name;
    # "Biden, left, greets" and "Manhanga, centre, and Father" need none.
    return ", " if match.group(1)[0].isupper() else " "


def remove_asides(text: str) -> str:
    text = _POSITION_ASIDE.sub("", text)
    text = _COMMA_ASIDE.sub(_drop_comma_aside, text)
    text = _COMMA_ASIDE_END.sub("", text)
    text = _FILE_SUFFIX.sub(".", text)
    return text


def propose_alt(caption: str | None, credit: str | None = None) -> str:
    """A proposed alt text from a caption, or ``""`` when nothing is left."""
    text = remove_dateline(strip_credit(caption, credit)[:_CAPTION_WINDOW])
    text = first_sentence(remove_asides(text))
    text = collapse(re.sub(r"\s+([,.;:!?])", r"\1", text)).strip(" ,;:-–—")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text
