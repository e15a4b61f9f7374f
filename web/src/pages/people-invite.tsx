// Inviting someone to the workspace: e-mail and role; the answer's one-time sign-in link is shown
// once, with a copy button (the server keeps only its hash).
import { useState, type FormEvent } from 'react';
import { ROLES, type Invited, type Role } from '../api/auth-types';
import { api } from '../api/client';
import { Field } from '../components/field';
import { SecretNote } from '../components/secret-note';
import { ErrorNote } from '../components/status';
import { formatTime } from '../lib/format';
import { useApiAction } from '../lib/use-api-action';

export function PeopleInvite({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('sales');
  const [invited, setInvited] = useState<Invited>();
  const [copied, setCopied] = useState(false);
  const { error, busy, submit } = useApiAction(onInvited);

  const invite = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      if (!email.trim()) throw new Error('Enter the e-mail address of the person to invite.');
      const answer = await api<Invited>('/v1/users', { json: { email: email.trim(), role } });
      setInvited(answer);
      setCopied(false);
      setEmail('');
    });
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section className="card" aria-labelledby="invite-h">
      <h2 id="invite-h">Invite someone</h2>
      <p className="hint">
        They get a one-time link to choose a password (or use single sign-on when it is set up).
        Send it to them yourself, over a channel you trust.
      </p>
      {invited && (
        <SecretNote>
          Sign-in link for <strong>{invited.user.email}</strong> ({invited.user.role}), valid until{' '}
          {formatTime(invited.link.expiresAt)}:{' '}
          <code data-testid="invite-link" style={{ overflowWrap: 'anywhere' }}>
            {invited.link.url}
          </code>{' '}
          <button
            type="button"
            className="button small"
            onClick={() => void copy(invited.link.url)}
          >
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </SecretNote>
      )}
      {error && <ErrorNote error={new Error(error)} />}
      <form className="form-row" onSubmit={invite} noValidate>
        <Field id="invite-email" label="E-mail" size="grow">
          <input
            id="invite-email"
            type="email"
            autoComplete="off"
            placeholder="rep@example.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field id="invite-role" label="Role">
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Inviting…' : 'Invite'}
        </button>
      </form>
    </section>
  );
}
