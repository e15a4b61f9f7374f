// Redeeming a one-time sign-in link (an invitation or a reset): the user chooses a password,
// typed twice, and is signed in.
import { useState, type FormEvent } from 'react';
import type { Me } from '../api/auth-types';
import { messageOf } from '../api/client';
import { redeemLink } from '../auth/sign-in-calls';

/** The server checks strength and common passwords; this only catches what it would refuse anyway. */
const MIN_LENGTH = 12;

export function SetPasswordForm({ token, onDone }: { token: string; onDone: (me: Me) => void }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) {
      setError(`Choose a password of at least ${MIN_LENGTH} characters.`);
      return;
    }
    if (password !== again) {
      setError('The two passwords differ: type the same one twice.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await redeemLink(token, password));
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Choose a password">
      <p className="muted">
        Welcome. Choose the password you will sign in with (at least {MIN_LENGTH} characters; a long
        phrase is best). This link works once.
      </p>
      <label htmlFor="new-password">New password</label>
      <input
        id="new-password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoFocus
      />
      <label htmlFor="new-password-again">New password, again</label>
      <input
        id="new-password-again"
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={(e) => setAgain(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'link-error' : undefined}
      />
      {error && (
        <p id="link-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? 'Saving…' : 'Set password and sign in'}
      </button>
    </form>
  );
}
