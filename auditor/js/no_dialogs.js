// Answers as a dismissed dialog would, in every frame, before the page's own scripts run: a
// dialog opened while chromedriver waits for a load otherwise fails that command.
(() => {
  const quiet = { alert() {}, confirm() { return false; }, prompt() { return null; } };
  for (const name of Object.keys(quiet)) {
    try { Object.defineProperty(window, name, { value: quiet[name], configurable: true, writable: true }); }
    catch (e) {}
  }
})();
