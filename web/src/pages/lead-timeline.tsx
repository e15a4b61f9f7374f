// A lead's events, newest first, a page at a time.
import { useEffect, useState } from 'react';
import { api, messageOf, withQuery } from '../api/client';
import type { LeadEvent, Page } from '../api/types';
import { Empty, ErrorNote, Loading } from '../components/status';
import { formatTime } from '../lib/format';

function describe(event: LeadEvent): string {
  const props = event.properties;
  const detail = ['path', 'url', 'type', 'title']
    .map((k) => props[k])
    .find((v) => typeof v === 'string');
  return detail ? String(detail) : '';
}

export function LeadTimeline({ leadId, version }: { leadId: string; version: number }) {
  const [items, setItems] = useState<LeadEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  const load = async (before: string | null, replace: boolean) => {
    setLoading(true);
    try {
      const page = await api<Page<LeadEvent>>(
        withQuery(`/v1/leads/${encodeURIComponent(leadId)}/events`, { limit: 25, before }),
      );
      setItems((old) => (replace ? page.items : [...old, ...page.items]));
      setNext(page.next);
      setError(undefined);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null, true);
  }, [leadId, version]);

  if (error) return <ErrorNote error={new Error(error)} onRetry={() => void load(null, true)} />;
  if (loading && items.length === 0) return <Loading label="Loading events…" />;
  if (items.length === 0) return <Empty>No events for this lead yet.</Empty>;
  return (
    <>
      <ol className="timeline" data-testid="timeline">
        {items.map((e) => (
          <li key={e.messageId}>
            <span>
              <strong>{e.name ?? e.type}</strong> <span className="badge">{e.type}</span>{' '}
              <span className="muted">{describe(e)}</span>
            </span>
            <time className="muted" dateTime={e.timestamp}>
              {formatTime(e.timestamp)}
            </time>
          </li>
        ))}
      </ol>
      {next && (
        <button
          type="button"
          className="button small"
          disabled={loading}
          onClick={() => void load(next, false)}
        >
          {loading ? 'Loading…' : 'Older events'}
        </button>
      )}
    </>
  );
}
