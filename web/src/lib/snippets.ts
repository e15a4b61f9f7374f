// How to send events to this server: the Segment SDK snippets and a curl call, filled with the
// server's origin and a write key.

export interface SnippetInput {
  /** The server's origin, e.g. http://localhost:4000 */
  origin: string;
  writeKey: string;
}

export interface Snippet {
  id: string;
  title: string;
  language: string;
  code: string;
  note?: string;
}

const PLACEHOLDER = '<WRITE_KEY>';

export function snippets({ origin, writeKey }: SnippetInput): Snippet[] {
  const key = writeKey.trim() || PLACEHOLDER;
  const url = new URL(origin);
  const protocol = url.protocol.replace(':', '');
  const basic = typeof btoa === 'function' ? btoa(`${key}:`) : key;
  return [
    {
      id: 'analytics-node',
      title: 'Node.js (@segment/analytics-node)',
      language: 'js',
      code: `import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({ writeKey: '${key}', host: '${url.origin}' });

analytics.identify({ userId: 'user-42', traits: { email: 'ada@example.com', title: 'VP Marketing' } });
analytics.group({ userId: 'user-42', groupId: 'acme', traits: { name: 'Acme', employees: 500 } });
analytics.track({ userId: 'user-42', event: 'Demo Requested' });

await analytics.closeAndFlush();`,
    },
    {
      id: 'analytics-js',
      title: 'Browser (analytics.js, @segment/analytics-next)',
      language: 'js',
      code: `import { AnalyticsBrowser } from '@segment/analytics-next';

export const analytics = AnalyticsBrowser.load(
  {
    writeKey: '${key}',
    // Settings given here, so nothing is fetched from Segment's CDN.
    cdnSettings: { integrations: { 'Segment.io': { apiKey: '${key}' } } },
  },
  { integrations: { 'Segment.io': { apiHost: '${url.host}/v1', protocol: '${protocol}' } } },
);

analytics.identify('user-42', { email: 'ada@example.com' });
analytics.track('Pricing Viewed');`,
      note: 'analytics.js posts each call to a short path (/v1/t, /v1/i, /v1/p, /v1/g, /v1/a; batches to /v1/b) with the write key in the body; this server takes those as Segment does.',
    },
    {
      id: 'curl',
      title: 'HTTP (curl)',
      language: 'sh',
      code: `curl ${url.origin}/v1/track \\
  -H 'Authorization: Basic ${basic}' \\
  -H 'Content-Type: application/json' \\
  -d '{"userId":"user-42","event":"Demo Requested","properties":{"source":"website"}}'`,
    },
  ];
}
