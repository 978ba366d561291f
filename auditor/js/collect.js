// Collects the facts the rules judge (docs/facts.md). Reads the page, never changes it.
function collect(options) {
  const articleSelector = options.article_selector || '';
  const safeQuery = (root, selector) => {
    if (!selector) return [];
    try {
      return Array.from(root.querySelectorAll(selector));
    } catch (e) {
      return [];
    }
  };
  const safeMatches = (el, selector) => {
    try {
      return !!selector && el.matches(selector);
    } catch (e) {
      return false;
    }
  };
  const base = (el) => ({
    selector: NA.selector(el),
    html: NA.snippet(el),
    rendered: NA.rendered(el),
    box: NA.box(el),
    in_article: NA.inArticle(el, articleSelector),
  });

  // ---- document ----
  // `value=` instead of `content=` is how some archived copies store meta tags: read both.
  const meta = (sel) => {
    const m = document.querySelector(sel);
    return m ? NA.collapse(m.getAttribute('content') ?? m.getAttribute('value')) || null : null;
  };
  const articleTypes = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting)$/;
  const findHeadline = (node, depth = 0) => {
    if (!node || typeof node !== 'object' || depth > 6) return null;
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = findHeadline(item, depth + 1);
        if (found) return found;
      }
      return null;
    }
    const types = [].concat(node['@type'] || []);
    if (types.some((t) => articleTypes.test(String(t))) && typeof node.headline === 'string') {
      return NA.collapse(node.headline);
    }
    return findHeadline(node['@graph'], depth + 1) || findHeadline(node.mainEntity, depth + 1);
  };
  let jsonldHeadline = null;
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      jsonldHeadline = findHeadline(JSON.parse(script.textContent));
    } catch (e) { /* a broken JSON-LD block is the page's problem, not ours */ }
    if (jsonldHeadline) break;
  }
  // Sites write Open Graph and Twitter tags with property= or name=: both count.
  const ogTitle = meta('meta[property="og:title"], meta[name="og:title"]');
  const twitterTitle = meta('meta[name="twitter:title"], meta[property="twitter:title"]');
  const title = NA.collapse(document.title);
  const root = document.documentElement;
  const body = document.body;
  const clientWidth = root.clientWidth;
  const scrollWidth = Math.max(root.scrollWidth, body ? body.scrollWidth : 0);

  // The element reaching furthest right, ignoring what an overflow-clipping ancestor hides.
  let widest = null;
  if (scrollWidth > clientWidth && body) {
    let best = null;
    let bestRight = clientWidth;
    const walk = (el, clipped) => {
      for (const child of el.children) {
        const cs = getComputedStyle(child);
        if (cs.display === 'none') continue;
        if (!clipped && cs.position !== 'fixed') {
          const r = child.getBoundingClientRect();
          const right = r.right + scrollX;
          if (right > bestRight + 0.5 && r.width > 0 && r.height > 0) {
            best = child;
            bestRight = right;
          }
        }
        const clips = cs.overflowX !== 'visible';
        walk(child, clipped || clips);
      }
    };
    walk(body, false);
    if (best) {
      widest = {selector: NA.selector(best), html: NA.snippet(best, 200),
                right: Math.round(bestRight), width: Math.round(best.getBoundingClientRect().width)};
    }
  }

  // Whether the layout is the site's own: its viewport declaration, and how many of its linked
  // stylesheets loaded (an offline copy, or a run that blocks them, lays the page out without them).
  const viewportMeta = document.querySelector('meta[name="viewport"]');
  const sheets = Array.from(document.querySelectorAll('link[rel~="stylesheet" i]')).filter((l) => !l.disabled);
  const document_ = {
    title,
    lang: root.getAttribute('lang') || '',
    og_title: ogTitle,
    twitter_title: twitterTitle,
    jsonld_headline: jsonldHeadline,
    headline: ogTitle || jsonldHeadline || twitterTitle || title,
    site_name: meta('meta[property="og:site_name"], meta[name="og:site_name"]'),
    inner_width: innerWidth,
    inner_height: innerHeight,
    client_width: clientWidth,
    scroll_width: scrollWidth,
    widest,
    viewport_meta: viewportMeta ? (viewportMeta.getAttribute('content') ?? viewportMeta.getAttribute('value') ?? '').slice(0, 300) : null,
    stylesheets: {linked: sheets.length, loaded: sheets.filter((l) => !!l.sheet).length},
  };

  // ---- images and their captions ----
  const captionOf = (img) => {
    const credit = (container) => {
      if (!container) return null;
      const found = safeQuery(container, options.credit_selector).find((c) => !c.contains(img));
      return found ? NA.text(found) || null : null;
    };
    const make = (el, source, creditRoot) => ({
      text: NA.text(el), source, credit: credit(creditRoot || el),
      rendered: NA.rendered(el), selector: NA.selector(el),
    });
    const figure = img.closest('figure');
    if (figure) {
      const figcaption = figure.querySelector('figcaption');
      if (figcaption && NA.text(figcaption)) return make(figcaption, 'figcaption', figure);
    }
    const describedby = NA.idrefText(img, 'aria-describedby');
    if (describedby) {
      const first = document.getElementById(img.getAttribute('aria-describedby').trim().split(/\s+/)[0]);
      return {text: describedby, source: 'aria-describedby', credit: credit(first),
              rendered: !!first && NA.rendered(first), selector: first ? NA.selector(first) : null};
    }
    // A caption matched by the site's selector "near" the image: within its three nearest
    // ancestors, and not a wrapper that holds the image itself.
    let ancestor = img.parentElement;
    for (let depth = 0; ancestor && depth < 3; depth++, ancestor = ancestor.parentElement) {
      const match = safeQuery(ancestor, options.caption_selector)
        .find((c) => !c.contains(img) && !c.querySelector('img') && NA.text(c));
      if (match) return make(match, 'selector', ancestor);
    }
    return null;
  };
  const imageSelector = 'img, svg[role="img"], [role="img"], input[type="image"]';
  const images = Array.from(document.querySelectorAll(imageSelector)).map((img) => {
    const link = img.closest('a[href]');
    const figure = img.closest('figure');
    return Object.assign(base(img), {
      tag: img.localName,
      src: img.currentSrc || (img.getAttribute('src') ? img.src : '') || '',
      alt: img.hasAttribute('alt') ? img.getAttribute('alt') : null,
      role: img.getAttribute('role'),
      aria_hidden: NA.ariaHidden(img),
      aria_label: NA.idrefText(img, 'aria-labelledby') || img.getAttribute('aria-label'),
      title: img.getAttribute('title'),
      caption: captionOf(img),
      figure: figure ? NA.selector(figure) : null,
      link: link ? {selector: NA.selector(link), href: link.getAttribute('href'), text: NA.text(link)} : null,
    });
  });

  // ---- headings ----
  // Offline, without the site's CSS, what its classes hide shows up: a heading under a class that
  // can only mean "hidden" (`hidden`, `is-hidden`, `d-none`, …) is hidden on the live page. And an
  // empty heading in a widget (a modal, a drawer, a tooltip, an ad slot) is one a script fills when
  // the widget opens or the ad loads.
  const HIDING_CLASS = /(?:^|\s)(?:is-|u-|js-)?(?:hidden|hide|d-none|display-none|invisible)(?:\s|$)/i;
  const WIDGET = /(?:^|[\s_-])(?:modal|drawer|tooltip|popup|popover|lightbox|disabled|ad|ads|advert|advertisement|sponsored|dfp|paid-post|native-ad)(?:[\s_-]|$)/i;
  const classOf = (el) => (typeof el.className === 'string' ? el.className : el.getAttribute('class') || '').slice(0, 500);
  const hiddenByClass = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      if (HIDING_CLASS.test(classOf(node))) return true;
    }
    return false;
  };
  const inWidget = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const role = node.getAttribute('role');
      if (role === 'dialog' || role === 'alertdialog' || role === 'tooltip' || node.hasAttribute('data-native-ad-id')) return true;
      if (WIDGET.test(classOf(node)) || WIDGET.test((node.id || '').slice(0, 200)) || /^goog-gt-/.test(node.id || '')) return true;
    }
    return false;
  };
  const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]'))
    .filter((h) => {
      const role = (h.getAttribute('role') || '').trim();
      if (!/^h[1-6]$/.test(h.localName) || !role || role === 'heading') return true;
      // role=none/presentation yields to a global ARIA attribute (ARIA's conflict resolution).
      return (role === 'none' || role === 'presentation') &&
        (h.hasAttribute('aria-label') || h.hasAttribute('aria-labelledby'));
    })
    .map((h) => {
      let level = /^h[1-6]$/.test(h.localName) ? Number(h.localName[1]) : 2;
      const ariaLevel = parseInt(h.getAttribute('aria-level'), 10);
      if (ariaLevel >= 1) level = Math.min(ariaLevel, 6);
      return Object.assign(base(h), {level, text: NA.name(h), tag: h.localName, aria_hidden: NA.ariaHidden(h),
                                     hidden_by_class: hiddenByClass(h), in_widget: inWidget(h)});
    });

  // ---- links ----
  // A navigation item: in a nav landmark or a menu, under a class or id that names a navigation or
  // a menu ("mega-menu__item", "site-nav"), or one item of a list of one link per item (a channel
  // bar whose last item is "更多>>").
  const NAV_NAME = /(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|megamenu|submenu|menubar|topbar)(?:[\s_-]|$)/i;
  const inMenuList = (a) => {
    const item = a.parentElement && a.parentElement.closest('li');
    const list = item && item.parentElement;
    if (!list || item.querySelectorAll('a[href]').length !== 1) return false;
    let single = 0;
    for (const sibling of Array.from(list.children).slice(0, 60)) {
      if (sibling.localName === 'li' && sibling.querySelectorAll('a[href]').length === 1) single++;
    }
    return single >= 6;
  };
  const inNav = (a) => {
    if (a.closest('nav, [role="navigation"], [role="menu"], [role="menubar"]')) return true;
    let depth = 0;
    for (let node = a.parentElement; node && node !== document.body && depth < 8; node = node.parentElement, depth++) {
      if (NAV_NAME.test(classOf(node)) || NAV_NAME.test((node.id || '').slice(0, 200))) return true;
    }
    return NA.collapse(a.textContent).length <= 30 && inMenuList(a);
  };
  const linkInfo = (a) => {
    const fragment = NA.fragment(a);
    let url = null;
    try {
      url = a.getAttribute('href') !== null ? new URL(a.getAttribute('href'), document.baseURI).href : null;
    } catch (e) { /* unparseable href: keep null */ }
    return Object.assign(base(a), {
      href: a.getAttribute('href'),
      url,
      text: NA.text(a),
      name: NA.name(a),
      aria_hidden: NA.ariaHidden(a),
      aria_label: a.getAttribute('aria-label'),
      aria_labelledby: NA.idrefText(a, 'aria-labelledby'),
      aria_describedby: NA.idrefText(a, 'aria-describedby'),
      title: a.getAttribute('title'),
      fragment,
      target: fragment === null ? null : NA.fragmentTarget(fragment),
      lang: (a.closest('[lang]') || root).getAttribute('lang') || '',
      role: a.getAttribute('role'),
      // A toggle (a menu's "mehr") and a navigation item (a main-nav "Read") are no "read more" links.
      toggle: a.getAttribute('role') === 'button' || a.hasAttribute('aria-controls') ||
        a.hasAttribute('aria-expanded') || a.hasAttribute('aria-haspopup'),
      in_nav: inNav(a),
    });
  };
  const linkEls = Array.from(document.querySelectorAll('a[href], [role="link"]'));
  const links = linkEls.map(linkInfo);

  // ---- landmarks ----
  const articleEl = articleSelector ? safeQuery(document, articleSelector)[0] : null;
  const landmarks = {
    main: Array.from(document.querySelectorAll('main, [role="main"]')).map(NA.selector),
    article: articleEl ? NA.selector(articleEl) : null,
  };

  return {document: document_, images, headings, links, landmarks};
}
