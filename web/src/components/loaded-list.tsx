// An API list in a panel: its error, loading, a note when it is empty, or the list itself in
// its (optionally scrolling) table wrapper.
import type { ReactNode } from 'react';
import type { Resource } from '../lib/use-api';
import { Loaded } from './loaded';
import { Empty } from './status';

interface Props<T extends { items: readonly unknown[] }> {
  resource: Resource<T>;
  /** What the panel says when there is nothing to list. */
  empty: ReactNode;
  children: (data: T) => ReactNode;
  scroll?: boolean;
}

export function LoadedList<T extends { items: readonly unknown[] }>({
  resource,
  empty,
  children,
  scroll,
}: Props<T>) {
  return (
    <Loaded resource={resource}>
      {(data) =>
        data.items.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <div className={scroll ? 'table-wrap scroll' : 'table-wrap'}>{children(data)}</div>
        )
      }
    </Loaded>
  );
}
