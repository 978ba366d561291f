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


# --- hostile and broken sources (issue 9): each bad entry is its own error row ------------------

import gzip  # noqa: E402
import urllib.request  # noqa: E402

from auditor import inputs  # noqa: E402
from badserver import BadServer, gzip_bomb, sitemap  # noqa: E402


def serve_xml(body: bytes, status: int = 200):
    return lambda handler: handler.send_body(body, status=status)


def test_a_remote_sitemap_cannot_name_local_files():
    body = sitemap("file:///etc/", "file:///etc/passwd", "/story", "https://news.example/a")
    with BadServer(routes={"/sitemap.xml": serve_xml(body)}) as bad:
        entries = sitemap_entries(bad.url("/sitemap.xml"))
    errors = {e.location: e.error for e in entries if e.error}
    assert set(errors) == {"file:///etc/", "file:///etc/passwd"}
    assert all("is not an http(s) URL" in e for e in errors.values())
    assert [e.location for e in entries if not e.error] == [bad.url("/story"), "https://news.example/a"]
    targets = to_targets(entries, LocalServer())
    assert not any(t.path for t in targets)  # nothing local is served


def test_a_local_feed_with_bad_links_names_them_and_goes_on(tmp_path):
    feed = write(tmp_path / "rss.xml", """<rss version="2.0"><channel>
      <item><link>not a link</link></item><item><link>../../etc/passwd</link></item>
      <item><link>https://n.example/good</link></item></channel></rss>""")
    entries = feed_entries(feed)
    assert [e.error is None for e in entries] == [False, False, True]
    for entry in entries[:2]:
        assert "feed link" in entry.error and "is not an http(s) URL" in entry.error
        assert "no such file" not in entry.error


def test_one_bad_child_of_a_sitemap_index_is_an_error_row_and_the_rest_go_on():
    routes = {"/good.xml": serve_xml(sitemap("https://news.example/a")),
              "/index.xml": None}
    with BadServer(routes=routes) as bad:
        index = (f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f'<sitemap><loc>{bad.url("/missing.xml")}</loc></sitemap>'
                 f'<sitemap><loc>{bad.url("/good.xml")}</loc></sitemap>'
                 f'<sitemap><loc>file:///etc/sitemap.xml</loc></sitemap></sitemapindex>').encode()
        routes["/index.xml"] = serve_xml(index)
        entries = sitemap_entries(bad.url("/index.xml"))
    assert [e.location for e in entries if not e.error] == ["https://news.example/a"]
    errors = [e.error for e in entries if e.error]
    assert len(errors) == 2 and "HTTP 404" in errors[0] and "is not an http(s) URL" in errors[1]


def test_a_gzip_bomb_is_never_inflated_whole(tmp_path, monkeypatch):
    assert inputs.MAX_SOURCE_BYTES == 50 * 2**20  # the sitemaps.org limit
    monkeypatch.setattr(inputs, "MAX_SOURCE_BYTES", 2 << 20)  # the same code path, 25 times cheaper
    bomb = tmp_path / "sitemap.xml.gz"
    bomb.write_bytes(gzip_bomb(8 << 20))
    assert bomb.stat().st_size < 64 << 10
    with pytest.raises(InputError, match="inflates to more than 2 MB"):
        sitemap_entries(str(bomb))
    small = tmp_path / "small.xml.gz"
    small.write_bytes(gzip.compress(sitemap("https://news.example/a")))
    assert [e.location for e in sitemap_entries(str(small))] == ["https://news.example/a"]


def test_urls_per_sitemap_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_ENTRIES", 3)
    path = tmp_path / "s.xml"
    path.write_bytes(sitemap(*[f"https://news.example/{i}" for i in range(5)]))
    entries = sitemap_entries(str(path))
    assert [e.location for e in entries[:3]] == [f"https://news.example/{i}" for i in range(3)]
    assert len(entries) == 4 and "lists more than 3 URLs" in entries[3].error


def test_a_server_that_drips_a_byte_a_second_is_bounded_for_the_whole_fetch(monkeypatch):
    monkeypatch.setattr(inputs, "FETCH_TIMEOUT", 3)  # each byte comes well within a per-read timeout
    with BadServer() as bad:
        with pytest.raises(InputError, match="did not arrive whole within 3 s"):
            sitemap_entries(bad.url("/drip"))


def test_malformed_urls_are_their_own_error_rows(tmp_path):
    listing = write(tmp_path / "urls.txt", "http://[::1\nhttp://example.com:99999/\nhttps://ok.example/\n")
    targets = to_targets(url_list_entries(listing) + ["http://[::1]:80:80/"], LocalServer())
    assert [t.error is None for t in targets] == [False, False, True, False]
    assert all("malformed URL" in t.error for t in targets if t.error)


def test_a_remote_url_list_may_not_name_local_files():
    listing = b"file:///etc/passwd\n/story\nhttps://a.example/\n"
    with BadServer(routes={"/urls.txt": lambda h: h.send_body(listing, "text/plain")}) as bad:
        entries = url_list_entries(bad.url("/urls.txt"))
    assert "is not an http(s) URL" in entries[0].error
    assert [e.location for e in entries[1:]] == [bad.url("/story"), "https://a.example/"]


def test_the_built_in_server_serves_only_its_folders(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.html").write_text("<html>story</html>")
    (site / "escape.html").symlink_to("/etc/passwd")
    server = LocalServer()
    path = server.url_for(site / "story.html")
    base = server.start()
    try:
        assert b"story" in urllib.request.urlopen(base + path).read()
        for bad in ("/0/escape.html", "/0/../../../etc/passwd", "/1/passwd", "/etc/passwd", "/0/%2e%2e/%2e%2e/etc/passwd"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(base + bad)
            assert error.value.code == 404, bad
    finally:
        server.stop()


def test_a_folder_with_too_many_pages_is_one_error_row(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_FOLDER_PAGES", 3)
    for i in range(5):
        (tmp_path / f"p{i}.html").write_text("<html></html>")
    (tmp_path / "loop").symlink_to(tmp_path)  # a symlinked folder is not followed
    (targets,) = to_targets([str(tmp_path)], LocalServer())
    assert "holds more than 3 HTML files" in targets.error
