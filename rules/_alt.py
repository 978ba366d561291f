"""Judgements about an alt text on its own: placeholder, file name, redundant prefix.

Kept apart from the rule modules because alt-duplicate-in-gallery reuses them to leave alone the alts
that a more specific rule already reports.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from ._text import collapse, normalise

# Words that, alone or with the fillers below, say nothing about the picture (English, French,
# German, Spanish, Portuguese, Italian, Dutch, Czech, Chinese).
PLACEHOLDER_WORDS = frozenset("""
image images img picture pic pics photo photos photograph graphic graphics placeholder thumbnail thumb
default spacer blank untitled undefined null none nan alt alttext empty dummy temp test todo tbd
icon logo banner hero
bild bilder foto fotos fotografie grafik platzhalter vorschaubild
imagen imagem fotografía fotografia gráfico ilustración ilustração
immagine immagini
afbeelding
obrázek obrázky snímek
图片 图像 照片 图 配图 缩略图 占位图
""".split())
# Words allowed beside a placeholder word without adding meaning ("the main image", "photo 1 of 5").
_FILLERS = frozenset("""
a an the of for and main lead featured feature article story post content inline small large
full default x by la le les l un une de du des der die das ein eine el los las una o os um uma
del di il lo
""".split())
_NUMBER_OR_SIZE = re.compile(r"^(?:\d+|\d+x\d+|\d+[px]+|\d+p)$")


def is_placeholder(alt: str, extra_words: tuple[str, ...] = ()) -> bool:
    """Boilerplate with no information: "image", "photo 3", "16x9 Image", "Bild", "图片", "-".

    ``extra_words`` (RuleSettings.placeholder_words) extend the list: a single word joins the word
    list, a phrase ("image courtesy") must match the whole alt.
    """
    text = normalise(alt)
    if not text:
        return bool(collapse(alt))  # punctuation only ("-", "*", "…"): nothing a reader can use
    extra = {normalise(word) for word in extra_words}
    if text in extra:
        return True
    words = PLACEHOLDER_WORDS | {w for w in extra if " " not in w}
    tokens = text.split()
    has_placeholder = any(t in words for t in tokens)
    return has_placeholder and all(t in words or t in _FILLERS or _NUMBER_OR_SIZE.match(t) for t in tokens)


_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|heif|jfif)(?:\b|$)", re.I)
# The whole alt is a web address; a sentence that mentions one ("type www.msn.com") is content.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
# Camera and agency asset ids: DSC_0042, IMG_20230101_1234, P1040123, GettyImages-1234567890.
_CAMERA_ID = re.compile(r"^(?:dsc[fn]?|img|pic|p|dji|gopr|gp|mvi|_mg|sam|pxl|cimg|dcim)[_-]?\d{3,}", re.I)
_ASSET_ID = re.compile(r"(?<![\w])[A-Za-z][A-Za-z_-]*[_-]?\d{6,}(?:[_-]\w+)*(?![\w])")
_HASH = re.compile(r"(?<![0-9a-f])[0-9a-f]{16,}(?![0-9a-f])", re.I)


def file_name(url: str | None) -> str:
    """The last path segment of a URL, percent-decoded: ".../photos/DSC_0042.jpg?w=600" -> "DSC_0042.jpg"."""
    if not url:
        return ""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def filename_reason(alt: str, src: str | None, link_href: str | None = None) -> str | None:
    """Why the alt looks like a file name or URL, or None when it does not.

    The alt equal to the src's file name without its extension counts only when that name does not
    read as words (a digit, "_" or "-" in one token: "storm-damage", not "Paris"): a CMS that names
    files after their alt is not at fault. An image inside a link to that very file is a download
    and may show its file name.
    """
    alt = collapse(alt)
    name = file_name(src)
    if link_href and name and file_name(link_href).casefold() == alt.casefold():
        return None
    if _URL.fullmatch(alt):
        return "it is a web address"
    stem, dot, _extension = name.rpartition(".") if "." in name else (name, "", "")
    if dot and alt.casefold() == name.casefold():
        return "it is the image's file name"
    if stem and alt.casefold() == stem.casefold() and re.search(r"[\d_-]", alt) and " " not in alt:
        return "it is the image's file name"
    if _IMAGE_EXTENSION.search(alt):
        return "it ends in an image file extension"
    if (_CAMERA_ID.match(alt) and " " not in alt) or _ASSET_ID.search(alt) or _HASH.search(alt):
        return "it is a camera or agency asset id"
    return None


# "Image of …" and its equivalents; the alt must go on after the prefix (else it is a placeholder).
REDUNDANT_PREFIXES = tuple(normalise(p) for p in """
image of|an image of|photo of|a photo of|picture of|a picture of|photograph of|a photograph of|
graphic of|a graphic of|image showing|photo showing|picture showing|image shows|photo shows|
image de|une image de|photo de|une photo de|photographie de|une photographie de|illustration de|
image montrant|photo montrant|
bild von|ein bild von|foto von|ein foto von|bild zeigt|foto zeigt|das bild zeigt|das foto zeigt|
imagen de|una imagen de|foto de|una foto de|fotografía de|una fotografía de|imagen que muestra|
imagem de|uma imagem de|uma foto de|fotografia de|uma fotografia de|imagem mostra|foto mostra|
immagine di|foto di|un'immagine di|
afbeelding van|foto van|
obrázek|fotografie|snímek|obrázek zobrazuje|fotografie zobrazuje|foto zobrazuje|
图片|图为|照片|图中|图片显示|照片显示
""".replace("\n", "").split("|") if p.strip())
# Czech and Chinese prefixes have no preposition, so they need a separator or a CJK follower.
_BARE_PREFIXES = frozenset(normalise(p) for p in "obrázek fotografie snímek 图片 照片".split())


def redundant_prefix(alt: str) -> str | None:
    """The "image of" prefix the alt starts with (as written), or None."""
    text = normalise(alt)
    for prefix in sorted(REDUNDANT_PREFIXES, key=len, reverse=True):
        if not text.startswith(prefix) or len(text) == len(prefix):
            continue
        rest = text[len(prefix):]
        cjk_joined = prefix[-1] >= "\u3000" and not rest.startswith(" ")
        if not (rest.startswith(" ") or cjk_joined):
            continue
        if prefix in _BARE_PREFIXES and not _separated(alt, prefix):
            continue
        return _as_written(alt, prefix)
    return None


def _separated(alt: str, prefix: str) -> bool:
    """A bare prefix counts only when followed by a colon or dash: "Fotografie: …", "图片：…"."""
    written = _as_written(alt, prefix)
    rest = collapse(alt)[len(written):].lstrip()
    return rest[:1] in (":", "：", "-", "–", "—")


def _as_written(alt: str, prefix: str) -> str:
    """The first words of ``alt`` that normalise to ``prefix``, keeping the author's spelling."""
    alt = collapse(alt)
    for end in range(1, len(alt) + 1):
        if normalise(alt[:end]) == prefix:
            return alt[:end]
    return prefix
