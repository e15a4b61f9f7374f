// One demo lead's six months of events, drawn week by week from its latent fit and interest at
// realistic rates: e-mails sent a few times a week and opened more when interested (until an
// unsubscribe; a dead address bounces instead, whatever the interest), site visits, content,
// webinars, and demo requests and pricing visits mostly from interested, well-fitting leads.
import type { JsonObject, NewEvent } from '../../store/port.js';
import { normal, sigmoid, type Latent } from './demo-latent.js';
import { pick, type Rng } from './synthetic-random.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** E-mails the company sends a subscribed lead each week (newsletter, nurture, invitations). */
const SENDS_PER_WEEK = 2;
const CAMPAIGNS = (
  'newsletter-2026-03|newsletter-2026-04|newsletter-2026-05|nurture-1|nurture-2|nurture-3|' +
  'product-update|webinar-invite|event-follow-up'
).split('|');
const PAGES = ['/', '/features', '/customers', '/integrations', '/docs', '/docs/getting-started'];
const BLOG = 'lead-scoring-101|mql-vs-sql|intent-data|abm-playbook|email-benchmarks'.split('|');
const OTHER_PAGES = [...PAGES, ...BLOG.map((post) => `/blog/${post}`), '/careers'];
const PRICING = ['/pricing', '/pricing', '/pricing/enterprise'];
const ASSETS = ['State of B2B 2026', 'Scoring Playbook', 'ROI Calculator Guide', 'Acme Story'];
const ASSET_TYPES = ['whitepaper', 'whitepaper', 'case-study', 'ebook', 'datasheet'];
const WEBINARS = ['Scoring That Sales Trusts', 'Pipeline Review Live', 'Q2 Product Tour'];

/** A Poisson draw (Knuth: the rates here are small). */
function poisson(rng: Rng, lambda: number): number {
  const limit = Math.exp(-Math.min(lambda, 60));
  let k = 0;
  let p = rng();
  while (p > limit) {
    k++;
    p *= rng();
  }
  return k;
}

export interface JourneyOptions {
  leadId: string;
  /** The period's first instant; week w starts at `from + w * WEEK`. */
  from: number;
  /** The end of the period (events never reach it). */
  to: number;
  /** Scales every rate: 1 gives the demo's own volume. */
  scale: number;
}

/** The lead's events in time order, as the store keeps Segment track calls. */
export function journeyEvents(
  latent: Latent,
  o: JourneyOptions,
  rng: Rng,
  toEvent: (message: JsonObject) => NewEvent | undefined,
): NewEvent[] {
  const messages: { time: number; event: string; properties: JsonObject }[] = [];
  let seq = 0;
  const at = (week: number): number => o.from + (week + rng()) * WEEK;
  const emit = (time: number, event: string, properties: JsonObject) => {
    if (time < o.to) messages.push({ time, event, properties });
  };
  const { fit, interest } = latent;
  let subscribed = true;
  let bounces = latent.badAddress ? 1 + Math.floor(rng() * 3) : 0;
  let demoRequested = false;
  let signedUp = false;
  const s = o.scale;
  for (let w = latent.startWeek; w < interest.length; w++) {
    const x = interest[w] as number;
    // E-mail: a dead address bounces a few sends, then the list suppresses it.
    if (subscribed && bounces > 0) {
      emit(at(w), 'Email Bounced', { campaign: pick(rng, CAMPAIGNS), type: 'hard' });
      if (--bounces === 0) subscribed = false;
    } else if (subscribed && !latent.badAddress) {
      const sends = poisson(rng, SENDS_PER_WEEK * s);
      for (let i = 0; i < sends; i++) {
        if (rng() >= sigmoid(-0.6 + 0.9 * x)) continue;
        const campaign = pick(rng, CAMPAIGNS);
        const opened = at(w);
        emit(opened, 'Email Opened', { campaign });
        if (rng() < sigmoid(-1.7 + 0.8 * x))
          emit(opened + rng() * 600_000, 'Email Link Clicked', { campaign });
      }
      // Unsubscribing is what the bored do (and students, who never meant to sign up).
      if (rng() < sigmoid(-5.6 - 0.9 * x + (latent.student ? 1 : 0))) {
        emit(at(w), 'Unsubscribed', { campaign: pick(rng, CAMPAIGNS) });
        subscribed = false;
      }
    }
    // The web site: pricing pages draw the interested and well-fitting.
    const views = poisson(rng, s * Math.exp(-0.3 + 0.9 * x));
    const pricingShare = sigmoid(-2.6 + 0.7 * x + 0.6 * fit);
    for (let i = 0; i < views; i++) {
      const path = rng() < pricingShare ? pick(rng, PRICING) : pick(rng, OTHER_PAGES);
      emit(at(w), 'Page Viewed', { path });
    }
    for (let i = poisson(rng, s * Math.exp(-3.2 + 0.7 * x)); i > 0; i--)
      emit(at(w), 'Video Played', { path: pick(rng, PAGES) });
    for (let i = poisson(rng, s * Math.exp(-3.0 + 0.8 * x)); i > 0; i--)
      emit(at(w), 'Asset Downloaded', { type: pick(rng, ASSET_TYPES), name: pick(rng, ASSETS) });
    for (let i = poisson(rng, s * Math.exp(-3.9 + 0.7 * x + 0.2 * fit)); i > 0; i--) {
      const name = pick(rng, WEBINARS);
      const registered = at(w);
      emit(registered, 'Webinar Registered', { name });
      if (rng() < sigmoid(-0.4 + 0.5 * x))
        emit(registered + (2 + 5 * rng()) * DAY, 'Online Event Attended', { name });
    }
    if (rng() < s * Math.exp(-4.8 + 0.8 * x)) emit(at(w), 'Form Submitted', { path: '/contact' });
    if (rng() < s * 0.008)
      emit(at(w), 'Survey Completed', { name: pick(rng, ['nps', 'onboarding']) });
    if (!signedUp && rng() < sigmoid(-5.6 + 0.8 * x + 0.3 * fit)) {
      signedUp = true;
      emit(at(w), 'Signed Up', { type: rng() < 0.5 ? 'free' : 'trial' });
    }
    // A demo request: the interested buyer's move, seldom twice.
    const demoOdds = -6.2 + 1.2 * x + 1.0 * fit + (demoRequested ? -1.5 : 0) + normal(rng) * 0.3;
    if (!latent.nonBuyer && rng() < sigmoid(demoOdds)) {
      demoRequested = true;
      emit(at(w), 'Demo Requested', { path: rng() < 0.6 ? '/demo' : '/pricing' });
    }
  }
  messages.sort((a, b) => a.time - b.time);
  const events: NewEvent[] = [];
  for (const m of messages) {
    const stored = toEvent({
      type: 'track',
      messageId: `${o.leadId}-${(seq++).toString(36)}`,
      userId: o.leadId,
      event: m.event,
      properties: m.properties,
      timestamp: new Date(Math.floor(m.time)).toISOString(),
    });
    if (stored) events.push(stored);
  }
  return events;
}
