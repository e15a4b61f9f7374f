// The few Block Kit blocks messages use, built by hand (@slack/webhook sends what it is given
// and has no builders), with Slack's length limits applied
// (https://api.slack.com/reference/block-kit/blocks).
import { escapeMrkdwn } from './handlebars.js';

export type Block = Record<string, unknown>;

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** A header: plain text, at most 150 characters. */
export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, 150), emoji: false },
});

/** A section of mrkdwn (already escaped), at most 3000 characters. */
export const section = (mrkdwn: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(mrkdwn, 3000) },
});

/** Label / value pairs as a section's fields (at most 10, each at most 2000 characters). */
export function fields(pairs: readonly [string, string | number | null][]): Block {
  return {
    type: 'section',
    fields: pairs
      .filter(([, value]) => value !== null && value !== '')
      .slice(0, 10)
      .map(([label, value]) => ({
        type: 'mrkdwn',
        text: clip(`*${label}*\n${escapeMrkdwn(String(value))}`, 2000),
      })),
  };
}

/** A list under a bold title: one bullet per (already escaped) line. */
export const list = (title: string, lines: readonly string[]): Block =>
  section(`*${title}*\n${lines.map((l) => `• ${l}`).join('\n')}`);

/** A button that opens a URL. */
export const linkButton = (label: string, url: string): Block => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      text: { type: 'plain_text', text: clip(label, 75) },
      url: clip(url, 3000),
      action_id: 'open_lead',
    },
  ],
});
