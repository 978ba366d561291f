// Added to every new document before the page's own scripts: remembers the stylesheets that fail
// to load. A link's error event does not bubble, so it is caught in the capture phase; a blocked
// cross-origin sheet cannot be told from a loaded one any other way (its rules are unreadable
// either way, and both have a resource-timing entry).
window.__newsaudit_failed_styles__ = [];
addEventListener('error', (event) => {
  const target = event.target;
  if (target && target.localName === 'link') window.__newsaudit_failed_styles__.push(target.href);
}, true);
