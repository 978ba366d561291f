"""WCAG success criteria the rules cite: number -> (name, level), and their Understanding links."""
from __future__ import annotations

CRITERIA = {
    "1.1.1": ("Non-text Content", "A", "non-text-content"),
    "1.2.2": ("Captions (Prerecorded)", "A", "captions-prerecorded"),
    "1.3.1": ("Info and Relationships", "A", "info-and-relationships"),
    "1.4.3": ("Contrast (Minimum)", "AA", "contrast-minimum"),
    "1.4.4": ("Resize Text", "AA", "resize-text"),
    "1.4.10": ("Reflow", "AA", "reflow"),
    "2.1.1": ("Keyboard", "A", "keyboard"),
    "2.2.2": ("Pause, Stop, Hide", "A", "pause-stop-hide"),
    "2.4.1": ("Bypass Blocks", "A", "bypass-blocks"),
    "2.4.2": ("Page Titled", "A", "page-titled"),
    "2.4.4": ("Link Purpose (In Context)", "A", "link-purpose-in-context"),
    "2.4.6": ("Headings and Labels", "AA", "headings-and-labels"),
    "2.4.7": ("Focus Visible", "AA", "focus-visible"),
    "2.4.11": ("Focus Not Obscured (Minimum)", "AA", "focus-not-obscured-minimum"),
    "3.1.1": ("Language of Page", "A", "language-of-page"),
    "4.1.2": ("Name, Role, Value", "A", "name-role-value"),
}


def understanding_url(sc: str) -> str:
    slug = CRITERIA.get(sc, (None, None, None))[2]
    if slug is None:
        return "https://www.w3.org/WAI/WCAG22/Understanding/"
    return f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html"


def name(sc: str) -> str:
    return CRITERIA.get(sc, (sc, "", ""))[0]
