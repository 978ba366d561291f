"""Text taken from audited pages, made inert for reports that a person or a platform reads.

Bidirectional controls (which can make a report say the opposite of what it holds, as in
"Trojan Source") and other invisible format characters are dropped; "@name" is kept from
notifying someone on GitHub or GitLab by a zero-width space after the "@". Each renderer still
escapes for its own format; this function is what they share.
"""
from __future__ import annotations

import unicodedata

# Bidi embeddings, overrides and isolates, and the marks that steer them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH_SPACE = "\u200b"


def inert_text(value: object) -> str:
    text = str(value)
    kept = []
    for ch in text:
        if ch in BIDI_CONTROLS:
            continue
        category = unicodedata.category(ch)
        if category == "Cc" and ch not in "\t\n":
            continue  # control characters: a terminal or a renderer may act on them
        if category == "Cf" and ch not in "\u200d":  # keep the joiner that builds emoji
            continue
        kept.append(ch)
    text = "".join(kept)
    return text.replace("@", "@" + ZERO_WIDTH_SPACE) if "@" in text else text
