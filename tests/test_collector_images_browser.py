"""The collector's image facts in real Chromium (tests/pages/images.html): captions within bounds,
teasers, every URL of an image, sizes, hidden images, language and the text cap."""
import pytest

from clitools import ROOT
from gathering import gather_snapshots

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def images():
    [snap] = gather_snapshots([ROOT / "tests" / "pages" / "images.html"], viewports=("LG",))
    return {image["selector"]: image for image in snap.facts["images"]}


def test_own_figcaption_with_an_itemprop_credit(images):
    caption = images["#lead"]["caption"]
    assert caption["source"] == "figcaption" and caption["credit"] == "Jane Doe/Reuters files"
    assert caption["text"].startswith("Mr Obama told the BBC")


def test_a_figure_holding_two_photos_gives_its_caption_to_neither(images):
    assert images["#pair-1"]["caption"] is None and images["#pair-2"]["caption"] is None


def test_a_caption_class_beside_the_image_in_a_small_container(images):
    assert images["#beside"]["caption"]["source"] == "selector"
    assert images["#beside"]["caption"]["text"] == "A caption in a div beside its image."
    assert images["#two-1"]["caption"] is None and images["#two-2"]["caption"] is None


def test_a_pixel_after_the_article_gets_no_caption_and_its_size(images):
    pixel = images["#pixel"]
    assert pixel["caption"] is None
    assert pixel["size_attrs"] == {"width": 1, "height": 1} and not pixel["in_article"]


def test_every_url_of_an_image(images):
    files = images["#lead"]["files"]
    # currentSrc (the srcset candidate the browser chose), data-src, then every srcset candidate, once each
    assert [f.rsplit("/", 1)[-1] for f in files] == ["storm-800x533.jpg", "storm-scaled.jpg", "storm-1600x1066.jpg"]
    assert not any(f.startswith("data:") for f in images["#beside"]["files"])


def test_teasers_by_link_and_by_card(images):
    card, promo = images["#card"]["teaser"], images["#promo"]["teaser"]
    assert card["via"] == "link" and card["href"].endswith("/2024/other-story.html")
    assert card["text"] == "Even posh hotels might not wash a blanket in between stays"
    assert promo["via"] == "card" and promo["text"] == "Storm season begins early this year"
    assert images["#zoomed"]["teaser"] is None  # a link to the photo's own file is no teaser
    assert images["#lead"]["teaser"] is None and images["#beside"]["teaser"] is None


def test_hidden_images_controls_galleries_and_language(images):
    assert images["#hidden-sr"]["offscreen"] and images["#hidden-far"]["offscreen"]
    assert not images["#lead"]["offscreen"]
    assert images["#in-button"]["in_control"] and not images["#lead"]["in_control"]
    assert images["#slide"]["gallery"] == "#gal" and images["#lead"]["gallery"] is None
    assert images["#ja"]["lang"] == "ja" and images["#lead"]["lang"] == "en"
    assert images["#beside"]["loaded"] and images["#beside"]["natural"] == {"width": 1, "height": 1}
    assert not images["#lead"]["loaded"] and images["#lead"]["natural"] is None  # its srcset file is missing


def test_texts_are_capped_and_keep_their_length(images):
    alt = images["#long-alt"]
    assert len(alt["alt"]) == 4000 and alt["alt_length"] == 10000
