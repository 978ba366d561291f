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
    if (NA.withoutStyles() && NA.hiddenByClass(el)) return false;
    if (typeof el.checkVisibility === 'function') {
      return el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true, contentVisibilityAuto: true});
    }
    const cs = getComputedStyle(el);
    return cs.visibility === 'visible' && cs.opacity !== '0';
  },

  // Class names that sites' stylesheets use for display:none (not the sr-only pattern, whose
  // text screen readers still read): `hidden`, `is-hidden`, `u-hide`, `js-d-none`, …. Matched as
  // written, as CSS matches class names: Yahoo's `Hidden` is its visually-hidden class, which
  // screen readers still read. The one list of them, for every script.
  HIDING_CLASSES: new Set(['', 'is-', 'u-', 'js-'].flatMap((prefix) =>
    ['hidden', 'hide', 'd-none', 'display-none', 'invisible'].map((name) => prefix + name))),

  // Under an element (below <body>) with one of HIDING_CLASSES.
  hiddenByClass(el) {
    for (let node = el; node && node.nodeType === 1 && node !== document.body; node = node.parentElement) {
      if (node.classList && Array.from(node.classList).some((name) => NA.HIDING_CLASSES.has(name))) return true;
    }
    return false;
  },

  // The rendered h1 that heads the story: the first that is not the site's logo, else the first.
  // A logo h1 is one whose text is all one link to the home page (`<h1><a href="/">Salon</a></h1>`,
  // `<a href="/"><h1><svg aria-label="Engadget"></h1></a>`).
  storyH1() {
    const h1s = Array.from(document.querySelectorAll('h1')).filter((h) => NA.rendered(h));
    return h1s.find((h) => !NA.logoHeading(h)) || h1s[0] || null;
  },

  logoHeading(h) {
    const link = h.closest('a[href]') || h.querySelector('a[href]');
    if (!link || !(link.contains(h) || NA.collapse(link.textContent) === NA.collapse(h.textContent))) return false;
    try {
      const url = new URL(link.href, location.href);
      return url.pathname === '/' && !url.hash;
    } catch (e) {
      return false;
    }
  },

  // Where the story starts: the main landmark (unless it also holds the site header, then its h1),
  // else the h1's article or the h1, else the article body; null when the page shows none of them.
  storyStart(options) {
    const h1 = NA.storyH1();
    const main = Array.from(document.querySelectorAll('main, [role="main"]')).find((m) => NA.rendered(m));
    if (main) {
      const heading = h1 && main.contains(h1) ? h1 : null;
      const chrome = heading && Array.from(main.querySelectorAll('header, [role="banner"], nav'))
        .some((c) => c.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING && !c.contains(heading));
      return chrome ? heading : main;
    }
    if (h1) return h1.closest('article') || h1;
    let body = null;
    try {
      body = options.article_selector ? document.querySelector(options.article_selector) : null;
    } catch (e) { /* an invalid selector finds nothing */ }
    return body;
  },

  // How many elements a Tab press can land on come before the story, counted in the document
  // (the Tab walk records only the first few): rendered links, buttons, fields, frames and
  // tabindex>=0, not disabled or inert. Counting stops at `limit`. With no story start known (no
  // main landmark, no h1), every stop on the page may come before the story, so all are counted.
  FOCUSABLE: 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, summary, ' +
    '[tabindex], [contenteditable=""], [contenteditable="true"]',
  focusableBeforeStory(options, limit = 500) {
    const start = NA.storyStart(options);
    let count = 0;
    for (const el of document.querySelectorAll(NA.FOCUSABLE)) {
      if (start && (!(start.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) || start.contains(el))) break;
      const tabindex = el.getAttribute('tabindex');
      if ((tabindex !== null && parseInt(tabindex, 10) < 0) || el.disabled || el.closest('[inert]')) continue;
      if (!NA.rendered(el)) continue;
      if (++count >= limit) break;
    }
    return count;
  },

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
    if (!href.trim().startsWith('#') && !NA.pageAddresses().has(url.origin + url.pathname + url.search)) return null;
    if (!href.includes('#')) return null;
    const raw = url.hash.replace(/^#/, '');
    try {
      return decodeURIComponent(raw);
    } catch (e) {
      return raw;
    }
  },

  // The addresses of this document: where it was loaded from, and the canonical address it names
  // (`<link rel=canonical>`, `og:url`), which a saved or syndicated copy's own links still use
  // ("https://site/story#collapseFive" in a copy of the story is a same-page link).
  pageAddresses() {
    if (!NA._pageAddresses) {
      const names = [location.href];
      const canonical = document.querySelector('link[rel~="canonical"][href]');
      const og = document.querySelector('meta[property="og:url"], meta[name="og:url"]');
      if (canonical) names.push(canonical.getAttribute('href'));
      if (og && (og.getAttribute('content') ?? og.getAttribute('value'))) names.push(og.getAttribute('content') ?? og.getAttribute('value'));
      NA._pageAddresses = new Set();
      for (const name of names) {
        try {
          const url = new URL(name.slice(0, 2000), document.baseURI);
          NA._pageAddresses.add(url.origin + url.pathname + url.search);
        } catch (e) { /* not an address */ }
      }
    }
    return NA._pageAddresses;
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
