"""Every alt an image finding proposes on the fixture site passes every alt rule and is never the
caption copied (issue 8, item 4), on snapshots gathered in real Chromium at the narrowest and widest viewports."""
import pytest

from clitools import ROOT
from gathering import gather_snapshots
from suggestions import PROPOSED, suggestion_problems

pytestmark = pytest.mark.browser


def test_every_suggestion_on_the_fixture_site_is_sound():
    snapshots = gather_snapshots(sorted((ROOT / "fixtures" / "site").glob("*.html")), viewports=("XS", "LG"))
    findings, problems = 0, []
    for snap in snapshots:
        count, found = suggestion_problems(snap)
        findings, problems = findings + count, problems + found
    assert findings > 0 and problems == []
    assert PROPOSED.fullmatch('Proposed alt: "A pickup truck"')  # the pattern the check looks for
