// A lead's lifecycle (stage, hand-over, moves with who made them) and, for those who may act on
// it, the sales loop (accept / reject / outcome).
import type { Lifecycle } from '../api/types';
import { TimelineEntry } from '../components/timeline-entry';
import { formatTime } from '../lib/format';
import { SalesActions } from './lead-sales-actions';

interface Props {
  leadId: string;
  lifecycle: Lifecycle | undefined;
  /** Why the signed-in person may not act on this lead; null when they may. */
  refusal: string | null;
  onChange: () => void;
}

export function LeadLifecycle({ leadId, lifecycle, refusal, onChange }: Props) {
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
      {refusal ? (
        <p className="hint" data-testid="act-refusal">
          {refusal}
        </p>
      ) : (
        <SalesActions leadId={leadId} onChange={onChange} />
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
