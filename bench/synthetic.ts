// Seeded, deterministic generator of synthetic leads (CSV) and Segment track events, streamed to disk.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export interface DatasetOptions {
  leads: number;
  /** Event lines to write, retries included (about 1% repeat an earlier line's messageId). */
  events: number;
  seed: number;
  /** Events fall in the `days` days before this instant. */
  start: Date;
  days: number;
  leadsPath: string;
  eventsPath: string;
  eventsFormat: 'ndjson' | 'csv';
  onProgress?: (done: number, total: number) => void;
}

export interface DatasetSizes {
  leadsBytes: number;
  eventsBytes: number;
}

export const LEADS_HEADER =
  'id,email,first_name,last_name,title,country,purchases,company.name,company.industry,company.employees';
export const EVENTS_CSV_HEADER =
  'lead_id,event,timestamp,message_id,properties.type,properties.path,properties.campaign,properties.name';

const RETRY_RATE = 0.01;
const RETRY_WINDOW = 1024;
const INACTIVE_LEADS = 0.25;
const MAX_ACTIVITY = 1000;
const CHUNK_CHARS = 1 << 20;
const DAY_MS = 86_400_000;

type Rng = () => number;

/**
 * sfc32 seeded through splitmix32. Math.random cannot be seeded, and a generator written here
 * keeps the byte stream identical across Node versions and dependency updates; sfc32 rather than
 * mulberry32 because its 128-bit state keeps tens of millions of draws far from any short cycle.
 */
