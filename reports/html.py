"""The HTML report for editors: an index (report.html) and one self-contained page per article
(articles/0001.html, ...), every one working offline with its CSS inline and images embedded.

Everything taken from an audited page is untrusted and printed through Jinja's autoescape
(``StrictUndefined`` makes a missing field an error, not an empty string). Each page's CSS and
script are fixed text (an article's CSS adds its markers' positions); the Content-Security-Policy
allows exactly those two (by hash), images from ``data:`` only, and nothing else: no remote load,
no other script, no form target, no <base>.

The index holds text and a few crops only, so it stays small however many articles a run has;
the pictures live on the article pages.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from auditor.model import AuditRun

from . import view
from .images import Embedder

TEMPLATES = Path(__file__).parent / "templates"
# Embedded images: the index is read first and must open fast at 1,000 articles (issue budget
# 5 MB); an article page shows its own screenshots and crops.
INDEX_IMAGE_BYTES = 2_500_000
ARTICLE_IMAGE_BYTES = 6_000_000


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def _files() -> tuple[str, str]:
    return ((TEMPLATES / "report.css").read_text(encoding="utf-8"),
            (TEMPLATES / "filter.js").read_text(encoding="utf-8"))


def _csp(css: str, script: str) -> str:
    return "; ".join([
        "default-src 'none'",
        "img-src data:",
        f"style-src '{_sha256(css)}'",
        f"script-src '{_sha256(script)}'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


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


def _page(template: str, run: AuditRun, model, extra_css: str = "") -> str:
    base_css, script = _files()
    css = base_css + extra_css
    generator = f"{run.tool.get('name', 'newsaudit')} {run.tool.get('version', '')}".strip()
    return environment().get_template(template).render(
        v=model, css=Markup(css), script=Markup(script), csp=_csp(css, script), generator=generator,
    )


def render(run: AuditRun, base_dir: Path) -> str:
    """report.html: the index."""
    return _page("index.html.j2", run, view.index(run, Embedder(base_dir, max_total=INDEX_IMAGE_BYTES)))


def render_article(run: AuditRun, index: int, base_dir: Path, component_of: dict | None = None,
                   names: list[str] | None = None) -> str:
    embed = Embedder(base_dir, max_total=ARTICLE_IMAGE_BYTES)
    model = view.article(run, index, embed, embed.dimensions, component_of, names)
    return _page("article.html.j2", run, model, model.css)


def article_pages(run: AuditRun, base_dir: Path) -> Iterator[tuple[str, str]]:
    """(path relative to report.html, text) of every article page, one at a time."""
    component_of = view.index(run, lambda path, budget: None).component_of
    names = view.viewport_names(run)
    for index in range(len(run.pages)):
        yield view.article_href(index), render_article(run, index, base_dir, component_of, names)
