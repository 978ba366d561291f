// Shared in-page helpers: element identity, snippets, rendering and text.
// Prepended to every other script; each script is one function of one JSON argument.

const NA = {
  pathCache: new Map(),

  // A layout-independent selector anchored at the nearest uniquely-id'd ancestor, so the same
  // element has the same key at every viewport and findings merge.
  selector(el) {
    if (!el || el.nodeType !== 1) return null;
    if (NA.pathCache.has(el)) return NA.pathCache.get(el);
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1) {
      if (node.id && NA.uniqueId(node)) {
        parts.unshift('#' + CSS.escape(node.id));
        break;
      }
      if (node === document.documentElement) {
        parts.unshift('html');
        break;
      }
      const tag = node.localName;
      let n = 1;
      for (let s = node.previousElementSibling; s; s = s.previousElementSibling) {
        if (s.localName === tag) n++;
      }
      parts.unshift(`${CSS.escape(tag)}:nth-of-type(${n})`);
      node = node.parentElement;
    }
    const path = parts.join(' > ');
    NA.pathCache.set(el, path);
    return path;
  },

  uniqueId(el) {
    try {
      return document.querySelectorAll('#' + CSS.escape(el.id)).length === 1;
    } catch (e) {
      return false;
    }
  },

  snippet(el, max = 300) {
    if (!el || !el.outerHTML) return '';
    const html = el.outerHTML;
    if (html.length <= max) return html;
    return html.slice(0, max - 1) + '…';
  },

  collapse(text) {
    return (text || '').replace(/\s+/g, ' ').trim();
  },

  // In the rendering (and so the accessibility) tree at this viewport: visually hidden text
  // (the sr-only pattern) still counts; display:none, visibility:hidden, opacity 0, closed
  // <details> and [hidden] do not.
  rendered(el) {
    if (!el || !el.isConnected) return false;
    if (el.getClientRects().length === 0) return false;
    // Without the site's stylesheets, its hiding classes hide nothing; what they mark is hidden on
    // the real page (an unopened modal, a share tooltip), so it is not judged as shown.
    if (NA.withoutStyles() && el.closest(NA.HIDING_CLASSES)) return false;
    if (typeof el.checkVisibility === 'function') {
      return el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true, contentVisibilityAuto: true});
    }
    const cs = getComputedStyle(el);
    return cs.visibility === 'visible' && cs.opacity !== '0';
  },

  // Class names that sites' stylesheets use for display:none (not the sr-only pattern, whose
  // text screen readers still read).
  HIDING_CLASSES: '.hidden, .is-hidden, .hide, .d-none, .u-hidden, .js-hidden, .invisible, .is-invisible',

  // The page's own stylesheets that did not load (blocked, failed or offline): no sheet, an empty
  // sheet after an HTTP error, or a load error that style_watch.js saw. A sheet wrongly taken as
  // missing only sets layout verdicts aside; it never makes a finding. While any is missing, the
  // layout is not the one readers get.
  stylesMissing() {
    if (NA._stylesMissing === undefined) {
      const seen = new Set(window.__newsaudit_failed_styles__ || []);
      const failed = (link) => {
        if (!link.sheet || seen.has(link.href)) return true;
        try {
          return link.sheet.cssRules.length === 0;
        } catch (e) {
          return false;  // cross-origin: unreadable, and no error was seen
        }
      };
      NA._stylesMissing = Array.from(document.querySelectorAll('link[rel~="stylesheet" i]'))
        .filter((link) => !link.disabled && failed(link))
        .map((link) => (link.getAttribute('href') || '').slice(0, 200));
    }
    return NA._stylesMissing;
  },

  // Most of the page's linked stylesheets are missing: its layout is not the site's. (One blocked
  // ad stylesheet on a live page is not that.)
  withoutStyles() {
    const linked = NA.stylesLinked();
    return linked > 0 && NA.stylesMissing().length * 2 > linked;
  },

  stylesLinked() {
    return document.querySelectorAll('link[rel~="stylesheet" i]:not([disabled])').length;
  },

  box(el) {
    const r = el.getBoundingClientRect();
    return {x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY),
            width: Math.round(r.width), height: Math.round(r.height)};
  },

  ariaHidden(el) {
    return !!el.closest('[aria-hidden="true"]');
  },

  // Visible text with image alternatives, skipping hidden subtrees.
  text(el) {
    const out = [];
    const walk = (node) => {
      if (node.nodeType === 3) {
        out.push(node.data);
        return;
      }
      if (node.nodeType !== 1) return;
      const tag = node.localName;
      if (tag === 'script' || tag === 'style' || tag === 'template' || tag === 'noscript') return;
      if (node.hidden || node.getAttribute('aria-hidden') === 'true') return;
      if (node !== el && getComputedStyle(node).display === 'none') return;
      const role = node.getAttribute('role');
      if (tag === 'img' && (role === 'presentation' || role === 'none')) return;  // decorative
      if (tag === 'img' || (tag === 'input' && node.type === 'image') || tag === 'area') {
        out.push(' ' + (node.getAttribute('aria-label') || node.getAttribute('alt') || '') + ' ');
        return;
      }
      if (tag === 'svg') {
        const title = node.querySelector('title');
        out.push(' ' + (node.getAttribute('aria-label') || (title ? title.textContent : '')) + ' ');
        return;
      }
      for (const child of node.childNodes) walk(child);
      if (/^(p|div|li|br|h[1-6]|td|th|tr|section|article|figcaption)$/.test(tag)) out.push(' ');
    };
    walk(el);
    return NA.collapse(out.join(''));
  },

  idrefText(el, attr) {
    const ids = (el.getAttribute(attr) || '').trim();
    if (!ids) return null;
    const parts = ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean);
    if (!parts.length) return '';
    return NA.collapse(parts.map((p) => p.getAttribute('aria-label') || NA.text(p)).join(' '));
  },

  // Accessible name, close enough for links and headings (aria-labelledby, aria-label, content, title).
  name(el) {
    const labelledby = NA.idrefText(el, 'aria-labelledby');
    if (labelledby) return labelledby;
    const label = NA.collapse(el.getAttribute('aria-label'));
    if (label) return label;
    const text = NA.text(el);
    if (text) return text;
    return NA.collapse(el.getAttribute('title'));
  },

  inArticle(el, articleSelector) {
    if (!articleSelector) return false;
    try {
      return !!el.closest(articleSelector);
    } catch (e) {
      return false;
    }
  },

  // For a same-page link: the decoded fragment, else null ('' for a bare '#').
  fragment(el) {
    const href = el.getAttribute('href');
    if (href === null) return null;
    let url;
    try {
      url = new URL(href, document.baseURI);
    } catch (e) {
      return null;
    }
    const here = new URL(location.href);
    if (!href.trim().startsWith('#') &&
        (url.origin + url.pathname + url.search) !== (here.origin + here.pathname + here.search)) return null;
    if (!href.includes('#')) return null;
    const raw = url.hash.replace(/^#/, '');
    try {
      return decodeURIComponent(raw);
    } catch (e) {
      return raw;
    }
  },

  fragmentTarget(fragment) {
    if (fragment === null || fragment === '') return {exists: false, selector: null, rendered: false, tag: null, focusable: false};
    let target = document.getElementById(fragment);
    if (!target) target = Array.from(document.getElementsByName(fragment)).find((e) => e.localName === 'a') || null;
    if (!target) return {exists: false, selector: null, rendered: false, tag: null, focusable: false};
    return {
      exists: true,
      selector: NA.selector(target),
      rendered: NA.rendered(target),
      tag: target.localName,
      focusable: target.tabIndex >= 0 || target.hasAttribute('tabindex'),
    };
  },
};
