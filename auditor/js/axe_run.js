// Runs axe-core (already injected) with the options built in Python (auditor/browsers/axe.py),
// as axe-selenium-python's Axe.run does; null when axe is not in the page (it navigated).
async function axeRun(args) {
  const axe = window.__newsaudit_axe__;
  if (!axe || !axe.run) return null;
  return await axe.run(args.context || document, args.options);
}

function hasAxe() {
  return !!(window.__newsaudit_axe__ || {}).run;
}
