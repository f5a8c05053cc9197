// Ctrl-C and SIGTERM for the demo's commands: the first signal runs the shutdown, later ones are ignored until it ends.
// The handlers stay while it runs, so that a second signal cannot kill the process halfway: one arrives on every
// Ctrl-C under `pnpm start` (pnpm passes the terminal's SIGINT on to the script that already got it), and tsx, when a
// script has no listener left, exits at once (130). The commands run on `node --import tsx`, not tsx's CLI, whose
// relay kills a child with SIGKILL when it is too busy to confirm a signal within ~60 ms.

/** Runs `close` on the first SIGINT or SIGTERM, saying `stopping…` and then `stopped`; the process ends on its own. */
export function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    close().then(
      () => console.log('stopped'),
      (error: unknown) => {
        console.error('the demo did not stop cleanly:', error);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
