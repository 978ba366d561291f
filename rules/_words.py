"""Word lists the image rules read, as data, by language (BCP 47 primary subtag).

Placeholder words say nothing about a picture when they are the whole alt, alone or with the
fillers ("the main image", "photo 1 of 5", "写真・図版"). An alt is judged with the words of its
element's (or the page's) language plus English, the language CMS defaults are written in; a page
in a language not listed here is judged with every list.
"""
from __future__ import annotations

PLACEHOLDER_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in {
    "en": """image images img picture pictures pic pics photo photos photograph photography graphic graphics
             illustration placeholder thumbnail thumb default spacer blank untitled undefined null none nan
             alt alttext empty dummy temp test todo tbd icon logo banner hero""",
    "de": "bild bilder foto fotos fotografie grafik abbildung platzhalter vorschaubild titelbild symbolbild "
          "artikelbild beitragsbild aufmacherbild",
    "fr": "image images photo photos photographie illustration visuel vignette miniature",
    "es": "imagen imágenes foto fotos fotografía gráfico ilustración miniatura",
    "pt": "imagem imagens foto fotos fotografia gráfico ilustração miniatura",
    "it": "immagine immagini foto fotografia illustrazione anteprima",
    "nl": "afbeelding afbeeldingen foto fotos beeld illustratie",
    "cs": "obrázek obrázky snímek foto fotografie ilustrace ilustrační",
    "ja": "写真 画像 図版 図 イメージ イメージ画像 サムネイル 画像なし 資料写真 写真素材 代替テキスト",
    "zh": "图片 图像 照片 图 配图 缩略图 占位图 插图 圖片 圖像 圖 配圖 縮略圖 资料图 资料图片",
}.items()}
ALL_PLACEHOLDER_WORDS = frozenset().union(*PLACEHOLDER_WORDS.values())

# Words allowed beside a placeholder word without adding meaning ("the main image", "photo 1 of 5").
PLACEHOLDER_FILLERS = frozenset("""
a an the of for and main lead featured feature article story post content inline small large
full default x by la le les l un une de du des der die das ein eine el los las una o os um uma
del di il lo het een van
の
""".split())


def placeholder_words(lang: str | None) -> frozenset[str]:
    """The placeholder words for a language: its own and English, or every list when unknown."""
    lang = (lang or "").casefold()
    if lang not in PLACEHOLDER_WORDS:
        return ALL_PLACEHOLDER_WORDS
    return PLACEHOLDER_WORDS[lang] | PLACEHOLDER_WORDS["en"]


# Capitalised words a caption holds that are not facts of the photo: days, months, markers.
NOT_FACTS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz juni juli oktober dezember
lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août
septembre octobre novembre décembre
lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto
septiembre octubre noviembre diciembre
photo foto file archive getty images
""".split())
