"""alt-repeats-headline: the alt is the article headline (a common CMS default for the lead photo).

Headline candidates are og:title, the JSON-LD headline and the title without the site name; a
match is equality or similarity at or above RuleSettings.caption_match_threshold, after the credit
is set aside. A teaser inside a link (``rules._images.is_teaser``, via the link: a photo in a link
whose text, a headline, names a story, even this story in a "related" list) is not judged: its alt repeats the link's headline, and the fix there is alt="".
"""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._credit import strip_credit
from ._headline import headline_candidates
from ._image_violation import image_violation
from ._images import is_teaser, named_images
from ._text import nearly_equal, quote


@rule(
    id="alt-repeats-headline",
    impact="minor",
    wcag=["1.1.1"],
    audience="editor",
    title="Alt text repeats the headline",
    why="A screen reader user has just heard the headline; hearing it again for the photo tells them "
        "nothing about what the photo shows.",
    fix="Describe the photo itself. If the CMS copies the headline into the alt field, turn that off.",
    failing_example='<h1>Storm closes schools across the region</h1>\n'
                    '<img src="storm.jpg" alt="Storm closes schools across the region">',
    passing_example='<h1>Storm closes schools across the region</h1>\n'
                    '<img src="storm.jpg" alt="A fallen tree blocks the gate of a primary school.">',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    threshold = settings.caption_match_threshold
    candidates = headline_candidates(snapshot.group("document"))
    for image, name in named_images(snapshot):
        if is_teaser(image) and (image.get("teaser") or {}).get("via") == "link":
            continue  # a story's teaser (this story's, in a related list): the link names it, alt="" is the fix
        headline = next((c for c in candidates if nearly_equal(strip_credit(name), c, threshold)), None)
        if headline:
            yield image_violation(image, f"Alt text {quote(name)} repeats the headline {quote(headline)}.",
                                  snapshot, settings, headline=headline)
