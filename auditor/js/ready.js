// Waits, bounded, until the page is shown: anti-flicker snippets (A/B testing, headline testing)
// hide the root, the body or the main content for a while after load. Returns null once it is
// shown, else what still hides it. Reads the page, never changes it.
async function waitUntilShown(arg) {
  const deadline = performance.now() + Math.max(0, Number(arg.wait_ms) || 0);
  const hidden = () => {
    const root = document.documentElement;
    if (/(^|\s)async-hide(\s|$)/.test(root.className || '')) return 'an anti-flicker class (async-hide) hides the page';
    const parts = [['the page', root], ['the body', document.body],
                   ['the main content', document.querySelector('main, [role="main"]')]];
    for (const [name, el] of parts) {
      if (!el) continue;
      const cs = getComputedStyle(el);
      if (cs.display === 'none') return `${name} is display: none`;
      if (cs.visibility !== 'visible') return `${name} is visibility: hidden`;
      let opacity = 1;
      for (let node = el; node; node = node.parentElement) opacity *= parseFloat(getComputedStyle(node).opacity);
      if (opacity < 0.05) return `${name} is transparent (opacity: 0)`;
    }
    return null;
  };
  for (;;) {
    const why = hidden();
    if (why === null || performance.now() >= deadline) return why;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
