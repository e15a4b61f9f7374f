// Vocabulary of the synthetic data: lead rows (names, titles, companies), event names and properties.
import { pick, weighted, weightedList, type Rng } from './synthetic-random.js';

export const LEADS_HEADER =
  'id,email,first_name,last_name,title,country,purchases,company.name,company.industry,company.employees';
export const EVENTS_CSV_HEADER =
  'lead_id,event,timestamp,message_id,properties.type,properties.path,properties.campaign,properties.name';

/** Values are quoted only when CSV needs it (titles and company names may hold commas). */
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

const person = (names: string): readonly { name: string; slug: string }[] =>
  names.split('|').map((name) => ({ name, slug: slug(name) }));

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
const pickTitle = weightedList(
  'Student:4|Graduate Student:2|PhD Student:1|Intern:2|Marketing Coordinator:6|' +
    'Marketing Specialist:6|Software Engineer:8|Data Analyst:5|Account Executive:5|' +
    'Consultant:4|Marketing Manager:7|Senior Marketing Manager:4|Product Manager:5|' +
    'Sales Manager:4|Marketing Operations Manager:3|Director of Marketing:3|' +
    'Director, Marketing Operations:2|Head of Growth:2|Head of Demand Generation:1|' +
    'VP Sales:2|VP of Marketing:2|Vice President, Operations:1|Chief Marketing Officer:1|' +
    'CMO:1|CEO:2|COO:1|CTO:1|Founder:2|:5',
);
const pickIndustry = weightedList(
  'software:20|saas:15|fintech:8|retail:10|healthcare:8|education:6|' +
    'marketing-automation:3|manufacturing:8|consulting:7|media:5|logistics:5|:5',
);
const FREE_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com'];
const UNIVERSITIES = ['stanford.edu', 'mit.edu', 'umich.edu', 'berkeley.edu', 'nyu.edu', 'asu.edu'];

/** One synthetic lead's columns, in LEADS_HEADER order ('' where it has no value). */
export function leadFields(rng: Rng, id: string): string[] {
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const title = pickTitle(rng);
  const student = STUDENT_TITLES.has(title);
  const place = pickCountry(rng);
  const stem = pick(rng, COMPANY_STEMS);
  const company = stem.name + pick(rng, place.suffixes);
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
  const fields = [id, email, first.name, last.name, title, place.code, purchases, company];
  return [...fields, industry, employees];
}

export function leadRow(rng: Rng, id: string): string {
  return `${leadFields(rng, id).map(csvField).join(',')}\n`;
}

type Props = { type?: string; path?: string; campaign?: string; name?: string };
const CAMPAIGNS = (
  'spring-launch|newsletter-2026-03|newsletter-2026-04|newsletter-2026-05|nurture-1|nurture-2|' +
  'nurture-3|product-update|webinar-invite|event-follow-up'
).split('|');
const BLOG_POSTS =
  'lead-scoring-101|mql-vs-sql|intent-data|abm-playbook|email-benchmarks|crm-hygiene'.split('|');
const PATHS = [
  ...['/', '/pricing', '/pricing', '/pricing/enterprise', '/features', '/customers'],
  ...['/integrations', '/docs', '/docs/getting-started', '/careers'],
  ...BLOG_POSTS.map((post) => `/blog/${post}`),
];
const ASSETS = ['State of B2B 2026', 'Scoring Playbook', 'ROI Calculator Guide', 'Acme Story'];
const WEBINARS = ['Scoring That Sales Trusts', 'Pipeline Review Live', 'Q2 Product Tour'];
const ASSET_TYPES = ['whitepaper', 'whitepaper', 'case-study', 'ebook', 'datasheet'];

const each = <K extends keyof Props>(key: K, values: readonly string[], extra: Props = {}) =>
  values.map((value): Props => ({ ...extra, [key]: value }));
/** Event names with their relative frequency and the properties they come with. */
const KINDS: readonly (readonly [string, number, readonly Props[]])[] = [
  ['Email Opened', 32, each('campaign', CAMPAIGNS)],
  ['Page Viewed', 28, each('path', PATHS)],
  ['Email Link Clicked', 10, each('campaign', CAMPAIGNS)],
  ['Asset Downloaded', 7, ASSET_TYPES.flatMap((type) => each('name', ASSETS, { type }))],
  ['Video Played', 4, each('path', PATHS.slice(0, 6))],
  ['Webinar Registered', 3, each('name', WEBINARS)],
  ['Online Event Attended', 2, each('name', WEBINARS)],
  ['Signed Up', 2, each('type', ['free', 'trial'])],
  ['Form Submitted', 1.5, each('path', ['/contact', '/demo'])],
  ['Survey Completed', 1.5, each('name', ['nps', 'onboarding'])],
  ['Demo Requested', 0.5, each('path', ['/pricing', '/demo'])],
  ['Unsubscribed', 0.5, each('campaign', CAMPAIGNS)],
  ['Email Bounced', 0.5, each('campaign', CAMPAIGNS, { type: 'hard' })],
];

/** The constant bytes of one event name with one set of properties, in both output forms. */
export interface Shape {
  /** From the end of the userId to the start of the timestamp. */
  json: Buffer;
  /** Between lead id and timestamp. */
  csvName: Buffer;
  /** After the messageId, to the end of the line. */
  csvProps: Buffer;
}
const shape = (name: string, props: Props): Shape => ({
  json: Buffer.from(
    `","event":${JSON.stringify(name)},"properties":${JSON.stringify(props)},"timestamp":"`,
  ),
  csvName: Buffer.from(`,${csvField(name)},`),
  csvProps: Buffer.from(
    `,${[props.type, props.path, props.campaign, props.name].map((v) => csvField(v ?? '')).join(',')}\n`,
  ),
});
export const pickShapes = weighted(
  KINDS.map(([name, weight, variants]) => [variants.map((p) => shape(name, p)), weight] as const),
);
