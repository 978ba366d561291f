"""Judgements about an alt text on its own: placeholder, file name, redundant prefix.

Kept apart from the rule modules because alt-duplicate-in-gallery reuses them to leave alone the alts
that a more specific rule already reports.
"""
from __future__ import annotations

import re

from ._images import file_name, file_stem
from ._text import collapse, normalise
from ._words import PLACEHOLDER_FILLERS, placeholder_words

# A placeholder, a file name or an id is a few words; longer alts are judged by the other rules,
# and the bound keeps every pattern below linear in what the page sends.
_PLACEHOLDER_MAX = 200
_FILENAME_MAX = 300

_NUMBER_OR_SIZE = re.compile(r"^(?:\d+|\d+x\d+|\d+[px]+|\d+p)$")


def is_placeholder(alt: str, extra_words: tuple[str, ...] = (), lang: str | None = None) -> bool:
    """Boilerplate with no information: "image", "photo 3", "16x9 Image", "Bild", "写真・図版", "-".

    The words are those of ``lang`` (see ``rules._words``); ``extra_words``
    (RuleSettings.placeholder_words) extend them: a single word joins the list, a phrase ("image
    courtesy") must match the whole alt.
    """
    if len(alt) > _PLACEHOLDER_MAX:
        return False
    text = normalise(alt)
    if not text:
        return bool(collapse(alt))  # punctuation only ("-", "*", "…"): nothing a reader can use
    extra = {normalise(word) for word in extra_words}
    if text in extra:
        return True
    words = placeholder_words(lang) | {w for w in extra if " " not in w}
    tokens = text.split()
    has_placeholder = any(t in words for t in tokens)
    return has_placeholder and all(
        t in words or t in PLACEHOLDER_FILLERS or _NUMBER_OR_SIZE.match(t) for t in tokens)


_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|heif|jfif)(?:\b|$)", re.I)
# The whole alt is a web address; a sentence that mentions one ("type www.msn.com") is content.
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
# Camera and agency asset ids: DSC_0042, IMG_20230101_1234, P1040123, GettyImages-1234567890.
_CAMERA_ID = re.compile(r"^(?:dsc[fn]?|img|pic|p|dji|gopr|gp|mvi|_mg|sam|pxl|cimg|dcim)[_-]?\d{3,}", re.I)
_ASSET_ID = re.compile(r"(?<![\w])[A-Za-z][A-Za-z_-]*[_-]?\d{6,}(?:[_-]\w+)*(?![\w])")
_HASH = re.compile(r"(?<![0-9a-f])[0-9a-f]{16,}(?![0-9a-f])", re.I)


def filename_reason(alt: str, urls: str | list[str] | None, link_href: str | None = None) -> str | None:
    """Why the alt looks like a file name or URL, or None when it does not.

    ``urls`` are every URL the image may show (``_images.image_urls``: currentSrc, src, data-src,
    srcset). The alt equal to a file name without its extension and CMS size suffix
    ("aktuelle-artikel" for "aktuelle-artikel-2890x1580.jpg") counts only when that name does not
    read as words (a digit, "_" or "-" in one token: "storm-damage", not "Paris"): a CMS that names
    files after their alt is not at fault. An image inside a link to that very file is a download
    and may show its file name.
    """
    alt = collapse(alt)
    if not alt or len(alt) > _FILENAME_MAX:
        return None
    urls = [urls] if isinstance(urls, str) else list(urls or [])
    folded = alt.casefold()
    if link_href and file_name(link_href).casefold() == folded:
        return None
    if _URL.fullmatch(alt):
        return "it is a web address"
    for url in urls:
        name = file_name(url)
        if "." in name and folded == name.casefold():
            return "it is the image's file name"
        stems = {name.rpartition(".")[0] if "." in name else name, file_stem(url)}
        if any(s and folded == s.casefold() for s in stems) and re.search(r"[\d_-]", alt) and " " not in alt:
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
    alt = collapse(alt)[: 4 * len(prefix) + 8]  # a prefix is written in about as many characters
    for end in range(1, len(alt) + 1):
        if normalise(alt[:end]) == prefix:
            return alt[:end]
    return prefix
