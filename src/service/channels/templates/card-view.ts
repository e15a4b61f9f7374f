// What templates see of a lead's card: the card as stored, plus the words a message shows
// (a name to call the lead by, the segment's label, signed points, readable times) and its link.
import type { DigestItem, LeadCard } from '../message-data.js';

export interface CardView extends LeadCard {
  /** The name, else the e-mail address, else the id. */
  displayName: string;
  /** The segment's label, else its id. */
  segmentName: string;
  topContributions: (LeadCard['topContributions'][number] & { pointsText: string })[];
  recent: (LeadCard['recent'][number] & { when: string; pointsText: string })[];
}

/** The lead's page in the dashboard, when the server knows where the dashboard is. */
export function leadLink(publicUrl: string | undefined, id: string): string | null {
  if (!publicUrl) return null;
  return `${publicUrl.replace(/\/+$/, '')}/leads/${encodeURIComponent(id)}`;
}

export function cardView(card: LeadCard, publicUrl: string | undefined): CardView {
  return {
    ...card,
    link: card.link ?? leadLink(publicUrl, card.id),
    displayName: card.name ?? card.email ?? card.id,
    segmentName: card.segmentLabel ?? card.segment ?? '',
    topContributions: card.topContributions.map((c) => ({ ...c, pointsText: signed(c.points) })),
    recent: card.recent.map((e) => ({
      ...e,
      when: readableTime(e.at),
      pointsText: e.points === null ? '' : signed(e.points),
    })),
  };
}

export function itemView(item: DigestItem, publicUrl: string | undefined) {
  return {
    ...item,
    link: item.link ?? leadLink(publicUrl, item.id),
    displayName: item.name ?? item.id,
    since: readableTime(item.since),
  };
}

export function signed(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** `2026-04-01 08:00 UTC`: e-mail and Slack readers are anywhere, so the zone is named. */
export function readableTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
