"""alt-placeholder: the alt is boilerplate ("image", "photo 3", "16x9 Image", "Bild", "写真", "图片").

The words are those of the image's language (its own ``lang`` or the page's) and English; the lists
are in ``rules._words``.
"""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._alt import is_placeholder
from ._images import image_lang, image_violation, named_images
from ._text import quote


@rule(
    id="alt-placeholder",
    impact="serious",
    wcag=["1.1.1"],
    audience="editor",
    title="Alt text is a placeholder",
    why='A screen reader announces "image" or "photo" and nothing more, so its user knows there is '
        "a picture but not what it shows.",
    fix="Replace the placeholder with a short description of what the photo shows. If the CMS fills "
        "in a default, make the alt field required instead.",
    failing_example='<img src="storm.jpg" alt="16x9 Image">',
    passing_example='<img src="storm.jpg" alt="Waves break over the harbour wall in Brighton.">',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for image, name in named_images(snapshot):
        if is_placeholder(name, settings.placeholder_words, image_lang(image, snapshot)):
            yield image_violation(image, f"Alt text {quote(name)} is a placeholder that says nothing "
                                         f"about the photo.", snapshot, settings)
