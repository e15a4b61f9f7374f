// What-if preview of a saved version before activating it: the backtest job's segment moves,
// how active and candidate rank leads with known outcomes, and the capacity threshold.
import { useEffect, useRef, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { BacktestResult, JobStarted, RankingSide } from '../api/types';
import { PairedBarChart } from '../charts/paired-bar-chart';
import { Field } from '../components/field';
import { ErrorNote, Loading } from '../components/status';
import { num, Table } from '../components/table';
import { formatNumber } from '../lib/format';
import { moveMatrix, thresholdFor } from '../lib/move-matrix';
import { useJob } from '../lib/use-job';

function MoveTable({ result }: { result: BacktestResult }) {
  const m = moveMatrix(result.moves, result.segments);
  return (
    <>
      <p>
        <strong data-testid="moved-count">{formatNumber(m.moved)}</strong> of{' '}
        {formatNumber(m.total)} leads would change segment.
      </p>
      <div className="table-wrap">
        <Table
          className="matrix"
          testId="move-matrix"
          caption="Leads per active segment (rows) and candidate segment (columns)"
          columns={['Active ↓ / candidate →', ...m.columns.map((c) => num(c ?? 'unscored'))]}
        >
          {m.rows.map((r) => (
            <tr key={String(r)}>
              <th scope="row">{r ?? 'unscored'}</th>
              {m.columns.map((c) => {
                const n = m.count(r, c);
                return (
                  <td key={String(c)} className={`num ${r === c ? 'diag' : n > 0 ? 'hit' : ''}`}>
                    {n ? formatNumber(n) : '·'}
                  </td>
                );
              })}
            </tr>
          ))}
        </Table>
      </div>
    </>
  );
}

const metric = (side: RankingSide | null | undefined, key: 'auc' | 'liftTop10') =>
  side?.[key] === null || side?.[key] === undefined ? '—' : side[key].toFixed(3);

function Ranking({ result }: { result: BacktestResult }) {
  const { ranking } = result;
  const segments = result.segments.map((segment) => ({
    segment,
    active: ranking.active?.bySegment.find((s) => s.segment === segment)?.rate ?? null,
    candidate: ranking.candidate.bySegment.find((s) => s.segment === segment)?.rate ?? null,
  }));
  return (
    <>
      <p className="muted">
        {formatNumber(ranking.known)} leads with a known outcome, {formatNumber(ranking.converted)}{' '}
        converted.
      </p>
      <Table
        testId="ranking"
        caption="Ranking quality, active against candidate"
        columns={[
          '',
          num(<>Active v{result.activeVersion ?? '—'}</>),
          num(<>Candidate v{result.candidate.version ?? '—'}</>),
        ]}
      >
        <tr>
          <th scope="row">ROC AUC</th>
          <td className="num">{metric(ranking.active, 'auc')}</td>
          <td className="num">
            <strong>{metric(ranking.candidate, 'auc')}</strong>
          </td>
        </tr>
        <tr>
          <th scope="row">Lift in top 10%</th>
          <td className="num">{metric(ranking.active, 'liftTop10')}</td>
          <td className="num">
            <strong>{metric(ranking.candidate, 'liftTop10')}</strong>
          </td>
        </tr>
      </Table>
      <h3 style={{ marginTop: '1rem' }}>Conversion per segment</h3>
      <PairedBarChart
        label="Conversion rate per segment, active and candidate"
        data={segments}
        category="segment"
        baseline={{ key: 'active', name: 'Active' }}
        compared={{ key: 'candidate', name: 'Candidate', fill: '#4c6ef5' }}
        rates
      />
    </>
  );
}

function Capacity({ result, perWeek }: { result: BacktestResult; perWeek: number }) {
  const capacity = result.capacity;
  if (!capacity) return <p className="muted">Run the preview with a weekly capacity to see it.</p>;
  const point = capacity.curve.length ? thresholdFor(capacity.curve, perWeek) : null;
  const threshold = point?.threshold ?? capacity.threshold;
  if (threshold === null || threshold === undefined)
    return (
      <p className="muted">No score threshold keeps hand-overs within {perWeek} leads a week.</p>
    );
  return (
    <p data-testid="capacity">
      To hand sales about <strong>{perWeek}</strong> leads a week, qualify at a score of{' '}
      <strong>{threshold.toFixed(1)}</strong> or more: about{' '}
      {formatNumber(point?.leadsPerWeek ?? capacity.leadsPerWeek, 1)} leads and{' '}
      {formatNumber(point?.expectedConversionsPerWeek ?? capacity.expectedConversionsPerWeek, 1)}{' '}
      expected conversions a week.
    </p>
  );
}

export function WhatIf({
  version,
  kept = null,
  onRan,
}: {
  version: number;
  /** The version's last what-if, kept by the server: shown until one is run here. */
  kept?: { at: string; result: Record<string, unknown> } | null;
  /** Called once a what-if run here has succeeded (the server has kept it by then). */
  onRan?: () => void;
}) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [perWeek, setPerWeek] = useState('50');
  const { job, error: pollError } = useJob<BacktestResult>(jobId);
  const running = jobId !== null && job?.status !== 'succeeded' && job?.status !== 'failed';
  const ran = useRef(onRan);
  ran.current = onRan;
  const succeeded = job?.status === 'succeeded' ? job.id : null;
  useEffect(() => {
    if (succeeded) ran.current?.();
  }, [succeeded]);

  const run = async () => {
    setError(undefined);
    setJobId(null);
    try {
      const capacity = Number(perWeek);
      const started = await api<JobStarted>('/v1/models/backtest', {
        json: { version, ...(capacity > 0 ? { capacityPerWeek: capacity } : {}) },
      });
      setJobId(started.jobId);
    } catch (reason) {
      setError(messageOf(reason));
    }
  };

  const result =
    job?.status === 'succeeded'
      ? (job.result ?? null)
      : jobId === null && kept
        ? (kept.result as unknown as BacktestResult)
        : null;
  return (
    <section className="card" aria-labelledby="whatif-h" data-testid="what-if">
      <h2 id="whatif-h">What-if: v{version} against the active model</h2>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Field
          id="capacity"
          label="Sales capacity (leads/week)"
          size="narrow"
          style={{ width: 150 }}
        >
          <input
            id="capacity"
            type="number"
            min={1}
            value={perWeek}
            onChange={(e) => setPerWeek(e.target.value)}
          />
        </Field>
        <button type="submit" className="button primary" disabled={running}>
          {running ? 'Running…' : result ? 'Run again' : 'Preview what-if'}
        </button>
      </form>
      {(error ?? pollError) && <ErrorNote error={new Error(error ?? pollError)} />}
      {running && (
        <Loading
          label={`Backtesting… ${job && job.total ? `${job.progress} of ${job.total} leads` : ''}`}
        />
      )}
      {job?.status === 'failed' && (
        <ErrorNote error={new Error(job.error ?? 'The backtest failed')} />
      )}
      {result && (
        <div className="stack">
          <MoveTable result={result} />
          <Ranking result={result} />
          <h3>Capacity</h3>
          <Capacity result={result} perWeek={Number(perWeek)} />
        </div>
      )}
    </section>
  );
}
