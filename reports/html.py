"""The self-contained HTML report for editors: one file, CSS inline, screenshots embedded.

Everything taken from an audited page is untrusted and printed through Jinja's autoescape
(``StrictUndefined`` makes a missing field an error, not an empty string). The report's own CSS and
script are fixed files; the Content-Security-Policy allows exactly those two (by hash), images from
``data:`` only, and nothing else: no remote load, no other script, no form target, no <base>.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from auditor.model import AuditRun

from . import view
from .images import Embedder

TEMPLATES = Path(__file__).parent / "templates"


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "filter.js").read_text(encoding="utf-8")
    csp = "; ".join([
        "default-src 'none'",
        "img-src data:",
        f"style-src '{_sha256(css)}'",
        f"script-src '{_sha256(script)}'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    return css, script, csp


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# The ceiling for a 50-article run is 15 MB; stay a little under it.
MAX_REPORT_CHARS = 14_500_000


def render(run: AuditRun, base_dir: Path) -> str:
    text, embed = _render(run, Embedder(base_dir))
    if len(text) > MAX_REPORT_CHARS and embed.total:
        # Mostly text (a very large run): give the images what room is left and render again.
        room = max(0, embed.total - (len(text) - MAX_REPORT_CHARS))
        text, _ = _render(run, Embedder(base_dir, max_total=room))
    return text


def _render(run: AuditRun, embed: Embedder) -> tuple[str, Embedder]:
    css, script, csp = _assets()
    model = view.build(run, embed)
    generator = f"{run.tool.get('name', 'newsaudit')} {run.tool.get('version', '')}".strip()
    text = environment().get_template("report.html.j2").render(
        v=model, css=Markup(css), script=Markup(script), csp=csp, generator=generator,
    )
    return text, embed
