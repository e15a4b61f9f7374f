// The daily digest on both stores: what each owner's digest says (with a fixed clock over seeded
// data), the hour in the workspace's time zone, once per owner and day with two servers running
// rounds at the same time over one database, again the next day, and off when the hour is null.
import { describe, expect, it, vi } from 'vitest';
import { digestContents, hotStatesOf } from '../src/service/digest/digest-content.js';
import { DigestScheduler } from '../src/service/digest/digest-scheduler.js';
import { setDigestSettings } from '../src/service/digest/digest-settings.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import type { Store } from '../src/store/port.js';
import {
  addChannel,
  ago,
  ANN,
  BOB,
  digestsIn,
  HOUR,
  NOW,
  seededWorkspace,
} from './digest-fixture.js';
import { freshStores } from './fresh-stores.js';

// Each test has a database of its own (the rounds read every workspace): dropping them all at
// the end may take longer than the default 10 s on a busy machine.
vi.setConfig({ hookTimeout: 60_000 });

const URL = 'https://scores.example.com';
const ids = (items: { id: string }[]) => items.map((i) => i.id);

function scheduler(store: Store, clock: () => number, hour: number | null = null) {
  return new DigestScheduler({
    store,
    models: new ActiveModels(),
    defaults: { hour },
    publicUrl: () => URL,
    clock,
  });
}

