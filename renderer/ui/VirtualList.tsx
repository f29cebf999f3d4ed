/**
 * A virtualised list on @tanstack/react-virtual: only the rows in view (plus `overscan`) are in
 * the DOM, so 100,000 rows scroll smoothly. Rows may have any height (measured after render;
 * `estimateSize` is the guess before). `onEndReached` fires once per length when the last
 * `endThreshold` rows come into view: use it to fetch the next page.
 *
 *   <VirtualList label="Messages" items={ids} getKey={(id) => id} estimateSize={72}
 *     renderItem={(id) => <MessageRow id={id} />} onEndReached={loadMore} footer={<LoadMore />} />
 *
 * The container is role="list" (named by `label`) and rows are listitems with aria-setsize /
 * aria-posinset, so assistive technology knows the real length. Give it a height in CSS
 * (class `virtual-list` fills its flex parent).
 */
import { observeElementRect, measureElement as defaultMeasure, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type Key, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  getKey: (item: T, index: number) => Key;
  renderItem: (item: T, index: number) => ReactNode;
  /** Accessible name of the list. */
  label: string;
  estimateSize: number;
  overscan?: number;
  onEndReached?: () => void;
  endThreshold?: number;
  /** After the rows, inside the scroller: "Load more", a spinner, the end of the list. */
  footer?: ReactNode;
  className?: string;
}

// Before layout (and in jsdom, which has none) the scroller measures 0 × 0: assume a screenful
// so the first rows render instead of none.
const FALLBACK_RECT = { width: 1280, height: 720 };

function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.width === 0 && rect.height === 0 ? FALLBACK_RECT : rect));
}

export function VirtualList<T>({ items, getKey, renderItem, label, estimateSize, overscan = 8, onEndReached, endThreshold = 10, footer, className }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // Stable while the items and getKey are: the virtualiser recomputes every row's position
  // whenever this function changes identity.
  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];
      return item === undefined ? index : getKey(item, index);
    },
    [items, getKey],
  );
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    overscan,
    observeElementRect: observeRect,
    initialRect: FALLBACK_RECT,
    getItemKey,
    measureElement: (el, entry, instance) => {
      const size = defaultMeasure(el, entry, instance);
      return size > 0 ? size : estimateSize;
    },
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.length > 0 ? (rows[rows.length - 1]?.index ?? -1) : -1;

  const firedFor = useRef(-1);
  const onEnd = useRef(onEndReached);
  useEffect(() => {
    onEnd.current = onEndReached;
  });
  useEffect(() => {
    if (items.length === 0 || lastIndex < items.length - 1 - endThreshold) return;
    if (firedFor.current === items.length) return;
    firedFor.current = items.length;
    onEnd.current?.();
  }, [lastIndex, items.length, endThreshold]);

  return (
    <div ref={scroller} className={['virtual-list', className].filter(Boolean).join(' ')}>
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {rows.map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={row.key}
              role="listitem"
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="virtual-row"
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${row.start}px)` }}
            >
              {renderItem(item, row.index)}
            </div>
          );
        })}
      </div>
      {footer ? <div className="virtual-footer">{footer}</div> : null}
    </div>
  );
}
