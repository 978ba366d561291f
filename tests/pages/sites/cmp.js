// A stand-in for a consent platform's own script: the banner goes (after a moment, as real ones
// animate out) when one of its answer buttons is clicked, and the answer is kept on <html>.
function fixtureCmp(root, buttons) {
  const doc = root.ownerDocument || root;
  for (const [selector, answer] of Object.entries(buttons)) {
    const button = root.querySelector(selector);
    if (!button) continue;
    button.addEventListener('click', () => setTimeout(() => {
      document.documentElement.dataset.consent = answer;
      for (const banner of document.querySelectorAll('[data-banner]')) banner.style.display = 'none';
    }, 50));
  }
}
