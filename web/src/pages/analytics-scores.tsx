// Analytics of the stored scores: the distribution with thresholds, the funnel by stage and
// segment with conversion, and the sales hand-over report.
import type { Distribution, Funnel, HandoverReport } from '../api/types';
import { HistogramChart } from '../charts/histogram-chart';
import { PairedBarChart } from '../charts/paired-bar-chart';
import { Loaded } from '../components/loaded';
import { Stat } from '../components/stat';
import { Empty } from '../components/status';
import { num, Table } from '../components/table';
import { formatNumber, formatRate, formatTime } from '../lib/format';
import type { Resource } from '../lib/use-api';

const HANDOVER = [
  'Segment',
  ...['Handed over', 'Accepted', 'Rejected', 'Pending', 'Converted', 'Value'].map(num),
  num('Median h to accept'),
];

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
      <Loaded resource={resource}>{children}</Loaded>
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

function CountTable({ title, rows }: { title: string; rows: [string, number][] }) {
  return (
    <Table caption={title} columns={[title, num('Leads')]}>
      {rows.map(([name, count]) => (
        <tr key={name}>
          <td>{name}</td>
          <td className="num">{formatNumber(count)}</td>
        </tr>
      ))}
    </Table>
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
              <PairedBarChart
                label="Leads and customers per funnel stage"
                data={f.stages.map((s) => ({ ...s, stage: s.stage.toUpperCase() }))}
                category="stage"
                baseline={{ key: 'leads', name: 'Leads' }}
                compared={{ key: 'converted', name: 'Customers', fill: '#2b8a3e' }}
                verticalGrid={false}
              />
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
    <Table
      style={{ marginTop: '0.75rem' }}
      caption={`Conversion per ${title.toLowerCase()}`}
      columns={[title, num('Leads'), num('Customers'), num('Conversion')]}
    >
      {rows.map((r) => (
        <tr key={r.name}>
          <td>{r.name}</td>
          <td className="num">{formatNumber(r.leads)}</td>
          <td className="num">{formatNumber(r.converted)}</td>
          <td className="num">{formatRate(r.rate)}</td>
        </tr>
      ))}
    </Table>
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
              <Table testId="handover" caption="Hand-over per segment" columns={HANDOVER}>
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
              </Table>
            </div>
          </>
        )
      }
    </Panel>
  );
}
