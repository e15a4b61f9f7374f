// A real SMTP server for tests (smtp-server), reading what arrives with mailparser. It can go
// down (connections refused) and come back on the same port, as a mail relay being restarted.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export class SmtpReceiver {
  readonly received: ParsedMail[] = [];
  /** Recipients refused with this SMTP reply code (550: no such user; 451: try again later). */
  readonly refuse = new Map<string, number>();
  private server: SMTPServer | undefined;

  private constructor(public port: number) {}

  static async start(): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver(0);
    await receiver.up();
    return receiver;
  }

  /** Listens (again) on its port. */
  async up(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: no certificate to trust in a test.
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        const code = this.refuse.get(address.address);
        if (code === undefined) return callback();
        callback(Object.assign(new Error(`refused ${address.address}`), { responseCode: code }));
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops its connections. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The e-mails that went to an address. */
  to(address: string): ParsedMail[] {
    return this.received.filter((mail) =>
      [mail.to ?? []].flat().some((to) => to.value.some((v) => v.address === address)),
    );
  }
}
