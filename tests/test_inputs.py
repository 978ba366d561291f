"""URL lists, sitemaps and feeds: parsed safely, deduplicated, newest first."""
import pytest

from auditor.inputs import (InputError, feed_entries, newest_first, sitemap_entries, to_targets,
                            url_list_entries)
from auditor.localserver import LocalServer

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/a</loc><lastmod>2026-01-01</lastmod></url>
  <url><loc>https://news.example/b</loc>
    <news:news><news:publication_date>2026-03-01T10:00:00Z</news:publication_date></news:news></url>
  <url><loc>https://news.example/c</loc></url>
</urlset>"""


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_url_list_with_comments(tmp_path):
    f = write(tmp_path / "urls.txt", "# my list\nhttps://a.example/x\n\n  https://b.example/y   # note\n")
    assert [e.location for e in url_list_entries(f)] == ["https://a.example/x", "https://b.example/y"]


def test_news_sitemap_newest_first(tmp_path):
    entries = sitemap_entries(write(tmp_path / "s.xml", SITEMAP))
    assert [e.location for e in entries] == ["https://news.example/a", "https://news.example/b",
                                            "https://news.example/c"]
    assert [e.location for e in newest_first(entries, 2)] == ["https://news.example/b", "https://news.example/a"]


def test_sitemap_index_is_followed(tmp_path):
    write(tmp_path / "child.xml", SITEMAP)
    index = write(tmp_path / "index.xml", '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                  "<sitemap><loc>child.xml</loc></sitemap></sitemapindex>")
    assert len(sitemap_entries(index)) == 3


def test_rss_and_atom(tmp_path):
    rss = write(tmp_path / "rss.xml", """<rss version="2.0"><channel>
      <item><link>https://n.example/old</link><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate></item>
      <item><link>https://n.example/new</link><pubDate>Tue, 02 Jun 2026 10:00:00 GMT</pubDate></item>
      </channel></rss>""")
    assert [e.location for e in newest_first(feed_entries(rss), 1)] == ["https://n.example/new"]
    atom = write(tmp_path / "atom.xml", """<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><link rel="alternate" href="https://n.example/1"/><updated>2026-01-01T00:00:00Z</updated></entry>
      <entry><link href="https://n.example/2"/><published>2026-02-01T00:00:00Z</published></entry></feed>""")
    assert [e.location for e in newest_first(feed_entries(atom), 5)] == ["https://n.example/2", "https://n.example/1"]


def test_entity_expansion_is_refused(tmp_path):
    bomb = write(tmp_path / "bomb.xml", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                 '<!ENTITY lol2 "&lol;&lol;&lol;">]><urlset><url><loc>&lol2;</loc></url></urlset>')
    with pytest.raises(InputError, match="unsafe XML"):
        sitemap_entries(bomb)


@pytest.mark.parametrize("text, message", [
    ("<html></html>", "not a sitemap"), ("<urlset", "not well-formed"), ("<foo/>", "not a sitemap")])
def test_bad_sitemaps(tmp_path, text, message):
    with pytest.raises(InputError, match=message):
        sitemap_entries(write(tmp_path / "s.xml", text))


def test_unreadable_sources_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="could not read"):
        feed_entries(str(tmp_path / "nope.xml"))
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        feed_entries(write(tmp_path / "f.xml", "<urlset/>"))


def test_targets_dedupe_and_explain_bad_locations(tmp_path):
    page = tmp_path / "story.html"
    page.write_text("<html></html>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.htm").write_text("<html></html>")
    server = LocalServer()
    targets = to_targets(["https://A.example/x#top", "https://a.example/x", str(page), str(tmp_path),
                          "ftp://x.example/", "http://", "missing.html", "www.example.com/story"], server)
    by_url = {t.url: t for t in targets}
    assert len([t for t in targets if "a.example" in t.url.lower()]) == 1
    assert sum(1 for t in targets if t.url.endswith("story.html")) == 1  # the folder repeats it
    assert any(t.url.endswith("sub/other.htm") for t in targets)
    assert "unsupported URL scheme 'ftp'" in by_url["ftp://x.example/"].error
    assert "malformed URL" in by_url["http://"].error
    assert "no such file" in by_url["missing.html"].error
    assert "did you mean https://www.example.com/story" in by_url["www.example.com/story"].error
    assert by_url[next(u for u in by_url if u.endswith("story.html"))].fetch_url.startswith("/0/")
