// Added to every document a --login-script opens: marks the document once it is being left. A
// script that submits the login form and returns at once would otherwise have its cookies read
// before the answer that sets them, or the first audited page would cancel that answer.
(() => {
  const leaving = () => { window.__newsauditLeaving = true; };
  addEventListener('beforeunload', leaving, true);
  if (window.navigation) {
    navigation.addEventListener('navigate', (event) => {
      if (!event.destination.sameDocument && !event.downloadRequest) leaving();
    });
  }
})();
