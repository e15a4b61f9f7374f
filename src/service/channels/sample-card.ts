// The made-up lead a test send shows, so that a channel can be tried before any lead qualifies.
import type { LeadCard } from './message-data.js';

export function sampleCard(now: number): LeadCard {
  return {
    id: 'sample-lead',
    name: 'Ada Lovelace (sample)',
    email: 'ada@example.com',
    company: 'Analytical Engines Ltd',
    title: 'Head of Engineering',
    score: 87,
    grade: 'A',
    segment: 'sales-ready',
    segmentLabel: 'Sales ready',
    stage: 'bofu',
    owner: null,
    topContributions: [
      { label: 'Requested a demo', points: 40 },
      { label: 'Senior title', points: 20 },
      { label: 'Visited pricing', points: 12 },
    ],
    recent: [{ event: 'Demo Requested', at: now - 3_600_000, points: 40 }],
    link: null,
  };
}
