// Sign-in: the admin key, checked against the API, kept for this browser session.
import { useState, type FormEvent } from 'react';
import { api, ApiError, messageOf } from '../api/client';
import { navigate } from '../router';
import { signIn, takeSignInNote } from '../session';

export function SignInPage({ next }: { next: string | null }) {
  const [key, setKey] = useState('');
  const [note] = useState(takeSignInNote);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Enter the admin key.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api('/v1/models', { key: trimmed });
      signIn(trimmed);
      const target = next && next.startsWith('/') && !next.startsWith('/sign-in') ? next : '/leads';
      navigate(target, { replace: true });
    } catch (reason) {
      if (reason instanceof ApiError && reason.status === 403)
        setError('That is a write key: the dashboard needs an admin key.');
      else if (reason instanceof ApiError && reason.status === 401)
        setError(`That key was not accepted: ${reason.message}.`);
      else setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          leadscore
        </h1>
        <p className="muted">Sign in with an admin key. It is kept for this browser tab only.</p>
        {note && (
          <p className="state state-error" role="alert">
            {note}
          </p>
        )}
        <label htmlFor="admin-key">Admin key</label>
        <input
          id="admin-key"
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'admin-key-error' : undefined}
          autoFocus
        />
        {error && (
          <p id="admin-key-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="hint">
          <code>leadscore serve</code> prints the admin key on its first start.
        </p>
      </form>
    </main>
  );
}
