// What a page started and must stop when another page replaces it (subscriptions).
const cleanups: (() => void)[] = [];

/** Runs `cleanup` when the current page is left. */
export const onLeave = (cleanup: () => void) => void cleanups.push(cleanup);

/** Called by the shell before it shows another page. */
export function leavePage() {
  for (const cleanup of cleanups.splice(0)) cleanup();
}
