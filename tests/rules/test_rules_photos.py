"""What a photo is and which caption is its own (rules/_images.py), on snapshots shaped like real markup.

Each case is a pattern that made an image rule wrong on the real news pages: tracking pixels after
the article, related-story cards, repeated teaser images, comment icons, spinners.
"""
import pytest

from rules._images import file_stem, image_urls, is_teaser, not_a_photo, photo_keys, photos
from snapshots import caption, image, run, selectors, snapshot

LEAD_CAPTION = "Mr Obama told the BBC that gun control was his biggest frustration"
IMAGE_RULES = ("alt-credit-only", "alt-duplicate-in-gallery", "alt-filename", "alt-matches-caption",
               "alt-placeholder", "alt-redundant-prefix", "alt-repeats-headline", "alt-too-long",
               "captioned-image-no-alt")


def pixel(id="livestats", **fields):
    """<img alt="" id="livestats" src="http://stats.example/o.gif?…" width="1" height="1"> after the article."""
    data = dict(alt="", src="http://stats.example/o.gif?~RS~s~RS~News", in_article=False,
                size_attrs={"width": 1, "height": 1}, box={"x": 0, "y": 9000, "width": 1, "height": 1})
    data.update(fields)
    return image(id, **data)


def no_alt(*images):
    return selectors("captioned-image-no-alt", snapshot(images=list(images)))


class TestNotAPhoto:
    @pytest.mark.parametrize("fields", [
        {"size_attrs": {"width": 1, "height": 1}},
        {"size_attrs": {"width": 0, "height": 0}},  # CNN's OmnitureTrack: width="0" height="0"
        {"style_size": {"width": 1, "height": 1}, "size_attrs": None},
        {"natural": {"width": 1, "height": 1}, "loaded": True},
        {"natural": {"width": 20, "height": 20}, "loaded": True},
        {"loaded": True, "box": {"x": 0, "y": 0, "width": 16, "height": 16}},
    ])
    def test_pixels_and_spacers(self, fields):
        assert not_a_photo(image(**fields)) == "a pixel or spacer"

    def test_one_side_of_zero_is_a_responsive_photo(self):
        # CNET: <img width="570" height="0"> for a photo whose height the stylesheet sets.
        assert not_a_photo(image(size_attrs={"width": 570, "height": 0})) is None

    def test_a_broken_image_box_says_nothing_about_the_photo(self):
        # Offline, every off-site photo fails to load and is drawn as a 16 px broken-image box.
        broken = image(loaded=False, box={"x": 0, "y": 0, "width": 16, "height": 16})
        assert not_a_photo(broken) is None

    @pytest.mark.parametrize("fields", [{"offscreen": True}])
    def test_off_screen_or_visually_hidden(self, fields):
        assert not_a_photo(image(**fields)) == "off screen or visually hidden"

    def test_small_images_in_a_control_or_repeated_are_icons(self):
        share = image("fb", alt=None, tag="svg", role="img", src="", in_control=True,
                      size_attrs={"width": 32, "height": 32})
        assert not_a_photo(share) == "an icon"
        avatars = [image(f"avatar{i}", alt="", src="https://x/avatar.png", loaded=True,
                         box={"x": 0, "y": 0, "width": 40, "height": 40}) for i in range(3)]
        assert photos(snapshot(images=avatars)) == []

    def test_a_large_image_in_a_link_is_still_a_photo(self):
        assert not_a_photo(image(in_control=True, size_attrs={"width": 600, "height": 400})) is None

    def test_teasers_are_photos_whose_headline_names_another_page(self):
        card = image(teaser={"href": "https://news.example/other", "text": "Even posh hotels might not wash",
                             "via": "card"})
        assert not_a_photo(card) is None and is_teaser(card)
        # A button's "Play Now", a photographer's name next to a link: no headline, no teaser.
        for text in ("", "Play Now", "Kevin"):
            assert not is_teaser(image(teaser={"href": "https://news.example/other", "text": text, "via": "link"}))
        assert is_teaser(image(teaser={"href": "https://news.example/other", "text": "五輪代表の最終選考会が開幕", "via": "card"}))

    def test_a_teaser_with_a_file_name_alt_is_still_reported(self):
        teaser = {"href": "https://news.example/other", "text": "Why MLB players are not overpaid", "via": "link"}
        assert selectors("alt-filename", snapshot(images=[image(alt="madison-bumgarner.jpg", teaser=teaser)])) \
            == ["#photo"]


