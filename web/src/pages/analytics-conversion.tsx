// Conversion by attribute and by channel, from the analytics job (POST /v1/analytics): each
// value's conversion rate and lift over the overall rate.
import type { AnalysisReport, Rate } from '../api/types';
import { Empty, ErrorNote, Loading } from '../components/status';
import { num, Table } from '../components/table';
import { formatNumber, formatRate } from '../lib/format';
import { useJobRunner } from '../lib/use-job-runner';

const COLUMNS = ['Value', num('Leads'), 'Conversion', num('Lift')];

interface Row {
  label: string;
  rate: Rate;
  lift: number;
}

function RateBars({ title, rows, note }: { title: string; rows: Row[]; note?: string }) {
  const top = Math.max(...rows.map((r) => r.rate.rate).filter(Number.isFinite), 0.0001);
  return (
    <div>
      <h3>
        {title} {note && <span className="muted">· {note}</span>}
      </h3>
      <Table caption={`Conversion by ${title}`} columns={COLUMNS}>
        {rows.map((r) => (
          <tr key={r.label}>
            <td>{r.label}</td>
            <td className="num">{formatNumber(r.rate.leads)}</td>
            <td>
              <div style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
                <div className="progress" style={{ width: 120 }} aria-hidden="true">
                  <div
                    style={{
                      width: `${(Math.max(0, r.rate.rate) / top) * 100}%`,
                      background: '#2b8a3e',
                    }}
                  />
                </div>
                {formatRate(r.rate.rate)}
              </div>
            </td>
            <td className="num">{Number.isFinite(r.lift) ? `${r.lift.toFixed(2)}×` : '—'}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

export function ConversionPanel() {
  const runner = useJobRunner<AnalysisReport>('/v1/analytics');
  const report = runner.result;
  const channel = report?.channel ?? report?.channels;
  return (
    <section className="card" aria-labelledby="conversion-h">
      <div className="page-header" style={{ marginBottom: '0.5rem' }}>
        <h2 id="conversion-h">Conversion by attribute and channel</h2>
        <button
          type="button"
          className="button"
          disabled={runner.running}
          onClick={() => void runner.start({})}
        >
          {runner.running ? 'Analysing…' : report ? 'Analyse again' : 'Run the analysis'}
        </button>
      </div>
      {runner.missing ? (
        <Empty>This server has no analytics job yet (POST /v1/analytics is not available).</Empty>
      ) : runner.error ? (
        <ErrorNote error={new Error(runner.error)} />
      ) : runner.running ? (
        <Loading label="Analysing leads with known outcomes…" />
      ) : !report ? (
        <Empty>Run the analysis to see which attributes and channels convert best.</Empty>
      ) : (
        <div className="stack">
          {report.overall && (
            <p>
              Overall: {formatNumber(report.overall.conversions)} of{' '}
              {formatNumber(report.overall.leads)} leads converted (
              {formatRate(report.overall.rate)}).
            </p>
          )}
          {channel && channel.rows.length > 0 && (
            <RateBars
              title={`Channel (${channel.column})`}
              rows={channel.rows.map((r) => ({ label: r.channel, rate: r, lift: r.lift }))}
            />
          )}
          <div className="grid grid-2">
            {(report.attributes ?? []).slice(0, 6).map((a) => (
              <RateBars
                key={a.name}
                title={a.name}
                note={`information value ${a.iv.toFixed(3)}`}
                rows={a.rows.slice(0, 8).map((r) => ({ label: r.value, rate: r, lift: r.lift }))}
              />
            ))}
          </div>
          {(report.behaviours ?? []).length > 0 && (
            <RateBars
              title="Behaviour"
              note="the 12 with the most lift"
              rows={[...(report.behaviours ?? [])]
                .sort((a, b) => b.lift - a.lift)
                .slice(0, 12)
                .map((b) => ({
                  label: `${b.behaviour} ≥ ${b.atLeast}`,
                  rate: b.did,
                  lift: b.lift,
                }))}
            />
          )}
        </div>
      )}
    </section>
  );
}
