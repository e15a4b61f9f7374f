// The sales loop on one lead: accept, or reject with a reason, and record the outcome (converted
// with a value, or lost with a reason). The server records the signed-in user as who did it.
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client';
import { Field } from '../components/field';

type Action = 'accept' | 'reject' | 'converted' | 'lost';

const TITLES: Record<Action, string> = {
  accept: 'Accept the lead',
  reject: 'Reject the lead',
  converted: 'Record a conversion',
  lost: 'Record a lost deal',
};

function bodyOf(action: Action, reason: string, value: string, currency: string) {
  const common = reason ? { reason } : {};
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

interface Props {
  leadId: string;
  /** The lead's name, for the buttons' accessible names where several leads are listed. */
  leadName?: string;
  onChange: () => void;
  /** Small buttons on one line, for a table row. */
  compact?: boolean;
}

export function SalesActions({ leadId, leadName, onChange, compact }: Props) {
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const needsReason = action === 'reject' || action === 'lost';
  const id = (name: string) => `${name}-${leadId}`;
  const of = leadName ? ` ${leadName}` : '';

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
      const { path, body } = bodyOf(action, reason.trim(), value, currency.trim());
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

  const button = (next: Action, text: string) => (
    <button
      type="button"
      className={compact ? 'button small' : 'button'}
      aria-label={of ? `${text.replace('…', '')}${of}` : undefined}
      onClick={() => open(next)}
    >
      {text}
    </button>
  );

  return (
    <div>
      <div
        className={compact ? 'actions nowrap' : 'actions'}
        style={{ margin: compact ? 0 : '0.75rem 0' }}
        aria-label="Sales feedback"
      >
        {button('accept', 'Accept')}
        {button('reject', 'Reject…')}
        {button('converted', 'Converted…')}
        {button('lost', 'Lost…')}
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
            <Field
              id={id('lc-reason')}
              label={<>Reason{needsReason ? '' : ' (optional)'}</>}
              size="grow"
            >
              <input
                id={id('lc-reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={error && needsReason && !reason.trim() ? true : undefined}
                autoFocus
              />
            </Field>
            {action === 'converted' && (
              <>
                <Field id={id('lc-value')} label="Value" size="narrow">
                  <input
                    id={id('lc-value')}
                    type="number"
                    min={0}
                    value={value}
                    onChange={(e) => setValue(e.target.value)}
                  />
                </Field>
                <Field id={id('lc-currency')} label="Currency" size="narrow">
                  <input
                    id={id('lc-currency')}
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
    </div>
  );
}
