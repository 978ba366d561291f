// Collects the facts the rules judge (docs/facts.md). Reads the page, never changes it.
function collect(options) {
  // Page text is untrusted and unbounded: every collected text goes through capText, and the
  // fact beside it keeps the original length where a rule needs it (docs/facts.md).
  const TEXT_CAP = 4000;
  const capText = (text) => (text === null || text === undefined ? text : String(text).slice(0, TEXT_CAP));
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

  const viewportMeta = document.querySelector('meta[name="viewport" i]');
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
    // value= instead of content= is how some archived copies store meta tags.
    viewport_meta: viewportMeta ? NA.collapse(viewportMeta.getAttribute('content') ?? viewportMeta.getAttribute('value')) || null : null,
    stylesheets: {linked: NA.stylesLinked(), missing: NA.stylesMissing().length},
    focusable_before_main: NA.focusableBeforeStory(options),
  };

  // ---- images and their captions ----
  // What a photo is, which caption is its own and whether it is a teaser is decided in
  // rules/_images.py; this part reports the facts those decisions need (docs/facts.md).
  const imageSelector = 'img, svg[role="img"], [role="img"], input[type="image"]';
  // A container that frames the page or the story: a caption or link inside it is not one image's.
  const FRAME = /^(main|article|body|html)$/;
  // A card is small: a container with more text than this is a story or a list, not one teaser.
  const CARD_TEXT = 400;
  const GALLERY = '[class*="gallery" i], [class*="slideshow" i], [class*="carousel" i], [class*="slider" i], ' +
    '[class*="swiper" i], [data-gallery], [aria-roledescription="carousel" i]';
  const CREDIT_ITEMPROPS = '[itemprop="creator"], [itemprop="copyrightHolder"], [itemprop="author"]';
  const VISUALLY_HIDDEN = /(^|[\s_-])(sr-only|visually-?hidden|screen-reader-text|offscreen|a11y-hidden)($|[\s_-])/i;
  const here = location.href.split('#')[0];
  const number = (value) => {
    const n = parseFloat(value);
    return Number.isFinite(n) ? Math.round(n) : null;
  };
  const pair = (w, h) => (w === null && h === null ? null : {width: w, height: h});
  // Whether a container holds another rendered image besides img itself. A pixel does not count
  // (declared under 24 px, or loaded and drawn under 24 px); an image that did not load does, since
  // its broken-image box says nothing about its size.
  const pixel = (el) => {
    const w = number(el.getAttribute('width'));
    const h = number(el.getAttribute('height'));
    if (w !== null && h !== null && w < 24 && h < 24) return true;
    const r = el.getBoundingClientRect();
    return el.localName === 'img' && el.complete && el.naturalWidth > 0 && r.width < 24 && r.height < 24;
  };
  const otherImages = (container, img) => {
    for (const other of container.querySelectorAll(imageSelector)) {
      if (other === img || other.contains(img) || img.contains(other) || !NA.rendered(other)) continue;
      if (!pixel(other)) return true;
    }
    return false;
  };
  const credit = (container, img) => {
    if (!container) return null;
    const found = safeQuery(container, options.credit_selector).concat(safeQuery(container, CREDIT_ITEMPROPS))
      .find((c) => !c.contains(img) && NA.text(c));
    return found ? capText(NA.text(found)) : null;
  };
  const captionFact = (el, source, creditRoot, img) => {
    const text = NA.text(el);
    return {text: capText(text), text_length: text.length, source, credit: credit(creditRoot || el, img),
            rendered: NA.rendered(el), selector: NA.selector(el)};
  };
  const captionOf = (img) => {
    const figure = img.closest('figure');
    if (figure && !otherImages(figure, img)) {
      const figcaption = Array.from(figure.querySelectorAll('figcaption'))
        .find((c) => c.closest('figure') === figure && NA.text(c));
      if (figcaption) return captionFact(figcaption, 'figcaption', figure, img);
    }
    const describedby = NA.idrefText(img, 'aria-describedby');
    if (describedby) {
      const first = document.getElementById(img.getAttribute('aria-describedby').trim().split(/\s+/)[0]);
      return {text: capText(describedby), text_length: describedby.length, source: 'aria-describedby',
              credit: credit(first, img), rendered: !!first && NA.rendered(first),
              selector: first ? NA.selector(first) : null};
    }
    // The site's caption selector, in a small container that holds this one image: never in the
    // page's frame, and never in a container holding another image (that caption is the group's).
    let ancestor = img.parentElement;
    for (let depth = 0; ancestor && depth < 3; depth++, ancestor = ancestor.parentElement) {
      if (FRAME.test(ancestor.localName) || safeMatches(ancestor, articleSelector) || otherImages(ancestor, img)) break;
      const match = safeQuery(ancestor, options.caption_selector)
        .find((c) => !c.contains(img) && !c.querySelector(imageSelector) && NA.text(c));
      if (match) return captionFact(match, 'selector', ancestor, img);
    }
    return null;
  };
  // The URL a link leads to, when that is another page (not this one, not an image file).
  const elsewhere = (a) => {
    try {
      const url = new URL(a.getAttribute('href'), document.baseURI);
      url.hash = '';
      if (!/^(https?|file):$/.test(url.protocol) || url.href === here) return null;
      return /\.(jpe?g|png|gif|webp|avif|svg)$/i.test(url.pathname) ? null : url.href;
    } catch (e) {
      return null;
    }
  };
  const ownText = (el) => NA.collapse(el.textContent);
  // A teaser: the image sits in a link to another page, or in a small card (one image, little
  // text) holding such a link; `text` is what names the other page.
  const teaserOf = (img) => {
    const link = img.closest('a[href]');
    const linkUrl = link ? elsewhere(link) : null;
    if (linkUrl && ownText(link)) return {href: linkUrl, text: capText(ownText(link)), via: 'link'};
    let node = img.parentElement;
    for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
      if (/^(main|body|html)$/.test(node.localName) || otherImages(node, img)) break;
      if (node.textContent.length > CARD_TEXT * 4 || ownText(node).length > CARD_TEXT) break;
      const other = Array.from(node.querySelectorAll('a[href]')).find((a) => elsewhere(a) && ownText(a));
      if (other) return {href: elsewhere(other), text: capText(ownText(other)), via: 'card'};
    }
    return linkUrl ? {href: linkUrl, text: '', via: 'link'} : null;
  };
  // Every URL the image may show: the chosen one, src, lazy-loading attributes and srcset candidates.
  const LAZY = ['data-src', 'data-lazy-src', 'data-original', 'data-srcset', 'data-lazy-srcset', 'srcset'];
  const filesOf = (img) => {
    const urls = [img.currentSrc, img.getAttribute('src')];
    const sources = [img].concat(img.parentElement && img.parentElement.localName === 'picture'
      ? Array.from(img.parentElement.querySelectorAll('source')) : []);
    for (const el of sources) {
      for (const attr of LAZY) {
        const value = el.getAttribute(attr);
        if (!value) continue;
        if (attr.endsWith('srcset')) urls.push(...value.split(/,\s+/).map((c) => c.trim().split(/\s+/)[0]));
        else urls.push(value);
      }
    }
    const out = [];
    for (const raw of urls) {
      if (!raw || raw.startsWith('data:')) continue;
      let url;
      try {
        url = new URL(raw, document.baseURI).href;
      } catch (e) {
        continue;
      }
      if (!out.includes(url)) out.push(url.slice(0, 500));
      if (out.length >= 12) break;
    }
    return out;
  };
  const offscreen = (img) => {
    const r = img.getBoundingClientRect();
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return true;
    for (let el = img; el && el !== body; el = el.parentElement) {
      if (typeof el.className === 'string' && VISUALLY_HIDDEN.test(el.className)) return true;
    }
    return false;
  };
  const images = Array.from(document.querySelectorAll(imageSelector)).map((img) => {
    const link = img.closest('a[href]');
    const figure = img.closest('figure');
    const gallery = img.parentElement ? img.parentElement.closest(GALLERY) : null;
    const loaded = img.localName === 'img' && img.complete && img.naturalWidth > 0;
    const alt = img.hasAttribute('alt') ? img.getAttribute('alt') : null;
    const label = NA.idrefText(img, 'aria-labelledby') || img.getAttribute('aria-label');
    const langEl = img.closest('[lang]');
    return Object.assign(base(img), {
      tag: img.localName,
      src: (img.currentSrc || (img.getAttribute('src') ? img.src : '') || '').slice(0, 500),
      files: filesOf(img),
      alt: capText(alt),
      alt_length: alt === null ? null : alt.length,
      role: img.getAttribute('role'),
      aria_hidden: NA.ariaHidden(img),
      aria_label: capText(label),
      title: capText(img.getAttribute('title')),
      lang: langEl ? langEl.getAttribute('lang') : '',
      loaded,
      natural: loaded ? {width: img.naturalWidth, height: img.naturalHeight} : null,
      size_attrs: pair(number(img.getAttribute('width')), number(img.getAttribute('height'))),
      style_size: pair(/px$/.test(img.style.width) ? number(img.style.width) : null,
                       /px$/.test(img.style.height) ? number(img.style.height) : null),
      offscreen: offscreen(img),
      in_control: !!img.closest('button, [role="button"], a[href], [role="link"]'),
      caption: captionOf(img),
      teaser: teaserOf(img),
      figure: figure ? NA.selector(figure) : null,
      gallery: gallery && !FRAME.test(gallery.localName) ? NA.selector(gallery) : null,
      link: link ? {selector: NA.selector(link), href: capText(link.getAttribute('href')),
                    text: capText(NA.text(link))} : null,
    });
  });

  // ---- headings ----
  // Offline, without the site's CSS, what its classes hide shows up: a heading under a class that
  // can only mean "hidden" (`hidden`, `is-hidden`, `d-none`, …) is hidden on the live page. And an
  // empty heading in a widget (a modal, a drawer, a tooltip, an ad slot) is one a script fills when
  // the widget opens or the ad loads.
  const WIDGET = /(?:^|[\s_-])(?:modal|drawer|tooltip|popup|popover|lightbox|disabled|ad|ads|advert|advertisement|sponsored|dfp|paid-post|native-ad)(?:[\s_-]|$)/i;
  const classOf = (el) => (typeof el.className === 'string' ? el.className : el.getAttribute('class') || '').slice(0, 500);
  // A container that holds the page's main content is its layout, whatever its class says: an
  // off-canvas "nav_drawer" wrapper round the whole page, a "render-target-modal" that the
  // article is rendered in. A modal's own header is caught by the modal round it.
  const holdsMain = (el) => !!el.querySelector('main, [role="main"], article h1');
  const inWidget = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      // A page header whose class names the drawer it slides into on small screens
      // ("i-nav_drawer_slide@tp-__panel") is still the page header.
      if ((node !== el && holdsMain(node)) || node.localName === 'header') continue;
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
                                     hidden_by_class: NA.hiddenByClass(h), in_widget: inWidget(h)});
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
