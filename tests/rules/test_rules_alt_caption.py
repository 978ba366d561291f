"""alt-matches-caption and captioned-image-no-alt: alt text judged against the photo's caption."""
import pytest

from auditor.registry import RuleSettings
from snapshots import caption, image, run, selectors, snapshot

CAPTION = "Firefighters battle a blaze near Athens on Tuesday."


def matches(*images, settings=None):
    return selectors("alt-matches-caption", snapshot(images=list(images)), settings)


class TestAltMatchesCaption:
    def test_alt_equal_to_caption_fails_and_quotes_both(self):
        [violation] = run("alt-matches-caption", snapshot(images=[image("fire", alt=CAPTION, caption=CAPTION)]))
        assert violation.selector == "#fire"
        assert f'"{CAPTION}"' in violation.message and "repeats the caption" in violation.message
        assert violation.evidence["alt"] == CAPTION and violation.evidence["caption"] == CAPTION
        assert violation.evidence["src"].endswith("/fire.jpg")

    def test_a_described_photo_passes(self):
        assert matches(image(alt="Two firefighters aim a hose at burning pine trees", caption=CAPTION)) == []

    @pytest.mark.parametrize("text, credit", [
        (f"{CAPTION} Photo: Petros Giannakouris/AP", None),             # credit in the caption text
        (f"{CAPTION} Petros Giannakouris", "Petros Giannakouris"),       # separate credit element
        (f"{CAPTION} (AP Photo/Petros Giannakouris)", None),
        (f"{CAPTION} REUTERS/Alkis Konstantinidis", None),
    ])
    def test_alt_differing_from_caption_only_by_the_credit_fails(self, text, credit):
        assert matches(image(alt=CAPTION, caption=caption(text, credit=credit))) == ["#photo"]

    def test_alt_that_carries_the_credit_itself_still_matches(self):
        assert matches(image(alt=f"{CAPTION} Photo: AP", caption=CAPTION)) == ["#photo"]
        # a credit with no marker is recognised from the caption's credit element
        assert matches(image(alt=f"{CAPTION} Petros Giannakouris",
                             caption=caption(f"{CAPTION} Petros Giannakouris", credit="Petros Giannakouris"))) \
            == ["#photo"]
        assert matches(image(alt=f"{CAPTION} Petros Giannakouris Papadopoulos",
                             caption=caption(CAPTION, credit="Petros Giannakouris Papadopoulos"))) == ["#photo"]

    @pytest.mark.parametrize("alt, text", [
        ("Des manifestants devant l’Assemblée nationale à Paris", "Des manifestants devant l'Assemblée "
                                                                  "nationale, à Paris. Photo : AFP"),
        ("Demonstranten vor dem Reichstag in Berlin", "Demonstranten vor dem Reichstag in Berlin. Foto: dpa"),
        ("Manifestantes frente al Congreso en Madrid", "Manifestantes frente al Congreso en Madrid (EFE)"),
        ("Manifestantes em frente ao Congresso em Brasília",
         "Manifestantes em frente ao Congresso em Brasília - Pedro Ladeira/Folhapress"),
        ("Demonstranti na Václavském náměstí", "Demonstranti na Václavském náměstí. Foto: ČTK"),
        ("北京天安门广场的游客", "北京天安门广场的游客。（新华社记者 张三 摄）"),
    ])
    def test_non_english_captions_and_credits(self, alt, text):
        assert matches(image(alt=alt, caption=text)) == ["#photo"]

    def test_near_match_reports_how_alike(self):
        [violation] = run("alt-matches-caption", snapshot(images=[
            image(alt="Firefighters battle the blaze near Athens on Tuesday", caption=CAPTION)]))
        assert "nearly repeats (96% alike)" in violation.message

    def test_threshold_is_configurable(self):
        alt = "Firefighters battle a blaze near Athens"  # 0.88 alike
        assert matches(image(alt=alt, caption=CAPTION)) == []
        assert matches(image(alt=alt, caption=CAPTION), settings=RuleSettings(caption_match_threshold=0.85)) \
            == ["#photo"]

    def test_similarity_exactly_at_the_threshold_matches(self):
        # 9 of 10 characters in common: ratio exactly 0.9
        assert matches(image(alt="Kyiv 2024a", caption="Kyiv 2024b")) == ["#photo"]
        assert matches(image(alt="Kyiv 2024a", caption="Kyiv 2024b"),
                       settings=RuleSettings(caption_match_threshold=0.91)) == []

    def test_first_sentence_of_a_longer_caption_is_not_a_repeat(self):
        long = CAPTION + " The fire has burned more than 2,000 hectares of forest since the weekend."
        assert matches(image(alt=CAPTION, caption=long)) == []

    def test_caption_hidden_at_this_viewport_does_not_count(self):
        assert matches(image(alt=CAPTION, caption=caption(CAPTION, rendered=False))) == []

    def test_hidden_image_does_not_count(self):
        assert matches(image(alt=CAPTION, caption=CAPTION, rendered=False)) == []

    def test_decorative_and_aria_hidden_images_are_not_read_so_do_not_repeat(self):
        assert matches(image("a", alt="", caption=CAPTION), image("b", alt=CAPTION, caption=CAPTION,
                                                                   aria_hidden=True)) == []

    def test_aria_label_is_what_is_read_for_role_img(self):
        svg = image("chart", alt=None, tag="div", role="img", aria_label="Unemployment rose in May",
                    caption="Unemployment rose in May")
        assert matches(svg) == ["#chart"]
        overridden = image("p", alt=CAPTION, aria_label="Two firefighters and a hose", caption=CAPTION)
        assert matches(overridden) == []

    def test_credit_only_alt_is_left_to_alt_credit_only(self):
        assert matches(image(alt="Photo: AP", caption=caption(f"{CAPTION} Photo: AP"))) == []

    def test_suggestion_advises_describing_when_the_caption_is_one_sentence(self):
        [violation] = run("alt-matches-caption", snapshot(images=[image(alt=CAPTION, caption=CAPTION)]))
        assert violation.suggestion.startswith("Describe what the photo shows")

    def test_suggestion_is_a_fill_in_prompt_never_the_caption_copied(self):
        text = "ATHENS (AP) — Firefighters, left, battle a blaze near Athens. The fire spread overnight."
        [violation] = run("alt-matches-caption", snapshot(images=[image(alt=text, caption=text)]))
        assert violation.suggestion == ('Describe what the photo shows of: Athens. The caption already says: '
                                        '"Firefighters battle a blaze near Athens."')

    def test_message_is_the_same_at_every_viewport(self):
        facts = [image(alt=CAPTION, caption=CAPTION)]
        messages = {run("alt-matches-caption", snapshot(vp, images=facts))[0].message for vp in ("XS", "LG")}
        assert len(messages) == 1


