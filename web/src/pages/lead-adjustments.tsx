// Manual score adjustments on the lead page: "Adjust score" (points, a reason, an optional
// expiry), and the adjustments that count now with their reason, author and expiry, each with a
// remove button. The server records who made it; the score follows at once.
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import type { Contribution } from '../api/types';
import { Field } from '../components/field';
import { formatPoints, formatTime } from '../lib/format';

interface Props {
  leadId: string;
  contributions: readonly Contribution[];
  /** Why the signed-in person may not adjust this lead; null when they may. */
  refusal: string | null;
  onChange: () => void;
}

/** The form's points as a number, or why not: a box never stands for a value it does not hold. */
function pointsOf(text: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value))
    return 'Points: enter a number, e.g. 10 or -5.';
  if (value === 0) return 'Points: must not be 0.';
  return value;
}

export function LeadAdjustments({ leadId, contributions, refusal, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const path = `/v1/leads/${encodeURIComponent(leadId)}/adjustments`;
  const manual = contributions.filter((c) => c.kind === 'manual');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = pointsOf(points);
    if (typeof value === 'string') return setError(value);
    if (!reason.trim()) return setError('Reason: say why.');
    setBusy(true);
    try {
      const expiresAt = expires ? new Date(expires).toISOString() : undefined;
      await api(path, { json: { points: value, reason: reason.trim(), expiresAt } });
      setOpen(false);
      setPoints('');
      setReason('');
      setExpires('');
      setError(undefined);
      onChange();
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await api(`${path}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      onChange();
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  return (
    <div data-testid="adjustments">
      {manual.length > 0 && (
        <ul>
          {manual.map((c) => (
            <li key={c.id} data-testid="adjustment">
              <strong>{formatPoints(c.points)}</strong> {c.reason}{' '}
              <span className="muted">
                by {c.author}
                {c.expiresAt ? ` · until ${formatTime(c.expiresAt)}` : ' · no expiry'}
              </span>{' '}
              {!refusal && (
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Remove adjustment ${c.reason ?? ''}`}
                  onClick={() => void remove(c.id)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!open && (
        <button
          type="button"
          className="button"
          disabled={refusal !== null}
          title={refusal ?? undefined}
          onClick={() => setOpen(true)}
        >
          Adjust score
        </button>
      )}
      {open && (
        <form className="card" onSubmit={(e) => void submit(e)} aria-label="Adjust score">
          <h3>Adjust score</h3>
          <div className="form-row">
            <Field id="adj-points" label="Points" size="narrow">
              <input
                id="adj-points"
                inputMode="decimal"
                value={points}
                onChange={(e) => setPoints(e.target.value)}
                autoFocus
              />
            </Field>
            <Field id="adj-reason" label="Reason" size="grow">
              <input
                id="adj-reason"
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </Field>
            <Field id="adj-expires" label="Expires (optional)">
              <input
                id="adj-expires"
                type="datetime-local"
                value={expires}
                onChange={(e) => setExpires(e.target.value)}
              />
            </Field>
          </div>
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save adjustment'}
            </button>
            <button type="button" className="button ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
