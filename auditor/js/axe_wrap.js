// axe-core, wrapped so a page's AMD or CommonJS loader can't capture it: it lands on window.axe,
// and on a property of our own that a page's own copy of axe cannot replace. Our report
// (axe_report.js) is added to it. The three placeholders below are replaced by those files.
(function (define, module, exports) {
/*AXE*/
Object.defineProperty(window, '__newsaudit_axe__', {value: window.axe, configurable: true});
/*IDENTITY*/
/*REPORT*/
addNewsauditReport(window.__newsaudit_axe__);
}).call(window);
