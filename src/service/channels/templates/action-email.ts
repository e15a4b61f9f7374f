// The e-mail of a segment's email action: subject, HTML and text. A model's `subject` and
// `template` (the HTML body) replace the defaults; the text part is always the default's.
import type { EmailMessage } from '../message-data.js';
import { cardView } from './card-view.js';
import { render } from './handlebars.js';

export const ACTION_SUBJECT = '{{lead.displayName}} entered {{lead.segmentName}} ({{lead.score}})';

export const ACTION_HTML = `<div style="font-family: sans-serif">
<h2>{{lead.displayName}}</h2>
<p>{{#if lead.title}}{{lead.title}}{{#if lead.company}}, {{/if}}{{/if}}{{lead.company}}</p>
<table cellpadding="4">
<tr><th align="left">Score</th><td>{{lead.score}}</td></tr>
{{#if lead.grade}}<tr><th align="left">Grade</th><td>{{lead.grade}}</td></tr>{{/if}}
<tr><th align="left">Segment</th><td>{{lead.segmentName}}</td></tr>
{{#if lead.stage}}<tr><th align="left">Stage</th><td>{{lead.stage}}</td></tr>{{/if}}
<tr><th align="left">Owner</th><td>{{#if lead.owner}}{{lead.owner}}{{else}}none{{/if}}</td></tr>
</table>
{{#if lead.topContributions.length}}<h3>Why this score</h3>
<ul>{{#each lead.topContributions}}<li>{{label}}: {{pointsText}}</li>{{/each}}</ul>{{/if}}
{{#if lead.recent.length}}<h3>Why now</h3>
<ul>{{#each lead.recent}}<li>{{when}}: {{event}} {{pointsText}}</li>{{/each}}</ul>{{/if}}
{{#if lead.link}}<p><a href="{{lead.link}}">Open the lead</a></p>{{/if}}
</div>
`;

export const ACTION_TEXT = `{{lead.displayName}}{{#if lead.company}} ({{lead.company}}){{/if}}
{{#if lead.title}}{{lead.title}}
{{/if}}
Score: {{lead.score}}{{#if lead.grade}}  Grade: {{lead.grade}}{{/if}}
Segment: {{lead.segmentName}}{{#if lead.stage}}  Stage: {{lead.stage}}{{/if}}
Owner: {{#if lead.owner}}{{lead.owner}}{{else}}none{{/if}}
{{#if lead.topContributions.length}}

Why this score:
{{#each lead.topContributions}}
- {{label}}: {{pointsText}}
{{/each}}
{{/if}}
{{#if lead.recent.length}}

Why now:
{{#each lead.recent}}
- {{when}}: {{event}} {{pointsText}}
{{/each}}
{{/if}}
{{#if lead.link}}

{{lead.link}}
{{/if}}
`;

export type RenderedEmail =
  { ok: true; subject: string; html: string; text: string } | { ok: false; error: string };

export function renderActionEmail(
  message: EmailMessage,
  publicUrl: string | undefined,
): RenderedEmail {
  const data = { lead: cardView(message.lead, publicUrl) };
  const subject = render(message.subject ?? ACTION_SUBJECT, data, 'text');
  if (!subject.ok) return { ok: false, error: `subject: ${subject.error}` };
  const html = render(message.template ?? ACTION_HTML, data, 'html');
  if (!html.ok) return { ok: false, error: `template: ${html.error}` };
  const text = render(ACTION_TEXT, data, 'text');
  if (!text.ok) return text;
  return { ok: true, subject: oneLine(subject.text), html: html.text, text: text.text };
}

/** A subject is one line: a line break from a template or the data would end the header. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
