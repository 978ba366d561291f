"""alt-redundant-prefix: the alt starts with "Image of", "Photo of" or an equivalent."""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._alt import redundant_prefix
from ._image_violation import image_violation
from ._images import named_images
from ._text import quote


@rule(
    id="alt-redundant-prefix",
    impact="minor",
    wcag=["1.1.1"],
    audience="editor",
    title='Alt text starts with "image of"',
    why='Screen readers already announce "image" or "graphic", so "image of" makes their users hear it '
        "twice before the description starts.",
    fix='Drop the "Image of" or "Photo of" and start with what the photo shows. Say "Illustration" or '
        '"Screenshot" only when that kind of picture matters.',
    failing_example='<img src="rally.jpg" alt="Photo of supporters waving flags at the rally">',
    passing_example='<img src="rally.jpg" alt="Supporters waving flags at the rally">',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for image, name in named_images(snapshot):
        prefix = redundant_prefix(name)
        if prefix:
            rest = name[len(prefix):].lstrip(" :：-–—,")
            yield image_violation(image, f"Alt text {quote(name)} starts with {quote(prefix)}, which "
                                         f"screen readers already say.", snapshot, settings,
                                  advice=f"Remove {quote(prefix)} and start with what the photo shows.",
                                  candidate=rest[:1].upper() + rest[1:], prefix=prefix)
