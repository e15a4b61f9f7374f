// A form field: the label above the control it names (the control's id is `id`).
import type { CSSProperties, ReactNode } from 'react';

interface Props {
  id: string;
  label: ReactNode;
  children: ReactNode;
  size?: 'grow' | 'narrow';
  style?: CSSProperties;
}

export function Field({ id, label, children, size, style }: Props) {
  return (
    <div className={size ? `field ${size}` : 'field'} style={style}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
