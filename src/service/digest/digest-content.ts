// What each owner's digest says, read over the store at one instant: the owner's hand-overs of
// the last 24 hours, the owner's leads that got hot in that time (entered a qualified segment or
// reached the model's top grade), and hand-overs awaiting acceptance `waitingHours` or more.
// Each list holds its first `limit` items and says how many more there are.
import type { CompiledModel } from '../../core/compile-model.js';
import type { DigestLead, DigestScoreEntry, StoreTx } from '../../store/port.js';
import type { DigestItem } from '../channels/message-data.js';
import { digestItem } from './digest-item.js';

const HOUR_MS = 3_600_000;
/** The period the new hand-overs and hot leads are read from. */
export const DIGEST_PERIOD_MS = 24 * HOUR_MS;
export const DEFAULT_DIGEST_LIMIT = 20;

/** What counts as hot in the active model. */
export interface HotStates {
  /** Segments marked `qualified`. */
  segments: string[];
  /** The first (best) fit grade; null when the model has no grades. */
  topGrade: string | null;
}

export function hotStatesOf(model: CompiledModel | undefined): HotStates {
  return {
    segments: model?.segments.filter((s) => s.qualified).map((s) => s.id) ?? [],
    topGrade: model?.grades[0]?.grade ?? null,
  };
}

export interface DigestList {
  items: DigestItem[];
  /** Items beyond `limit`. */
  more: number;
}

export interface OwnerDigest {
  owner: string;
  handOvers: DigestList;
  hot: DigestList;
  waiting: DigestList;
}

export interface DigestContentOptions {
  now: number;
  waitingHours: number;
  hot: HotStates;
  publicUrl: string | undefined;
  limit?: number;
}

/** An entry that moved the lead into a hot state it was not in before. */
function gotHot(entry: DigestScoreEntry, hot: HotStates): boolean {
  const qualified = new Set(hot.segments);
  const entered =
    qualified.has(entry.reached.segment) &&
    (entry.before === null || !qualified.has(entry.before.segment));
  const graded =
    hot.topGrade !== null &&
    entry.reached.grade === hot.topGrade &&
    entry.before?.grade !== hot.topGrade;
  return entered || graded;
}

/** Per owner, each lead once (its latest row), in the order given by `newestFirst`. */
function byOwner(rows: readonly DigestLead[], newestFirst: boolean): Map<string, DigestLead[]> {
  const latest = new Map<string, DigestLead>();
  for (const row of rows) {
    const key = `${row.owner}\u0000${row.leadId}`;
    const seen = latest.get(key);
    if (!seen || row.at >= seen.at) latest.set(key, row);
  }
  const owners = new Map<string, DigestLead[]>();
  for (const row of latest.values()) owners.set(row.owner, [...(owners.get(row.owner) ?? []), row]);
  for (const list of owners.values())
    list.sort(
      (a, b) => (newestFirst ? b.at - a.at : a.at - b.at) || (a.leadId < b.leadId ? -1 : 1),
    );
  return owners;
}

/** Every owner with something to say, by owner; owners with nothing are absent. */
export async function digestContents(
  tx: StoreTx,
  ws: string,
  options: DigestContentOptions,
): Promise<OwnerDigest[]> {
  const { now, hot, publicUrl } = options;
  const limit = options.limit ?? DEFAULT_DIGEST_LIMIT;
  const period = { from: now - DIGEST_PERIOD_MS, to: now + 1 };
  const noHotStates = hot.segments.length === 0 && hot.topGrade === null;
  // One after another: a transaction's statements run one at a time on its connection anyway.
  const handOvers = await tx.listOwnedHandOvers(ws, period);
  const entries = noHotStates
    ? []
    : await tx.listOwnedScoreEntries(ws, {
        ...period,
        segments: hot.segments,
        grade: hot.topGrade,
      });
  const awaiting = await tx.listOwnedAwaiting(ws, {
    before: now - options.waitingHours * HOUR_MS,
  });
  // Entering a qualified segment hands the lead over too: it is listed once, as a hand-over.
  const handedOver = new Set(handOvers.map((h) => `${h.owner}\u0000${h.leadId}`));
  const lists = {
    handOvers: byOwner(handOvers, true),
    hot: byOwner(
      entries.filter((e) => gotHot(e, hot) && !handedOver.has(`${e.owner}\u0000${e.leadId}`)),
      true,
    ),
    waiting: byOwner(awaiting, false),
  };
  const owners = new Set([...lists.handOvers.keys(), ...lists.hot.keys(), ...lists.waiting.keys()]);
  const list = (rows: DigestLead[] | undefined): DigestList => ({
    items: (rows ?? []).slice(0, limit).map((r) => digestItem(r, publicUrl)),
    more: Math.max(0, (rows?.length ?? 0) - limit),
  });
  return [...owners].sort().map((owner) => ({
    owner,
    handOvers: list(lists.handOvers.get(owner)),
    hot: list(lists.hot.get(owner)),
    waiting: list(lists.waiting.get(owner)),
  }));
}
