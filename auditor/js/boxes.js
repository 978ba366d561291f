// Where each element is, for cutting its picture out of a screenshot and marking it: the box in
// page coordinates (CSS px from the top left of the document), and for an <img> whether its file
// loaded. Reads only; scrolls nothing.
function boxes(args) {
  const out = {};
  for (const selector of args.selectors) {
    let el = null;
    try {
      el = document.querySelector(selector);
    } catch (e) {
      el = null;
    }
    if (!el || !NA.rendered(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const item = {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
    if (el.localName === 'img') item.loaded = el.complete && el.naturalWidth > 0;
    out[selector] = item;
  }
  return {boxes: out, page_height: document.documentElement.scrollHeight};
}
