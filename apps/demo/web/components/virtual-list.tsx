// A scrolling list that mounts only the items in view and a few around them: the large project's 2,000 rows and
// cards took seconds to mount all at once, and every change then laid them all out again. Items may differ in
// height: each is measured once mounted (TanStack Virtual).
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

export interface VirtualListProps {
  /** The items' keys, in order. */
  ids: readonly string[];
  /** An item's height before it is measured, in px. */
  estimateSize: number;
  /** Renders one item; keep it stable and the item memoized, so that scrolling re-renders only the list. */
  renderItem: (id: string) => ReactNode;
  /** Space between items, in px. */
  gap?: number;
  /** `ol` where the order means something (a board column), `ul` otherwise. */
  as?: 'ul' | 'ol';
  /** The scroll container's class. */
  className?: string;
}

/** A virtualized list of `ids`, in a scroll container that fills its parent. */
export function VirtualList({ ids, estimateSize, renderItem, gap = 0, as: List = 'ul', className }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 6,
    gap,
  });
  return (
    <div ref={scroller} className={`virtual-scroll ${className ?? ''}`}>
      <List className="virtual-items" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="virtual-item"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {renderItem(ids[item.index]!)}
          </li>
        ))}
      </List>
    </div>
  );
}
