"""alt-placeholder, alt-filename, alt-credit-only, alt-redundant-prefix, alt-too-long."""
import pytest

from auditor.registry import RuleSettings
from snapshots import caption, image, run, selectors, snapshot


def flagged(rule_id, alt, settings=None, **fields):
    return selectors(rule_id, snapshot(images=[image("img", alt=alt, **fields)]), settings) == ["#img"]


class TestAltPlaceholder:
    @pytest.mark.parametrize("alt", [
        "image", "Photo", "PICTURE", "img", "graphic", "placeholder", "thumbnail", "default", "spacer",
        "blank", "untitled", "undefined", "null", "alt", "16x9 Image", "4x3 image", "1200x800 photo",
        "image 1", "Photo 3 of 12", "the main image", "Featured image", "-", "*", "…",
        "Bild", "Foto", "imagen", "imagem", "immagine", "obrázek", "图片", "照片",
    ])
    def test_placeholders_fail(self, alt):
        assert flagged("alt-placeholder", alt)

    @pytest.mark.parametrize("alt", [
        "Photo of the mayor at the ribbon cutting", "Image processing lab at MIT", "A blank page in a typewriter",
        "BBC logo", "AP Photo", "16 people queue outside the bakery",
        "3-1", "The Main",  # only numbers or fillers, no placeholder word: terse, not boilerplate
    ])
    def test_real_descriptions_pass(self, alt):
        assert not flagged("alt-placeholder", alt)

    @pytest.mark.parametrize("alt, lang", [
        ("写真", "ja"), ("画像", "ja"), ("写真・図版", "ja"), ("イメージ画像", "ja"),
        ("图片", "zh-CN"), ("配图", "zh"), ("Symbolbild", "de"), ("Vorschaubild", "de-AT"),
        ("visuel", "fr"), ("imagen", "es"), ("imagem", "pt-BR"), ("immagine", "it"), ("afbeelding", "nl"),
        ("ilustrační foto", "cs"), ("image", "ja"),  # English CMS defaults count on every page
    ])
    def test_placeholders_in_the_images_language(self, alt, lang):
        assert flagged("alt-placeholder", alt, lang=lang)

    def test_the_words_are_chosen_by_the_elements_or_the_pages_lang(self):
        # "beeld" says "image" in Dutch only; an element's own lang wins over the page's.
        from snapshots import document
        snap = snapshot(document=document(lang="nl"), images=[image("a", alt="beeld"),
                                                              image("b", alt="beeld", lang="en")])
        assert selectors("alt-placeholder", snap) == ["#a"]
        snap = snapshot(document=document(lang=""), images=[image("a", alt="afbeelding")])
        assert selectors("alt-placeholder", snap) == ["#a"]  # no lang anywhere: every list

    def test_empty_alt_is_decorative_not_a_placeholder(self):
        assert not flagged("alt-placeholder", "")
        assert not flagged("alt-placeholder", None)

    def test_configured_words_and_phrases_extend_the_list(self):
        settings = RuleSettings(placeholder_words=("teaserbild", "image courtesy of the agency"))
        assert flagged("alt-placeholder", "Teaserbild 2", settings)
        assert flagged("alt-placeholder", "Image courtesy of the agency", settings)
        assert not flagged("alt-placeholder", "Teaserbild 2")  # built-in list alone
        assert flagged("alt-placeholder", "image", settings)  # the built-in words stay

    def test_hidden_image_is_not_judged(self):
        assert not flagged("alt-placeholder", "image", rendered=False)

    def test_message_quotes_the_alt_and_suggestion_uses_the_caption(self):
        snap = snapshot(images=[image(alt="16x9 Image", caption="Waves break over the harbour wall in "
                                                                  "Brighton. The storm peaks tonight.")])
        [violation] = run("alt-placeholder", snap)
        assert '"16x9 Image"' in violation.message
        assert violation.suggestion == ('Describe what the photo shows of: Brighton. The caption already says: '
                                        '"Waves break over the harbour wall in Brighton."')

    def test_suggestion_without_caption_is_advice(self):
        [violation] = run("alt-placeholder", snapshot(images=[image(alt="image")]))
        assert violation.suggestion.startswith("Describe what the photo shows")


