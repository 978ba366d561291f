"""Plain words for every axe-core rule, and who can fix it. Data only.

Each entry: (kind, title, why it matters to a reader, how to fix it in the template, how to fix it
in the CMS). ``kind`` decides the audience (see rules/axe_adapter.py):

- TEMPLATE: only the site's code can fix it, wherever the element stands (a paragraph of the story
  outside any landmark is still fixed in the page layout, not by the editor);
- CONTENT: what the editor puts in the article (photos, links, headings, tables, quotes, embeds);
  editor when the element is in the article body, template elsewhere. Only CONTENT entries have a
  CMS fix.

Covers every rule of the bundled axe-core (a test checks it), written for the rules that fire on
real news pages first.
"""
from __future__ import annotations

from typing import NamedTuple

TEMPLATE, CONTENT = "template", "content"


class AxeText(NamedTuple):
    kind: str
    title: str
    why: str
    fix: str  # in the site template
    fix_cms: str = ""  # in the CMS, for CONTENT rules


_T, _C = TEMPLATE, CONTENT

AXE_RULES: dict[str, AxeText] = {
    # --- the most frequent on real news pages -----------------------------------------------
    "target-size": AxeText(
        _T, "Touch targets too small",
        "Links and buttons smaller than 24 by 24 pixels, packed close together, are hard to hit on a "
        "phone, especially for readers with a tremor or large fingers.",
        "Give every link and button at least 24 × 24 CSS pixels of tappable area (padding counts), or "
        "leave enough space around small ones."),
    "region": AxeText(
        _T, "Content outside the page's landmarks",
        "Screen-reader users jump between the header, navigation, main story and footer; text outside "
        "these landmarks is easy to miss.",
        "In the page layout, put every visible part inside <header>, <nav>, <main>, <aside> or "
        "<footer>; the story's paragraphs belong inside <main>."),
    "color-contrast": AxeText(
        _T, "Text too faint against its background",
        "Readers with low vision, or reading a phone in sunlight, cannot make out pale text.",
        "Change the text or background colour in the stylesheet to a contrast of at least 4.5 to 1 "
        "(3 to 1 for large text)."),
    "frame-title": AxeText(
        _T, "Embedded frame without a name",
        "A screen reader announces an unnamed frame (an ad, a video, a social post) as just “frame”, "
        "so readers cannot tell whether to enter it.",
        "Give every <iframe> a title that says what it holds, e.g. title=\"Video: flood in the old town\"; "
        "for embeds, set it in the embed code the template or ad server inserts."),
    "link-name": AxeText(
        _C, "Link with no text",
        "A link with no words (an icon or a photo without alt) is announced as just “link”, or by its "
        "web address, so readers do not know where it goes.",
        "Give icon links a text label (visually hidden text or aria-label) in the template.",
        "Give the link words, or give the linked photo an alt text that says where the link goes."),
    "image-alt": AxeText(
        _C, "Image without alt text",
        "A blind reader hears nothing, or the file name, where the image is.",
        "Give template images (logos, icons) an alt attribute: the text they show, or alt=\"\" when "
        "they are decoration.",
        "In the CMS, fill in the image's alt text field: say what the photo shows, in a sentence."),
    "landmark-unique": AxeText(
        _T, "Two landmarks with the same name",
        "Screen-reader users list the landmarks to move around; two called “navigation” cannot be told apart.",
        "Give each repeated <nav> or <aside> its own aria-label, e.g. “Main menu” and “Footer links”."),
    "aria-allowed-role": AxeText(
        _T, "An element has a role that does not suit it",
        "Assistive technology may announce the element as something it is not, or not at all.",
        "Remove the role attribute, or use the element that already has that meaning (a <button> "
        "instead of a link with role=button)."),
    "heading-order": AxeText(
        _C, "Heading level skipped",
        "Screen-reader users move through a story by its headings; a jump from level 2 to 4 suggests "
        "a missing section.",
        "In the template, use heading levels in order (h2, then h3); style them with CSS to look smaller.",
        "In the CMS, choose the next heading level down (Heading 3 under a Heading 2) rather than a "
        "smaller-looking one."),
    "button-name": AxeText(
        _T, "Button without a name",
        "A screen reader announces just “button”, so readers cannot tell what it does.",
        "Give icon buttons (menu, search, share, close) a text label: visually hidden text or aria-label."),
    "landmark-complementary-is-top-level": AxeText(
        _T, "Sidebar placed inside another landmark",
        "Screen-reader users meet the sidebar as part of another region and may skip it or lose their place.",
        "Move the <aside> out of <main> or <header> in the layout, or make it a plain <div> if it is part of the story."),
    "aria-hidden-focus": AxeText(
        _T, "Hidden element can still be focused",
        "Keyboard users land on something a screen reader says nothing about: a silent, invisible stop.",
        "Add tabindex=\"-1\" (or the inert attribute) to links and buttons inside aria-hidden parts, or "
        "remove aria-hidden."),
    "list": AxeText(
        _T, "List built wrongly",
        "A screen reader miscounts the items, or does not announce the list at all.",
        "Put only <li> elements directly inside <ul> and <ol>; wrap other elements in an <li>."),
    "listitem": AxeText(
        _T, "List item outside a list",
        "A screen reader does not announce it as part of a list.",
        "Put every <li> inside a <ul> or <ol>."),
    "landmark-one-main": AxeText(
        _T, "No main landmark",
        "Screen-reader users cannot jump straight to the story.",
        "Wrap the article in one <main> element in the page layout."),
    "page-has-heading-one": AxeText(
        _T, "No level-one heading",
        "Screen-reader users expect the headline as the page's one h1 and jump to it first.",
        "Mark the headline up as <h1> in the article template."),
    "landmark-no-duplicate-banner": AxeText(
        _T, "More than one site header landmark",
        "Screen-reader users find two “banner” regions and cannot tell which is the site header.",
        "Keep one top-level <header> (or role=banner); headers inside <article> or <section> are fine."),
    "landmark-banner-is-top-level": AxeText(
        _T, "Site header placed inside another landmark",
        "Screen-reader users do not find the site header where they expect it.",
        "Move the site <header> out of other landmarks, to the top level of the page."),
    "landmark-contentinfo-is-top-level": AxeText(
        _T, "Site footer placed inside another landmark",
        "Screen-reader users do not find the footer where they expect it.",
        "Move the site <footer> out of <main> or other landmarks, to the top level of the page."),
    "landmark-no-duplicate-contentinfo": AxeText(
        _T, "More than one site footer landmark",
        "Screen-reader users find two footers and cannot tell which is the site's.",
        "Keep one top-level <footer> (or role=contentinfo)."),
    "landmark-no-duplicate-main": AxeText(
        _T, "More than one main landmark",
        "Screen-reader users cannot tell which region holds the story.",
        "Keep exactly one <main> on the page."),
    "landmark-main-is-top-level": AxeText(
        _T, "Main landmark placed inside another landmark",
        "Screen-reader users may not find the story where they expect it.",
        "Move <main> to the top level of the page layout."),
    "aria-prohibited-attr": AxeText(
        _T, "ARIA label where it is not allowed",
        "Screen readers ignore the label, so readers miss what it was meant to say.",
        "Remove aria-label from elements such as <div> and <span> without a role, or give the text visibly."),
    "aria-allowed-attr": AxeText(
        _T, "ARIA attribute that the element does not support",
        "Assistive technology may announce a wrong state or ignore the element.",
        "Remove ARIA attributes that the element's role does not support."),
    "aria-valid-attr-value": AxeText(
        _T, "ARIA attribute with an invalid value",
        "Screen readers announce a wrong state (expanded, selected) or point at nothing.",
        "Correct the value: true/false where expected, and ids that exist on the page."),
    "aria-valid-attr": AxeText(
        _T, "Misspelled ARIA attribute",
        "The attribute does nothing, so readers miss what it was meant to say.",
        "Fix the attribute's name (e.g. aria-labelledby, not aria-labeledby)."),
    "aria-required-attr": AxeText(
        _T, "ARIA role missing a required attribute",
        "Screen readers cannot announce the control's state, e.g. whether a tab is selected.",
        "Add the attributes that the role requires (e.g. aria-checked for role=checkbox)."),
    "aria-required-children": AxeText(
        _T, "ARIA widget missing its parts",
        "Screen readers cannot announce the menu, list or tabs as a whole.",
        "Give the role its required child roles (menu → menuitem, tablist → tab), or remove the role."),
    "aria-required-parent": AxeText(
        _T, "ARIA part outside its widget",
        "Screen readers announce a tab or menu item with nothing around it.",
        "Put the element inside its required parent role (tab inside tablist), or remove the role."),
    "aria-roles": AxeText(
        _T, "Unknown ARIA role",
        "Assistive technology ignores the role, so the element loses its meaning.",
        "Use a valid ARIA role, or remove the attribute."),
    "aria-deprecated-role": AxeText(
        _T, "Deprecated ARIA role",
        "Current screen readers may not support the role.",
        "Replace the role with a current one, or remove it."),
    "aria-conditional-attr": AxeText(
        _T, "ARIA attribute used in the wrong way for its role",
        "Screen readers may announce a state that contradicts the element.",
        "Use the attribute as the role allows (e.g. no aria-checked on a native checkbox)."),
    "aria-command-name": AxeText(
        _T, "Control without a name",
        "A screen reader announces only the kind of control, not what it does.",
        "Give the element a text label or an aria-label."),
    "aria-input-field-name": AxeText(
        _T, "Input field without a name",
        "Screen-reader users do not know what to type.",
        "Give the field a visible label, aria-labelledby or aria-label."),
    "aria-toggle-field-name": AxeText(
        _T, "Switch or checkbox without a name",
        "Screen-reader users do not know what the switch turns on or off.",
        "Give the control a visible label, aria-labelledby or aria-label."),
    "aria-tooltip-name": AxeText(
        _T, "Tooltip without text",
        "Screen readers announce an empty tooltip.",
        "Put text inside the tooltip, or label it with aria-label."),
    "aria-treeitem-name": AxeText(
        _T, "Tree item without a name",
        "Screen-reader users hear an empty entry in a menu tree.",
        "Give each tree item a text label."),
    "aria-tab-name": AxeText(
        _T, "Tab without a name",
        "Screen-reader users cannot tell the tabs apart.",
        "Give each tab visible text or an aria-label."),
    "aria-dialog-name": AxeText(
        _T, "Dialog without a name",
        "When a pop-up (cookie banner, newsletter sign-up) opens, screen readers cannot say what it is.",
        "Give the dialog aria-labelledby pointing at its heading, or an aria-label."),
    "aria-meter-name": AxeText(
        _T, "Meter without a name", "Screen readers announce a value with no idea what it measures.",
        "Give the meter an aria-label or aria-labelledby."),
    "aria-progressbar-name": AxeText(
        _T, "Progress bar without a name", "Screen readers announce progress of nothing in particular.",
        "Give the progress bar an aria-label or aria-labelledby."),
    "aria-hidden-body": AxeText(
        _T, "The whole page is hidden from screen readers",
        "With aria-hidden on <body>, screen-reader users get an empty page.",
        "Remove aria-hidden from <body> (a script that opens a pop-up may leave it behind)."),
    "aria-braille-equivalent": AxeText(
        _T, "Braille label without a spoken label", "Readers without a braille display get no label at all.",
        "Add aria-label or aria-roledescription next to aria-braillelabel or aria-brailleroledescription."),
    "aria-roledescription": AxeText(
        _T, "Role description on an element without a role", "Screen readers ignore it or announce nonsense.",
        "Use aria-roledescription only on elements with a role, or remove it."),
    "aria-text": AxeText(
        _T, "Focusable element inside role=text", "Keyboard users land on something announced as plain text.",
        "Remove role=text, or the focusable elements inside it."),
    "presentation-role-conflict": AxeText(
        _T, "Decoration that still gets announced",
        "An element marked as decoration is focusable or labelled, so screen readers announce it anyway.",
        "Remove role=presentation/none, or remove its tabindex and ARIA labels."),
    "nested-interactive": AxeText(
        _T, "A control inside another control",
        "Screen readers announce only the outer control, and keyboard users cannot reach the inner one.",
        "Do not put links or buttons inside other links or buttons (e.g. a share button inside a teaser link)."),
    "scrollable-region-focusable": AxeText(
        _T, "Scrolling box that a keyboard cannot scroll",
        "Keyboard users cannot read what is hidden in the box (a live ticker, a wide table).",
        "Give the scrolling element tabindex=\"0\" and a label, or let it grow instead of scrolling."),
    "bypass": AxeText(
        _T, "No way to skip the repeated navigation",
        "Keyboard users must tab through the whole menu on every article before they reach the story.",
        "Add a “Skip to main content” link as the first thing on the page, and a <main> landmark."),
    "skip-link": AxeText(
        _T, "Skip link leads nowhere",
        "Keyboard users press it and stay where they were.",
        "Point the skip link at an id that exists on the page, on the element that holds the story."),
    "tabindex": AxeText(
        _T, "Tab order forced by tabindex",
        "A tabindex above 0 makes keyboard users jump around the page out of reading order.",
        "Use tabindex=\"0\" or none at all, and put elements in the page in reading order."),
    "accesskeys": AxeText(
        _T, "The same shortcut key used twice", "Keyboard users press the shortcut and land somewhere unexpected.",
        "Give each accesskey a unique value, or remove the accesskeys."),
    "focus-order-semantics": AxeText(
        _T, "Focusable element without a role", "Screen-reader users land on it and hear nothing useful.",
        "Give focusable elements a suitable role, or use a <button> or <a href>."),
    "frame-focusable-content": AxeText(
        _T, "Frame that keyboard users cannot enter",
        "An <iframe> with tabindex=-1 that holds links or buttons traps them away from keyboard users.",
        "Remove tabindex=\"-1\" from the frame."),
    "frame-title-unique": AxeText(
        _T, "Two frames with the same name", "Screen-reader users cannot tell the embeds apart.",
        "Give each <iframe> its own title."),
    "frame-tested": AxeText(
        _T, "Frame that could not be checked", "Problems inside the frame may be missed.",
        "Make sure the frame loads when the page is audited."),
    "document-title": AxeText(
        _T, "The page has no title", "Browser tabs, bookmarks and screen readers show nothing to say which story this is.",
        "Output a <title> with the headline and the site's name in the article template."),
    "html-has-lang": AxeText(
        _T, "The page does not say its language",
        "Screen readers read the story with the wrong voice and pronunciation.",
        "Set lang on the <html> element in the template, e.g. <html lang=\"en\">."),
    "html-lang-valid": AxeText(
        _T, "The page's language code is not valid", "Screen readers cannot pick the right voice.",
        "Use a valid language code on <html>, e.g. lang=\"en\" or lang=\"de\"."),
    "html-xml-lang-mismatch": AxeText(
        _T, "The page states two different languages", "Screen readers may pick the wrong voice.",
        "Make lang and xml:lang on <html> name the same language."),
    "meta-viewport": AxeText(
        _T, "Zooming is disabled",
        "Readers with low vision cannot enlarge the text on a phone.",
        "Remove user-scalable=no and maximum-scale below 2 from the viewport meta tag."),
    "meta-viewport-large": AxeText(
        _T, "Zooming is limited", "Readers with low vision cannot enlarge the text enough.",
        "Allow maximum-scale of at least 5, or leave it out of the viewport meta tag."),
    "meta-refresh": AxeText(
        _T, "The page reloads itself", "Readers lose their place, and screen readers start again from the top.",
        "Remove the timed <meta http-equiv=\"refresh\">; update live content without reloading the page."),
    "meta-refresh-no-exceptions": AxeText(
        _T, "The page reloads itself", "Readers lose their place, and screen readers start again from the top.",
        "Remove the timed <meta http-equiv=\"refresh\">."),
    "label": AxeText(
        _T, "Form field without a label",
        "Screen-reader users do not know what to type (search, newsletter sign-up, comments).",
        "Give the field a <label>, or an aria-label when the design has no visible label."),
    "label-title-only": AxeText(
        _T, "Form field labelled only by a tooltip", "Many readers never see a title tooltip.",
        "Give the field a visible <label>."),
    "form-field-multiple-labels": AxeText(
        _T, "Form field with several labels", "Screen readers may announce only one of them, or all in a muddle.",
        "Keep one <label> per field."),
    "select-name": AxeText(
        _T, "Drop-down list without a label", "Screen-reader users do not know what they are choosing.",
        "Give the <select> a <label> or aria-label."),
    "input-button-name": AxeText(
        _T, "Input button without text", "Screen readers announce just “button”.",
        "Give the <input type=button|submit> a value."),
    "input-image-alt": AxeText(
        _T, "Image button without alt text", "Screen readers announce just “button”.",
        "Give the <input type=image> an alt that says what it does."),
    "autocomplete-valid": AxeText(
        _T, "Wrong autocomplete value", "Browsers cannot fill the field in for readers who rely on it.",
        "Use a valid autocomplete token, e.g. autocomplete=\"email\"."),
    "label-content-name-mismatch": AxeText(
        _T, "A control's name differs from its visible text",
        "Voice-control users say the words they see, and nothing happens.",
        "Make the aria-label start with the visible text of the control."),
    "summary-name": AxeText(
        _T, "Fold-out without a name", "Screen readers announce an unnamed disclosure.",
        "Give the <summary> element visible text."),
    "link-in-text-block": AxeText(
        _T, "Links in the text shown by colour alone",
        "Readers who cannot tell the colours apart do not see which words are links.",
        "Underline links in running text in the stylesheet (or give them a contrast of 3 to 1 to the text "
        "and a visible change on hover and focus)."),
    "avoid-inline-spacing": AxeText(
        _T, "Text spacing that readers cannot change",
        "Readers with dyslexia who widen letter or line spacing with their own style sheet cannot.",
        "Avoid !important on line-height, letter-spacing and word-spacing in inline styles."),
    "css-orientation-lock": AxeText(
        _T, "The page works in one orientation only",
        "Readers with a phone mounted on a wheelchair cannot turn it.",
        "Remove CSS that locks the page to portrait or landscape."),
    "definition-list": AxeText(
        _T, "Definition list built wrongly", "Screen readers cannot pair terms with their descriptions.",
        "Put only <dt>/<dd> groups (optionally wrapped in <div>) directly inside <dl>."),
    "dlitem": AxeText(
        _T, "Term or description outside a definition list", "Screen readers cannot pair it with anything.",
        "Put <dt> and <dd> inside a <dl>."),
    "duplicate-id": AxeText(
        _T, "Two elements share an id", "Labels and skip links may point at the wrong element.",
        "Make every id on the page unique."),
    "duplicate-id-active": AxeText(
        _T, "Two controls share an id", "Labels and skip links may point at the wrong control.",
        "Make every id on the page unique."),
    "duplicate-id-aria": AxeText(
        _T, "A label points at an id used twice", "Screen readers may read the wrong label.",
        "Make ids that labels and ARIA refer to unique."),
    "blink": AxeText(
        _T, "Blinking text", "Blinking text distracts readers with attention disorders and cannot be paused.",
        "Remove the <blink> element."),
    "marquee": AxeText(
        _T, "Scrolling ticker that cannot be stopped",
        "Moving text is hard or impossible to read for many readers, and it cannot be paused.",
        "Replace <marquee> with a ticker that has a pause button, or with static text."),
    "no-autoplay-audio": AxeText(
        _T, "Sound that plays by itself",
        "Autoplaying sound drowns out the screen reader, and readers cannot find the control to stop it.",
        "Do not autoplay video or audio with sound; start muted, or give an obvious stop button."),
    "server-side-image-map": AxeText(
        _T, "Server-side image map", "Keyboard and screen-reader users cannot use its links.",
        "Replace it with ordinary links or a client-side image map."),
    "hidden-content": AxeText(
        _T, "Hidden content not checked", "Content that appears later may have problems of its own.",
        "Check the content in its visible state too."),
    "color-contrast-enhanced": AxeText(
        _T, "Text below the enhanced contrast", "Readers with low vision read pale text slowly or not at all.",
        "Raise the contrast to 7 to 1 (4.5 to 1 for large text)."),
    "identical-links-same-purpose": AxeText(
        _C, "Links with the same text go to different places",
        "Readers who list the links on a page cannot tell them apart.",
        "Give template links with the same words the same destination, or different words.",
        "Give links with the same words the same destination, or reword them to name where each goes."),
    # --- content: photos, graphics, embeds ------------------------------------------------------
    "role-img-alt": AxeText(
        _C, "Graphic without a text alternative",
        "A blind reader hears nothing where the graphic is.",
        "Give elements with role=img an aria-label that says what they show.",
        "In the CMS, fill in the graphic's description (alt text) field."),
    "svg-img-alt": AxeText(
        _C, "Graphic or chart without a text alternative",
        "A blind reader gets nothing of what the chart or infographic shows.",
        "Give SVG icons with role=img a <title> or aria-label.",
        "In the CMS, give the infographic a description: what it shows and its main figures."),
    "image-redundant-alt": AxeText(
        _C, "Alt text repeats the text beside the image",
        "A screen reader reads the same words twice.",
        "Use alt=\"\" on images whose text stands right beside them (e.g. a teaser's photo and headline).",
        "Write alt text that says what the photo shows, not the words already next to it."),
    "area-alt": AxeText(
        _C, "Clickable area of an image without text",
        "Screen-reader users do not know where each area of the image map goes.",
        "Give every <area> an alt that names its destination.",
        "In the embedded graphic, give every clickable area an alt that names its destination."),
    "object-alt": AxeText(
        _C, "Embedded object without a text alternative",
        "A blind reader gets nothing of what the embed shows.",
        "Give the <object> a title or text inside it that says what it holds.",
        "Give the embed a description, or replace it with an image with alt text."),
    "video-caption": AxeText(
        _C, "Video without captions",
        "Deaf readers, and anyone watching with the sound off, miss what is said.",
        "Let the video player load a captions track (<track kind=\"captions\">).",
        "Upload a captions file (subtitles) with the video in the CMS or video platform."),
    "audio-caption": AxeText(
        _C, "Audio without a transcript or captions",
        "Deaf readers miss the whole clip.",
        "Let the player offer a captions track or a transcript link.",
        "Add a transcript of the clip to the article, or upload captions with it."),
    # --- content: headings, quotes, tables ----------------------------------------------------
    "empty-heading": AxeText(
        _C, "Empty heading",
        "Screen-reader users jump to the heading and hear nothing.",
        "Remove empty heading elements from the template, or give them text.",
        "In the CMS, delete the empty heading line, or write its text."),
    "p-as-heading": AxeText(
        _C, "Bold text used as a heading",
        "It looks like a heading, but screen-reader users who move by headings never find it.",
        "Use real heading elements (h2, h3) for headings the template prints.",
        "In the CMS, make it a heading (Heading 2 or 3) instead of a bold paragraph."),
    "valid-lang": AxeText(
        _C, "Language of a passage is not valid",
        "A screen reader reads the quote in the wrong voice and pronunciation.",
        "Use valid language codes on elements with lang (lang=\"fr\", not lang=\"french\").",
        "In the CMS, set the quote's language with a valid code, e.g. fr for French."),
    "td-has-header": AxeText(
        _C, "Table without headers",
        "Screen-reader users hear numbers without knowing which row or column they belong to.",
        "Output <th> cells for the header row or column of data tables.",
        "In the CMS table editor, mark the first row (or column) as the header."),
    "th-has-data-cells": AxeText(
        _C, "Table header that labels nothing",
        "Screen readers announce a header with no data under it.",
        "Use <th> only for headers of real data cells.",
        "In the CMS table editor, mark as header only the row or column that labels the data."),
    "td-headers-attr": AxeText(
        _C, "Table cell points at missing headers",
        "Screen readers cannot say which header a number belongs to.",
        "Make headers attributes refer to ids of <th> cells in the same table.",
        "Rebuild the table with the CMS table editor, marking its header row."),
    "empty-table-header": AxeText(
        _C, "Empty table header",
        "Screen-reader users hear an empty label for a row or column.",
        "Give every <th> text, or use <td> for an empty corner cell.",
        "In the CMS table editor, write the header's text, or unmark the empty cell as a header."),
    "scope-attr-valid": AxeText(
        _C, "Table header scope used wrongly",
        "Screen readers may pair cells with the wrong header.",
        "Use scope=\"row\" or scope=\"col\" on <th> cells only.",
        "Rebuild the table with the CMS table editor, marking its header row."),
    "table-duplicate-name": AxeText(
        _C, "Table caption and summary say the same",
        "Screen readers read the same words twice.",
        "Keep the caption and drop the duplicate summary.",
        "Keep the table caption and remove the duplicate summary."),
    "table-fake-caption": AxeText(
        _C, "Table caption put in a cell",
        "Screen readers read the caption as if it were data.",
        "Use <caption> for the table's title.",
        "In the CMS table editor, put the title in the table's caption field, not in its first row."),
}
