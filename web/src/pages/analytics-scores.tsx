// Analytics of the stored scores: the distribution with thresholds, the funnel by stage and
// segment with conversion, and the sales hand-over report.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Distribution, Funnel, HandoverReport } from '../api/types';
import { HistogramChart } from '../charts/histogram-chart';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatNumber, formatRate, formatTime } from '../lib/format';
import type { Resource } from '../lib/use-api';

function Panel<T>({
  title,
  resource,
  children,
}: {
  title: string;
  resource: Resource<T>;
  children: (data: T) => React.ReactNode;
}) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {resource.error ? (
        <ErrorNote error={resource.error} onRetry={resource.reload} />
      ) : resource.data === undefined ? (
        <Loading />
      ) : (
        children(resource.data)
      )}
    </section>
  );
}

export function DistributionPanel({ resource }: { resource: Resource<Distribution> }) {
  return (
    <Panel title="Score distribution" resource={resource}>
      {(d) =>
        d.scored === 0 ? (
          <Empty>No scored leads yet.</Empty>
        ) : (
          <>
            <div className="stats">
              <Stat label="Leads" value={formatNumber(d.total)} />
              <Stat label="Scored" value={formatNumber(d.scored)} />
              <Stat label="Lowest" value={formatNumber(d.min, 1)} />
              <Stat label="Highest" value={formatNumber(d.max, 1)} />
            </div>
            <HistogramChart distribution={d} />
            <div className="grid grid-3" style={{ marginTop: '1rem' }}>
              <CountTable title="Segments" rows={d.segments.map((s) => [s.segment, s.count])} />
              <CountTable title="Grades" rows={d.grades.map((g) => [g.grade ?? 'none', g.count])} />
              <CountTable
                title="Stages"
                rows={d.stages.map((s) => [s.stage.toUpperCase(), s.count])}
              />
            </div>
          </>
        )
      }
    </Panel>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <div className="value">{value}</div>
      <div className="label">{label}</div>
    </div>
  );
}

function CountTable({ title, rows }: { title: string; rows: [string, number][] }) {
  return (
    <table className="table">
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{title}</th>
          <th scope="col" className="num">
            Leads
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, count]) => (
          <tr key={name}>
            <td>{name}</td>
            <td className="num">{formatNumber(count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FunnelPanel({ resource }: { resource: Resource<Funnel> }) {
  return (
    <Panel title="Funnel" resource={resource}>
      {(f) =>
        f.leads === 0 ? (
          <Empty>No leads yet.</Empty>
        ) : (
          <>
            <p className="muted">
              {formatNumber(f.leads)} leads, {formatNumber(f.converted)} customers (
              {formatRate(f.leads ? f.converted / f.leads : null)}).
            </p>
            <div className="grid grid-2">
              <div
                className="chart small"
                role="img"
                aria-label="Leads and customers per funnel stage"
              >
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={f.stages.map((s) => ({ ...s, stage: s.stage.toUpperCase() }))}>
                    <CartesianGrid stroke="#eef1f5" vertical={false} />
                    <XAxis dataKey="stage" fontSize={11} />
                    <YAxis fontSize={11} width={44} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="leads" name="Leads" fill="#adb5bd" isAnimationActive={false} />
                    <Bar
                      dataKey="converted"
                      name="Customers"
                      fill="#2b8a3e"
                      isAnimationActive={false}
                    />
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <div>
                <RateTable
                  title="Stage"
                  rows={f.stages.map((s) => ({ name: s.stage.toUpperCase(), ...s }))}
                />
                <RateTable
                  title="Segment"
                  rows={f.segments.map((s) => ({ name: s.segment, ...s }))}
                />
              </div>
            </div>
          </>
        )
      }
    </Panel>
  );
}

function RateTable({
  title,
  rows,
}: {
  title: string;
  rows: { name: string; leads: number; converted: number; rate: number | null }[];
}) {
  return (
    <table className="table" style={{ marginTop: '0.75rem' }}>
      <caption className="sr-only">Conversion per {title.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">{title}</th>
          <th scope="col" className="num">
            Leads
          </th>
          <th scope="col" className="num">
            Customers
          </th>
          <th scope="col" className="num">
            Conversion
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <td>{r.name}</td>
            <td className="num">{formatNumber(r.leads)}</td>
            <td className="num">{formatNumber(r.converted)}</td>
            <td className="num">{formatRate(r.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HandoverPanel({ resource }: { resource: Resource<HandoverReport> }) {
  return (
    <Panel title="Hand-over to sales" resource={resource}>
      {(h) =>
        h.segments.length === 0 ? (
          <Empty>No lead was handed over to sales in this period.</Empty>
        ) : (
          <>
            <p className="muted">
              {formatTime(h.from)} to {formatTime(h.to)}
            </p>
            <div className="table-wrap">
              <table className="table" data-testid="handover">
                <caption className="sr-only">Hand-over per segment</caption>
                <thead>
                  <tr>
                    <th scope="col">Segment</th>
                    <th scope="col" className="num">
                      Handed over
                    </th>
                    <th scope="col" className="num">
                      Accepted
                    </th>
                    <th scope="col" className="num">
                      Rejected
                    </th>
                    <th scope="col" className="num">
                      Pending
                    </th>
                    <th scope="col" className="num">
                      Converted
                    </th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col" className="num">
                      Median h to accept
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {h.segments.map((s) => (
                    <tr key={s.segment}>
                      <td>{s.segment}</td>
                      <td className="num">{formatNumber(s.handedOver)}</td>
                      <td className="num">{formatNumber(s.accepted)}</td>
                      <td
                        className="num"
                        title={Object.entries(s.rejected.byReason)
                          .map(([r, n]) => `${r}: ${n}`)
                          .join('\n')}
                      >
                        {formatNumber(s.rejected.total)}
                      </td>
                      <td className="num">{formatNumber(s.pending)}</td>
                      <td className="num">{formatNumber(s.converted)}</td>
                      <td className="num">{formatNumber(s.convertedValue)}</td>
                      <td className="num">{formatNumber(s.medianHoursToAcceptance, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      }
    </Panel>
  );
}
