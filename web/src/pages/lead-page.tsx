// Lead: who it is, its score split into fit and engagement and per category, why (every
// contribution), how it got here (score history and events), and the sales loop.
import { useState } from 'react';
import type { HistoryEntry, Lead, Lifecycle } from '../api/types';
import { CategoryChart } from '../charts/category-chart';
import { ScoreHistoryChart } from '../charts/score-history-chart';
import { HeatMark } from '../components/heat-mark';
import { Link } from '../components/link';
import { Loaded } from '../components/loaded';
import { Stat } from '../components/stat';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatScore, formatTime } from '../lib/format';
import { actRefusalOf } from '../lib/access';
import { useAccess } from '../lib/use-access';
import { useActiveModel } from '../lib/use-active-model';
import { useApi } from '../lib/use-api';
import { LeadAdjustments } from './lead-adjustments';
import { LeadContributions } from './lead-contributions';
import { LeadLifecycle } from './lead-lifecycle';
import { LeadPrediction } from './lead-prediction';
import { LeadProfile } from './lead-profile';
import { LeadTimeline } from './lead-timeline';

function displayName(lead: Lead): string {
  const t = lead.traits;
  if (typeof t.name === 'string') return t.name;
  const full = [t.first_name, t.last_name].filter((v) => typeof v === 'string').join(' ');
  if (full) return full;
  return typeof t.email === 'string' ? t.email : lead.id;
}

/** A stat's label with the colour its part has in the split bar. */
const dotted = (color: string, label: string) => (
  <>
    <span className="legend-dot" style={{ background: color }} />
    {label}
  </>
);

function ScoreSplit({ lead }: { lead: Lead }) {
  const fit = Math.max(0, lead.fit ?? 0);
  const engagement = Math.max(0, lead.engagement ?? 0);
  const sum = fit + engagement || 1;
  return (
    <>
      <div className="stats">
        <Stat label="Score" value={formatScore(lead.score)} testId="score" />
        <Stat label={dotted('#6f8fef', 'Fit')} value={formatScore(lead.fit)} />
        <Stat label={dotted('#f08c4a', 'Engagement')} value={formatScore(lead.engagement)} />
      </div>
      <div className="split-bar" aria-hidden="true">
        <div className="fit" style={{ width: `${(fit / sum) * 100}%` }} />
        <div className="engagement" style={{ width: `${(engagement / sum) * 100}%` }} />
      </div>
    </>
  );
}

export function LeadPage({ id }: { id: string }) {
  const path = `/v1/leads/${encodeURIComponent(id)}`;
  const lead = useApi<Lead>(path);
  const history = useApi<{ items: HistoryEntry[] }>(`${path}/history?limit=500`);
  const lifecycle = useApi<Lifecycle>(`${path}/lifecycle`);
  const model = useActiveModel();
  const { email, workspace } = useAccess();
  const [version, setVersion] = useState(0);

  const refresh = () => {
    lead.reload();
    history.reload();
    lifecycle.reload();
    setVersion((v) => v + 1);
  };

  if (lead.error) {
    return (
      <section className="page">
        <p>
          <Link href="/leads">← Leads</Link>
        </p>
        <ErrorNote error={lead.error} onRetry={lead.reload} />
      </section>
    );
  }
  if (!lead.data)
    return (
      <section className="page">
        <Loading label="Loading lead…" />
      </section>
    );
  const l = lead.data;

  return (
    <section className="page">
      <p>
        <Link href="/leads">← Leads</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>{displayName(l)}</h1>
          <p className="muted">
            <code>{l.id}</code>
            {l.owner ? ` · owner ${l.owner}` : ''} · scored as of {formatTime(l.asOf)}
            {l.modelVersion !== null ? ` · model v${l.modelVersion}` : ''}
          </p>
          <p style={{ marginTop: '0.5rem' }} className="actions">
            <HeatMark stage={l.stage} />
            <span>
              Grade <span className="grade">{l.grade ?? '—'}</span>
            </span>
            <span>
              Segment <strong data-testid="segment">{l.segment ?? '—'}</strong>
            </span>
            <span>Stage {l.stage?.toUpperCase() ?? '—'}</span>
            {l.tags.map((t) => (
              <span key={t} className="badge accent">
                {t}
              </span>
            ))}
          </p>
        </div>
        <button type="button" className="button ghost" onClick={refresh}>
          Refresh
        </button>
      </header>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="score-h">
          <h2 id="score-h">Score</h2>
          <ScoreSplit lead={l} />
          <h3>Per category</h3>
          {Object.values(l.categories).some((v) => v !== 0) ? (
            <CategoryChart categories={l.categories} />
          ) : (
            <p className="muted">No points in any category.</p>
          )}
        </section>
        <section className="card" aria-labelledby="lifecycle-h">
          <h2 id="lifecycle-h">Lifecycle and sales feedback</h2>
          {lifecycle.error ? (
            <ErrorNote error={lifecycle.error} onRetry={lifecycle.reload} />
          ) : (
            <LeadLifecycle
              leadId={l.id}
              lifecycle={lifecycle.data}
              refusal={actRefusalOf(workspace, email, l.owner)}
              onChange={refresh}
            />
          )}
        </section>
      </div>

      {l.prediction && <LeadPrediction prediction={l.prediction} />}

      <section className="card" aria-labelledby="why-h">
        <h2 id="why-h">Why this score</h2>
        <LeadContributions contributions={l.contributions} score={l.score} />
        <h3>Manual adjustments</h3>
        <LeadAdjustments
          leadId={l.id}
          contributions={l.contributions}
          refusal={actRefusalOf(workspace, email, l.owner)}
          onChange={refresh}
        />
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="history-h">
          <h2 id="history-h">Score history</h2>
          <Loaded resource={history}>
            {(data) =>
              data.items.length === 0 ? (
                <Empty>No score changes recorded yet.</Empty>
              ) : (
                <ScoreHistoryChart history={data.items} segments={model.outline?.segments ?? []} />
              )
            }
          </Loaded>
        </section>
        <section className="card" aria-labelledby="events-h">
          <h2 id="events-h">Events</h2>
          <LeadTimeline leadId={l.id} version={version} />
        </section>
      </div>

      <LeadProfile lead={l} />
    </section>
  );
}
