// The top of a page: its title, a line about it, and the page's own buttons on the right.
import type { ReactNode } from 'react';

interface Props {
  title: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, children, actions }: Props) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        <p className="muted">{children}</p>
      </div>
      {actions}
    </header>
  );
}