function createRng(seed: number, stream: number): Rng {
  let s = (seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9) ^ (Math.floor(seed / 2 ** 32) | 0);
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

/** A weighted choice over a short list: linear scan of cumulative weights. */
function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = entries.map(
    (
      (acc) =>
      ([, w]) =>
        (acc += w / total)
    )(0),
  );
  return (rng) => {
    const u = rng();
    for (let i = 0; i < cumulative.length; i++) {
      if (u < (cumulative[i] as number)) return (entries[i] as readonly [T, number])[0];
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  };
}

/** Values are quoted only when CSV needs it; all generated text goes through here once, at load. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const person = (names: string): readonly { csv: string; slug: string }[] =>
  names.split('|').map((name) => ({ csv: csvField(name), slug: slug(name) }));

const FIRST_NAMES = person(
  'Ada|Ben|Chloé|Dev|Eve|Finn|Grace|Hugo|Isla|Jonas|Kavya|Liam|Maya|Noah|Olivia|Priya|Quinn|Rafael|' +
    'Sofia|Tom|Uma|Victor|Wei|Xavier|Yuki|Zoë|José|Søren|Jürgen|François|Aarav|Ana|Lucas|Emma|Mohammed|' +
    'Fatima|Lars|Ingrid|Pieter|Sanne|Oliver|Charlotte|James|Mia|Arjun|Camila|Mateus|Hannah|Lukas|Elif',
);
const LAST_NAMES = person(
  "Smith|Johnson|Lee|Brown|García-López|Müller|Schmidt|Dubois|Martin|O'Brien|Nguyen|Patel|Sharma|" +
    'Kowalski|van der Berg|de Vries|Jansen|Andersson|Johansson|Nilsson|Rossi|Silva|Santos|Oliveira|' +
    'Williams|Taylor|Wilson|Tremblay|Roy|Kim|Chen|Wang|Tanaka|Singh|Kumar|Fischer|Weber|Bernard|Moreau|Costa',
);
const COMPANY_STEMS = person(
  'Acme|Globex|Initech|Umbrella|Hooli|Stark|Wayne|Wonka|Tyrell|Cyberdyne|Soylent|Vandelay|Aperture|' +
    'Pied Piper|Dunder Mifflin|Northwind|Contoso|Fabrikam|Bluth|Prestige|Monarch|Oscorp|Gringotts|' +
    'Nakatomi|Sirius|Vehement|Massive Dynamic|Blue Sun|Krusty|Lunar Works|Nordlys|Tannhauser|Zenith|' +
    'Quantum Leaf|Brightline|Copperfield|Evergreen|Helios|Ironbark|Juniper',
);

interface Country {
  code: string;
  tld: string;
  suffixes: readonly string[];
}
const country = (code: string, tld: string, suffixes: string): Country => ({
  code,
  tld,
  suffixes: suffixes.split('|'),
});
const pickCountry = weighted<Country>([
  [country('US', 'com', ' Inc.|, Inc.| LLC| Corp.| Labs'), 30],
  [country('CA', 'ca', ' Inc.| Ltd.| Corp.'), 5],
  [country('GB', 'co.uk', ' Ltd| plc| Group'), 8],
  [country('DE', 'de', ' GmbH| AG| GmbH & Co. KG'), 7],
  [country('FR', 'fr', ' SAS| SA| Group'), 5],
  [country('NL', 'nl', ' B.V.| N.V.'), 3],
  [country('SE', 'se', ' AB| Group'), 2],
  [country('AU', 'com.au', ' Pty Ltd| Group'), 3],
  [country('IN', 'in', ' Pvt. Ltd.| Technologies| Solutions'), 10],
  [country('BR', 'com.br', ' Ltda.| S.A.'), 6],
  [country('ES', 'es', ' S.L.| S.A.'), 3],
  [country('JP', 'jp', ' K.K.| Co., Ltd.'), 3],
  [country('MX', 'mx', ' S.A. de C.V.'), 2],
  [country('SG', 'sg', ' Pte. Ltd.'), 2],
  [country('PL', 'pl', ' Sp. z o.o.'), 2],
  [country('', 'com', ' Inc.| Ltd'), 3],
]);

const STUDENT_TITLES = new Set(['Student', 'Graduate Student', 'PhD Student', 'Intern']);
const pickTitle = weighted<string>([
  ['Student', 4],
  ['Graduate Student', 2],
  ['PhD Student', 1],
  ['Intern', 2],
  ['Marketing Coordinator', 6],
  ['Marketing Specialist', 6],
  ['Software Engineer', 8],
  ['Data Analyst', 5],
  ['Account Executive', 5],
  ['Consultant', 4],
  ['Marketing Manager', 7],
  ['Senior Marketing Manager', 4],
  ['Product Manager', 5],
  ['Sales Manager', 4],
  ['Marketing Operations Manager', 3],
  ['Director of Marketing', 3],
  ['Director, Marketing Operations', 2],
  ['Head of Growth', 2],
  ['Head of Demand Generation', 1],
  ['VP Sales', 2],
  ['VP of Marketing', 2],
  ['Vice President, Operations', 1],
  ['Chief Marketing Officer', 1],
  ['CMO', 1],
  ['CEO', 2],
  ['COO', 1],
  ['CTO', 1],
  ['Founder', 2],
  ['', 5],
]);
const pickIndustry = weighted<string>([
  ['software', 20],
  ['saas', 15],
  ['fintech', 8],
  ['retail', 10],
  ['healthcare', 8],
  ['education', 6],
  ['marketing-automation', 3],
  ['manufacturing', 8],
  ['consulting', 7],
  ['media', 5],
  ['logistics', 5],
  ['', 5],
]);
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com'];
const UNIVERSITIES = ['stanford.edu', 'mit.edu', 'umich.edu', 'berkeley.edu', 'nyu.edu', 'asu.edu'];

function leadRow(rng: Rng, id: string): string {
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const title = pickTitle(rng);
  const student = STUDENT_TITLES.has(title);
  const place = pickCountry(rng);
  const stem = pick(rng, COMPANY_STEMS);
  const company = csvField(stem.csv + pick(rng, place.suffixes));
  const industry = student && rng() < 0.6 ? 'education' : pickIndustry(rng);
  const u = rng();
  const domain =
    student && u < 0.7
      ? pick(rng, UNIVERSITIES)
      : u < 0.8
        ? `${stem.slug}.${place.tld}`
        : pick(rng, FREE_MAIL);
  const local =
    u < 0.3 ? `${first.slug}.${last.slug}` : u < 0.6 ? first.slug[0] + last.slug : first.slug;
  const email = rng() < 0.02 ? '' : `${local}${u >= 0.8 ? Math.floor(rng() * 100) : ''}@${domain}`;
  const p = rng();
  const purchases = p < 0.8 ? '0' : p < 0.9 ? '' : String(1 + Math.floor(rng() * 5));
  // Skewed towards small firms: log-uniform over 1..20000 with the exponent favouring the low end.
  const employees =
    rng() < 0.05 ? '' : String(Math.round(Math.exp(Math.pow(rng(), 1.25) * Math.log(20_000))));
  return `${id},${email},${first.csv},${last.csv},${csvField(title)},${place.code},${purchases},${company},${industry},${employees}\n`;
}

/** One event's properties, prepared once in both output forms. */
interface Variant {
  json: string;
  csv: string;
}
type Props = { type?: string; path?: string; campaign?: string; name?: string };
const variant = (props: Props): Variant => ({
  json: JSON.stringify(props),
  csv: [props.type, props.path, props.campaign, props.name].map((v) => csvField(v ?? '')).join(','),
});
const CAMPAIGNS =
  'spring-launch|newsletter-2026-03|newsletter-2026-04|newsletter-2026-05|nurture-1|nurture-2|nurture-3|product-update|webinar-invite|event-follow-up'.split(
    '|',
  );
const BLOG_POSTS =
  'lead-scoring-101|mql-vs-sql|intent-data|abm-playbook|email-benchmarks|pricing-pages|crm-hygiene|churn-signals'.split(
    '|',
  );
const PATHS = [
  '/',
  '/pricing',
  '/pricing',
  '/pricing/enterprise',
  '/features',
  '/customers',
  '/integrations',
  '/docs',
  '/docs/getting-started',
  '/careers',
  ...BLOG_POSTS.map((post) => `/blog/${post}`),
];
const ASSETS = ['State of B2B 2026', 'Scoring Playbook', 'ROI Calculator Guide', 'Acme Story'];
const WEBINARS = ['Scoring That Sales Trusts', 'Pipeline Review Live', 'Q2 Product Tour'];

const byCampaign = (extra: Props = {}): Variant[] =>
  CAMPAIGNS.map((campaign) => variant({ ...extra, campaign }));
const EVENT_KINDS: readonly (readonly [{ name: string; variants: Variant[] }, number])[] = [
  [{ name: 'Email Opened', variants: byCampaign() }, 32],
  [{ name: 'Page Viewed', variants: PATHS.map((path) => variant({ path })) }, 28],
  [{ name: 'Email Link Clicked', variants: byCampaign() }, 10],
  [
    {
      name: 'Asset Downloaded',
      variants: ['whitepaper', 'whitepaper', 'case-study', 'ebook', 'datasheet'].flatMap((type) =>
        ASSETS.map((name) => variant({ type, name })),
      ),
    },
    7,
  ],
  [{ name: 'Video Played', variants: PATHS.slice(0, 6).map((path) => variant({ path })) }, 4],
  [{ name: 'Webinar Registered', variants: WEBINARS.map((name) => variant({ name })) }, 3],
  [{ name: 'Online Event Attended', variants: WEBINARS.map((name) => variant({ name })) }, 2],
  [{ name: 'Signed Up', variants: ['free', 'trial'].map((type) => variant({ type })) }, 2],
  [
    { name: 'Form Submitted', variants: ['/contact', '/demo'].map((path) => variant({ path })) },
    1.5,
  ],
  [
    { name: 'Survey Completed', variants: ['nps', 'onboarding'].map((name) => variant({ name })) },
    1.5,
  ],
  [
    { name: 'Demo Requested', variants: ['/pricing', '/demo'].map((path) => variant({ path })) },
    0.5,
  ],
  [{ name: 'Unsubscribed', variants: byCampaign() }, 0.5],
  [{ name: 'Email Bounced', variants: byCampaign({ type: 'hard' }) }, 0.5],
];
const pickKind = weighted(
  EVENT_KINDS.map(([kind, w]) => [{ ...kind, json: JSON.stringify(kind.name) }, w] as const),
);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (x: number): string =>
  (HEX[x >>> 24] as string) + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
const uint32 = (rng: Rng): number => (rng() * 4294967296) >>> 0;

/** A UUID-shaped id: random in front, the line number behind, so ids never collide by chance. */
function messageId(rng: Rng, seq: number): string {
  const random = hex8(uint32(rng)) + hex8(uint32(rng));
  const line = hex8(Math.floor(seq / 4294967296)).slice(4) + hex8(seq >>> 0);
  return `${random.slice(0, 8)}-${random.slice(8, 12)}-4${random.slice(13)}-8000-${line}`;
}

const pickOffset = weighted<number>([
  [0, 70],
  [120, 8],
  [60, 6],
  [-300, 7],
  [-480, 4],
  [330, 3],
  [600, 2],
]);
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const offsetText = (minutes: number): string =>
  minutes === 0
    ? 'Z'
    : `${minutes < 0 ? '-' : '+'}${PAD2[Math.floor(Math.abs(minutes) / 60)]}:${PAD2[Math.abs(minutes) % 60]}`;

/** ISO-8601 text for an instant in a given UTC offset; dates come from a table, not from Date. */
function timeFormatter(fromMs: number, toMs: number): (utcMs: number, offset: number) => string {
  const firstDay = Math.floor(fromMs / DAY_MS) - 1;
  const dates = Array.from({ length: Math.ceil(toMs / DAY_MS) - firstDay + 2 }, (_, i) =>
    new Date((firstDay + i) * DAY_MS).toISOString().slice(0, 11),
  );
  const offsets = new Map<number, string>();
  return (utcMs, offset) => {
    let suffix = offsets.get(offset);
    if (suffix === undefined) offsets.set(offset, (suffix = offsetText(offset)));
    const local = utcMs + offset * 60_000;
    const day = Math.floor(local / DAY_MS);
    let ms = local - day * DAY_MS;
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const sec = Math.floor(ms / 1000);
    return `${dates[day - firstDay]}${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[ms - sec * 1000]}${suffix}`;
  };
}

/**
 * Cumulative activity per lead: a quarter of leads never act, the rest follow a capped Pareto
 * law, so most leads have a handful of events and a few have thousands, whatever the size.
 */
function activityTable(rng: Rng, leads: number): Float64Array {
  const cumulative = new Float64Array(leads);
  let total = 0;
  for (let i = 0; i < leads; i++) {
    const u = rng();
    if (u >= INACTIVE_LEADS) total += Math.min(MAX_ACTIVITY, Math.pow(1 - rng(), -1 / 1.16));
    cumulative[i] = total;
  }
  if (total === 0 && leads > 0) cumulative.fill(1);
  return cumulative;
}

/** The first lead whose cumulative activity exceeds a uniform point on the whole. */
function pickLead(cumulative: Float64Array, u: number): number {
  const target = u * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Text buffered into large chunks and written with backpressure. */
class Sink {
  private buffer = '';
  private failure: Error | undefined;
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => (this.failure = error));
  }

  /** Appends text; true when the buffer is full and should be flushed. */
  add(text: string): boolean {
    this.buffer += text;
    return this.buffer.length >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const drained = this.stream.write(this.buffer);
    this.buffer = '';
    if (!drained) await once(this.stream, 'drain');
  }

  /** Flushes, closes and returns the bytes written. */
  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    return this.stream.bytesWritten;
  }
}

