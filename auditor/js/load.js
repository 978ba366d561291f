// What a load ended in, as the page itself tells it.
const LOAD = {
  // Chromium's own error page, shown when a navigation failed: its error code and the URL it tried.
  errorPage() {
    if (!location.href.startsWith('chrome-error:')) return null;
    const data = typeof loadTimeDataRaw === 'object' && loadTimeDataRaw ? loadTimeDataRaw : {};
    const code = data.errorCode || ((document.querySelector('.error-code') || {}).textContent || '').trim();
    return { code: String(code).slice(0, 80), url: String((data.reloadButton || {}).reloadUrl || '').slice(0, 2000) };
  },

  // After a load: layout settled, where the page is, and whether it is Chromium's error page.
  async after() {
    await settle();
    return { url: location.href, error_page: LOAD.errorPage() };
  },

  // What WebDriver cannot tell of a navigation: the status and type of the response. None on
  // Chromium's error page, whose own reason (LOAD.errorPage) is the one to give.
  state() {
    const nav = performance.getEntriesByType('navigation')[0];
    const failed = location.href.startsWith('chrome-error:');
    return { url: location.href, status: !failed && nav && nav.responseStatus ? nav.responseStatus : null,
             type: failed ? '' : (document.contentType || '').toLowerCase() };
  },

  readyState() {
    return document.readyState;
  },

  // The inner size, to size a window (less its frame) where no DevTools can set a viewport.
  windowSize() {
    return [innerWidth, innerHeight];
  },
};