def no_alt(*images):
    return selectors("captioned-image-no-alt", snapshot(images=list(images)))


class TestCaptionedImageNoAlt:
    @pytest.mark.parametrize("fields, reason", [
        ({"alt": None}, "has no alt attribute"),
        ({"alt": ""}, 'is marked as decoration (alt="")'),
        ({"alt": "   "}, 'is marked as decoration (alt="")'),
        ({"alt": "Fire", "role": "presentation"}, 'role="presentation"'),
        ({"alt": "Fire", "role": "none"}, 'role="none"'),
        ({"alt": "Fire", "aria_hidden": True}, "aria-hidden"),
        ({"alt": None, "tag": "div", "role": "img"}, "has no text alternative"),
    ])
    def test_captioned_image_without_alt_fails(self, fields, reason):
        [violation] = run("captioned-image-no-alt", snapshot(images=[image("fire", caption=CAPTION, **fields)]))
        assert reason in violation.message and f'"{CAPTION}"' in violation.message
        assert violation.selector == "#fire"

    def test_image_with_alt_passes(self):
        assert no_alt(image(alt="Two firefighters aim a hose at burning trees", caption=CAPTION)) == []

    @pytest.mark.parametrize("fields", [
        {"alt": None, "aria_label": "Firefighters and a hose"},
        {"alt": None, "title": "Firefighters and a hose"},
        {"alt": "", "aria_label": "Firefighters and a hose"},
        {"alt": None, "tag": "svg", "role": "img", "html": "<svg role=img><title>Chart</title></svg>"},
    ])
    def test_other_text_alternatives_pass(self, fields):
        assert no_alt(image(caption=CAPTION, **fields)) == []

    def test_decorative_image_without_caption_is_not_a_finding(self):
        assert no_alt(image(alt=""), image("b", alt=None, role="presentation")) == []

    def test_caption_that_is_only_a_credit_does_not_make_it_content(self):
        assert no_alt(image(alt="", caption=caption("Photo: AP"))) == []
        assert no_alt(image(alt="", caption=caption("Jane Doe", credit="Jane Doe"))) == []

    def test_hidden_image_or_hidden_caption_is_not_judged(self):
        assert no_alt(image(alt="", caption=CAPTION, rendered=False)) == []
        assert no_alt(image(alt="", caption=caption(CAPTION, rendered=False))) == []

    def test_non_english_caption_and_its_prompt(self):
        text = "BERLIN (dpa) - Polizisten sichern den Platz vor dem Reichstag (Archivbild). Die Lage ist ruhig. " \
               "Foto: Kay Nietfeld/dpa"
        [violation] = run("captioned-image-no-alt", snapshot(images=[image(alt="", caption=text)]))
        # German capitalises every noun, so "Platz" is offered as a fact too: a prompt, not an alt.
        assert violation.suggestion == ('Describe what the photo shows of: Platz, Reichstag. The caption already '
                                        'says: "Polizisten sichern den Platz vor dem Reichstag."')
        assert violation.evidence["caption"] == text

    def test_aria_describedby_caption_counts_like_a_figcaption(self):
        assert no_alt(image(alt=None, caption=caption(CAPTION, source="aria-describedby"))) == ["#photo"]
