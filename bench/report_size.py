"""Size of the HTML report at scale: a synthetic AuditRun of N articles, rendered as the CLI does.

    .venv/bin/python bench/report_size.py [--articles 1000] [--sites 20] [--out DIR]

Each article has what real news pages yield (../shared/news-pages*): photos with caption problems,
a skipped heading and generic links for the editor; for the template, touch targets in the site
header (40 places), paragraphs outside landmarks (20, no stable anchor), faint footer text, ad
frames without a title and a missing skip link; four viewport screenshots and a crop per element.
Prints the size of report.html (the index; the issue's budget is 5 MB at 1,000 articles), of the
article pages, and how long rendering took.
"""
from __future__ import annotations

import argparse
import io
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import reports  # noqa: E402
from auditor.model import AuditRun, Finding, PageResult  # noqa: E402

VIEWPORTS = {"XS": {"width": 375, "height": 667}, "SM": {"width": 640, "height": 960},
             "MD": {"width": 768, "height": 1024}, "LG": {"width": 1280, "height": 800}}
ALL = list(VIEWPORTS)
BUDGET = 5_000_000


def _picture(size: tuple[int, int], seed: int) -> bytes:
    """A page-like JPEG: bands of text lines and photo blocks, with a little noise."""
    image = Image.new("RGB", size, "#f4f4f4")
    draw = ImageDraw.Draw(image)
    for y in range(0, size[1], 120):
        draw.rectangle((12, y + 10, size[0] - 12, y + 70), fill=(90 + seed % 60, 120, 160))
        for line in range(y + 80, y + 116, 9):
            draw.rectangle((12, line, size[0] - 30, line + 4), fill="#8a8a8a")
    noise = Image.effect_noise(size, 12).convert("RGB")
    image = Image.blend(image, noise, 0.08)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=60)
    return out.getvalue()


def _finding(rule, selector, audience, impact="serious", html="", crop=None, evidence=None, boxes=None,
             viewports=ALL, engine="axe"):
    return Finding(rule=rule, engine=engine, impact=impact, wcag=["1.1.1"], viewports=list(viewports),
                   selector=selector, html=html, message=f"{rule}: a message of ordinary length about {selector}",
                   help_url="https://dequeuniversity.com/rules/axe/4.12/" + rule, audience=audience, title=rule,
                   crop=crop, evidence=evidence or {}, boxes=boxes or {})


def build(articles: int, sites: int, assets: Path) -> AuditRun:
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "shot.jpg").write_bytes(_picture((360, 2400), 1))
    (assets / "crop.jpg").write_bytes(_picture((480, 320), 2))
    pages = []
    for n in range(articles):
        site = f"site{n % sites}.example"
        for vp in ALL:
            (assets / f"{n}-{vp}.jpg").hardlink_to(assets / "shot.jpg")
        crop = f"assets/{n}-crop.jpg"
        (assets / f"{n}-crop.jpg").hardlink_to(assets / "crop.jpg")
        box = {vp: [16, 300 + 40 * k, 300, 30] for k, vp in enumerate(ALL)}
        findings = []
        for k in range(3):
            findings.append(_finding(
                "alt-matches-caption", f"#story > figure:nth-of-type({k + 1}) > img", "editor", "moderate",
                html=f'<img src="/media/{n}-{k}.jpg" alt="Caption of photo {k}">', crop=crop, engine="newsaudit",
                evidence={"alt": f"Caption of photo {k}", "caption": f"Caption of photo {k}. Photo: Agency",
                          "src": f"https://{site}/media/{n}-{k}.jpg"}, boxes=box))
        findings.append(_finding("heading-level-skipped", "#story > h4:nth-of-type(1)", "editor", "moderate",
                                 html="<h4>What it means</h4>", crop=crop, engine="newsaudit", boxes=box))
        for k in range(2):
            findings.append(_finding("link-text-generic", f"#story > p:nth-of-type({k + 3}) > a", "editor",
                                     "moderate", html='<a href="/more">Read more</a>', crop=crop, engine="newsaudit",
                                     boxes=box))
        for k in range(40):
            findings.append(_finding("target-size", f"#site-header > nav > ul > li:nth-of-type({k + 1}) > a",
                                     "template", html=f'<a class="nav-link" href="/s{k}">Section {k}</a>',
                                     crop=crop, viewports=["XS"], boxes=box))
        for k in range(20):
            findings.append(_finding("region", f"html > body > div:nth-of-type(2) > p:nth-of-type({k + 1})",
                                     "template", "moderate", html="<p>A paragraph of the story.</p>", crop=crop))
        for k in range(5):
            findings.append(_finding("color-contrast", f"#footer > ul > li:nth-of-type({k + 1}) > a", "template",
                                     html='<a class="footer-link" href="/about">About</a>', crop=crop))
        for k in range(3):
            findings.append(_finding("frame-title", f"#ad-slot-{n * 7 + k} > iframe", "template",
                                     html='<iframe src="https://ads.example/x" width="300" height="250">',
                                     crop=crop))
        findings.append(_finding("skip-link-missing", None, "template", engine="newsaudit"))
        pages.append(PageResult(url=f"https://{site}/2026/story-{n}", final_url=f"https://{site}/2026/story-{n}",
                                title=f"Story {n} | Site", headline=f"Story number {n} about the storm",
                                viewports_audited=list(ALL), findings=findings,
                                screenshots={vp: f"assets/{n}-{vp}.jpg" for vp in ALL},
                                inner_widths={vp: VIEWPORTS[vp]["width"] for vp in ALL}))
    return AuditRun(tool={"name": "newsaudit", "version": "bench"}, axe_version="4.12.1", viewports=VIEWPORTS,
                    pages=pages, settings={"fail_on": "serious", "screenshots": True})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--out", help="keep the report here (default: a temporary folder, removed)")
    args = parser.parse_args()
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        run = build(args.articles, args.sites, out / "assets")
        findings = sum(len(p.findings) for p in run.pages)
        start = time.perf_counter()
        reports.write(run, out, ["html"])
        elapsed = time.perf_counter() - start
        index = (out / "report.html").stat().st_size
        pages = [p.stat().st_size for p in (out / "articles").glob("*.html")]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{args.articles} articles on {args.sites} sites, {findings} findings")
        print(f"report.html (index)   {index / 1e6:8.2f} MB   budget {BUDGET / 1e6:.0f} MB: "
              f"{'within' if index < BUDGET else 'OVER'}")
        print(f"article pages         {len(pages)} files, {sum(pages) / 1e6:.1f} MB in all, "
              f"largest {max(pages) / 1e6:.2f} MB, mean {sum(pages) / len(pages) / 1e6:.2f} MB")
        print(f"render and write      {elapsed:.1f} s ({elapsed / args.articles * 1000:.0f} ms per article), "
              f"peak RSS {peak:.0f} MB")
    finally:
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
