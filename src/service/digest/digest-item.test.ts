import { describe, expect, it } from 'vitest';
import type { DigestLead } from '../../store/port.js';
import { digestItem, leadLink, myLeadsLink } from './digest-item.js';

const lead = (fields: Partial<DigestLead> = {}): DigestLead => ({
  owner: 'ann@example.com',
  leadId: 'u 1',
  at: 5,
  traits: {},
  companyTraits: null,
  score: 61.5,
  grade: 'A',
  segment: 'hot',
  ...fields,
});

describe('digestItem', () => {
  it('names the lead and its company as the lead list does, and links to its page', () => {
    expect(
      digestItem(
        lead({ traits: { first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical' } }),
        'https://scores.example.com/',
      ),
    ).toEqual({
      id: 'u 1',
      name: 'Ada Lovelace',
      company: 'Analytical',
      score: 61.5,
      grade: 'A',
      segment: 'hot',
      since: 5,
      link: 'https://scores.example.com/leads/u%201',
    });
  });

  it('prefers the name trait, falls back to the linked company, and has no link without a URL', () => {
    const item = digestItem(
      lead({ traits: { name: 'Grace', first_name: 'G' }, companyTraits: { name: 'Navy' } }),
      undefined,
    );
    expect([item.name, item.company, item.link]).toEqual(['Grace', 'Navy', null]);
    const bare = digestItem(lead({ traits: { company: { name: ' ' } }, score: null }), undefined);
    expect([bare.name, bare.company, bare.score]).toEqual([null, null, 0]);
  });
});

describe('links', () => {
  it('point into the dashboard when there is a public URL', () => {
    expect(myLeadsLink('https://x.example/app')).toBe('https://x.example/app/my-leads');
    expect(myLeadsLink(undefined)).toBeNull();
    expect(leadLink('https://x.example', 'a/b')).toBe('https://x.example/leads/a%2Fb');
  });
});
