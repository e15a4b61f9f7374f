// A small danger button that asks the user before it acts (deleting, revoking).
import type { ReactNode } from 'react';
import { SmallButton } from './small-button';

interface Props {
  children: ReactNode;
  /** What the browser's confirm dialog asks. */
  question: string;
  onConfirm: () => void;
  label?: string;
}

export function ConfirmButton({ children, question, onConfirm, label }: Props) {
  return (
    <SmallButton
      danger
      label={label}
      onClick={() => {
        if (window.confirm(question)) onConfirm();
      }}
    >
      {children}
    </SmallButton>
  );
}