class TestCaptionedPhotos:
    def test_a_tracking_pixel_after_the_article_never_takes_the_lead_caption(self):
        # The collector no longer climbs to <body>; even if a caption reached the pixel, it is no photo.
        assert no_alt(pixel(caption=LEAD_CAPTION), image("lead", alt="", caption=LEAD_CAPTION)) == ["#lead"]

    def test_related_story_cards_with_empty_alt_are_right(self):
        # <a href="/other"><article><figure><img alt=""><figcaption>Story title</figcaption></figure></article></a>
        card = image("card", alt="", caption="Even posh hotels might not wash a blanket in between stays",
                     # (alt-matches-caption leaves teasers alone too: the caption is the other story's headline)
                     link={"selector": "#a", "href": "/other", "text": "Even posh hotels might not wash a blanket"},
                     teaser={"href": "https://news.example/other", "text": "Even posh hotels might not wash a blanket",
                             "via": "link"})
        assert no_alt(card) == []

    def test_repeated_teaser_images_and_avatars_are_not_judged(self):
        avatars = [image(f"av{i}", alt=None, caption=f"Story {i} by Writer {i}", src="https://x/avatar.png",
                         size_attrs={"width": 40, "height": 40}) for i in range(2)]
        assert no_alt(*avatars) == []

    def test_comment_icons_are_not_judged(self):
        icons = [image(f"zoom{i}", alt=None, tag="svg", role="img", src="", caption="«Vape Wave» et «Braguino»",
                       size_attrs={"width": 22, "height": 22}) for i in range(2)]
        assert no_alt(*icons) == []

    def test_the_lead_photo_without_alt_is_still_reported(self):
        assert no_alt(image("lead", alt=None, caption=LEAD_CAPTION, size_attrs={"width": 976, "height": 549})) \
            == ["#lead"]

    @pytest.mark.parametrize("rule_id", IMAGE_RULES)
    def test_no_image_rule_judges_what_is_not_a_photo(self, rule_id):
        not_photos = [pixel("p1", alt="image", caption="image"), pixel("p2", alt="image", caption="image"),
                      image("icon1", alt="DSC_0042.jpg", tag="svg", in_control=True, src="",
                            size_attrs={"width": 16, "height": 16}, gallery="#g"),
                      image("off", alt="Photo of AP", caption="Photo of AP", offscreen=True, gallery="#g")]
        assert run(rule_id, snapshot(images=not_photos)) == []


class TestFiles:
    @pytest.mark.parametrize("url, stem", [
        ("https://x/wp-content/uploads/2024/03/aktuelle-artikel-2890x1580.jpg", "aktuelle-artikel"),
        ("https://x/storm_800.jpg", "storm"),
        ("https://x/storm@2x.png", "storm"),
        ("https://x/storm-scaled-1024x683.jpg?w=640", "storm"),
        ("https://x/IMG_0042.jpg", "IMG_0042"),
        ("https://x/1024x768.jpg", "1024x768"),  # nothing left after the suffix: keep the name
        # A resizing CDN names the photo in a parameter: aolcdn's /images/dims?…&image_uri=<the photo>
        ("https://o.aolcdn.com/images/dims?thumbnail=300%2C200&image_uri=https%3A%2F%2Fs.yimg.com%2Fos%2F"
         "2020-04%2Fa5e9-tracing.jpeg&client=a1", "a5e9-tracing"),
    ])
    def test_file_stem_drops_size_suffixes_and_resize_parameters(self, url, stem):
        assert file_stem(url) == stem

    def test_every_url_counts(self):
        img = image(src="https://x/placeholder.gif", files=["https://x/storm-800.jpg", "https://x/storm-1600.jpg"])
        assert image_urls(img)[0] == "https://x/placeholder.gif"
        assert photo_keys(img) == {"placeholder", "storm"}
