// A local Salesforce for write-back tests: the OAuth token endpoint (client credentials and the
// username-password flow), SOQL queries of Id by Email, and sObject Collections updates, each
// request checked against the documented shape; answers can be scripted (429, 503, 401).
// https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm
// https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_username_password_flow.htm
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_update.htm
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Scripted } from './hubspot-mock.js';

export const SF_VERSION = '61.0';
const FIELDS = [
  'leadscore_score__c',
  'leadscore_grade__c',
  'leadscore_segment__c',
  'leadscore_stage__c',
  'leadscore_owner__c',
];

export interface SalesforceLogin {
  grant_type: string;
  client_id?: string;
  client_secret?: string;
  username?: string;
  password?: string;
}

export class SalesforceMock {
  /** Records by Id: Email and the fields written. */
  readonly records = new Map<string, Record<string, unknown>>();
  readonly logins: SalesforceLogin[] = [];
  readonly queries: string[] = [];
  readonly updates: { records: Record<string, unknown>[] }[] = [];
  readonly violations: string[] = [];
  /** Answers the next data calls (query or update) take instead, in order. */
  readonly script: Scripted[] = [];
  private tokens = new Set<string>();
  private constructor(private readonly server: Server) {}

  static async start(): Promise<SalesforceMock> {
    const ref: { mock?: SalesforceMock } = {};
    const server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8').on('data', (d: string) => (text += d));
      req.on('end', () => {
        const answer = ref.mock!.handle(req, text);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ref.mock = new SalesforceMock(server);
    return ref.mock;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A Lead with this e-mail. */
  addLead(email: string): string {
    const id = `00Q${String(this.records.size + 1).padStart(15, '0')}`;
    this.records.set(id, { Email: email });
    return id;
  }

  byEmail(email: string): Record<string, unknown> | undefined {
    return [...this.records.values()].find((r) => r.Email === email);
  }

  /** Expires every session (the next data call answers 401). */
  expireSessions(): void {
    this.tokens.clear();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, text: string): Scripted {
    const url = new URL(req.url ?? '/', this.url);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /services/oauth2/token') {
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        this.violations.push(`token: content-type ${req.headers['content-type']}`);
      const login = Object.fromEntries(new URLSearchParams(text)) as unknown as SalesforceLogin;
      this.logins.push(login);
      const ok =
        login.client_id === 'client-id' &&
        login.client_secret === 'client-secret' &&
        (login.grant_type === 'client_credentials' ||
          (login.grant_type === 'password' &&
            login.username === 'rep@acme.io' &&
            login.password === 'pw' + 'TOKEN'));
      if (!ok)
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'authentication failure' },
        };
      const token = `00D!token${this.logins.length}`;
      this.tokens.add(token);
      return {
        status: 200,
        body: {
          access_token: token,
          instance_url: this.url,
          id: `${this.url}/id/00D000000000001AAA/005000000000001AAA`,
          token_type: 'Bearer',
          issued_at: String(Date.now()),
          signature: 'c2lnbmF0dXJl',
        },
      };
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token))
      return {
        status: 401,
        body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
      };
    const data = `/services/data/v${SF_VERSION}`;
    if (route === `GET ${data}/query`)
      return this.script.shift() ?? this.query(url.searchParams.get('q') ?? '');
    if (route === `PATCH ${data}/composite/sobjects`) return this.update(text);
    if (route === `GET ${data}/sobjects/Lead/describe`)
      return { status: 200, body: { name: 'Lead', updateable: true, fields: [] } };
    this.violations.push(`unexpected ${route}`);
    return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: route }] };
  }

  private query(q: string): Scripted {
    this.queries.push(q);
    const m = /^SELECT Id, Email FROM Lead WHERE Email IN \((.+)\) AND IsConverted = false/.exec(q);
    if (!m) {
      this.violations.push(`query: ${q}`);
      return { status: 400, body: [{ errorCode: 'MALFORMED_QUERY', message: q }] };
    }
    const emails = [...m[1]!.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((e) => e[1]!.toLowerCase());
    const records = [...this.records]
      .filter(([, r]) => emails.includes(String(r.Email).toLowerCase()))
      .map(([id, r]) => ({
        attributes: { type: 'Lead', url: `/services/data/v${SF_VERSION}/sobjects/Lead/${id}` },
        Id: id,
        Email: r.Email,
      }));
    return { status: 200, body: { totalSize: records.length, done: true, records } };
  }

  private update(text: string): Scripted {
    const body = JSON.parse(text) as { allOrNone?: unknown; records?: Record<string, unknown>[] };
    const records = body.records ?? [];
    const valid =
      typeof body.allOrNone === 'boolean' &&
      records.length >= 1 &&
      records.length <= 200 &&
      records.every(
        (r) =>
          (r.attributes as { type?: string } | undefined)?.type === 'Lead' &&
          typeof r.id === 'string' &&
          Object.keys(r).every((k) => k === 'attributes' || k === 'id' || FIELDS.includes(k)),
      );
    if (!valid) {
      this.violations.push(`update: ${text.slice(0, 300)}`);
      return { status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR', message: 'invalid' }] };
    }
    this.updates.push({ records });
    const scripted = this.script.shift();
    if (scripted) return scripted;
    return {
      status: 200,
      body: records.map((r) => {
        const known = this.records.get(String(r.id));
        if (!known)
          return {
            success: false,
            errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
          };
        const fields = Object.fromEntries(
          Object.entries(r).filter(([k]) => k !== 'attributes' && k !== 'id'),
        );
        Object.assign(known, fields);
        return { id: r.id, success: true, errors: [] };
      }),
    };
  }
}
