// One in-page function's value, with the identity of the document it ran in (a new document
// has a new timeOrigin): a page that navigates by itself shows as a changed identity between
// calls. The placeholder is replaced by the function's source.
(__newsauditArg) => {
  const __newsauditDocument = performance.timeOrigin;
  return Promise.resolve((/*FUNCTION*/)(__newsauditArg))
    .then((value) => [__newsauditDocument, value === undefined ? null : value]);
}
