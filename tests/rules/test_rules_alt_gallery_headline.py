"""alt-duplicate-in-gallery and alt-repeats-headline."""
import pytest

from snapshots import caption, document, image, run, selectors, snapshot


def duplicates(*images):
    return sorted(selectors("alt-duplicate-in-gallery", snapshot(images=list(images))))


def slide(id, alt="Climate march in Berlin", gallery="#gallery", **fields):
    return image(id, alt=alt, gallery=gallery, **fields)


class TestAltDuplicateInGallery:
    def test_same_alt_on_different_photos_of_one_gallery_fails_on_each(self):
        found = duplicates(slide("a"), slide("b"), slide("c", alt="A girl holds a sign"))
        assert found == ["#a", "#b"]

    def test_alts_equal_after_normalising_match(self):
        assert duplicates(slide("a"), slide("b", alt="Climate march in Berlin.")) == ["#a", "#b"]

    def test_message_counts_the_photos(self):
        images = [slide(f"p{i}", alt="Flooded street") for i in range(3)]
        violations = run("alt-duplicate-in-gallery", snapshot(images=images))
        assert [v.message for v in violations] == ['Alt text "Flooded street" is used on 3 different photos '
                                                   'in this gallery.'] * 3

    def test_the_articles_own_photos_are_its_gallery(self):
        # Mashable: three different photos in the article body, each alt="Mashable Image".
        violations = run("alt-duplicate-in-gallery", snapshot(images=[
            image("a", alt="Mashable Image", figure="#f1"), image("b", alt="Mashable Image", figure="#f2")]))
        assert [v.selector for v in violations] == ["#a", "#b"]
        assert violations[0].message == 'Alt text "Mashable Image" is used on 2 different photos in this article.'

    def test_what_was_wrong_on_real_pages_is_no_gallery(self):
        # Teaser lists, repeated icons and the same photo again further down the article.
        teaser = {"href": "https://news.example/other", "text": "Google is reportedly acquiring Lytro", "via": "link"}
        assert duplicates(image("a", alt="Google is reportedly acquiring Lytro", teaser=teaser),
                          image("b", alt="Google is reportedly acquiring Lytro", teaser=teaser)) == []
        icons = [image(f"s{i}", alt=None, tag="svg", role="img", aria_label="save", src="", in_control=True)
                 for i in range(5)]
        assert duplicates(*icons) == []
        verge = "https://duet-cdn.vox-cdn.com/thumbor/0x0:2040x1360/{}/cdn.vox-cdn.com/uploads/file/25248001/vision.jpg"
        assert duplicates(image("a", alt="The Apple Vision Pro headset", src=verge.format("1200x800")),
                          image("b", alt="The Apple Vision Pro headset", src=verge.format("2400x1600"))) == []
        assert duplicates(image("a", alt="Team photo", in_article=False),
                          image("b", alt="Team photo", in_article=False)) == []

    def test_galleries_are_separate_and_must_be_in_the_article(self):
        assert duplicates(slide("a", gallery="#g1"), slide("b", gallery="#g2")) == []
        assert duplicates(slide("a", in_article=False), slide("b", in_article=False)) == []

    def test_the_same_photo_twice_may_share_its_alt(self):
        src = "https://news.example/media/march.jpg"
        assert duplicates(slide("a", src=src), slide("b", src=src)) == []

    @pytest.mark.parametrize("first, second", [
        ("https://cdn.example/2024/03/march-1024x683.jpg", "https://cdn.example/2024/03/march-300x200.jpg"),
        ("https://cdn.example/img/march.jpg?w=800&h=600&fit=crop", "https://cdn.example/img/march.jpg?w=320"),
        ("https://cdn.example/march@2x.webp", "https://cdn.example/march.jpg"),
        ("https://cdn.example/march-scaled.jpg", "https://cdn.example/march_800.jpg"),
    ])
    def test_size_variants_of_one_file_are_one_photo(self, first, second):
        assert duplicates(slide("a", src=first), slide("b", src=second)) == []

    def test_a_srcset_candidate_shared_makes_one_photo(self):
        a = slide("a", src="https://cdn.example/lazy-placeholder.gif",
                  files=["https://cdn.example/march-800.jpg", "https://cdn.example/march-1600.jpg"])
        b = slide("b", src="https://cdn.example/march.jpg")
        assert duplicates(a, b) == []

    def test_repeated_icons_are_never_gallery_photos(self):
        # <svg role="img" aria-label="Reader's pick"> beside every comment of a comment carousel.
        icons = [slide(f"pick{i}", alt=None, tag="svg", role="img", aria_label="Reader's pick", src="",
                       box={"x": 0, "y": 0, "width": 16, "height": 16}) for i in range(3)]
        assert duplicates(*icons) == []

    def test_teasers_in_a_carousel_are_not_gallery_photos(self):
        teaser = {"href": "https://news.example/other-story", "text": "Storm season begins early", "via": "link"}
        assert duplicates(slide("a", teaser=teaser), slide("b", teaser=teaser)) == []

    def test_hidden_slides_do_not_count(self):
        assert duplicates(slide("a"), slide("b", rendered=False)) == []

    def test_alts_other_rules_report_are_left_to_them(self):
        assert duplicates(slide("a", alt="image"), slide("b", alt="image")) == []
        assert duplicates(slide("a", alt="Reuters"), slide("b", alt="Reuters")) == []
        assert duplicates(slide("a", alt="DSC_0042"), slide("b", alt="DSC_0042")) == []

    def test_decorative_images_do_not_count(self):
        assert duplicates(slide("a", alt=""), slide("b", alt="")) == []

    def test_non_english(self):
        assert duplicates(slide("a", alt="北京街头"), slide("b", alt="北京街头")) == ["#a", "#b"]


