// A button whose action is asynchronous: disabled while it runs, and the rejection's message shown beside it.
import { type ReactNode, useState } from 'react';

export interface AsyncButtonProps {
  onClick: () => Promise<unknown>;
  children: ReactNode;
  className?: string;
}

/** A button that runs `onClick`, is busy until it settles, and shows why it failed. */
export function AsyncButton({ onClick, children, className }: AsyncButtonProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = () => {
    setBusy(true);
    setFailure(null);
    onClick().then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        setFailure(error instanceof Error ? error.message : String(error));
      },
    );
  };
  return (
    <>
      <button type="button" className={className} disabled={busy} aria-busy={busy} onClick={run}>
        {children}
      </button>
      {failure !== null && (
        <span className="failure" role="alert">
          {failure}
        </span>
      )}
    </>
  );
}
