"""Photo credits are set aside before comparison (rules/_credit.py); forms taken from real pages."""
import pytest

from rules._credit import is_credit, strip_credit

STRIPPED = [
    # (caption, what is left)
    ("Whale expert Hori Parata. Photograph: Adrian Malloch for the Guardian", "Whale expert Hori Parata."),
    ("Facebook CEO Mark Zuckerberg. Photo by James Martin/CNET", "Facebook CEO Mark Zuckerberg."),
    ("President Biden speaks. REUTERS/Evan Vucci", "President Biden speaks."),
    ("President Biden speaks. (AP Photo/Evan Vucci)", "President Biden speaks."),
    ("Workers remove a sign in 1989. (AP)", "Workers remove a sign in 1989."),
    ("A neon sign, in 2016. (John Minchillo / AP)", "A neon sign, in 2016."),
    ("Rally in Seoul on Thursday. Anthony Wallace / AFP - Getty Images", "Rally in Seoul on Thursday."),
    ("Protesters in Seoul. Ezra Acayan / Getty Images", "Protesters in Seoul."),
    ("A Con Edison worker in Queens. Credit Credit Chang W. Lee/The New York Times",
     "A Con Edison worker in Queens."),
    ("Ellen Fetter and Margaret Hamilton. Olena Shmahalo/Quanta Magazine", "Ellen Fetter and Margaret Hamilton."),
    ("A man walks past a carrier on Thursday Credit: STR/AFP", "A man walks past a carrier on Thursday"),
    ("As often as they should be Getty Images", "As often as they should be"),
    ("The Moulin Rouge in Paris Benoit Tessier/Reuters", "The Moulin Rouge in"),  # no separator: name words go
    # German, French, Spanish, Portuguese, Czech, Chinese
    ("1Password scannt auch QR-Codes. (Bild: Hersteller)", "1Password scannt auch QR-Codes."),
    ("Polizisten in Berlin. Foto: dpa", "Polizisten in Berlin."),
    ("Un Népalais prie à Katmandou. (Photo Prakash Mathema. AFP)", "Un Népalais prie à Katmandou."),
    ("Le président à Paris. Crédit photo : Jean Dupont", "Le président à Paris."),
    ("«Vape Wave» et «Braguino» DR", "«Vape Wave» et «Braguino»"),
    ("El presidente en Madrid. (EFE)", "El presidente en Madrid."),
    ("Lula e Dilma em Brasília. Foto: Pedro Ladeira/Folhapress", "Lula e Dilma em Brasília."),
    ("Lula recebe a taça - Heinrich Aikawa/Instituto Lula", "Lula recebe a taça"),
    ("Demonstranti na Václavském náměstí. Foto: ČTK", "Demonstranti na Václavském náměstí."),
    ("Demonstranti v Praze. Zdroj: Profimedia", "Demonstranti v Praze."),
    ("习近平在北京出席会议。（新华社记者 张三 摄）", "习近平在北京出席会议。"),
    ("北京街头。图片来源：视觉中国", "北京街头。"),
    ("A storm. © Jane Doe", "A storm."),
]


@pytest.mark.parametrize("caption, rest", STRIPPED)
def test_strip_credit(caption, rest):
    assert strip_credit(caption) == rest


@pytest.mark.parametrize("text", [
    "Protesters outside the EPA",                      # an agency name as content, not after a separator
    "He spoke to Reuters",
    "A fan holds a photo of the late singer",
    "Les dirigeants posent pour une photo de famille.",  # "photo de" + lower case is content
    "The AP Stylebook on a desk",
    "Fans of AC/DC in Berlin",
    "The 50/50 split",
    "The vote was split (50/50)",
    "Prices rose (year/year)",
    "The band on stage (Imagine Dragons)",
    "Berlin bei Nacht (Bildergalerie)",
    "Image of a cat",
    "Photo",
    "Biden/Harris rally in Atlanta",
    "Crowds at the Ukraine/Poland border",
    "In photos: Eastern Kentucky digs out after record flooding",  # lower-case marker: a kicker
    "Why this photo: the editor explains",
])
def test_content_is_not_mistaken_for_a_credit(text):
    assert strip_credit(text) == text


def test_separate_credit_element_is_removed_even_without_a_marker():
    assert strip_credit("Storm over the harbour Jane Smith", credit="Jane Smith") == "Storm over the harbour"
    # the last occurrence: a name in the caption itself stays
    assert strip_credit("Jane Smith at home. Jane Smith", credit="Jane Smith") == "Jane Smith at home."


@pytest.mark.parametrize("alt", ["Reuters", "AP Photo", "© Jane Doe", "Photo: Jane Doe/AFP", "Getty Images",
                                 "Jane Doe/AFP via Getty Images", "REUTERS/Yves Herman", "Foto: dpa",
                                 "Crédit : AFP", "Credit Harry Campbell",
                                 "Chang W. Lee/The New York Times", "Heinrich Aikawa/Instituto Lula", "(AP Photo/Evan Vucci)",
                                 "Bild: picture alliance", "Foto: ČTK", "新华社"])
def test_is_credit(alt):
    assert is_credit(alt)


@pytest.mark.parametrize("alt", ["", "Photo", "A Reuters photographer at work", "Getty Villa in Malibu",
                                 "Ukraine/Russia border", "Biden/Harris rally in Atlanta",
                                 "Firefighters in Athens. Photo: AP",
                                 # a headline after "Image:" is content (schema-org-context-object.html)
                                 "Image: South Korea Descends Into Crisis After Lawmakers Vote to Impeach President"])
def test_is_not_only_a_credit(alt):
    assert not is_credit(alt)


@pytest.mark.parametrize("text, left", [
    # "©" followed by a sentence keeps the sentence (an alt wrongly reported as credit-only)
    ("© UNOCHA/Name Ebola has claimed over 2,000 lives in the eastern Congo",
     "Ebola has claimed over 2,000 lives in the eastern Congo"),
    ("(c) AFP Protesters march through Paris on Monday", "Protesters march through Paris on Monday"),
    # the archive form of an agency credit
    ("Smoke rises over the city. Jane Doe/Reuters files", "Smoke rises over the city."),
    ("Smoke rises over the city. Reuters file photo", "Smoke rises over the city."),
    # a kicker or a headline after a marker is content, not a credit
    ("VIDEO: Webber Plays With One Look From SUNSET BOULEVARD",
     "VIDEO: Webber Plays With One Look From SUNSET BOULEVARD"),
    ("Photos: First Look at Julie Benko as Fanny Brice in FUNNY GIRL",
     "Photos: First Look at Julie Benko as Fanny Brice in FUNNY GIRL"),
])
def test_credits_and_the_content_around_them(text, left):
    assert strip_credit(text) == left


@pytest.mark.parametrize("text", ["© Jane Doe", "© Lena Hartley/AP", "Image source: Getty Images.", "Photographs by",
                                  "Bild: picture alliance", "Foto: privat"])
def test_whole_credits(text):
    assert is_credit(text)
