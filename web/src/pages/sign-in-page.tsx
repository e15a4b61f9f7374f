// Sign-in: e-mail and password, or the single sign-on button when the server has a provider; a
// one-time link (`?token=`) sets the password of an invited user; `?error=` is a failed SSO.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Me, Providers } from '../api/auth-types';
import { messageOf } from '../api/client';
import { loadProviders, logIn } from '../auth/sign-in-calls';
import { landingOf } from '../lib/access';
import { navigate } from '../router';
import { session, takeSignInNote } from '../session';
import { SetPasswordForm } from './sign-in-link';

/** Where to go after signing in: the page asked for, else where the role starts. */
export function afterSignIn(me: Me, next: string | null): void {
  const safe =
    next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in');
  const state = session();
  const workspace = state.status === 'signed-in' ? state.workspace : (me.workspaces[0] ?? null);
  navigate(safe ? next : landingOf(workspace), { replace: true });
}

export function SignInCard({ children, note }: { children: ReactNode; note?: ReactNode }) {
  return (
    <main className="sign-in">
      <div className="card sign-in-card">
        <h1>
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          leadscore
        </h1>
        {note}
        {children}
      </div>
    </main>
  );
}

interface Props {
  next: string | null;
  token: string | null;
  ssoError: string | null;
}

export function SignInPage({ next, token, ssoError }: Props) {
  const [note] = useState(takeSignInNote);
  const [providers, setProviders] = useState<Providers>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadProviders().then(setProviders);
  }, []);

  const alert = (note ?? ssoError) && (
    <p className="state state-error" role="alert">
      {ssoError ?? note}
    </p>
  );

  if (token) {
    return (
      <SignInCard note={alert}>
        <SetPasswordForm token={token} onDone={(me) => afterSignIn(me, next)} />
      </SignInCard>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(!email.trim() ? 'Enter your e-mail address.' : 'Enter your password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      afterSignIn(await logIn(email.trim(), password), next);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  const oidc = providers?.oidc;
  // Single sign-on comes back to the page asked for (the server takes only a path of this site).
  const ssoHref =
    oidc && next
      ? `${oidc.startUrl}${oidc.startUrl.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}`
      : oidc?.startUrl;

  return (
    <SignInCard note={alert}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
        <label htmlFor="email">E-mail</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoFocus
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        {error && (
          <p id="sign-in-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidc && (
        <p className="sso">
          <a className="button" href={ssoHref}>
            Sign in with {oidc.name}
          </a>
        </p>
      )}
      <p className="hint">
        No account yet? Ask an owner of your workspace for an invitation. An owner locked out signs
        in again with <code>leadscore users</code> on the server.
      </p>
    </SignInCard>
  );
}