function checkOptions(o: DatasetOptions): void {
  for (const key of ['leads', 'events', 'seed'] as const) {
    if (!Number.isSafeInteger(o[key]) || o[key] < 0) {
      throw new RangeError(`${key}: expected a non-negative integer, got ${o[key]}`);
    }
  }
  if (o.events > 0 && o.leads === 0) throw new RangeError('events: need at least one lead');
  if (!(o.days > 0)) throw new RangeError(`days: expected a positive number, got ${o.days}`);
  if (Number.isNaN(o.start.getTime())) throw new RangeError('start: invalid date');
}

/** Writes `leads` lead rows and `events` event lines; the same options give the same bytes. */
export async function generateDataset(o: DatasetOptions): Promise<DatasetSizes> {
  checkOptions(o);
  const total = o.leads + o.events;
  const report = (done: number): void => o.onProgress?.(done, total);
  const width = Math.max(7, String(o.leads).length);
  const leadId = (i: number): string => `L${String(i + 1).padStart(width, '0')}`;

  const leadRng = createRng(o.seed, 0);
  const leadSink = new Sink(o.leadsPath);
  leadSink.add(`${LEADS_HEADER}\n`);
  for (let i = 0; i < o.leads; i++) {
    if (leadSink.add(leadRow(leadRng, leadId(i)))) {
      await leadSink.flush();
      report(i + 1);
    }
  }
  const leadsBytes = await leadSink.close();
  report(o.leads);

  const cumulative = activityTable(createRng(o.seed, 1), o.leads);
  const rng = createRng(o.seed, 2);
  const endMs = o.start.getTime();
  const spanMs = Math.round(o.days * DAY_MS);
  const timestamp = timeFormatter(endMs - spanMs, endMs);
  const csv = o.eventsFormat === 'csv';
  const recent: string[] = [];
  const eventSink = new Sink(o.eventsPath);
  if (csv) eventSink.add(`${EVENTS_CSV_HEADER}\n`);
  for (let seq = 0; seq < o.events; seq++) {
    let line: string;
    if (recent.length > 0 && rng() < RETRY_RATE) {
      line = recent[Math.floor(rng() * recent.length)] as string;
    } else {
      const lead = leadId(pickLead(cumulative, rng()));
      const kind = pickKind(rng);
      const props = pick(rng, kind.variants);
      const time = timestamp(endMs - spanMs + Math.floor(rng() * spanMs), pickOffset(rng));
      const id = messageId(rng, seq);
      line = csv
        ? `${lead},${kind.name},${time},${id},${props.csv}\n`
        : `{"type":"track","messageId":"${id}","userId":"${lead}","event":${kind.json},"properties":${props.json},"timestamp":"${time}"}\n`;
      if (recent.length < RETRY_WINDOW) recent.push(line);
      else recent[seq % RETRY_WINDOW] = line;
    }
    if (eventSink.add(line)) {
      await eventSink.flush();
      report(o.leads + seq + 1);
    }
  }
  const eventsBytes = await eventSink.close();
  report(total);
  return { leadsBytes, eventsBytes };
}
