"""What a photo is, which caption is its own, and the violation every image rule builds.

Decided here, once, for every image rule (issue 7, item 1), from the facts ``collect.js`` gathers:

- not a photo: a pixel or spacer (a known size under 24×24 CSS px, or 1 px in either dimension), an
  image off screen or visually hidden, and an icon (an SVG, or an image under 48 px, that repeats on
  the page or sits in a control);
- a teaser (a photo in a link, or a small card, leading to another page whose text, a headline,
  names it) is template: its ``alt=""`` is right and it is in no gallery;
- a caption is the image's own only when the collector found it through the image's own
  ``<figure>``, ``aria-describedby`` or the caption selector in a small container holding that one
  image, and it is rendered at this viewport.

The text a rule judges is the image's accessible name as a screen reader would read it:
``aria-label`` (or ``aria-labelledby``) when present, since it overrides ``alt``; else ``alt``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import parse_qsl, unquote, urlsplit

from auditor.model import Snapshot
from auditor.registry import RuleSettings

from ._credit import strip_credit
from ._text import collapse

TINY_PX = 24  # both sides under this: a pixel, a bullet or a spacer, never a photo
ICON_PX = 48  # both sides under this and repeated or in a control: an icon

DESCRIBE_ADVICE = ("Describe what the photo shows (who, what, where) in a sentence, without repeating "
                   "the caption or the photo credit.")


@dataclass(frozen=True)
class Caption:
    text: str  # the whole rendered caption, credit included
    credit: str | None
    body: str  # the caption with its credit set aside: what comparisons use


def rendered_caption(image: dict) -> Caption | None:
    """The image's caption when it is rendered at this viewport and says more than a credit."""
    caption = image.get("caption") or {}
    if not caption.get("rendered"):
        return None
    text = collapse(caption.get("text"))
    body = strip_credit(text, caption.get("credit"))
    return Caption(text=text, credit=caption.get("credit"), body=body) if body else None


def has_name_source(image: dict) -> bool:
    """The image has some text alternative: alt, aria-label(ledby) or title."""
    return any(collapse(image.get(key)) for key in ("alt", "aria_label", "title"))


def is_decorative(image: dict) -> bool:
    """Marked as decoration: role presentation/none, aria-hidden, or alt="" with no aria-label."""
    if (image.get("role") or "").strip().lower() in ("presentation", "none") or image.get("aria_hidden"):
        return True
    return image.get("alt") is not None and not collapse(image.get("alt")) and not collapse(image.get("aria_label"))


def image_name(image: dict) -> str:
    """What a screen reader reads for the image: aria-label(ledby) first, then alt."""
    return collapse(image.get("aria_label")) or collapse(image.get("alt"))


# ---- files: one photo in its many sizes counts once --------------------------------------------
_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic|heif|jfif)$", re.IGNORECASE)
# CMS size variants at the end of a file name: -1024x768, _800x600, -800w, _800, @2x, -scaled,
# -e1600000000000 (WordPress edits), -thumb, _large; repeated ("-scaled-1024x683").
_SIZE_SUFFIX = re.compile(
    r"(?:[-_@](?:\d{2,5}x\d{2,5}|[1-9]\d{2,3}[wh]?|[1-4]x|scaled|e\d{10,13}|thumb(?:nail)?|small|medium|large|"
    r"full|orig(?:inal)?|retina|hd|sq(?:uare)?|crop(?:ped)?|resized?)){1,4}$", re.IGNORECASE)


def file_name(url: str | None) -> str:
    """The last path segment of a URL, percent-decoded: ".../photos/DSC_0042.jpg?w=600" -> "DSC_0042.jpg"."""
    if not url:
        return ""
    return unquote(urlsplit(url[:2000]).path.rsplit("/", 1)[-1])


def file_stem(url: str | None) -> str:
    """The file name without its extension and CMS size suffixes: "storm-1024x768.jpg" -> "storm".

    A resizing CDN that names the photo in a parameter (".../dims?thumbnail=300,200&image_uri=<url>")
    is read through to that photo."""
    name = file_name(url)
    if url and not _EXTENSION.search(name):
        inner = next((v for _k, v in parse_qsl(urlsplit(url[:2000]).query) if _EXTENSION.search(file_name(v))), None)
        if inner:
            name = file_name(inner)
    stem = _EXTENSION.sub("", name[:300])
    bare = _SIZE_SUFFIX.sub("", stem)
    return bare if len(bare) >= 3 else stem


def image_urls(image: dict) -> list[str]:
    """Every URL the image may show: currentSrc, src, lazy-loading attributes, srcset candidates."""
    urls = [image.get("src") or ""] + list(image.get("files") or [])
    return list(dict.fromkeys(u for u in urls if u and not u.startswith("data:")))


