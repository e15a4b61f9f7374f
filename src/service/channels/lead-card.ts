// The card a segment action's e-mail or Slack message carries: who the lead is, its score at the
// change, the contributions that make it (the same engine replay as "why this score" on the lead
// page, src/service/leads/lead-view.ts), and its events of the last days ("why now"). The link is
// filled in when the message is sent, from the server's public URL.
import type { CompiledModel } from '../../core/compile-model.js';
import { isRecord } from '../../core/fields.js';
import type { Contribution } from '../../core/lead-score.js';
import { scoreLead } from '../../core/score-lead.js';
import type { HistoryEntry, StoreTx } from '../../store/port.js';
import { leadRecord } from '../scoring/lead-record.js';
import { isScoredType, scoringEventOf } from '../scoring/stored-events.js';
import type { LeadCard } from './message-data.js';

const TOP = 5;
const RECENT_DAYS = 7;
const DAY_MS = 86_400_000;

/** The card of the entry's lead as of the change; `owner` is the one it has after its actions. */
export async function leadCard(
  tx: StoreTx,
  ws: string,
  compiled: CompiledModel,
  entry: HistoryEntry,
  owner: string | null,
): Promise<LeadCard> {
  const lead = await tx.getLead(ws, entry.leadId);
  const company = lead?.companyId ? await tx.getCompany(ws, lead.companyId) : undefined;
  const traits = lead?.traits ?? {};
  const events = (await tx.eventsOfLead(ws, entry.leadId))
    .filter((e) => isScoredType(e.type))
    .map(scoringEventOf);
  const record = leadRecord(entry.leadId, traits, company?.traits);
  const adjustments = await tx.listAdjustments(ws, entry.leadId);
  const explained = scoreLead(compiled, record, events, entry.at, { explain: true, adjustments });
  const contributions = explained.contributions ?? [];
  const segment = compiled.model.segments.find((s) => s.id === entry.segment);
  return {
    id: entry.leadId,
    name:
      text(traits.name) ??
      ([text(traits.first_name), text(traits.last_name)].filter(Boolean).join(' ') || null),
    email: text(traits.email),
    company: text(company?.traits.name) ?? companyName(traits.company),
    title: text(traits.title),
    score: entry.score,
    grade: entry.grade,
    segment: entry.segment,
    segmentLabel: segment?.description ?? null,
    stage: entry.stage,
    owner,
    topContributions: topContributions(compiled, contributions),
    recent: events
      .filter((e) => e.time <= entry.at && e.time > entry.at - RECENT_DAYS * DAY_MS)
      .sort((a, b) => b.time - a.time)
      .slice(0, TOP)
      .map((e) => ({
        event: e.event,
        at: e.time,
        points: pointsOf(contributions, e.messageId, e.time),
      })),
    link: null,
  };
}

/** Contributions per criterion or rule (a rule's events summed), largest first, by size. */
function topContributions(
  compiled: CompiledModel,
  contributions: readonly Contribution[],
): LeadCard['topContributions'] {
  const sums = new Map<string, { kind: Contribution['kind']; id: string; points: number }>();
  for (const c of contributions) {
    const key = `${c.kind}:${c.id}`;
    const sum = sums.get(key) ?? { kind: c.kind, id: c.id, points: 0 };
    sum.points += c.afterDecay;
    sums.set(key, sum);
  }
  return [...sums.values()]
    .map((s) => ({ label: labelOf(compiled, s.kind, s.id), points: round2(s.points) }))
    .filter((c) => c.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    .slice(0, TOP);
}

function labelOf(compiled: CompiledModel, kind: Contribution['kind'], id: string): string {
  const list =
    kind === 'criterion' ? compiled.model.fit?.criteria : compiled.model.engagement?.rules;
  return list?.find((item) => item.id === id)?.description ?? id;
}

/** What an event adds to the score now (after cap and decay); null when no rule scored it. */
function pointsOf(
  contributions: readonly Contribution[],
  messageId: string | undefined,
  time: number,
): number | null {
  const own = contributions.filter(
    (c) =>
      c.kind === 'rule' && (messageId !== undefined ? c.messageId === messageId : c.time === time),
  );
  return own.length === 0 ? null : round2(own.reduce((sum, c) => sum + c.afterDecay, 0));
}

const round2 = (n: number) => Math.round(n * 100) / 100 || 0;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function companyName(value: unknown): string | null {
  return isRecord(value) ? text(value.name) : text(value);
}
