"""The blocking order, written once (auditor/blocking.py): what Playwright asks of each request,
and the ordered block list the Selenium backend gives Chromium from the same rules."""
from auditor.blocking import Blocker
from auditor.browsers.selenium_devtools import block_lists

PAGE = "https://news.example/story"


def test_the_first_matching_rule_decides_in_the_one_order():
    blocker = Blocker(block=["*://cdn.example/ads/*"], block_ads=True, same_origin_only=True,
                      allow=["*://cdn.example/*", "*://*.doubleclick.net/keep.js"])
    assert [(rule.kind, rule.block) for rule in blocker.rules] == [
        ("globs", True), ("globs", False), ("ad hosts", True), ("other origins", True)]
    assert blocker.blocks("https://cdn.example/ads/a.js", PAGE)  # --block before --allow
    assert not blocker.blocks("https://cdn.example/lib.js", PAGE)  # --allow before --same-origin-only
    assert not blocker.blocks("https://x.doubleclick.net/keep.js", PAGE)  # --allow before the ad hosts
    assert blocker.blocks("https://x.doubleclick.net/ad.js", PAGE)
    assert blocker.blocks("https://other.example/a.js", PAGE)
    assert not blocker.blocks("https://news.example/a.js", PAGE)
    assert not blocker.blocks("data:image/png;base64,AAAA", PAGE)


def test_nothing_asked_blocks_nothing():
    blocker = Blocker(block=[], block_ads=False, same_origin_only=False, allow=[])
    assert not blocker.active and blocker.rules == []
    assert not blocker.blocks("https://x.doubleclick.net/ad.js", PAGE)


def test_chromium_gets_the_same_rules_in_the_same_order():
    blocker = Blocker(block=["*://cdn.example/ads/*"], block_ads=True, same_origin_only=True,
                      allow=["*://cdn.example/*"])
    lists = block_lists(blocker, PAGE)
    patterns = [(p["urlPattern"], p["block"]) for p in lists["urlPatterns"]]
    assert lists["urls"] == []
    assert patterns[:2] == [("*://cdn.example/ads/*", True), ("*://cdn.example/*", False)]
    assert ("*://doubleclick.net:*/*", True) in patterns[2:-2]
    assert patterns[-2:] == [("https://news.example/*", False), ("*://*:*/*", True)]


def test_block_globs_alone_use_chromiums_wildcard_list():
    lists = block_lists(Blocker(block=["*tracker*"], block_ads=False, same_origin_only=False, allow=[]), PAGE)
    assert lists == {"urls": ["*tracker*"], "urlPatterns": []}
