// A lead's traits and company as a definition list (nested values shown as JSON).
import type { Lead, Traits } from '../api/types';

const show = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function TraitList({ traits }: { traits: Traits }) {
  const entries = Object.entries(traits).filter(([k]) => k !== 'company');
  if (entries.length === 0) return <p className="muted">No traits.</p>;
  return (
    <dl className="kv">
      {entries.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function LeadProfile({ lead }: { lead: Lead }) {
  return (
    <div className="grid grid-2">
      <section className="card" aria-labelledby="traits-h">
        <h2 id="traits-h">Traits</h2>
        <TraitList traits={lead.traits} />
      </section>
      <section className="card" aria-labelledby="company-h">
        <h2 id="company-h">Company</h2>
        {lead.company ? (
          <>
            <p className="muted">
              <code>{lead.company.id}</code>
            </p>
            <TraitList traits={lead.company.traits} />
          </>
        ) : (
          <p className="muted">No company (no group call) for this lead.</p>
        )}
      </section>
    </div>
  );
}
