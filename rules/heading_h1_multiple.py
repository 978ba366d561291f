"""heading-h1-multiple: more than one rendered h1 (often a logo wrapped in h1 beside the headline).

The audience is the editor's when every h1 after the first sits in the article body (an h1 typed
into the story), else the template's. An h1 in a widget (``in_widget``: a modal's title, a
translation tooltip saved with the page) is not one of the page's main headings. Two h1s with the
same text are one headline printed twice, in a splash header and an article header for two layouts
(vulture), of which the site's CSS shows one: they count once.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._headings import rendered_headings
from ._text import normalise, quote


@rule(
    id="heading-h1-multiple",
    impact="moderate",
    wcag=["1.3.1", "2.4.6"],
    audience="template",
    page_level=True,
    title="The page has more than one main heading",
    why="Screen-reader users jump to the h1 to find the story. With several, they land on the logo or "
        "a section name and cannot tell which one is the headline.",
    fix="Keep h1 for the headline only. Mark up the logo as a link with an image, and section names "
        "or teasers as h2 or lower.",
    failing_example='<h1><a href="/"><img src="logo.svg" alt="Daily News"></a></h1>\n'
                    '<h1>Storm closes schools</h1>',
    passing_example='<a href="/"><img src="logo.svg" alt="Daily News"></a>\n<h1>Storm closes schools</h1>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    h1s = [h for h in rendered_headings(snapshot) if h.get("level") == 1 and not h.get("in_widget")]
    if len({normalise(h.get("text")) for h in h1s}) < 2:
        return  # one headline printed twice, for two layouts: the site's CSS shows one of them
    texts = ", ".join(quote(h.get("text"), 60) for h in h1s)
    audience = "editor" if all(h.get("in_article") for h in h1s[1:]) else "template"
    yield Violation(selector=None, message=f"{len(h1s)} h1 headings are shown: {texts}.",
                    audience=audience, evidence={"h1": [h.get("selector") for h in h1s]})
