"""Headings as the heading rules see them: rendered ones only, with who can fix each."""
from __future__ import annotations

from auditor.model import Snapshot

from ._text import quote


def rendered_headings(snapshot: Snapshot) -> list[dict]:
    """``h1``–``h6`` and ``role=heading`` shown at this viewport, in document order.

    A heading under ``aria-hidden`` is left out when the collector says so (``aria_hidden``): it is
    not in the outline a screen reader offers, so it can be neither empty nor a skipped level there.
    So is one under a class that can only mean hidden (``hidden_by_class``: ``is-hidden``,
    ``d-none``): the site's CSS hides it, and it shows only in an offline copy without that CSS.
    """
    return [h for h in snapshot.group("headings")
            if h.get("rendered") and not h.get("aria_hidden") and not h.get("hidden_by_class")]


def audience(heading: dict) -> str:
    """A heading inside the article body is the editor's; anywhere else, the template's."""
    return "editor" if heading.get("in_article") else "template"


def label(heading: dict) -> str:
    """'h2 "Text"' for messages; role=heading shows as its level too, as screen readers announce it."""
    return f"h{heading.get('level')} {quote(heading.get('text'))}"
