// A lead's lifecycle (stage, hand-over, moves) and the sales loop: accept or reject with a
// reason, and record the outcome (converted with a value, or lost with a reason).
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import type { Lifecycle } from '../api/types';
import { Field } from '../components/field';
import { TimelineEntry } from '../components/timeline-entry';
import { formatTime } from '../lib/format';

type Action = 'accept' | 'reject' | 'converted' | 'lost';

const TITLES: Record<Action, string> = {
  accept: 'Accept the lead',
  reject: 'Reject the lead',
  converted: 'Record a conversion',
  lost: 'Record a lost deal',
};

function bodyOf(action: Action, reason: string, by: string, value: string, currency: string) {
  const common = { ...(reason ? { reason } : {}), ...(by ? { by } : {}) };
  switch (action) {
    case 'accept':
      return { path: 'feedback', body: { decision: 'accepted', ...common } };
    case 'reject':
      return { path: 'feedback', body: { decision: 'rejected', ...common } };
    case 'converted':
      return {
        path: 'outcome',
        body: {
          outcome: 'converted',
          ...common,
          ...(value ? { value: Number(value) } : {}),
          ...(currency ? { currency: currency.toUpperCase() } : {}),
        },
      };
    case 'lost':
      return { path: 'outcome', body: { outcome: 'lost', ...common } };
  }
}

export function LeadLifecycle({
  leadId,
  lifecycle,
  onChange,
}: {
  leadId: string;
  lifecycle: Lifecycle | undefined;
  onChange: () => void;
}) {
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const needsReason = action === 'reject' || action === 'lost';

  const open = (next: Action) => {
    setAction(next);
    setError(undefined);
    setDone(undefined);
    setReason('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!action) return;
    if (needsReason && !reason.trim()) {
      setError('Say why: a reason is needed.');
      return;
    }
    setBusy(true);
    try {
      const { path, body } = bodyOf(action, reason.trim(), by.trim(), value, currency.trim());
      await api(`/v1/leads/${encodeURIComponent(leadId)}/${path}`, { json: body });
      setDone(`${TITLES[action]}: recorded.`);
      setAction(null);
      onChange();
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="lifecycle">
      {lifecycle ? (
        <dl className="kv">
          <dt>Stage</dt>
          <dd>
            <strong data-testid="lifecycle-stage">{lifecycle.stage}</strong>{' '}
            <span className="muted">since {formatTime(lifecycle.since)}</span>
          </dd>
          <dt>Hand-over</dt>
          <dd>
            {lifecycle.handover
              ? `from ${lifecycle.handover.segment}, ${formatTime(lifecycle.handover.at)}`
              : 'not handed over to sales'}
          </dd>
        </dl>
      ) : (
        <p className="muted">No lifecycle yet.</p>
      )}
      <div className="actions" style={{ margin: '0.75rem 0' }} aria-label="Sales feedback">
        <button type="button" className="button" onClick={() => open('accept')}>
          Accept
        </button>
        <button type="button" className="button" onClick={() => open('reject')}>
          Reject…
        </button>
        <button type="button" className="button" onClick={() => open('converted')}>
          Converted…
        </button>
        <button type="button" className="button" onClick={() => open('lost')}>
          Lost…
        </button>
      </div>
      {done && (
        <p className="state state-ok" role="status">
          {done}
        </p>
      )}
      {action && (
        <form className="card" onSubmit={(e) => void submit(e)} aria-label={TITLES[action]}>
          <h3>{TITLES[action]}</h3>
          <div className="form-row">
            <Field id="lc-reason" label={<>Reason{needsReason ? '' : ' (optional)'}</>} size="grow">
              <input
                id="lc-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={error && needsReason && !reason.trim() ? true : undefined}
                autoFocus
              />
            </Field>
            <Field id="lc-by" label="By (optional)">
              <input
                id="lc-by"
                value={by}
                placeholder="rep@example.com"
                onChange={(e) => setBy(e.target.value)}
              />
            </Field>
            {action === 'converted' && (
              <>
                <Field id="lc-value" label="Value" size="narrow">
                  <input
                    id="lc-value"
                    type="number"
                    min={0}
                    value={value}
                    onChange={(e) => setValue(e.target.value)}
                  />
                </Field>
                <Field id="lc-currency" label="Currency" size="narrow">
                  <input
                    id="lc-currency"
                    maxLength={3}
                    placeholder="EUR"
                    value={currency}
                    onChange={(e) => setCurrency(e.target.value)}
                  />
                </Field>
              </>
            )}
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button ghost" onClick={() => setAction(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {lifecycle && lifecycle.moves.length > 0 && (
        <ol className="timeline" aria-label="Lifecycle moves">
          {lifecycle.moves.map((m, i) => (
            <TimelineEntry key={i} at={m.at}>
              <strong>{m.kind.replace('_', ' ')}</strong> {m.from} → {m.to}
              {m.reason ? <span className="muted"> · {m.reason}</span> : null}
              {m.by ? <span className="muted"> · by {m.by}</span> : null}
              {m.value !== null ? (
                <span className="muted">
                  {' '}
                  · {m.value} {m.currency ?? ''}
                </span>
              ) : null}
            </TimelineEntry>
          ))}
        </ol>
      )}
    </div>
  );
}
