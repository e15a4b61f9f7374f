// A local stand-in for a Slack incoming webhook that checks each request against the documented
// shape (https://api.slack.com/messaging/webhooks: a JSON POST with `text`, and `blocks` per
// https://api.slack.com/reference/block-kit/blocks) and answers what the test scripts: Slack's
// 200 "ok", a 429 with Retry-After, a 5xx, or a 4xx such as invalid_payload.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface SlackPost {
  text: string;
  blocks: Record<string, unknown>[];
}

const BLOCK_TYPES = new Set(['header', 'section', 'actions', 'context', 'divider']);

/** What is wrong with a request, or null when it has the documented shape. */
export function slackShapeProblem(method: string, type: string, body: unknown): string | null {
  if (method !== 'POST') return `expected POST, got ${method}`;
  if (!type.startsWith('application/json')) return `expected JSON, got ${type}`;
  if (typeof body !== 'object' || body === null) return 'expected a JSON object';
  const { text, blocks } = body as Record<string, unknown>;
  // With blocks, `text` is the notification's fallback and should be given.
  if (typeof text !== 'string' || text === '') return 'text: expected a non-empty string';
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50)
    return 'blocks: expected 1 to 50 blocks';
  for (const [i, block] of (blocks as Record<string, unknown>[]).entries()) {
    const at = `blocks[${i}]`;
    if (!BLOCK_TYPES.has(String(block.type))) return `${at}.type: unexpected ${String(block.type)}`;
    const textOf = block.text as { type?: string; text?: string } | undefined;
    if (block.type === 'header') {
      if (textOf?.type !== 'plain_text') return `${at}.text: a header takes plain_text`;
      if (!textOf.text || textOf.text.length > 150) return `${at}.text: 1 to 150 characters`;
    }
    if (block.type === 'section') {
      const fields = block.fields as { type?: string; text?: string }[] | undefined;
      if (!textOf && !fields) return `${at}: a section needs text or fields`;
      if (textOf && (!textOf.text || textOf.text.length > 3000)) return `${at}.text: 1 to 3000`;
      if (fields && (fields.length === 0 || fields.length > 10)) return `${at}.fields: 1 to 10`;
      for (const f of fields ?? [])
        if (!['mrkdwn', 'plain_text'].includes(String(f.type)) || !f.text || f.text.length > 2000)
          return `${at}.fields: each a text object of at most 2000 characters`;
    }
    if (block.type === 'actions') {
      const elements = block.elements as Record<string, unknown>[] | undefined;
      if (!elements || elements.length === 0 || elements.length > 25) return `${at}.elements`;
      for (const e of elements) {
        const label = e.text as { type?: string; text?: string } | undefined;
        if (e.type !== 'button' || label?.type !== 'plain_text' || !label.text)
          return `${at}.elements: a button with plain_text`;
        if (typeof e.url === 'string' && e.url.length > 3000) return `${at}.elements: url`;
      }
    }
  }
  return null;
}

export class SlackReceiver {
  readonly posts: SlackPost[] = [];
  readonly problems: string[] = [];
  /** Answers to give, in order; then 200 "ok". */
  readonly script: SlackAnswer[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<SlackReceiver> {
    const receiver: SlackReceiver = new SlackReceiver(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (c: Buffer) => chunks.push(c));
        request.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = undefined;
          }
          const problem = slackShapeProblem(
            request.method ?? '',
            request.headers['content-type'] ?? '',
            body,
          );
          const answer: SlackAnswer = problem
            ? { status: 400, body: 'invalid_payload' }
            : (receiver.script.shift() ?? { status: 200, body: 'ok' });
          if (problem) receiver.problems.push(problem);
          else if (answer.status === 200) receiver.posts.push(body as SlackPost);
          response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
          response.end(answer.body);
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/services/T000/B000/XXXXXXXX`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
