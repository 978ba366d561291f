"""alt-filename: the alt is a file name, a URL or a camera/agency asset id.

The alt is compared with the file name of every URL the image may show (currentSrc, src, data-src,
srcset), with and without its CMS size suffix ("-1024x768", "_800", "@2x", "-scaled").
"""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._alt import filename_reason
from ._image_violation import image_violation
from ._images import image_urls, named_images
from ._text import quote


@rule(
    id="alt-filename",
    impact="serious",
    wcag=["1.1.1"],
    audience="editor",
    title="Alt text is a file name",
    why="A screen reader spells out the file name (\"D S C underscore zero zero four two dot jay peg\"), "
        "which tells its user nothing about the photo.",
    fix="Replace the file name with a description of what the photo shows. Check the CMS does not "
        "copy the file name into the alt field when it is left empty.",
    failing_example='<img src="/media/DSC_0042.jpg" alt="DSC_0042.jpg">',
    passing_example='<img src="/media/DSC_0042.jpg" alt="The mayor cuts the ribbon at the new library.">',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for image, name in named_images(snapshot):
        link = image.get("link") or {}
        reason = filename_reason(name, image_urls(image), link.get("href"))
        if reason:
            yield image_violation(image, f"Alt text {quote(name)} looks like a file name: {reason}.",
                                  snapshot, settings)
