"""The proposed alt: the caption's first sentence without credit, dateline and asides."""
import pytest

from rules._caption import propose_alt


@pytest.mark.parametrize("caption, proposal", [
    ("WASHINGTON (AP) — President Biden, left, greets Chancellor Scholz on Tuesday. The visit was planned "
     "for weeks. (AP Photo/Evan Vucci)", "President Biden greets Chancellor Scholz on Tuesday."),
    ("PARIS, France — A man walks past the Louvre. Photo: AFP", "A man walks past the Louvre."),
    ("WASHINGTON, DC - JANUARY 05: Senator Jane Doe speaks to reporters on Jan. 5, 2024. "
     "(Photo by Kevin Dietsch/Getty Images)", "Senator Jane Doe speaks to reporters on Jan. 5, 2024."),
    ("Berlin (dpa) - Polizisten sichern den Platz (Archivbild). Foto: dpa", "Polizisten sichern den Platz."),
    ("FILE - Firefighters battle a blaze near Athens. (AP Photo/Petros Giannakouris, File)",
     "Firefighters battle a blaze near Athens."),
    ("Smith, left, Jones, right, and Doe pose for a photo.", "Smith, Jones and Doe pose for a photo."),
    ("Le président (à gauche) et son ministre à Paris. Crédit photo : Jean Dupont",
     "Le président et son ministre à Paris."),
    ("Luiz Inácio Lula da Silva (ao centro) recebe a taça - Heinrich Aikawa/Instituto Lula",
     "Luiz Inácio Lula da Silva recebe a taça"),
    ("习近平在北京出席会议。这是会议现场。（新华社记者 张三 摄）", "习近平在北京出席会议。"),
    ("US - China talks resume in Geneva.", "US - China talks resume in Geneva."),  # not a dateline
    ("Photo: AP", ""),
])
def test_propose_alt(caption, proposal):
    assert propose_alt(caption) == proposal


def test_propose_alt_uses_the_credit_element():
    assert propose_alt("Ruins of the old mill Jan Novák", credit="Jan Novák") == "Ruins of the old mill"
