// A table with its screen-reader caption and one header row; the body rows come as children.
import type { CSSProperties, ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  className?: string;
}

/** A heading over numbers (right-aligned like them). */
export const num = (label: ReactNode): Column => ({ label, className: 'num' });

/** The column of row buttons: no visible heading, named for screen readers. */
export const ACTIONS: Column = { label: <span className="sr-only">Actions</span> };

interface Props {
  caption: ReactNode;
  columns: readonly (Column | string)[];
  children: ReactNode;
  className?: string;
  testId?: string;
  style?: CSSProperties;
  busy?: boolean;
  foot?: ReactNode;
}

export function Table({ caption, columns, children, className, testId, style, busy, foot }: Props) {
  return (
    <table
      className={className ? `table ${className}` : 'table'}
      data-testid={testId}
      style={style}
      aria-busy={busy}
    >
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, i) => {
            const { label, className: cell } =
              typeof column === 'string' ? { label: column, className: undefined } : column;
            return (
              <th key={i} scope="col" className={cell}>
                {label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
}
