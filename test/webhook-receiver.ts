// A webhook receiver for tests: a real HTTP server on a fixed local port that verifies every
// request with the standardwebhooks library, and can be down (connection refused), failing
// (500), hanging (the sender times out) or up (200).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type ReceiverMode = 'ok' | 'error' | 'hang';

/**
 * The receiver listens on loopback, which the SSRF guard refuses by default: a worker or app
 * delivering to it allows private networks explicitly, as LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1 does.
 */
export const LOCAL_RECEIVERS = { blockPrivateNetworks: false } as const;

/** The same for a `leadscore serve` child process. */
export const ALLOW_PRIVATE_ENV = { LEADSCORE_WEBHOOK_ALLOW_PRIVATE: '1' } as const;

export interface Received {
  /** The webhook-id header: the same for every attempt of one message. */
  id: string;
  path: string;
  type: string;
  data: Record<string, unknown>;
  body: string;
  /** The response it got (a hung request gets none). */
  mode: ReceiverMode;
}

export class Receiver {
  mode: ReceiverMode = 'ok';
  /** Every verified request, in arrival order. */
  readonly received: Received[] = [];
  /** Requests that failed verification, with why. */
  readonly rejected: string[] = [];
  /** Requests being handled right now, and the most at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** Requests that arrived while another of the same path and lead was being handled. */
  readonly overlaps: string[] = [];
  /** Milliseconds to wait before answering (to see concurrency). */
  delayMs = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly secrets = new Map<string, string>();
  private readonly busyLeads = new Set<string>();

  private constructor(readonly port: number) {}

  /** A receiver on a free port, down until up() is called. */
  static async reserve(): Promise<Receiver> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    if (!address || typeof address === 'string') throw new Error('no port');
    return new Receiver(address.port);
  }

  /** The URL of a path, whose requests are verified with the secret. */
  url(path: string, secret: string): string {
    this.secrets.set(path, secret);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async up(mode: ReceiverMode): Promise<void> {
    this.mode = mode;
    if (this.server) return;
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  /** Closes the port and every open connection: senders get refused or reset. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The messages of a path in first-arrival order, each once. */
  distinct(path: string): Received[] {
    const seen = new Set<string>();
    return this.received.filter((r) => r.path === path && !seen.has(r.id) && seen.add(r.id));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const mode = this.mode;
      try {
        const secret = this.secrets.get(path);
        if (!secret) throw new Error(`no secret for ${path}`);
        const payload = new Webhook(secret).verify(body, req.headers as Record<string, string>) as {
          type: string;
          data: Record<string, unknown>;
        };
        const id = String(req.headers['webhook-id']);
        this.received.push({ id, path, type: payload.type, data: payload.data, body, mode });
        const lane = `${path} ${String(payload.data.leadId)}`;
        if (this.busyLeads.has(lane)) this.overlaps.push(lane);
        this.busyLeads.add(lane);
        res.on('close', () => this.busyLeads.delete(lane));
      } catch (error) {
        this.rejected.push(`${path}: ${String(error)}`);
        res.writeHead(400).end('bad signature');
        return;
      }
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      if (mode === 'hang') return;
      if (mode === 'error')
        res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver broke');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } finally {
      this.inFlight--;
    }
  }
}
