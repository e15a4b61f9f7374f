// The "+ Add …" button below a list of the model form.
import type { CSSProperties } from 'react';
import { SmallButton } from './small-button';

interface Props {
  /** What it adds: "rule" reads "+ Add rule". */
  what: string;
  onClick: () => void;
  style?: CSSProperties;
}

export function AddButton({ what, onClick, style = { marginTop: '0.5rem' } }: Props) {
  return (
    <SmallButton style={style} onClick={onClick}>
      {`+ Add ${what}`}
    </SmallButton>
  );
}