class TestAltFilename:
    @pytest.mark.parametrize("alt, src", [
        ("DSC_0042.jpg", "https://news.example/media/DSC_0042.jpg"),
        ("DSC_0042", "https://news.example/media/DSC_0042.jpg"),
        ("IMG_20230105_121314", "https://cdn.example/x.webp"),
        ("P1040123", "https://cdn.example/x.jpg"),
        ("GettyImages-1234567890", "https://cdn.example/x.jpg"),
        ("storm-damage", "https://cdn.example/storm-damage.png"),
        ("nyhavn.jpeg", "https://cdn.example/nyhavn.jpeg"),
        ("storm.PNG", "https://cdn.example/other.png"),
        ("https://cdn.example/photos/123.jpg", "https://cdn.example/photos/123.jpg"),
        ("www.example.com/photo", "https://cdn.example/a.jpg"),
        ("94251e110d24a4c2b6e6ce76e7203374", "https://cdn.example/94251e110d24a4c2b6e6ce76e7203374"),
        ("Photo%20of%20fire.jpg", "https://cdn.example/Photo%20of%20fire.jpg"),
    ])
    def test_file_names_fail(self, alt, src):
        assert flagged("alt-filename", alt, src=src)

    @pytest.mark.parametrize("alt, src", [
        ("Paris", "https://cdn.example/paris"),                     # reads as a word: the CMS named the file
        ("Nyhavn", "https://cdn.example/nyhavn.jpeg"),
        ("Storm damage on the coast", "https://cdn.example/storm-damage-on-the-coast.jpg"),
        ("Flight MH370 debris", "https://cdn.example/a.jpg"),
        ("The 2024 Olympic torch", "https://cdn.example/a.jpg"),
        ("Apollo 11 on the launch pad", "https://cdn.example/a.jpg"),
    ])
    def test_descriptions_pass(self, alt, src):
        assert not flagged("alt-filename", alt, src=src)

    @pytest.mark.parametrize("alt, fields", [
        # the file name minus a CMS size suffix (heise: aktuelle-artikel-2890x1580.jpg)
        ("aktuelle-artikel", {"src": "https://x/imgs/aktuelle-artikel-2890x1580.jpg"}),
        ("ipad-pro-apple-pencil-screen", {"src": "https://x/t/400x0/ipad-pro-apple-pencil-screen-800x471.jpg?lossy"}),
        ("storm_damage", {"src": "https://x/storm_damage@2x.png"}),
        ("flood-1", {"src": "https://x/flood-1-scaled.jpg"}),
        # the name only in data-src or srcset (lazy loading)
        ("nd-india", {"src": "data:image/gif;base64,R0lGOD", "files": ["https://x/static/nd-india.svg"]}),
        ("river-gauge", {"src": "https://x/bridge.jpg", "files": ["https://x/bridge.jpg", "https://x/river-gauge_800.jpg"]}),
    ])
    def test_file_names_behind_size_suffixes_and_lazy_loading_fail(self, alt, fields):
        assert flagged("alt-filename", alt, **fields)

    def test_image_in_a_download_link_to_that_file_may_show_its_name(self):
        link = {"selector": "#dl", "href": "/media/nyhavn.jpeg", "text": "Download"}
        assert not flagged("alt-filename", "nyhavn.jpeg", src="https://cdn.example/nyhavn.jpeg", link=link)

    def test_aria_label_overrides_a_filename_alt(self):
        assert not flagged("alt-filename", "DSC_0042.jpg", aria_label="The mayor at the library")

    def test_message_says_why(self):
        [violation] = run("alt-filename", snapshot(images=[image(alt="IMG_1234.JPG")]))
        assert violation.message == 'Alt text "IMG_1234.JPG" looks like a file name: it ends in an image ' \
                                    'file extension.'


class TestAltCreditOnly:
    @pytest.mark.parametrize("alt", [
        "Reuters", "AP Photo", "REUTERS/Yves Herman", "AP Photo/Evan Vucci", "© Jane Doe",
        "Photograph: Jane Doe/The Guardian", "Getty Images", "AFP", "Jane Doe/AFP via Getty Images",
        "Foto: dpa", "Foto: ČTK", "Crédit : AFP", "Crédito: EFE", "Bild: picture alliance", "新华社",
    ])
    def test_credits_fail(self, alt):
        assert flagged("alt-credit-only", alt)

    @pytest.mark.parametrize("alt", [
        "A Reuters photographer at work", "Getty Villa in Malibu", "Photo", "",
        "Firefighters in Athens. Photo: AP",   # a description that also carries the credit
    ])
    def test_descriptions_pass(self, alt):
        assert not flagged("alt-credit-only", alt)

    def test_alt_equal_to_the_credit_element_fails_whatever_its_form(self):
        assert flagged("alt-credit-only", "Jan Novák", caption=caption("Praha v noci. Jan Novák", credit="Jan Novák"))
        assert not flagged("alt-credit-only", "Jan Novák", caption=caption("Praha v noci."))

    def test_placeholder_and_credit_do_not_overlap(self):
        assert not flagged("alt-placeholder", "AP Photo")
        assert not flagged("alt-credit-only", "Photo")


