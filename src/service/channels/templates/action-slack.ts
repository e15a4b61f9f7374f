// The Slack message of a segment's slack action: a line (the model's `text` template, or the
// default) above the lead's card as Block Kit blocks: header, fields, top contributions, why
// now, and a button to the lead.
import type { SlackMessage } from '../message-data.js';
import { fields, header, linkButton, list, section, type Block } from './block-kit.js';
import { cardView } from './card-view.js';
import { escapeMrkdwn, render } from './handlebars.js';

export const ACTION_SLACK_TEXT =
  '*{{lead.displayName}}* entered *{{lead.segmentName}}* with {{lead.score}} points';

export type RenderedSlack =
  { ok: true; text: string; blocks: Block[] } | { ok: false; error: string };

export function renderActionSlack(
  message: SlackMessage,
  publicUrl: string | undefined,
): RenderedSlack {
  const lead = cardView(message.lead, publicUrl);
  const line = render(message.text ?? ACTION_SLACK_TEXT, { lead }, 'mrkdwn');
  if (!line.ok) return { ok: false, error: `text: ${line.error}` };
  const blocks: Block[] = [
    header(lead.displayName),
    section(line.text),
    fields([
      ['Score', lead.score],
      ['Grade', lead.grade],
      ['Segment', lead.segmentName],
      ['Stage', lead.stage],
      ['Owner', lead.owner],
      ['Company', lead.company],
      ['Title', lead.title],
    ]),
  ];
  if (lead.topContributions.length > 0)
    blocks.push(
      list(
        'Why this score',
        lead.topContributions.map((c) => `${escapeMrkdwn(c.label)}: ${c.pointsText}`),
      ),
    );
  if (lead.recent.length > 0)
    blocks.push(
      list(
        'Why now',
        lead.recent.map((e) => `${e.when}: ${escapeMrkdwn(e.event)} ${e.pointsText}`.trim()),
      ),
    );
  if (lead.link) blocks.push(linkButton('Open the lead', lead.link));
  return { ok: true, text: line.text, blocks };
}