def photo_keys(image: dict) -> frozenset[str]:
    """The file stems the image is known by; two images sharing one show the same photo."""
    return frozenset(s.casefold() for s in map(file_stem, image_urls(image)) if s)


# A file named as a logo ("quanta-logo-klein.png", "site_logo@2x.svg"): "logo" as a word of the name.
_LOGO_FILE = re.compile(r"(?:^|[^a-z])logo(?:s|type)?(?:[^a-z]|$)", re.IGNORECASE)


def is_logo_file(image: dict) -> bool:
    """The image's file is named a logo: its alt should name whose logo it is, a credit-like alt
    ("© Quanta Magazine" on the source's logo) included."""
    return any(_LOGO_FILE.search(file_name(url)[:300]) for url in image_urls(image))


# ---- what a photo is ---------------------------------------------------------------------------
def known_sizes(image: dict) -> list[tuple[int, int]]:
    """Sizes the page declares or the browser measured. What the browser measured counts only for a
    loaded image that is not a lazy-loading placeholder: an image that did not load (every off-site
    image of a saved page) is drawn as the browser's broken-image box, and a placeholder (a data: URL
    standing in for the files in data-src or srcset) has the placeholder's size, not the photo's."""
    sizes = []
    placeholder = (image.get("src") or "").startswith("data:") and bool(image.get("files"))
    measured = ("natural", "box") if image.get("loaded") and not placeholder else ()
    for key in ("size_attrs", "style_size", *measured):
        size = image.get(key) or {}
        if isinstance(size.get("width"), (int, float)) and isinstance(size.get("height"), (int, float)):
            sizes.append((size["width"], size["height"]))
    return sizes


def _is_small(image: dict, limit: int) -> bool:
    # Both sides: CMSs write height="0" (or 1) beside a real width for responsive photos.
    return any(w < limit and h < limit for w, h in known_sizes(image))


def _signature(image: dict) -> tuple:
    return (image.get("tag"), image_name(image).casefold(), min(photo_keys(image), default=""))


# A teaser's link text names another article: a headline, not a button's "Play now" or a name.
_TEASER_WORDS = 3
_TEASER_CJK = 8
_CAPTION_SHARE = 0.8


def is_teaser(image: dict) -> bool:
    """In a link or a small card leading to another page, whose text (a headline) names that page.

    A link inside a longer caption ("From 'Tony Dorsett Is Losing His Mind', February 2014") is a
    reference the caption makes, not a card around the photo."""
    teaser = image.get("teaser") or {}
    text = collapse(teaser.get("text"))
    cjk = sum(1 for char in text if "\u3040" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af")
    if not teaser.get("href") or (len(text.split()) < _TEASER_WORDS and cjk < _TEASER_CJK):
        return False
    caption = collapse((image.get("caption") or {}).get("text"))
    return not (teaser.get("via") == "card" and text in caption and len(text) < _CAPTION_SHARE * len(caption))


def not_a_photo(image: dict, repeats: Counter | None = None) -> str | None:
    """Why the image is not a photo of the story, or None when it is one."""
    if image.get("offscreen"):
        return "off screen or visually hidden"
    if _is_small(image, TINY_PX):
        return "a pixel or spacer"
    repeated = repeats is not None and repeats[_signature(image)] > 1
    if (image.get("tag") == "svg" or _is_small(image, ICON_PX)) and (repeated or image.get("in_control")):
        return "an icon"
    if image.get("tag") == "svg" and _is_small(image, ICON_PX):
        return "an icon"
    return None


def photos(snapshot: Snapshot, teasers: bool = True) -> list[dict]:
    """The rendered images of the page that are photos. A teaser is a photo whose alt text still
    counts (a file name is wrong anywhere), but it is template: its ``alt=""`` is right, its caption
    is the other story's headline and it belongs to no gallery, so the rules judging those pass
    ``teasers=False``."""
    images = snapshot.group("images")
    repeats = Counter(_signature(image) for image in images)
    return [image for image in images if image.get("rendered") and not not_a_photo(image, repeats)
            and (teasers or not is_teaser(image))]


def named_images(snapshot: Snapshot, teasers: bool = True) -> Iterator[tuple[dict, str]]:
    """(photo, name) for every photo that is not marked decorative and has a non-empty name."""
    for image in photos(snapshot, teasers):
        if is_decorative(image):
            continue
        name = image_name(image)
        if name:
            yield image, name


def image_lang(image: dict, snapshot: Snapshot) -> str:
    """The primary language subtag of the image (its own or an ancestor's lang), else the page's."""
    lang = collapse(image.get("lang")) or collapse(snapshot.group("document").get("lang"))
    return lang.split("-")[0].split("_")[0].casefold()
