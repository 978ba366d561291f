"""Photo credits: recognise them so that they can be set aside before any comparison.

A caption (or an alt) often ends with who took the photo. The credit says nothing about what the photo
shows, so it is removed before alt and caption are compared, and an alt that is nothing but a credit
is its own finding. Forms recognised, at the end of the text (or as the whole text):

- the text of the separate credit element the collector found (``caption.credit``);
- a marker and a name: "Photo: …", "Photograph: …", "Photo by Name", "Foto: …", "Bild: …",
  "Image: …", "Credit: …", "Crédit …", "Crédito: …", "Zdroj: …", "© …", "图片来源：…", "（… 摄）";
- an agency alone or with a photographer: "REUTERS/Name", "AP Photo/Name", "(AP)",
  "Name/AFP via Getty Images", "Getty Images", "dpa", "EPA-EFE/Name", "DR" …;
- "Name/Organisation" after the end of a sentence or a dash: "… Paris. Benoit Tessier/Reuters".
"""
from __future__ import annotations

import re

from ._text import collapse

# News agencies and picture libraries (matched case-insensitively, as whole words).
AGENCIES = (
    "AP Photo", "AP Images", "AP", "The Associated Press", "Associated Press", "Reuters",
    "Agence France-Presse", "AFP", "Getty Images", "Getty", "EPA-EFE", "EPA", "EFE", "dpa",
    "picture alliance", "picture-alliance", "Keystone", "ANP", "ANSA", "Xinhua", "IMAGO",
    "Shutterstock", "Alamy", "PA Wire", "PA Images", "PA Media", "PA", "Bloomberg", "NurPhoto",
    "SOPA Images", "LightRocket", "Anadolu Agency", "Anadolu", "ČTK", "CTK", "Profimedia",
    "Folhapress", "Estadão Conteúdo", "Agência Brasil", "Europa Press", "Sipa Press", "Sipa",
    "Redux", "Kyodo", "Yonhap", "TASS", "Sputnik", "UPI", "ZUMA Press", "ZUMA Wire", "Zuma",
    "WENN", "Splash News", "Rex Features", "Rex", "Abaca", "Hans Lucas", "MAXPPP", "KEYSTONE-SDA",
    "APA", "Belga", "Ritzau Scanpix", "Scanpix", "TT", "NTB", "Lusa", "DR", "STR",
    "新华社", "中新社", "视觉中国",
)
_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_AGENCY_WORD = rf"(?<!\w)(?:{_AGENCY})(?!\w)"
# One or more agencies: "AFP", "AFP via Getty Images", "EPA-EFE / Shutterstock", "AFP - Getty Images",
# and the archive form "Name/Reuters files".
_FILES = r"(?:\s+(?:files?|file photo|archives?))?"
_AGENCIES = rf"{_AGENCY_WORD}(?:\s*(?:/|via|-|–|,|&|and)\s*{_AGENCY_WORD})*{_FILES}"

# A word that says "here comes the credit"; after it (and a colon, "by" or the like) runs the credit.
_MARKER = (r"(?:photo(?:graph)?s?|fotos?|fotografi[ae]|fotograf[íi]a|foto\s+di|bild(?:er)?|"
           r"(?:image|photo|picture)\s+source|image|imagem|imagen|picture|pic|illustration|ilustra[cç][ãa]o|grafik|graphic|"
           r"infographic|source|quelle|fuente|fonte|zdroj|video|vid[ée]o|"
           r"credit|cr[ée]dit|cr[ée]dito|credito|copyright|©|\(c\)|图片来源|图片|图|来源|摄影)")
# How a marker is joined to the name: "Photo: X", "Photo/X", "Photo by X", "Foto von X", "Photo X."
# (inside parentheses), "Credit X", "© X". by/von/de/da need a capital next, so that "a photo of"
# or "une photo de famille" stay content.
_CAPITAL = "A-ZÀ-ÖØ-ÞČŘŠŽ"
_JOIN = rf"(?:\s*[:：/|]\s*|\s+(?:by|von|de|da|di|por|par)\s+(?-i:(?=[{_CAPITAL}]))|(?<=©)\s*|(?<=\(c\))\s*)"
# A photographer's name: up to four capitalised words, with the particles names carry.
_NAME = (rf"(?-i:[{_CAPITAL}][\w.'’-]*(?:\s+(?:(?:de|da|do|dos|van|von|der|den|le|la|bin|al|y)\s+)?"
         rf"[{_CAPITAL}][\w.'’-]*){{0,3}})")
