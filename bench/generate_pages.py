"""Generate N news article pages for the speed and scale benchmarks.

    .venv/bin/python bench/generate_pages.py OUT_DIR --pages 1000 [--seed 7]

Each page is shaped like a real article: a header with navigation and a skip link, a headline,
a byline, captioned photos, body text with subheads and links, related-story teaser cards and a
footer. A seeded share of pages carries the defects real articles have (a captioned photo without
alt, an alt that repeats the caption, "read more" links, a skipped heading level, low-contrast
text, an image without alt in the footer), so axe-core and the news rules both have work to do.
Pages use the fixture site's stylesheet and photos, copied into OUT_DIR/assets, so a run is
offline. Output is deterministic for a given seed.
"""
from __future__ import annotations

import argparse
import html
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "fixtures" / "site" / "assets"
PHOTOS = ["aerial", "bridge", "flood-street", "power-crew", "rescue-boat", "sandbags", "school", "storm-clouds"]
PLACES = ["Perry County", "Hazard", "Knott County", "Whitesburg", "Jackson", "Breathitt County", "Pikeville"]
SUBJECTS = ["Volunteers", "Crews", "Residents", "Teachers", "Firefighters", "Farmers", "Nurses"]
ACTIONS = ["clear debris from", "rebuild", "sandbag", "inspect", "reopen", "pump water out of", "repair"]
OBJECTS = ["the main street", "a flooded school", "the old bridge", "a power substation", "the clinic",
           "a row of houses", "the county road"]
WORDS = ("the water rose overnight and by morning the town had changed; officials said the recovery "
         "would take months while families counted what was left and neighbours opened their homes "
         "to those who had lost theirs").split()


def sentence(rnd: random.Random, n: int = 18) -> str:
    start = rnd.randrange(len(WORDS))
    words = [WORDS[(start + i) % len(WORDS)] for i in range(n)]
    return " ".join(words).capitalize() + "."


def caption(rnd: random.Random) -> str:
    return f"{rnd.choice(SUBJECTS)} {rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)} in {rnd.choice(PLACES)}."


def figure(rnd: random.Random, index: int, defect: str | None) -> str:
    photo = rnd.choice(PHOTOS)
    text = caption(rnd)
    if defect == "no-alt":
        alt_attr = ""
    elif defect == "alt-is-caption":
        alt_attr = f' alt="{html.escape(text)}"'
    else:
        alt_attr = f' alt="{html.escape(rnd.choice(SUBJECTS))} at work near {html.escape(rnd.choice(PLACES))}"'
    return (f'<figure class="photo" id="photo-{index}">\n'
            f'  <img src="assets/img/{photo}.jpg" width="640" height="360"{alt_attr}>\n'
            f'  <figcaption>{html.escape(text)} <span class="credit">Photo: Ana Ruiz / The Ledger</span>'
            f'</figcaption>\n</figure>')


def teaser(rnd: random.Random, n: int) -> str:
    photo = rnd.choice(PHOTOS)
    title = f"{rnd.choice(SUBJECTS)} {rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)}"
    return (f'<li><a href="story-{n}.html"><img src="assets/img/{photo}-thumb.jpg" width="160" height="90" alt="">'
            f'<span>{html.escape(title)}</span></a></li>')


def page(rnd: random.Random, n: int, total: int) -> str:
    defects = {d for d in ("no-alt", "alt-is-caption", "read-more", "skipped-level", "contrast", "footer-img")
               if rnd.random() < 0.3}
    headline = f"{rnd.choice(SUBJECTS)} {rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)} after record flooding"
    nav = "\n".join(f'    <li><a href="section-{i}.html">{name}</a></li>' for i, name in
                    enumerate(["News", "Politics", "Business", "Sport", "Weather", "Opinion", "Culture", "Video"]))
    body = []
    figures = 1 + rnd.randrange(3)
    for i in range(6 + rnd.randrange(8)):
        if i == 3:
            level = "h4" if "skipped-level" in defects else "h2"
            body.append(f"<{level}>What happens next</{level}>")
        body.append(f"<p>{sentence(rnd)} {sentence(rnd, 12)} "
                    f'<a href="story-{rnd.randrange(total)}.html">{html.escape(rnd.choice(PLACES))} recovery</a>.</p>')
        if i % 3 == 0 and figures:
            figures -= 1
            defect = next((d for d in ("no-alt", "alt-is-caption") if d in defects and rnd.random() < 0.5), None)
            body.append(figure(rnd, i, defect))
    if "read-more" in defects:
        body.append('<p><a href="story-0.html">Read more</a></p>')
    if "contrast" in defects:
        body.append('<p style="color:#b5b5b5">Correction: an earlier version misnamed the county.</p>')
    related = "\n".join(teaser(rnd, rnd.randrange(total)) for _ in range(4))
    footer_img = ('<img src="assets/img/favicon.png" width="32" height="32">' if "footer-img" in defects
                  else '<img src="assets/img/favicon.png" width="32" height="32" alt="The Ledger">')
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(headline)} | The Ledger</title>
<meta property="og:title" content="{html.escape(headline)}">
<link rel="stylesheet" href="assets/site.css">
</head>
<body>
<nav class="a11y-links"><a class="skip-link" href="#main">Skip to content</a></nav>
<header class="masthead">
  <a class="brand" href="index.html">The Ledger</a>
  <nav aria-label="Sections"><ul>
{nav}
  </ul></nav>
</header>
<main id="main">
<article class="story">
  <h1>{html.escape(headline)}</h1>
  <p class="byline">By Marcus Bell, July 29, 2022</p>
  {chr(10).join(body)}
</article>
<aside aria-label="Related stories"><h2>More from The Ledger</h2><ul class="related">
{related}
</ul></aside>
</main>
<footer><p>{footer_img} &copy; The Ledger</p></footer>
</body>
</html>
"""


def generate(out: Path, pages: int, seed: int = 7) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    if (out / "assets").exists():
        shutil.rmtree(out / "assets")
    shutil.copytree(ASSETS, out / "assets")
    rnd = random.Random(seed)
    paths = []
    for n in range(pages):
        path = out / f"story-{n:04d}.html"
        path.write_text(page(rnd, n, pages), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.pages, args.seed)
    print(f"wrote {len(paths)} pages to {args.out}")


if __name__ == "__main__":
    main()
