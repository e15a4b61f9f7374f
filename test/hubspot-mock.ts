// A local HubSpot for write-back tests: checks every request against the documented shapes and
// answers as HubSpot does, or as the test scripts it (429 with Retry-After, 5xx, a 400 for a
// record).
// https://developers.hubspot.com/docs/api/crm/contacts (batch upsert, batch update)
// https://developers.hubspot.com/docs/api/crm/properties (properties, property groups)
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface UpsertCall {
  inputs: { idProperty: string; id: string; properties: Record<string, string> }[];
}

export class HubspotMock {
  /** Contacts by e-mail (lower-cased), with their properties as last written. */
  readonly contacts = new Map<string, { id: string; properties: Record<string, string> }>();
  readonly properties = new Map<string, { type: string; fieldType: string; groupName: string }>();
  readonly groups = new Set<string>();
  readonly upserts: UpsertCall[] = [];
  readonly updates: UpsertCall[] = [];
  /** Every request that broke the documented shape: a test expects none. */
  readonly violations: string[] = [];
  /** Answers the next batch calls take instead of the normal one, in order. */
  readonly script: Scripted[] = [];
  /** Records refused with a 400 when present in a batch (by e-mail). */
  readonly refuse = new Set<string>();
  /** While true, every batch call answers 503 (an outage), recorded in `outageCalls`. */
  down = false;
  outageCalls = 0;
  /** Records refused one by one in a 207 answer, the others written (by e-mail). */
  readonly refuseInBatch = new Set<string>();
  private nextId = 1000;
  private constructor(
    private readonly server: Server,
    readonly token: string,
  ) {}

  static async start(token = 'pat-test-token'): Promise<HubspotMock> {
    const ref: { mock?: HubspotMock } = {};
    const server = createServer((req, res) => {
      void body(req).then((text) => {
        const answer = ref.mock!.handle(req, text);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ref.mock = new HubspotMock(server, token);
    return ref.mock;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, text: string): Scripted {
    const path = (req.url ?? '').split('?')[0];
    const route = `${req.method} ${path}`;
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      this.violations.push(`${route}: authorization ${req.headers.authorization}`);
      return { status: 401, body: { status: 'error', category: 'INVALID_AUTHENTICATION' } };
    }
    const json = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
    switch (route) {
      case 'GET /crm/v3/properties/contacts/groups':
        return {
          status: 200,
          body: {
            results: [...this.groups].map((name) => ({
              name,
              label: name,
              displayOrder: -1,
              archived: false,
            })),
          },
        };
      case 'POST /crm/v3/properties/contacts/groups': {
        if (typeof json?.name !== 'string' || typeof json.label !== 'string')
          this.violations.push(`${route}: ${text}`);
        this.groups.add(String(json?.name));
        return { status: 201, body: { ...json, displayOrder: -1, archived: false } };
      }
      case 'GET /crm/v3/properties/contacts':
        return {
          status: 200,
          body: { results: [...this.properties].map(([name, p]) => this.property(name, p)) },
        };
      case 'POST /crm/v3/properties/contacts': {
        const p = json as {
          name?: string;
          label?: string;
          type?: string;
          fieldType?: string;
          groupName?: string;
        };
        const valid =
          typeof p.name === 'string' &&
          typeof p.label === 'string' &&
          ['string', 'number'].includes(p.type ?? '') &&
          ['text', 'number'].includes(p.fieldType ?? '') &&
          typeof p.groupName === 'string' &&
          this.groups.has(p.groupName);
        if (!valid) {
          this.violations.push(`${route}: ${text}`);
          return { status: 400, body: { status: 'error', message: 'invalid property' } };
        }
        if (this.properties.has(p.name!))
          return { status: 409, body: { status: 'error', category: 'OBJECT_ALREADY_EXISTS' } };
        const made = { type: p.type!, fieldType: p.fieldType!, groupName: p.groupName! };
        this.properties.set(p.name!, made);
        return { status: 201, body: this.property(p.name!, made) };
      }
      case 'POST /crm/v3/objects/contacts/batch/upsert':
        return this.batch(route, json, 'upsert');
      case 'POST /crm/v3/objects/contacts/batch/update':
        return this.batch(route, json, 'update');
      default:
        this.violations.push(`unexpected ${route}`);
        return { status: 404, body: { status: 'error', message: `no ${route}` } };
    }
  }

  private property(name: string, p: { type: string; fieldType: string; groupName: string }) {
    return {
      name,
      label: name,
      description: '',
      ...p,
      options: [],
      displayOrder: -1,
      calculated: false,
      externalOptions: false,
      hasUniqueValue: false,
      hidden: false,
      formField: false,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      archived: false,
    };
  }

  private batch(
    route: string,
    json: Record<string, unknown> | undefined,
    kind: 'upsert' | 'update',
  ): Scripted {
    const inputs = (json?.inputs ?? []) as UpsertCall['inputs'];
    const shapeOk =
      Array.isArray(json?.inputs) &&
      inputs.length >= 1 &&
      inputs.length <= 100 &&
      inputs.every(
        (i) =>
          (kind === 'update' || (i.idProperty === 'email' && typeof i.id === 'string')) &&
          typeof i.id === 'string' &&
          Object.values(i.properties ?? {}).every((v) => typeof v === 'string') &&
          Object.keys(i.properties ?? {}).every((k) => this.properties.has(k)),
      ) &&
      new Set(inputs.map((i) => i.id.toLowerCase())).size === inputs.length;
    if (!shapeOk) {
      this.violations.push(`${route}: ${JSON.stringify(json).slice(0, 300)}`);
      return { status: 400, body: { status: 'error', category: 'VALIDATION_ERROR' } };
    }
    if (this.down) {
      this.outageCalls++;
      return { status: 503, body: { status: 'error', message: 'Service Unavailable' } };
    }
    (kind === 'upsert' ? this.upserts : this.updates).push({ inputs });
    const scripted = this.script.shift();
    if (scripted) return scripted;
    if (inputs.some((i) => this.refuse.has(i.id)))
      return {
        status: 400,
        body: {
          status: 'error',
          category: 'VALIDATION_ERROR',
          message: 'Property values were not valid',
        },
      };
    const now = new Date().toISOString();
    const refused = inputs.filter((i) => this.refuseInBatch.has(i.id));
    const results = inputs
      .filter((i) => !this.refuseInBatch.has(i.id))
      .map((i) => {
        const email =
          kind === 'upsert'
            ? i.id.toLowerCase()
            : [...this.contacts].find(([, c]) => c.id === i.id)?.[0];
        if (email === undefined) return undefined;
        const known = this.contacts.get(email);
        const contact = known ?? { id: String(this.nextId++), properties: {} };
        contact.properties = { ...contact.properties, ...i.properties, email };
        this.contacts.set(email, contact);
        return {
          id: contact.id,
          properties: contact.properties,
          createdAt: now,
          updatedAt: now,
          archived: false,
          new: !known,
        };
      });
    const body = {
      status: 'COMPLETE',
      results: results.filter(Boolean),
      startedAt: now,
      completedAt: now,
    };
    if (refused.length === 0) return { status: 200, body };
    return {
      status: 207,
      body: {
        ...body,
        numErrors: refused.length,
        errors: refused.map((r) => ({
          status: 'error',
          category: 'VALIDATION_ERROR',
          message: `Property values were not valid for ${r.id}`,
          context: { ids: [r.id] },
          links: {},
          errors: [],
        })),
      },
    };
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req
      .setEncoding('utf8')
      .on('data', (d: string) => (text += d))
      .on('end', () => resolve(text));
  });
}