# A photographer's full name (two to four words) and an organisation in capitalised words:
# "Chang W. Lee/The New York Times", "Heinrich Aikawa/Instituto Lula", not "Biden/Harris rally".
_PARTICLE = r"(?:de|da|do|dos|van|von|der|den|le|la|bin|al|y|of|for|the|and|&|via)"
_FULL_NAME = (rf"(?-i:[{_CAPITAL}][\w.'’-]*(?:\s+(?:{_PARTICLE}\s+)?[{_CAPITAL}][\w.'’-]*){{1,3}})")
_ORGANISATION = (rf"(?-i:[{_CAPITAL}][\w.'’&-]*(?:,?\s+(?:{_PARTICLE}\s+)*[{_CAPITAL}][\w.'’&-]*){{0,5}})")
# Picture libraries whose name never ends a caption as content, so no separator is needed.
_GLUED = r"(?:Getty Images|AP Photo|Shutterstock|picture alliance|Alamy Stock Photo|Alamy)"
_LOOSE_MARKERS = r"(?:credit|cr[ée]dit|cr[ée]dito|credito|copyright|©)"

_BOUNDARY = r"(?:^|(?<=[\s.,;:|(\[（—–。，；：-]))"
# Credit markers are written with a capital ("Photo:", "FOTO:", "Crédit"), and a lower-case one is
# content: "In photos: Eastern Kentucky digs out" is a headline kicker, not a credit.
_NOT_LOWER = r"(?-i:(?![a-zß-ÿčďěňřšťůž]))"
_CREDIT_MAX = 60
_TRAILING_CREDITS = (
    # In parentheses: "(AP Photo/Evan Vucci)", "(Bild: Hersteller)", "(Photo Prakash Mathema. AFP)",
    # "(AP)", "(John Minchillo / AP)", "（新华社记者 张三 摄）"
    re.compile(rf"[(（\[](?:\s*{_MARKER}(?!\w)[^()（）]*|[^()（）\[\]]*/\s*(?-i:[{_CAPITAL}])[^()（）\[\]]*|\s*{_AGENCIES}\s*"
               rf"|[^()（）]*摄)[)）\]]\s*$", re.IGNORECASE),
    # "Credit Harry Campbell", "Credit Credit Name/The New York Times", "© Name", "Crédit photo : Name"
    re.compile(rf"{_BOUNDARY}{_NOT_LOWER}(?P<marker>{_LOOSE_MARKERS})\s+(?P<rest>\S[^\n]*)$", re.IGNORECASE),
    # "... Tuesday. Photograph: Name/Agency", "Foto: LA NACION", "Photo by James Martin/CNET"
    # A credit is a name or two, never a headline: "Image: South Korea Descends Into Crisis After…"
    # is content, so what follows the marker is at most _CREDIT_MAX characters.
    re.compile(rf"{_BOUNDARY}{_NOT_LOWER}(?P<marker>{_MARKER}){_JOIN}(?P<rest>[^\n]{{0,{_CREDIT_MAX}}})$",
               re.IGNORECASE),
    # "REUTERS/Evan Vucci", "AP Photo/Name", "EPA-EFE/Name", after a boundary or as the whole text
    re.compile(rf"{_BOUNDARY}{_AGENCIES}\s*/\s*[^/\n]{{1,60}}$", re.IGNORECASE),
    # "Name/AFP via Getty Images", "Anthony Wallace / AFP - Getty Images", "Getty Images", "AFP"
    re.compile(rf"(?:^|(?<=[.!?»”\"')]\s)|(?<=\s[-–—|·•]\s)|(?<=\s\s))(?:{_NAME}\s*/\s*)?"
               rf"{_AGENCIES}\s*$", re.IGNORECASE),
    # "... in Paris. Benoit Tessier/Reuters", "... Lula - Heinrich Aikawa/Instituto Lula"
    re.compile(rf"(?:^|(?<=[.!?»”\"]\s)|(?<=\s[-–—|·•]\s)){_FULL_NAME}\s?/\s?{_ORGANISATION}{_FILES}\s*$"),
    # No separator at all: a short name glued to an agency ("in Paris Benoit Tessier/Reuters"),
    # or a picture library ("… as they should be Getty Images").
    re.compile(rf"(?<=\s){_NAME}\s?/\s?{_AGENCIES}\s*$", re.IGNORECASE),
    re.compile(rf"(?<=\s){_GLUED}\s*$", re.IGNORECASE),
    # "Photographs by" as the whole text: a credit line whose name was a link that did not load.
    re.compile(rf"^{_MARKER}\s+(?:by|von|par|por|di|de)\s*$", re.IGNORECASE),
)
_TRAILING_JUNK = re.compile(r"(?<![\s|·•,;:—–-])[\s|·•,;:—–-]+$")


