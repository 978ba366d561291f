// Our axe reporter: axe's own v1 report, slimmed, with our own selector on every node, so axe
// findings merge across viewports and line up with the news rules' findings on the same element.
// Both backends run axe with it, so both get the same result shape.
function addNewsauditReport(axe) {
  const slim = (items, options) => items.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    tags: rule.tags,
    help: rule.help,
    description: rule.description,
    helpUrl: rule.helpUrl,
    // A node whose element a script removed while axe ran (an ad rotating) is gone from the page,
    // so no report could point at it.
    nodes: rule.nodes.filter((node) => !node.element || node.element.isConnected).map((node) => {
      // A one-part target is in this document; longer ones reach into frames or shadow roots.
      const el = node.target.length === 1 && node.element ? node.element : null;
      return {
        selector: el ? NA.selector(el) : node.target.flat().join(' >>> '),
        target: node.target,
        html: NA.collapse(node.html).slice(0, 300),
        impact: node.impact,
        failureSummary: node.failureSummary,
        in_article: el ? NA.inArticle(el, options.article_selector || '') : false,
      };
    }),
  }));
  axe.addReporter('newsaudit', (raw, options, resolve, reject) => {
    axe.getReporter('v1')(raw, Object.assign({}, options, {elementRef: true}), (results) => {
      try {
        const ours = options.newsaudit || {};
        resolve({ version: axe.version, violations: slim(results.violations, ours),
                  incomplete: slim(results.incomplete, ours) });
      } catch (error) {
        reject(error);
      }
    });
  });
}
