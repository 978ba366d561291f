// Runs axe-core (already injected) and gives every node our own selector, so axe findings merge
// across viewports and line up with the news rules' findings on the same element.
async function axeRun(args) {
  const axe = window.__newsaudit_axe__ || window.axe;
  if (!axe || !axe.run) throw new Error('axe-core is not in the page');
  const options = {
    runOnly: {type: 'tag', values: args.tags},
    resultTypes: ['violations', 'incomplete'],
    elementRef: true,
  };
  if (args.rules && Object.keys(args.rules).length) options.rules = args.rules;
  // --include/--exclude as axe's own context: what is out of scope is never looked at.
  const include = args.include || [], exclude = args.exclude || [];
  const context = include.length || exclude.length
    ? Object.assign(include.length ? {include} : {}, exclude.length ? {exclude} : {}) : document;
  const results = await axe.run(context, options);
  const slim = (items) => items.map((rule) => ({
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
        in_article: el ? NA.inArticle(el, args.article_selector || '') : false,
      };
    }),
  }));
  return {
    version: axe.version,
    violations: slim(results.violations),
    incomplete: slim(results.incomplete),
  };
}
