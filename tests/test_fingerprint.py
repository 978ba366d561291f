"""Fingerprints: the same problem on the same page keeps its value; a different one never shares it."""
from __future__ import annotations

import pytest

from auditor.fingerprint import element_identity, fingerprint, local_key, page_fingerprints, page_key
from auditor.model import Finding, PageResult


@pytest.mark.parametrize("a, b", [
    ("https://example.com/a?utm_source=x&id=3&b=2", "https://EXAMPLE.com/a?b=2&id=3#top"),
    ("http://127.0.0.1:38211/site/page.html", "http://127.0.0.1:40001/site/page.html"),
    ("https://news.example.com/world/x", "https://preview-123.staging.example.net:8443/world/x"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/caf%C3%A9", "https://example.com/café"),
])
def test_page_key_drops_what_varies(a, b):
    assert page_key(a) == page_key(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.com/a?id=3", "https://example.com/a?id=4"),  # a real query parameter
    ("https://example.com/a", "https://example.com/b"),
    ("https://example.com/A", "https://example.com/a"),  # paths are case-sensitive
    ("fixtures/site/a.html", "fixtures/site/b.html"),
])
def test_page_key_keeps_what_identifies_the_page(a, b):
    assert page_key(a) != page_key(b)


def test_a_local_page_is_keyed_by_its_path_in_the_repository(tmp_path, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "site").mkdir()
    keys = set()
    for cwd, path in ((tmp_path / "repo", "site/a.html"), (tmp_path / "repo" / "site", "a.html"),
                      (tmp_path, str(tmp_path / "repo" / "site" / "a.html"))):
        monkeypatch.chdir(cwd)
        keys.add(local_key(path))
    assert keys == {"site/a.html"}


IMG = '<img src="https://cdn.example.com/media/storm.jpg?w=600" alt="x" class="lazy">'


@pytest.mark.parametrize("before, after", [
    # A paragraph inserted above: positions shift, the element is the same.
    (("#story > figure:nth-of-type(1) > img:nth-of-type(1)", IMG),
     ("#story > figure:nth-of-type(2) > img:nth-of-type(1)", IMG)),
    # Classes and CDN sizing parameters change with the template.
    (("#story > figure:nth-of-type(1) > img", IMG),
     ("#story > figure:nth-of-type(1) > img", IMG.replace("?w=600", "?w=800").replace("lazy", "lazy loaded"))),
    # The image moves to another CDN host.
    (("#story > p:nth-of-type(3) > img", IMG), ("#story > p:nth-of-type(3) > img", IMG.replace("cdn.", "img."))),
    # Link text spacing and case.
    (("#story > p:nth-of-type(5) > a", '<a href="/x">Read  more</a>'),
     ("#story > p:nth-of-type(6) > a", '<a href="/x" class="new">read more</a>')),
    (("#story > h4:nth-of-type(1)", "<h4>What parents need to know</h4>"),
     ("#story > h4:nth-of-type(2)", "<h4 class='x'>What parents  need to know</h4>")),
])
def test_identity_survives_small_template_drift(before, after):
    assert element_identity(*before) == element_identity(*after)


@pytest.mark.parametrize("a, b", [
    (("#story > figure > img", IMG), ("#story > figure > img", IMG.replace("storm", "flood"))),
    (("#story > p > a", '<a href="/x">Read more</a>'), ("#story > p > a", '<a href="/y">Read more</a>')),
    (("#story > img", IMG), ("#sidebar > img", IMG)),
    (("#story > h2", "<h2>Roads</h2>"), ("#story > h2", "<h2>Schools</h2>")),
])
def test_identity_tells_different_elements_apart(a, b):
    assert element_identity(*a) != element_identity(*b)


def _finding(selector, html="", rule="link-text-generic"):
    return Finding(rule=rule, engine="newsaudit", impact="moderate", wcag=[], viewports=["XS"], selector=selector,
                   html=html, message="changes every run", help_url="")


def test_twins_are_numbered_in_document_order_whatever_the_finding_order():
    link = '<a href="/more">Read more</a>'
    one = PageResult(url="https://e.com/a", findings=[_finding("#s > p:nth-of-type(10) > a", link),
                                                      _finding("#s > p:nth-of-type(9) > a", link)])
    two = PageResult(url="https://e.com/a", findings=list(reversed(one.findings)))
    prints = page_fingerprints(one)
    assert len(set(prints)) == 2
    assert dict(zip([f.selector for f in one.findings], prints)) == \
        dict(zip([f.selector for f in two.findings], page_fingerprints(two)))
    # The first twin is the one a lone finding would be.
    assert page_fingerprints(one)[1] == fingerprint("link-text-generic", "https://e.com/a",
                                                    "#s > p:nth-of-type(9) > a", link)


def test_rule_page_and_page_level():
    base = fingerprint("r", "https://example.com/a", "#x")
    assert fingerprint("r2", "https://example.com/a", "#x") != base
    assert fingerprint("r", "https://example.com/b", "#x") != base
    assert fingerprint("r", "https://example.com/a", None) != base
    assert len(base) == 64


def test_hostile_snippets_stay_bounded():
    html = "<a " + 'x="' * 50_000
    assert element_identity("#s > a", html).startswith("#s")
    assert element_identity("#s > div", "<div>" + "y" * 100_000 + "</div>").endswith("y" * 80)
