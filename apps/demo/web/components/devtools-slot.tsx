// Where the devtools panel sits in the page's layout, behind a toggle (open by default).
import type { ReactNode } from 'react';

export interface DevtoolsSlotProps {
  open: boolean;
  onToggle: () => void;
  /** The panel; while none is given, a note says what will be there. */
  children?: ReactNode;
}

/** A "Devtools" toggle and, when open, the region that holds the panel. */
export function DevtoolsSlot({ open, onToggle, children }: DevtoolsSlotProps) {
  return (
    <>
      <button type="button" className="devtools-toggle" aria-pressed={open} aria-controls="devtools" onClick={onToggle}>
        Devtools
      </button>
      {open && (
        <aside id="devtools" className="devtools-slot" aria-label="Devtools" data-testid="devtools-slot">
          {children ?? <p className="note">The devtools panel (@livesnap/devtools) mounts here.</p>}
        </aside>
      )}
    </>
  );
}
