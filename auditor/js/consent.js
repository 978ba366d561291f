// Finds and answers a consent banner from the platform table in auditor/data/consent.json.
// Selectors may reach into an open shadow root or a same-origin frame with "A >>> B".
const CONSENT = (() => {
  const MAX_MATCHES = 50;

  const visible = (el) => {
    if (!el || !el.isConnected || !el.getClientRects().length) return false;
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0') return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };

  const query = (selector) => {
    let roots = [document];
    const parts = String(selector).split('>>>').map((p) => p.trim());
    for (let i = 0; i < parts.length; i++) {
      const found = [];
      for (const root of roots) {
        let matches = [];
        try { matches = Array.from(root.querySelectorAll(parts[i])).slice(0, MAX_MATCHES); } catch (e) { return []; }
        if (i === parts.length - 1) { found.push(...matches); continue; }
        for (const el of matches) {
          if (el.shadowRoot) found.push(el.shadowRoot);
          else {
            let inner = null;
            try { inner = el.contentDocument; } catch (e) { inner = null; }  // another origin's frame
            if (inner && visible(el)) found.push(inner);
          }
        }
      }
      roots = found;
    }
    return roots;
  };

  const firstVisible = (selectors) => {
    for (const selector of selectors || []) {
      const el = query(selector).find(visible);
      if (el) return {el, selector};
    }
    return null;
  };

  // The IAB TCF v2 API: 'ping' says whether the CMP shows its banner. A stub that never answers
  // (a saved page, a blocked CMP) is given half a second.
  const tcfStatus = () => new Promise((resolve) => {
    if (typeof window.__tcfapi !== 'function') return resolve(null);
    setTimeout(() => resolve(null), 500);
    try { window.__tcfapi('ping', 2, (ping) => resolve(ping || null)); } catch (e) { resolve(null); }
  });

  const words = (el) => (el.innerText || el.value || el.getAttribute('aria-label') || '')
    .replace(/\s+/g, ' ').trim().toLowerCase();

  // A TCF banner's button, by its words only, inside something that looks like a consent dialog.
  const tcfButton = (platform, mode) => {
    const wanted = (platform.words || {})[mode] || [];
    for (const selector of platform.banner) {
      for (const banner of query(selector).filter(visible)) {
        const buttons = Array.from(banner.querySelectorAll('button, [role=button], a, input[type=button]'))
          .slice(0, 200).filter(visible);
        for (const word of wanted) {
          const button = buttons.find((b) => words(b) === word);
          if (button) return {el: button, selector: `${selector} "${word}"`};
        }
      }
    }
    return null;
  };

  const call = (path) => {
    let owner = window;
    const names = path.split('.');
    for (const name of names.slice(0, -1)) {
      owner = owner && owner[name];
    }
    const fn = owner && owner[names[names.length - 1]];
    if (typeof fn !== 'function') return false;
    try { fn.call(owner); return true; } catch (e) { return false; }
  };

  return {
    async find({platforms}) {
      for (const platform of platforms) {
        if (platform.tcf) {
          const ping = await tcfStatus();
          if (ping && ping.displayStatus === 'visible') return {id: platform.id, cmp_id: ping.cmpId || null};
        } else if (firstVisible(platform.banner)) {
          return {id: platform.id};
        }
      }
      return null;
    },

    answer({platform, mode}) {
      const button = platform.tcf ? tcfButton(platform, mode) : firstVisible(platform[mode]);
      if (button) {
        button.el.click();
        return {how: `clicked ${button.selector}`};
      }
      for (const path of (platform.api || {})[mode] || []) {
        if (call(path)) return {how: `called ${path}()`};
      }
      return {how: null};
    },

    async shown({platform}) {
      if (platform.tcf) {
        const ping = await tcfStatus();
        return !!ping && ping.displayStatus === 'visible';
      }
      return !!firstVisible(platform.banner);
    },
  };
})();
