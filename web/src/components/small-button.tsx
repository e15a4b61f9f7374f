// The small button of table rows and form sections; `danger` for the ones that remove things.
import type { CSSProperties, ReactNode } from 'react';

interface Props {
  children: ReactNode;
  onClick: () => void;
  /** The accessible name, when the text alone (✕, ↑) does not say what the button does. */
  label?: string;
  danger?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
}

export function SmallButton({ children, onClick, label, danger, disabled, style }: Props) {
  return (
    <button
      type="button"
      className={danger ? 'button small danger' : 'button small'}
      aria-label={label}
      disabled={disabled}
      style={style}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
