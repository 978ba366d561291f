// Which of the given elements (by our own selectors) lie outside --include/--exclude, and which
// inside a third-party region (the site's ad_selector and embed_selector).
function regions(args) {
  const matchesAny = (el, selectors) => selectors.some((s) => {
    try { return !!el.closest(s); } catch (e) { return false; }
  });
  const out = {};
  for (const selector of args.selectors.slice(0, 20000)) {
    let el = null;
    try { el = document.querySelector(selector); } catch (e) { el = null; }
    if (!el) continue;
    if ((args.include.length && !matchesAny(el, args.include)) || matchesAny(el, args.exclude)) out[selector] = 'out';
    else if (args.third_party.length && matchesAny(el, args.third_party)) out[selector] = 'third-party';
  }
  return out;
}
