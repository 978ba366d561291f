// What a site keeps about a visitor in the page itself, so each load can be a first visit.
const STORAGE = {
  clear() {
    try { localStorage.clear(); } catch (e) {}
    try { sessionStorage.clear(); } catch (e) {}
  },

  // IndexedDB and Cache Storage of this origin, from inside: a remote browser that takes no
  // DevTools commands cannot have them cleared from outside. A database the page still holds
  // open is deleted once the page is left; the wait for the rest is bounded.
  async clearDatabases() {
    const jobs = [];
    try {
      for (const db of (indexedDB.databases ? await indexedDB.databases() : [])) {
        jobs.push(new Promise((resolve) => {
          const request = indexedDB.deleteDatabase(db.name);
          request.onsuccess = request.onerror = request.onblocked = resolve;
        }));
      }
    } catch (e) {}
    try {
      if (self.caches) for (const key of await caches.keys()) jobs.push(caches.delete(key).catch(() => null));
    } catch (e) {}
    await Promise.race([Promise.all(jobs), new Promise((resolve) => setTimeout(resolve, 1000))]);
  },

  // Before leaving a page: forget its storage, and name the origins that may have stored
  // something (the page and its frames), so that their storage is cleared from outside too.
  async forget() {
    STORAGE.clear();
    await STORAGE.clearDatabases();
    const origins = new Set([location.origin]);
    const add = (url) => { try { origins.add(new URL(url, location.href).origin); } catch (e) {} };
    performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'iframe').forEach((e) => add(e.name));
    document.querySelectorAll('iframe[src]').forEach((frame) => add(frame.src));
    return [...origins].filter((origin) => origin.startsWith('http'));
  },

  // After a --login-script: the page's origin and its local storage, to keep for every page.
  saved() {
    let items = [];
    if (location.origin.startsWith('http')) {
      try { items = Object.entries(localStorage).map(([name, value]) => ({name, value})); } catch (e) {}
    }
    return { origin: location.origin, items };
  },
};
