"""alt-duplicate-in-gallery and alt-repeats-headline."""
import pytest

from snapshots import caption, document, image, run, selectors, snapshot


def duplicates(*images):
    return sorted(selectors("alt-duplicate-in-gallery", snapshot(images=list(images))))


class TestAltDuplicateInGallery:
    def test_same_alt_on_different_photos_of_one_figure_fails_on_each(self):
        found = duplicates(image("a", alt="Climate march in Berlin", figure="#gallery", in_article=False),
                           image("b", alt="Climate march in Berlin", figure="#gallery", in_article=False),
                           image("c", alt="A girl holds a sign", figure="#gallery", in_article=False))
        assert found == ["#a", "#b"]

    def test_galleries_of_one_figure_per_photo_in_the_article_fail(self):
        found = duplicates(image("a", alt="Climate march in Berlin", figure="#f1"),
                           image("b", alt="Climate march in Berlin.", figure="#f2"))  # normalised equal
        assert found == ["#a", "#b"]

    def test_message_counts_the_photos(self):
        images = [image(f"p{i}", alt="Flooded street", figure="#g") for i in range(3)]
        violations = run("alt-duplicate-in-gallery", snapshot(images=images))
        assert [v.message for v in violations] == ['Alt text "Flooded street" is used on 3 different photos '
                                                   'in this figure.'] * 3

    def test_an_image_in_a_figure_and_the_article_is_reported_once_for_the_larger_group(self):
        images = [image("a", alt="Flooded street", figure="#g"), image("b", alt="Flooded street", figure="#g"),
                  image("c", alt="Flooded street", figure="#h")]
        violations = run("alt-duplicate-in-gallery", snapshot(images=images))
        assert sorted(v.selector for v in violations) == ["#a", "#b", "#c"]
        assert {v.message for v in violations} == {'Alt text "Flooded street" is used on 3 different photos in '
                                                   'this article.'}

    def test_the_same_photo_twice_may_share_its_alt(self):
        src = "https://news.example/media/march.jpg"
        assert duplicates(image("a", alt="Climate march", src=src), image("b", alt="Climate march", src=src)) == []

    def test_different_figures_outside_the_article_are_separate_groups(self):
        assert duplicates(image("a", alt="Team photo", figure="#f1", in_article=False),
                          image("b", alt="Team photo", figure="#f2", in_article=False)) == []

    def test_hidden_slides_do_not_count(self):
        assert duplicates(image("a", alt="Climate march", figure="#g"),
                          image("b", alt="Climate march", figure="#g", rendered=False)) == []

    def test_alts_other_rules_report_are_left_to_them(self):
        assert duplicates(image("a", alt="image"), image("b", alt="image")) == []
        assert duplicates(image("a", alt="Reuters"), image("b", alt="Reuters")) == []
        assert duplicates(image("a", alt="DSC_0042"), image("b", alt="DSC_0042")) == []

    def test_decorative_images_do_not_count(self):
        assert duplicates(image("a", alt=""), image("b", alt="")) == []

    def test_non_english(self):
        assert duplicates(image("a", alt="北京街头"), image("b", alt="北京街头")) == ["#a", "#b"]


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

    def test_caption_based_suggestion(self):
        img = image(alt=HEADLINE, caption=caption("A fallen tree blocks a school gate in Leeds. Schools "
                                                  "reopen Monday. Photo: PA"))
        [violation] = run("alt-repeats-headline", snapshot(document=document(og_title=HEADLINE), images=[img]))
        assert violation.suggestion == 'Proposed alt: "A fallen tree blocks a school gate in Leeds."'
