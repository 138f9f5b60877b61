/**
 * Runs `fn` once the page has painted: after the next frame, or after 200 ms when no frame comes (a tab in
 * the background). For what the first screen does not need (zod and the schemas, the live layer): loaded
 * from the cache on a repeat visit, they would otherwise run before the first frame (issue 14).
 */
export function afterPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 200);
}
