// Keyboard facts: where real Tab presses land, and how a focused link looks.
// Runs after the facts and axe, because focusing changes the page (skip links slide in).

const FOCUS_ANCHOR_ID = '__newsaudit_focus_start__';

const FOCUS = {
  // Makes the next Tab land on the page's first tab stop, as on a fresh load, even after an
  // earlier viewport's walk left focus deep in the page.
  reset() {
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    let anchor = document.getElementById(FOCUS_ANCHOR_ID);
    if (!anchor) {
      anchor = document.createElement('div');
      anchor.id = FOCUS_ANCHOR_ID;
      anchor.tabIndex = -1;
      anchor.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;outline:none';
      (document.body || document.documentElement).prepend(anchor);
    }
    scrollTo(0, 0);
    anchor.focus({preventScroll: true});
    return true;
  },

  removeAnchor() {
    const anchor = document.getElementById(FOCUS_ANCHOR_ID);
    if (anchor) anchor.remove();
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    scrollTo(0, 0);
  },

  // Lets focus-triggered transitions (a skip link sliding into view) finish before measuring.
  // getAnimations() flushes style first, so a transition that focus has just started is listed.
  async settle(el) {
    const running = document.getAnimations().filter((a) => {
      const target = a.effect && a.effect.target;
      return target && (target === el || target.contains(el)) && a.playState === 'running';
    });
    if (running.length) {
      await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => null))),
                          new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
  },

  parseColor(value) {
    const m = (value || '').match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  },

  luminance(c) {
    const lin = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  },

  background(el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const cs = getComputedStyle(node);
      const c = FOCUS.parseColor(cs.backgroundColor);
      if (c && c.a > 0.5) return c;
      if (cs.backgroundImage && cs.backgroundImage !== 'none') return null; // unknown: assume visible
    }
    return {r: 255, g: 255, b: 255, a: 1};
  },

  clipRect(cs, rect) {
    // clip-path insets of 50% or more, or a zero circle, hide everything (the sr-only pattern).
    const cp = cs.clipPath || 'none';
    if (/inset\(\s*(50|100)%/.test(cp) || /circle\(\s*0/.test(cp)) return {l: 0, t: 0, r: 0, b: 0};
    const clip = cs.clip || 'auto';
    const m = clip.match(/rect\(([^)]+)\)/);
    if (m && (cs.position === 'absolute' || cs.position === 'fixed')) {
      const v = m[1].split(/[ ,]+/).map((x) => (x === 'auto' ? null : parseFloat(x)));
      return {l: rect.left + (v[3] ?? 0), t: rect.top + (v[0] ?? 0),
              r: v[1] === null ? rect.right : rect.left + v[1], b: v[2] === null ? rect.bottom : rect.top + v[2]};
    }
    return null;
  },

  look(el) {
    const rect = el.getBoundingClientRect();
    let vis = {l: rect.left, t: rect.top, r: rect.right, b: rect.bottom};
    const cut = (c) => {
      if (!c) return;
      vis = {l: Math.max(vis.l, c.l), t: Math.max(vis.t, c.t), r: Math.min(vis.r, c.r), b: Math.min(vis.b, c.b)};
    };
    const own = getComputedStyle(el);
    cut(FOCUS.clipRect(own, rect));
    let opacity = parseFloat(own.opacity);
    let fixed = own.position === 'fixed';
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      opacity *= parseFloat(cs.opacity);
      const ar = a.getBoundingClientRect();
      cut(FOCUS.clipRect(cs, ar));
      if (!fixed && a !== document.body && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible')) {
        cut({l: ar.left + a.clientLeft, t: ar.top + a.clientTop,
             r: ar.left + a.clientLeft + a.clientWidth, b: ar.top + a.clientTop + a.clientHeight});
      }
      if (cs.position === 'fixed') fixed = true;
    }
    const onScreen = {l: Math.max(vis.l, 0), t: Math.max(vis.t, 0),
                      r: Math.min(vis.r, innerWidth), b: Math.min(vis.b, innerHeight)};
    const width = Math.max(0, onScreen.r - onScreen.l);
    const height = Math.max(0, onScreen.b - onScreen.t);
    const color = FOCUS.parseColor(own.color);
    const bg = FOCUS.background(el);
    let contrast = null;
    if (color && bg) {
      const [hi, lo] = [FOCUS.luminance(color), FOCUS.luminance(bg)].sort((x, y) => y - x);
      contrast = Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
    }
    const inViewport = width > 0 && height > 0;
    const clipped = (vis.r - vis.l) < 1 || (vis.b - vis.t) < 1;
    const visible = inViewport && width >= 2 && height >= 2 && opacity > 0.1 &&
      own.visibility === 'visible' && !(color && color.a === 0) && (contrast === null || contrast >= 1.1);
    return {
      box: {x: Math.round(rect.left), y: Math.round(rect.top), width: Math.round(rect.width), height: Math.round(rect.height)},
      visible_box: {width: Math.round(width), height: Math.round(height)},
      in_viewport: inViewport,
      clipped,
      opacity: Math.round(opacity * 100) / 100,
      contrast,
      visible,
    };
  },

  // Where the story starts (NA.storyStart: also what collect.js counts the stops before).
  mainStart(options) {
    return NA.storyStart(options);
  },

  // Whether an element comes before the story in document order (true when no story start is known).
  beforeMain(el, start) {
    if (!start) return true;
    return !start.contains(el) && !!(start.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  },

  describe(el, options, start) {
    const isLink = el.localName === 'a' && el.hasAttribute('href');
    const fragment = isLink ? NA.fragment(el) : null;
    return {
      selector: NA.selector(el),
      html: NA.snippet(el),
      in_article: NA.inArticle(el, options.article_selector || ''),
      tag: el.localName,
      role: el.getAttribute('role'),
      href: isLink ? el.getAttribute('href') : null,
      text: NA.text(el),
      name: NA.name(el),
      fragment,
      target: fragment === null ? null : NA.fragmentTarget(fragment),
      before_main: FOCUS.beforeMain(el, start === undefined ? FOCUS.mainStart(options) : start),
    };
  },

  // A skip instrument that is no same-page link ("Skip to content" as a <button>, a role=link, a
  // javascript: link) is judged by what a real Enter press does; one that would submit a form or
  // leave the page is never pressed.
  pressable(el) {
    if (el.localName === 'a' && el.hasAttribute('href')) {
      return /^\s*javascript:/i.test(el.getAttribute('href'));
    }
    if (el.localName === 'button') return !(el.form && (el.getAttribute('type') || 'submit').toLowerCase() === 'submit');
    return /^(link|button)$/.test((el.getAttribute('role') || '').trim());
  },

  // Before the Enter press: the page at the top, focus on the instrument.
  arm(args) {
    const el = document.querySelector(args.selector);
    if (!el) return false;
    scrollTo(0, 0);
    el.focus({preventScroll: true, focusVisible: true});
    return document.activeElement === el;
  },

  // After it: did focus or scrolling land in the main content? Smooth scrolling is waited out.
  async activated(args) {
    const el = document.querySelector(args.selector);
    let last = -1;
    for (let i = 0; i < 10 && scrollY !== last; i++) {
      last = scrollY;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const start = FOCUS.mainStart(args.options || {});
    const active = document.activeElement;
    const moved = !!active && active !== el && active !== document.body && active !== document.documentElement;
    const focusIn = moved && !!start && (start === active || start.contains(active) ||
      !!(start.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING));
    const box = start ? start.getBoundingClientRect() : null;
    const scrolled = scrollY > 0;
    const scrollIn = scrolled && !!box && box.top <= innerHeight / 2 && box.bottom > 0;
    const result = {focus_moved: moved, focus: moved ? NA.selector(active) : null, scrolled,
                    into_main: focusIn || scrollIn};
    if (active && active.blur) active.blur();
    scrollTo(0, 0);
    return result;
  },

  // Called after each Tab press.
  async probe(options) {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement || el.id === FOCUS_ANCHOR_ID) {
      return null;
    }
    await FOCUS.settle(el);
    return Object.assign(FOCUS.describe(el, options), {focus: FOCUS.look(el)});
  },

  // Skip instruments by wording anywhere (links, buttons, role=link), or same-page links among the
  // first three tab stops.
  async skipLinks(args) {
    const options = args.options || {};
    const tabOrder = args.tab_order || [];
    const wording = new RegExp(options.skip_link_pattern, 'i');
    const bySelector = new Map(tabOrder.map((stop, i) => [stop.selector, i]));
    const found = [];
    const seen = new Set();
    const consider = (a, byText) => {
      const selector = NA.selector(a);
      if (seen.has(selector)) return;
      seen.add(selector);
      found.push({el: a, selector, byText});
    };
    for (const a of document.querySelectorAll('a[href], button, [role="link"], [role="button"]')) {
      if (wording.test(NA.name(a))) consider(a, true);
    }
    tabOrder.slice(0, 3).forEach((stop) => {
      if (stop.fragment !== null && stop.fragment !== undefined && stop.tag === 'a') {
        const el = document.querySelector(stop.selector);
        if (el) consider(el, false);
      }
    });
    const out = [];
    const start = FOCUS.mainStart(options);
    for (const item of found) {
      const index = bySelector.has(item.selector) ? bySelector.get(item.selector) : null;
      let focus = index === null ? null : tabOrder[index].focus;
      if (focus === null) {
        // Not reached by the recorded Tab presses: focus it directly, with keyboard modality.
        item.el.focus({preventScroll: true, focusVisible: true});
        if (document.activeElement === item.el) {
          await FOCUS.settle(item.el);
          focus = FOCUS.look(item.el);
        }
        item.el.blur();
      }
      const described = FOCUS.describe(item.el, options, start);
      out.push(Object.assign(described, {
        rendered: NA.rendered(item.el), box: NA.box(item.el),
        tab_index: index, by_text: item.byText, focus,
        press: item.byText && described.fragment === null && FOCUS.pressable(item.el),
      }));
    }
    FOCUS.removeAnchor();
    return out;
  },
};
