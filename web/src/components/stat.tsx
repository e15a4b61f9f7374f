// One figure with its label, for a row of `stats`.
import type { ReactNode } from 'react';

interface Props {
  label: ReactNode;
  value: ReactNode;
  testId?: string;
}

export function Stat({ label, value, testId }: Props) {
  return (
    <div className="stat">
      <div className="value" data-testid={testId}>
        {value}
      </div>
      <div className="label">{label}</div>
    </div>
  );
}
