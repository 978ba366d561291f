// Outlines one element for its screenshot (or removes every outline we drew) and returns its
// viewport-relative box, scrolled into view.
function outline(args) {
  document.querySelectorAll('[data-newsaudit-outline]').forEach((el) => {
    el.style.outline = el.getAttribute('data-newsaudit-outline');
    el.removeAttribute('data-newsaudit-outline');
  });
  if (!args.selector) return null;
  let el = null;
  try {
    el = document.querySelector(args.selector);
  } catch (e) {
    return null;
  }
  if (!el || !NA.rendered(el)) return null;
  el.setAttribute('data-newsaudit-outline', el.style.outline || '');
  el.style.outline = '4px solid #d0021b';
  el.scrollIntoView({block: 'center', inline: 'nearest'});
  const r = el.getBoundingClientRect();
  return {x: r.left, y: r.top, width: r.width, height: r.height};
}
