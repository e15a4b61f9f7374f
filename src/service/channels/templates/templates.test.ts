// The message templates: HTML escaped by Handlebars, Slack mrkdwn escaped by us, no prototype
// access, and a template that cannot compile or render says why.
import { describe, expect, it } from 'vitest';
import type { LeadCard } from '../message-data.js';
import { renderActionEmail } from './action-email.js';
import { renderActionSlack } from './action-slack.js';
import { renderDigestEmail } from './digest-email.js';
import { renderDigestSlack } from './digest-slack.js';
import { render, templateProblem } from './handlebars.js';

const card: LeadCard = {
  id: 'l/1',
  name: '<script>alert(1)</script>',
  email: 'x@example.com',
  company: 'A & B <Co>',
  title: null,
  score: 42.5,
  grade: 'A',
  segment: 'mql',
  segmentLabel: null,
  stage: 'mofu',
  owner: 'ann@acme.io',
  topContributions: [{ label: 'Demo <requested>', points: 40 }],
  recent: [{ event: 'Demo Requested', at: Date.UTC(2026, 3, 1, 8), points: 40 }],
  link: null,
};

describe('message templates', () => {
  it('escapes the lead in the HTML part, not in the text part, and links to the lead', () => {
    const mail = renderActionEmail({ to: ['a@b.c'], lead: card }, 'https://ls.example/');
    if (!mail.ok) throw new Error(mail.error);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('href="https://ls.example/leads/l%2F1"');
    expect(mail.text).toContain('<script>alert(1)</script> (A & B <Co>)');
    expect(mail.text).toContain('- Demo <requested>: +40');
    expect(mail.text).toContain('2026-04-01 08:00 UTC: Demo Requested +40');
    expect(mail.subject).toBe('<script>alert(1)</script> entered mql (42.5)');
  });

  it('uses the action subject and template, and says when one cannot render', () => {
    const mail = renderActionEmail(
      {
        to: ['a@b.c'],
        lead: card,
        subject: 'Call {{lead.company}}',
        template: '<b>{{lead.name}}</b>',
      },
      undefined,
    );
    expect(mail).toMatchObject({
      ok: true,
      subject: 'Call A & B <Co>',
      html: '<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>',
    });
    const broken = renderActionEmail(
      { to: ['a@b.c'], lead: card, template: '{{#each lead.score}}{{/each}}{{lookup}}' },
      undefined,
    );
    expect(broken.ok).toBe(false);
  });

  it('escapes &, < and > in Slack mrkdwn, and builds header, fields, contributions and button', () => {
    const slack = renderActionSlack(
      { lead: card, text: 'Hi {{lead.company}}' },
      'https://ls.example',
    );
    if (!slack.ok) throw new Error(slack.error);
    expect(slack.text).toBe('Hi A &amp; B &lt;Co&gt;');
    expect(slack.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'section',
      'actions',
    ]);
    expect(JSON.stringify(slack.blocks)).not.toContain('<Co>');
    expect(JSON.stringify(slack.blocks[3])).toContain('Demo &lt;requested&gt;: +40');
    expect(slack.blocks[5]).toMatchObject({
      elements: [{ type: 'button', url: 'https://ls.example/leads/l%2F1' }],
    });
  });

  it('refuses prototype access and names a syntax error', () => {
    expect(render('{{constructor.name}}|{{__proto__}}', { a: 1 }, 'text')).toEqual({
      ok: true,
      text: '|',
    });
    expect(templateProblem('{{#if lead.name}}open')).toMatch(/^not a valid template: /);
    expect(templateProblem('{{lead.name}}')).toBeNull();
    // Only the built-in helpers: an unknown one is an error at save, not at send.
    expect(templateProblem('{{shout lead.name}}')).toMatch(/unknown helper shout/);
  });

  it('renders the digest by e-mail and on Slack', () => {
    const item = {
      id: 'l1',
      name: 'Ann <A>',
      company: null,
      score: 50,
      grade: null,
      segment: 'mql',
      since: 0,
      link: null,
    };
    const digest = {
      owner: 'ann@acme.io',
      to: 'ann@acme.io',
      day: '2026-04-01',
      timeZone: 'UTC',
      handOvers: [item],
      hot: [],
      waiting: [],
      waitingHours: 24,
      link: null,
    };
    const mail = renderDigestEmail(digest, 'https://ls.example');
    expect(mail).toMatchObject({
      ok: true,
      subject: 'Your leads on 2026-04-01: 1 new, 0 hot, 0 waiting',
    });
    if (mail.ok)
      expect(mail.html).toContain('<a href="https://ls.example/leads/l1">Ann &lt;A&gt;</a>');
    const slack = renderDigestSlack(digest, 'https://ls.example');
    if (!slack.ok) throw new Error(slack.error);
    expect(JSON.stringify(slack.blocks)).toContain('<https://ls.example/leads/l1|Ann &lt;A&gt;>');
  });
});
