// The last cell of a table row: the row's buttons side by side (kept on one line unless `wrap`).
import type { ReactNode } from 'react';

export function RowActions({ children, wrap }: { children: ReactNode; wrap?: boolean }) {
  return (
    <td>
      <div className={wrap ? 'actions' : 'actions nowrap'}>{children}</div>
    </td>
  );
}
