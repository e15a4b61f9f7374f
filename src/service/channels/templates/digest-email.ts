// The daily digest by e-mail: one owner's new hand-overs, leads that got hot, and hand-overs
// waiting for acceptance.
import type { DigestMessage } from '../message-data.js';
import { oneLine, type RenderedEmail } from './action-email.js';
import { digestView } from './digest-view.js';
import { render } from './handlebars.js';

export const DIGEST_SUBJECT =
  'Your leads on {{day}}: {{handOvers.length}} new, {{hot.length}} hot, {{waiting.length}} waiting';

const htmlList = (key: string, title: string) => `{{#if ${key}.length}}<h3>${title}</h3>
<ul>{{#each ${key}}}<li>{{#if link}}<a href="{{link}}">{{displayName}}</a>{{else}}{{displayName}}{{/if}}{{#if company}} ({{company}}){{/if}}: {{score}}{{#if grade}} {{grade}}{{/if}}, since {{since}}</li>{{/each}}</ul>{{/if}}`;

export const DIGEST_HTML = `<div style="font-family: sans-serif">
<h2>Your leads on {{day}}</h2>
{{#if empty}}<p>Nothing new today.</p>{{/if}}
${htmlList('handOvers', 'New hand-overs')}
${htmlList('hot', 'Got hot')}
${htmlList('waiting', 'Waiting for acceptance ({{waitingHours}} hours or more)')}
{{#if link}}<p><a href="{{link}}">My leads</a></p>{{/if}}
</div>
`;

const textList = (key: string, title: string) => `{{#if ${key}.length}}
${title}:
{{#each ${key}}}
- {{displayName}}{{#if company}} ({{company}}){{/if}}: {{score}}{{#if grade}} {{grade}}{{/if}}, since {{since}}{{#if link}} {{link}}{{/if}}
{{/each}}
{{/if}}`;

export const DIGEST_TEXT = `Your leads on {{day}}
{{#if empty}}
Nothing new today.
{{/if}}
${textList('handOvers', 'New hand-overs')}
${textList('hot', 'Got hot')}
${textList('waiting', 'Waiting for acceptance ({{waitingHours}} hours or more)')}
{{#if link}}

My leads: {{link}}
{{/if}}
`;

export function renderDigestEmail(
  message: DigestMessage,
  publicUrl: string | undefined,
): RenderedEmail {
  const data = digestView(message, publicUrl);
  const subject = render(DIGEST_SUBJECT, data, 'text');
  const html = render(DIGEST_HTML, data, 'html');
  const text = render(DIGEST_TEXT, data, 'text');
  if (!subject.ok) return subject;
  if (!html.ok) return html;
  if (!text.ok) return text;
  return { ok: true, subject: oneLine(subject.text), html: html.text, text: text.text };
}
