// A lead's events, newest first, a page at a time.
import type { LeadEvent } from '../api/types';
import { SmallButton } from '../components/small-button';
import { Empty, ErrorNote, Loading } from '../components/status';
import { TimelineEntry } from '../components/timeline-entry';
import { usePages } from '../lib/use-pages';

function describe(event: LeadEvent): string {
  const props = event.properties;
  const detail = ['path', 'url', 'type', 'title']
    .map((k) => props[k])
    .find((v) => typeof v === 'string');
  return detail ? String(detail) : '';
}

export function LeadTimeline({ leadId, version }: { leadId: string; version: number }) {
  const { items, next, error, loading, load } = usePages<LeadEvent>(
    `/v1/leads/${encodeURIComponent(leadId)}/events`,
    25,
    version,
  );

  if (error) return <ErrorNote error={new Error(error)} onRetry={() => void load(null)} />;
  if (loading && items.length === 0) return <Loading label="Loading events…" />;
  if (items.length === 0) return <Empty>No events for this lead yet.</Empty>;
  return (
    <>
      <ol className="timeline" data-testid="timeline">
        {items.map((e) => (
          <TimelineEntry key={e.messageId} at={e.timestamp}>
            <strong>{e.name ?? e.type}</strong> <span className="badge">{e.type}</span>{' '}
            <span className="muted">{describe(e)}</span>
          </TimelineEntry>
        ))}
      </ol>
      {next && (
        <SmallButton disabled={loading} onClick={() => void load(next)}>
          {loading ? 'Loading…' : 'Older events'}
        </SmallButton>
      )}
    </>
  );
}
