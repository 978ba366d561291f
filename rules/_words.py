"""Word lists the rules read, as data, by language (BCP 47 primary subtag), and the one way a list
is chosen for a language (``by_language``): that language's words plus English, the language CMS
defaults are written in; every list together for a language not listed.

Placeholder words say nothing about a picture when they are the whole alt, alone or with the
fillers ("the main image", "photo 1 of 5", "写真・図版"). An alt is judged with the words of its
element's (or the page's) language plus English, the language CMS defaults are written in; a page
in a language not listed here is judged with every list. Generic link texts are whole link texts
that say nothing about where a link goes ("Read more", "Weiterlesen", "もっと見る").
"""
from __future__ import annotations

from ._text import normalise


def _primary(lang: str | None) -> str:
    """"pt-BR" -> "pt", "zh_Hant" -> "zh"."""
    return (lang or "").strip().split("-")[0].split("_")[0].casefold()


def by_language(table: dict[str, frozenset[str]], everything: frozenset[str], lang: str | None) -> frozenset[str]:
    """The words of ``table`` for a language tag: its own and English, or ``everything`` when unknown."""
    primary = _primary(lang)
    if primary not in table:
        return everything
    return table[primary] | table["en"]

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
    return by_language(PLACEHOLDER_WORDS, ALL_PLACEHOLDER_WORDS, lang)


# Whole link texts that say nothing about where a link goes, by BCP 47 primary language subtag.
# Not "More news" or "More stories": they name what the link leads to (buzzfeed's "More News ›" to
# /news), if not which section, and were judged debatable on the real pages.
GENERIC_LINK_TEXTS: dict[str, frozenset[str]] = {lang: frozenset(normalise(t) for t in texts.split("|")
                                                                 if t.strip())
                                                 for lang, texts in {
    "en": "read more|more|click here|here|continue reading|details|link|learn more|more info|more information|"
          "read the full story|full story|read full story|read full article|read the full article|find out more|"
          "see more|view more|read on|click|this|this link|go|continue|read|more details|see details|"
          "show more|see all|view all",
    "de": "mehr|weiterlesen|weiter|hier|hier klicken|mehr erfahren|mehr lesen|details|zum artikel|mehr dazu|"
          "mehr anzeigen|alle anzeigen|artikel lesen|klicken sie hier|lesen sie mehr",
    "fr": "lire la suite|en savoir plus|plus|ici|cliquez ici|suite|la suite|lire plus|voir plus|détails|lien|"
          "lire l'article|voir tout|cliquer ici",
    "es": "leer más|más|aquí|haga clic aquí|haz clic aquí|seguir leyendo|ver más|más información|detalles|enlace|"
          "leer nota|ver todo|sigue leyendo|continuar leyendo",
    "pt": "leia mais|saiba mais|mais|aqui|clique aqui|continue lendo|continuar lendo|ver mais|detalhes|"
          "leia a matéria|ver tudo|ler mais",
    "it": "leggi di più|leggi tutto|continua a leggere|qui|clicca qui|altro|scopri di più|leggi|leggi anche|"
          "approfondisci|dettagli|vedi tutto|di più",
    "nl": "lees meer|meer|klik hier|hier|lees verder|verder lezen|meer informatie|bekijk meer|details|"
          "meer lezen|bekijk alles",
    "cs": "více|číst dále|čtěte dále|zde|klikněte zde|další|podrobnosti|celý článek|více informací|"
          "číst více|tady|zobrazit vše",
    "ja": "もっと見る|一覧|続きを読む|詳しく|詳しくはこちら|詳細|詳細はこちら|こちら|ここ|もっと読む|"
          "記事を読む|全文を読む|続き|一覧へ|一覧を見る|すべて見る|ここをクリック|さらに表示",
    "zh": "阅读更多|更多|点击这里|这里|详情|查看更多|阅读全文|了解更多|继续阅读|点击查看|查看详情|点击|"
          "閱讀更多|詳情|這裡|點擊這裡|查看全文|更多内容|更多內容|全文|点此|點此",
}.items()}
ALL_GENERIC_LINK_TEXTS = frozenset().union(*GENERIC_LINK_TEXTS.values())




def generic_link_texts(lang: str | None) -> frozenset[str]:
    """The generic link texts for a language: its own and English, or every list when unknown."""
    return by_language(GENERIC_LINK_TEXTS, ALL_GENERIC_LINK_TEXTS, lang)


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
