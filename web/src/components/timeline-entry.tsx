// One dated entry of a `timeline` list: what happened, and when on the right.
import type { ReactNode } from 'react';
import { formatTime } from '../lib/format';

export function TimelineEntry({ at, children }: { at: string; children: ReactNode }) {
  return (
    <li>
      <span>{children}</span>
      <time className="muted" dateTime={at}>
        {formatTime(at)}
      </time>
    </li>
  );
}
