"""Passwords in URLs: a URL's ``user:password@`` logs in, and is shown everywhere as ``user:***@``.

Redaction happens in one place, at the boundary between the run and what leaves it: the AuditRun
before any report is rendered, progress lines, error lines and the journal all go through
``Redactor``. Scanning is linear: it looks for "://" with str.find, never with a backtracking regex.
"""
from __future__ import annotations

from urllib.parse import quote, unquote

from .model import AuditRun

MASK = "***"
_AUTHORITY_END = "/?#\\ \t\r\n\"'<>"
# Shorter passwords are masked inside URLs only: masking "pw" in every word of a report would
# garble it, and such a password is no secret anyway.
MIN_LOOSE_SECRET = 4


# An authority longer than this is no URL's: the bound keeps a scan of hostile text linear.
MAX_AUTHORITY = 2048


def _authority_end(text: str, start: int) -> int:
    end = min(len(text), start + MAX_AUTHORITY)
    for ch in _AUTHORITY_END:
        found = text.find(ch, start, end)
        if found != -1:
            end = found
    return end


def mask_userinfo(text: str) -> str:
    """Every ``scheme://user:password@host`` in ``text`` with its password replaced by ***."""
    if "://" not in text or "@" not in text:
        return text
    out, position = [], 0
    while (found := text.find("://", position)) != -1:
        start = found + 3
        end = _authority_end(text, start)
        authority = text[start:end]
        at = authority.rfind("@")
        colon = authority.find(":", 0, at) if at != -1 else -1
        if colon != -1 and authority[colon + 1:at] != MASK:
            out += [text[position:start + colon + 1], MASK, text[start + at:end]]
        else:
            out.append(text[position:end])
        position = end
    out.append(text[position:])
    return "".join(out)


def password_of(url: str) -> str | None:
    """The password of a URL's userinfo, decoded, or None."""
    found = url.find("://")
    if found == -1:
        return None
    start = found + 3
    authority = url[start:_authority_end(url, start)]
    at = authority.rfind("@")
    colon = authority.find(":", 0, at) if at != -1 else -1
    return unquote(authority[colon + 1:at]) if colon != -1 and at > colon + 1 else None


class Redactor:
    """Masks passwords: any userinfo password, plus every password seen in the inputs, raw or
    percent-encoded, wherever it shows up (a reason quoting a URL, a page echoing it)."""

    def __init__(self, urls=()):
        self.secrets: set[str] = set()
        for url in urls:
            self.learn(url)

    def learn(self, url: str) -> None:
        password = password_of(url)
        if password and len(password) >= MIN_LOOSE_SECRET:
            self.secrets |= {password, quote(password, safe=""), quote(password)}

    def text(self, value: str) -> str:
        value = mask_userinfo(value)
        for secret in sorted(self.secrets, key=len, reverse=True):
            value = value.replace(secret, MASK)
        return value

    def data(self, value):
        """Every string in a JSON-like value, redacted (dict keys too: outlines are keyed by name)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.data(k): self.data(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.data(v) for v in value]
        return value

    def run(self, run: AuditRun) -> AuditRun:
        """The whole run as every report will show it."""
        return AuditRun.from_dict(self.data(run.to_dict()))
