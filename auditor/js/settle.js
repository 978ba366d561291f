// Waits for web fonts and two frames, bounded, so layout has settled after load or a resize.
async function settle() {
  const frames = new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const fonts = document.fonts ? document.fonts.ready : Promise.resolve();
  await Promise.race([Promise.all([frames, fonts]), new Promise((r) => setTimeout(r, 1000))]);
  return innerWidth;
}
