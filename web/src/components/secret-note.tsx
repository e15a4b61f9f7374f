// A secret the server shows only once (a signing secret, a new key), with the warning to copy it.
import type { ReactNode } from 'react';

export function SecretNote({ children }: { children: ReactNode }) {
  return (
    <div className="secret" role="status">
      {children}
      <div className="hint">Copy it now: it is not shown again.</div>
    </div>
  );
}