HEADLINE = "Storm closes schools across the region"


def repeats(alt, **doc):
    doc = document(**({"og_title": HEADLINE} | doc))
    return selectors("alt-repeats-headline", snapshot(document=doc, images=[image("lead", alt=alt)]))


class TestAltRepeatsHeadline:
    @pytest.mark.parametrize("alt", [HEADLINE, "Storm closes schools across the region.",
                                     "Storm Closes Schools Across The Region",
                                     "Storm closes schools across the region Photo: AP"])
    def test_alt_equal_to_the_headline_fails(self, alt):
        assert repeats(alt) == ["#lead"]

    def test_message_quotes_alt_and_headline(self):
        snap = snapshot(document=document(og_title=HEADLINE), images=[image(alt=HEADLINE)])
        [violation] = run("alt-repeats-headline", snap)
        assert violation.message == f'Alt text "{HEADLINE}" repeats the headline "{HEADLINE}".'
        assert violation.evidence["headline"] == HEADLINE

    def test_a_description_passes(self):
        assert repeats("A fallen tree blocks the gate of a primary school") == []

    def test_headline_from_json_ld_or_title_without_site_name(self):
        assert repeats(HEADLINE, og_title=None, jsonld_headline=HEADLINE) == ["#lead"]
        assert repeats(HEADLINE, og_title=None, title=f"{HEADLINE} | Daily News") == ["#lead"]
        assert repeats("Daily News", og_title=None, title=f"{HEADLINE} | Daily News") == []

    def test_headline_with_a_photo_kicker_is_not_taken_for_a_credit(self):
        kicker = "In photos: Eastern Kentucky digs out after record flooding"
        assert repeats(kicker, og_title=kicker) == ["#lead"]

    def test_non_english_headline(self):
        assert repeats("Sturm schließt Schulen in der Region", og_title="Sturm schließt Schulen in der Region") \
            == ["#lead"]

    def test_no_headline_no_finding(self):
        assert repeats(HEADLINE, og_title=None) == []

    def test_suggestion_is_a_prompt_from_the_caption_never_the_caption(self):
        img = image(alt=HEADLINE, caption=caption("A fallen tree blocks a school gate in Leeds. Schools "
                                                  "reopen Monday. Photo: PA"))
        [violation] = run("alt-repeats-headline", snapshot(document=document(og_title=HEADLINE), images=[img]))
        assert violation.suggestion == ('Describe what the photo shows of: Leeds. The caption already says: '
                                        '"A fallen tree blocks a school gate in Leeds."')