describe.each(freshStores())('daily digest on $name', (kind) => {
  /**
   * Rounds of two servers at once on PostgreSQL. Two SQLite stores in one process take turns
   * instead: a connection waiting for the file's write lock blocks the thread, so the other could
   * never finish its transaction (two server processes wait for each other as they should).
   */
  const together = async <T>(rounds: (() => Promise<T>)[]): Promise<T[]> => {
    if (kind.name === 'postgres') return Promise.all(rounds.map((round) => round()));
    const results: T[] = [];
    for (const round of rounds) results.push(await round());
    return results;
  };

  it('says per owner: new hand-overs, leads that got hot, hand-overs waiting', async () => {
    const store = await kind.open();
    const ws = await seededWorkspace(store);
    // Another workspace with the same owners and leads stays out of this one's digests.
    await seededWorkspace(store, 'other');
    const models = new ActiveModels();
    const hot = hotStatesOf((await models.get(store, ws))?.compiled);
    expect(hot).toEqual({ segments: ['sales-ready'], topGrade: 'A' });
    const digests = await digestContents(store, ws, {
      now: NOW,
      waitingHours: 24,
      hot,
      publicUrl: `${URL}/`,
    });
    expect(digests.map((d) => d.owner)).toEqual([ANN, BOB]);
    const [ann, bob] = digests;
    expect(ids(ann!.handOvers.items)).toEqual(['a-new']);
    expect(ann!.handOvers.items[0]).toEqual({
      id: 'a-new',
      name: 'Lead a-new',
      company: 'Co a-new',
      score: 70,
      grade: 'A',
      segment: 'sales-ready',
      since: ago(2),
      link: `${URL}/leads/a-new`,
    });
    expect(ids(ann!.hot.items)).toEqual(['a-entered', 'a-graded']);
    expect(ann!.hot.items.map((i) => i.since)).toEqual([ago(3), ago(5)]);
    expect(ids(ann!.waiting.items)).toEqual(['a-waiting']);
    expect(ann!.waiting.items[0]!.since).toBe(ago(30));
    expect([ann!.handOvers.more, ann!.hot.more, ann!.waiting.more]).toEqual([0, 0, 0]);
    expect(ids(bob!.handOvers.items)).toEqual(['b-new']);
    expect(bob!.hot.items).toEqual([]);

    // A longer wait threshold leaves the 30-hour wait out; a limit says how many more there are.
    const patient = await digestContents(store, ws, {
      now: NOW,
      waitingHours: 48,
      hot,
      publicUrl: undefined,
      limit: 1,
    });
    expect(patient[0]!.waiting.items).toEqual([]);
    expect(ids(patient[0]!.hot.items)).toEqual(['a-entered']);
    expect(patient[0]!.hot.more).toBe(1);
    expect(patient[0]!.hot.items[0]!.link).toBeNull();
  });

  it('sends at the hour in the time zone: 8 in New York is 13:00 UTC in winter', async () => {
    const store = await kind.open();
    const ws = await seededWorkspace(store);
    const mail = await addChannel(store, ws, 'email', 'mail');
    await setDigestSettings(
      store,
      ws,
      { channelIds: [mail.id], hour: 8, timeZone: 'America/New_York', waitingHours: 24 },
      ago(100),
    );
    let now = Date.parse('2026-03-02T12:59:00Z');
    const digests = scheduler(store, () => now);
    expect((await digests.checkNow()).sent).toBe(0);
    expect(await digestsIn(store, ws, mail)).toEqual([]);
    now = Date.parse('2026-03-02T13:00:00Z');
    expect((await digests.checkNow()).sent).toBe(2);
    const sent = await digestsIn(store, ws, mail);
    expect(sent.map((d) => [d.owner, d.day])).toEqual([
      [ANN, '2026-03-02'],
      [BOB, '2026-03-02'],
    ]);
    expect(sent[0]!.data).toMatchObject({
      to: ANN,
      timeZone: 'America/New_York',
      waitingHours: 24,
      link: `${URL}/my-leads`,
    });
    // 03:30 UTC the next morning is still the 2nd in New York: nothing more.
    now = Date.parse('2026-03-03T03:30:00Z');
    expect((await scheduler(store, () => now).checkNow()).sent).toBe(0);

    // The same hour in UTC came five hours earlier.
    await setDigestSettings(
      store,
      ws,
      { channelIds: [mail.id], hour: 8, timeZone: 'UTC', waitingHours: 24 },
      ago(100),
    );
    now = Date.parse('2026-03-03T07:59:00Z');
    expect((await scheduler(store, () => now).checkNow()).sent).toBe(0);
    now = Date.parse('2026-03-03T08:00:00Z');
    expect((await scheduler(store, () => now).checkNow()).sent).toBeGreaterThan(0);
    expect((await digestsIn(store, ws, mail)).filter((d) => d.day === '2026-03-03')).not.toEqual(
      [],
    );
  });

  it('sends once per owner and day with two servers at once, again the next day', async () => {
    const shared = await kind.openShared();
    const ws = await seededWorkspace(shared.store);
    const mail = await addChannel(shared.store, ws, 'email', 'mail');
    const slack = await addChannel(shared.store, ws, 'slack', 'team');
    const crm = await addChannel(shared.store, ws, 'hubspot', 'crm');
    await setDigestSettings(
      shared.store,
      ws,
      { channelIds: [mail.id, slack.id], hour: 8, timeZone: 'UTC', waitingHours: 24 },
      ago(100),
    );
    // Down at 08:00: the first round after it sends.
    let now = NOW;
    const servers = [shared.store, shared.another()].map((store) => scheduler(store, () => now));
    const rounds = await together([1, 2, 3].flatMap(() => servers.map((s) => () => s.checkNow())));
    expect(rounds.reduce((n, r) => n + r.sent, 0)).toBe(2);
    // A server started later the same day (nothing remembered) sends nothing more either.
    expect((await scheduler(shared.another(), () => now).checkNow()).sent).toBe(0);
    for (const channel of [mail, slack])
      expect((await digestsIn(shared.store, ws, channel)).map((d) => d.owner)).toEqual([ANN, BOB]);
    expect(await digestsIn(shared.store, ws, crm)).toEqual([]);
    // Carol had nothing to say: no digest, and no claim of her day.
    const claims = await shared.query('SELECT owner, day FROM digest_sends ORDER BY owner');
    expect(claims).toEqual([
      { owner: ANN, day: '2026-03-02' },
      { owner: BOB, day: '2026-03-02' },
    ]);

    // The next day both servers run their rounds again: each owner gets the new day's once.
    now = NOW + 24 * HOUR;
    const next = await together(servers.map((s) => () => s.checkNow()));
    expect(next.reduce((n, r) => n + r.sent, 0)).toBe(2);
    const days = (await digestsIn(shared.store, ws, mail)).map((d) => `${d.day} ${d.owner}`);
    expect(days).toEqual([
      `2026-03-02 ${ANN}`,
      `2026-03-02 ${BOB}`,
      `2026-03-03 ${ANN}`,
      `2026-03-03 ${BOB}`,
    ]);
  });

  it('runs its rounds on a timer once started, until stopped', async () => {
    const store = await kind.open();
    const ws = await seededWorkspace(store);
    const mail = await addChannel(store, ws, 'email', 'mail');
    const sent: number[] = [];
    const digests = new DigestScheduler({
      store,
      models: new ActiveModels(),
      defaults: { hour: 8 },
      publicUrl: () => undefined,
      clock: () => NOW,
      intervalMs: 5,
      onSend: (r) => sent.push(r.sent),
    });
    digests.start();
    await expect.poll(() => sent).toEqual([2]);
    await digests.stop();
    // Unset settings: the default hour, every e-mail channel, no links without a public URL.
    const found = await digestsIn(store, ws, mail);
    expect(found.map((d) => d.owner)).toEqual([ANN, BOB]);
    expect(found[0]!.data.link).toBeNull();
  });

  it('is off when the hour is null, whether set so or by default', async () => {
    const store = await kind.open();
    const ws = await seededWorkspace(store);
    const mail = await addChannel(store, ws, 'email', 'mail');
    const late = () => Date.parse('2026-03-02T23:00:00Z');
    expect((await scheduler(store, late, null).checkNow()).sent).toBe(0);
    await setDigestSettings(
      store,
      ws,
      { channelIds: [mail.id], hour: null, timeZone: 'UTC', waitingHours: 24 },
      ago(100),
    );
    // Set off in the workspace, whatever LEADSCORE_DIGEST_HOUR says.
    expect((await scheduler(store, late, 8).checkNow()).sent).toBe(0);
    expect(await digestsIn(store, ws, mail)).toEqual([]);
  });
});
