// The panel's building blocks: a titled section, and a table (caption, header row, the caller's rows) in a scrolling
// box.
import { createElement as h, type ReactNode, useId } from 'react';

/** A `<section>` named by its heading. */
export function Section({ title, children }: { title: string; children?: ReactNode }): ReactNode {
  const titleId = useId();
  return h(
    'section',
    { className: 'lsd-section', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, title),
    children,
  );
}

export function ScrollTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: ReactNode;
}): ReactNode {
  return h(
    'div',
    { className: 'lsd-scroll' },
    h(
      'table',
      { className: 'lsd-table' },
      h('caption', null, caption),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map((column) => h('th', { key: column, scope: 'col' }, column)),
        ),
      ),
      h('tbody', null, rows),
    ),
  );
}

/** The rows of `entries` (oldest first), newest first. */
export function newestFirst<T extends { readonly id: number }>(
  entries: readonly T[],
  row: (entry: T) => ReactNode,
): ReactNode[] {
  const rows: ReactNode[] = [];
  for (let i = entries.length - 1; i >= 0; i--) rows.push(row(entries[i]!));
  return rows;
}
