"""heading-h1-not-headline: no rendered h1 is the article headline (e.g. the h1 is the section name).

The headline is taken from og:title, the JSON-LD headline, or the title without the site name; an h1
is the headline when it nearly equals one of them (RuleSettings.caption_match_threshold) or when
one holds most (85 %) of the other's words: display headlines and og:titles often differ by a kicker
or a clause. An h1 that matches none of them but reads like a headline of its own (five words or
more, ``_headline.reads_like_a_headline``) is taken as the displayed headline worded differently,
which is common, and passes: the rule is for an h1 that holds the site or section name. Pages with
no rendered h1 are left to heading-h1-missing; pages that declare no headline cannot be judged and
pass.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._headings import rendered_headings
from ._headline import headline_candidates, is_headline, reads_like_a_headline
from ._text import quote


@rule(
    id="heading-h1-not-headline",
    impact="moderate",
    wcag=["1.3.1", "2.4.6"],
    audience="template",
    page_level=True,
    title="The main heading is not the headline",
    why="Screen-reader users jump to the h1 expecting the headline. When the h1 is the site name or "
        "the section, they land in the wrong place and have to hunt for the story.",
    fix="Make the article headline the page's h1 and mark up the site name and section with other "
        "elements.",
    failing_example='<meta property="og:title" content="Storm closes schools">\n'
                    '<h1>Weather</h1> <h2>Storm closes schools</h2>',
    passing_example='<meta property="og:title" content="Storm closes schools">\n'
                    '<p class="section">Weather</p> <h1>Storm closes schools</h1>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    h1s = [h for h in rendered_headings(snapshot) if h.get("level") == 1]
    candidates = headline_candidates(snapshot.group("document"))
    if not h1s or not candidates:
        return
    if any(is_headline(h.get("text"), candidates, settings.caption_match_threshold) for h in h1s):
        return
    site_name = snapshot.group("document").get("site_name")
    if any(reads_like_a_headline(h.get("text"), site_name) for h in h1s):
        return
    shown = ", ".join(quote(h.get("text"), 60) for h in h1s)
    yield Violation(selector=None,
                    message=f"No h1 is the headline {quote(candidates[0])}; the h1 reads {shown}.",
                    evidence={"headline": candidates[0], "h1": [h.get("text") for h in h1s]})
