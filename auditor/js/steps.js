// The steps before an audit (auditor/steps.py) that run in the page.
const STEPS = {
  // Polls until a selector matches a rendered element: 'found', 'hidden', 'missing' or 'invalid'.
  async waitFor({selector, ms}) {
    const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const end = Date.now() + ms;
    for (;;) {
      let el = null;
      try { el = document.querySelector(selector); } catch (e) { return 'invalid'; }
      if (shown(el)) return 'found';
      if (Date.now() > end) return el ? 'hidden' : 'missing';
      await new Promise((r) => setTimeout(r, 50));
    }
  },

  // Scrolls a screen at a time to the bottom, so lazy images load, then back to the top. Bounded.
  async scrollToBottom({ms}) {
    const end = Date.now() + ms;
    let last = -1;
    while (Date.now() < end) {
      scrollBy(0, Math.max(200, innerHeight * 0.8));
      await new Promise((r) => setTimeout(r, 100));
      const y = scrollY + innerHeight;
      if (y >= document.documentElement.scrollHeight - 2 && y === last) break;
      last = y;
    }
    scrollTo(0, 0);
    await new Promise((r) => setTimeout(r, 100));
    return true;
  },
};