class TestAltRedundantPrefix:
    @pytest.mark.parametrize("alt, prefix", [
        ("Image of a firefighter on a ladder", "Image of"),
        ("Photo of the mayor", "Photo of"),
        ("A photo of the mayor", "A photo of"),
        ("picture of a cat", "picture of"),
        ("Photograph of the crowd", "Photograph of"),
        ("Graphic of the election results", "Graphic of"),
        ("Photo de la manifestation à Paris", "Photo de"),
        ("Bild von der Demonstration in Berlin", "Bild von"),
        ("Foto de la manifestación en Madrid", "Foto de"),
        ("Imagem de manifestantes em Brasília", "Imagem de"),
        ("Fotografie: demonstrace v Praze", "Fotografie"),
        ("图为北京街头的游客", "图为"),
        ("图片：北京街头的游客", "图片"),
    ])
    def test_prefixes_fail_and_are_quoted(self, alt, prefix):
        [violation] = run("alt-redundant-prefix", snapshot(images=[image(alt=alt)]))
        assert f'starts with "{prefix}"' in violation.message
        assert violation.evidence["prefix"] == prefix

    @pytest.mark.parametrize("alt", [
        "Image of",                     # nothing after it: a placeholder, not a prefix
        "Photographers wait outside the court", "Imagery from the satellite", "Obrázek psa na louce",
        "Mayor Smith opens the library", "Screenshot of the app's home screen",
    ])
    def test_others_pass(self, alt):
        assert not flagged("alt-redundant-prefix", alt)

    def test_the_alt_without_its_prefix_is_proposed_when_it_passes_every_alt_rule(self):
        [violation] = run("alt-redundant-prefix", snapshot(images=[image(alt="Image of a cat on a wall")]))
        assert violation.suggestion == 'Proposed alt: "A cat on a wall"'

    def test_no_proposal_that_another_alt_rule_would_report(self):
        # Without "Photo of" the alt is the caption: proposing it would trade one finding for another.
        img = image(alt="Photo of firefighters battling a blaze near Athens",
                    caption="Firefighters battling a blaze near Athens")
        [violation] = run("alt-redundant-prefix", snapshot(images=[img]))
        assert violation.suggestion.startswith("Describe what the photo shows of: Athens.")
        [violation] = run("alt-redundant-prefix", snapshot(images=[image(alt="Photo of image")]))
        assert violation.suggestion == 'Remove "Photo of" and start with what the photo shows.'


class TestAltTooLong:
    def test_alt_over_the_limit_fails_and_gives_its_length(self):
        alt = "Residents wade through flood water " + "x" * 230
        [violation] = run("alt-too-long", snapshot(images=[image(alt=alt)]))
        assert f"is {len(alt)} characters long (over 250)" in violation.message
        assert violation.evidence["length"] == len(alt)

    def test_limit_is_inclusive_and_counts_collapsed_whitespace(self):
        assert not flagged("alt-too-long", "a" * 250)
        assert flagged("alt-too-long", "a" * 251)
        assert not flagged("alt-too-long", "a " * 125 + "   \n   ")

    def test_limit_is_configurable(self):
        assert flagged("alt-too-long", "a" * 101, RuleSettings(alt_max_length=100))
        assert not flagged("alt-too-long", "a" * 101)

    def test_long_non_english_alt_counts_characters_not_bytes(self):
        assert not flagged("alt-too-long", "北" * 250)
        assert flagged("alt-too-long", "北" * 251)


@pytest.mark.parametrize("alt, fails", [
    ("https://cdn.example/photos/storm.jpg", True),
    ("www.example.com/photo", True),
    # a sentence that mentions an address describes a screenshot (msn.html)
    ("In the text box next to Home page, simply type www.msn.com.", False),
])
def test_only_a_whole_web_address_is_a_filename_alt(alt, fails):
    assert bool(selectors("alt-filename", snapshot(images=[image(alt=alt)]))) is fails