# Words a credit is written with besides names: "Photo courtesy of the family", "Name for The Times".
_CREDIT_WORDS = frozenset("""
by via for of the and de da do del di la le les von van der den courtesy cortesía cortesia courtoisie
handout staff files file photo photos archive archives provided supplied pool
""".split())
# A run of this many words after a marker, with no "/" or agency in it, is a headline, not a name.
_HEADLINE_WORDS = 6
_LOWER_WORD = re.compile(r"(?<!\w)[a-zß-ÿčďěňřšťůž]{2,}(?!\w)")
# Credits sit at the end: the patterns look only at this many final characters, which keeps them
# linear in the length of whatever text a page sends.
_WINDOW = 400
# Put before a window cut out of a longer text, so that "^" and the boundaries never match there.
_CUT = "\x00"


def _reads_as_sentence(text: str) -> bool:
    """Two or more lower-case words that are not credit words: "Ebola has claimed over 2,000 lives"."""
    text = re.sub(_AGENCY_WORD, " ", text[:_WINDOW], flags=re.IGNORECASE)  # "picture alliance", "dpa"
    words = (w for w in _LOWER_WORD.findall(text) if w not in _CREDIT_WORDS)
    return next(words, None) is not None and next(words, None) is not None


def _reads_as_content(marker: str, rest: str) -> bool:
    """What follows a credit marker is a sentence or a headline, not a name: "© UNOCHA/Name Ebola has
    claimed over 2,000 lives", "VIDEO: Webber Plays With One Look From SUNSET BOULEVARD"."""
    if _reads_as_sentence(rest):
        return True
    words = rest.split()
    return (len(words) >= _HEADLINE_WORDS and "/" not in rest and not re.search(_AGENCY_WORD, rest, re.IGNORECASE)
            and not marker.startswith(("©", "(")))


def _unless_sentence(match: re.Match) -> str:
    """The replacement for a marker-led credit: nothing, unless it reads as content. "©" or "(c)"
    heading a sentence at the start of the text is a credit then the sentence: the sentence stays."""
    marker, rest = match.group("marker"), match.group("rest")
    if not _reads_as_content(marker, rest):
        return ""
    at_start = match.start() == 0 or match.string[:match.start()] == _CUT
    return _sentence_after_credit(rest) if at_start and marker.startswith(("©", "(")) else match.group()


def _sentence_after_credit(rest: str) -> str:
    """The sentence after a leading "© Name" or "© Agency/Name": drop the credit's first word and,
    when that is an organisation, the "Org/Name" word after it."""
    words = rest.split(" ")
    drop = 2 if len(words) > 2 and "/" not in words[0] and "/" in words[1] else 1
    return " ".join(words[drop:])


def _strip_all(text: str) -> str:
    for _ in range(4):  # credits stack ("… Tuesday. Photo: X (AP)"): strip until nothing comes off
        before = text
        for pattern in _TRAILING_CREDITS:
            replace = _unless_sentence if "rest" in pattern.groupindex else ""
            text = _TRAILING_JUNK.sub("", pattern.sub(replace, text)).strip()
        if text == before:
            break
    return text


def strip_credit(text: str | None, credit: str | None = None) -> str:
    """``text`` without its trailing photo credit(s); the text itself when it has none."""
    text = collapse(text)
    credit = collapse(credit)
    if credit and credit in text:
        at = text.rfind(credit)
        text = (text[:at] + text[at + len(credit):]).strip()
    if len(text) <= _WINDOW:
        return _strip_all(text)
    head, tail = text[:-_WINDOW], _strip_all(_CUT + text[-_WINDOW:])
    return (head + tail[len(_CUT):]).rstrip() if tail.startswith(_CUT) else tail


def is_credit(text: str | None) -> bool:
    """True when ``text`` is only a credit or an agency name ("AP Photo", "© Name", "Reuters")."""
    text = collapse(text)
    return bool(text) and not strip_credit(text)
