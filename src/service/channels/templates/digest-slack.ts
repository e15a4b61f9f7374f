// The daily digest on Slack: a header and one list per kind of lead, each lead linked.
import type { DigestMessage } from '../message-data.js';
import type { RenderedSlack } from './action-slack.js';
import { header, linkButton, section } from './block-kit.js';
import { digestView } from './digest-view.js';
import { render } from './handlebars.js';

const slackList = (key: string, title: string) => `{{#if ${key}.length}}*${title}*
{{#each ${key}}}
• {{#if link}}<{{link}}|{{displayName}}>{{else}}{{displayName}}{{/if}}{{#if company}} ({{company}}){{/if}}: {{score}}{{#if grade}} {{grade}}{{/if}}, since {{since}}
{{/each}}
{{/if}}`;

export const DIGEST_SLACK = `{{#if empty}}Nothing new today.
{{/if}}${slackList('handOvers', 'New hand-overs')}${slackList('hot', 'Got hot')}${slackList(
  'waiting',
  'Waiting for acceptance ({{waitingHours}} hours or more)',
)}`;

export function renderDigestSlack(
  message: DigestMessage,
  publicUrl: string | undefined,
): RenderedSlack {
  const data = digestView(message, publicUrl);
  const body = render(DIGEST_SLACK, data, 'mrkdwn');
  if (!body.ok) return body;
  const title = `Leads of ${message.owner} on ${message.day}`;
  const blocks = [header(title), section(body.text.trim())];
  if (data.link) blocks.push(linkButton('My leads', data.link));
  return { ok: true, text: title, blocks };
}
