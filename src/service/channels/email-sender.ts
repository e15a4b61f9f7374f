// The e-mail channel's sender: renders a segment action's e-mail (`channel.email`) or an owner's
// digest (`channel.digest`) and sends it over SMTP with nodemailer. The delivery's message id is
// the e-mail's Message-ID, so a receiver can tell a resent copy. An SMTP answer of 5xx (an
// address or message refused) fails for good; 4xx and connection errors are retried.
import type { ClaimedDelivery } from '../../store/port.js';
import type { ChannelAttempt } from './channel-dispatch.js';
import { digestMessageSchema, emailMessageSchema } from './message-data.js';
import { sampleCard } from './sample-card.js';
import type { ChannelSender, OpenChannel, SenderContext } from './sender-types.js';
import { smtpTransport } from './smtp-pool.js';
import { renderActionEmail, type RenderedEmail } from './templates/action-email.js';
import { renderDigestEmail } from './templates/digest-email.js';

interface Mail {
  to: string[];
  rendered: RenderedEmail;
}

export const emailSender: ChannelSender = {
  async send(open, deliveries, context) {
    const reports: ChannelAttempt[] = [];
    // One after another: the pool reuses its connection, and a lead's messages keep their order.
    for (const delivery of deliveries)
      reports.push(await sendOne(open, mailOf(delivery, context), delivery.messageId));
    return reports;
  },
  async test(open, context, to) {
    if (!to) return failed('a test e-mail needs an address to go to', true);
    const card = { ...sampleCard(context.clock()), owner: to };
    const rendered = renderActionEmail(
      { to: [to], subject: 'leadscore test: {{lead.displayName}}', lead: card },
      context.publicUrl,
    );
    return sendOne(open, { to: [to], rendered }, `test_${context.clock()}`);
  },
};

function mailOf(delivery: ClaimedDelivery, context: SenderContext): Mail | string {
  if (delivery.type === 'channel.email') {
    const message = emailMessageSchema.safeParse(delivery.data);
    if (!message.success) return 'the message is not an e-mail action message';
    return { to: message.data.to, rendered: renderActionEmail(message.data, context.publicUrl) };
  }
  if (delivery.type === 'channel.digest') {
    const message = digestMessageSchema.safeParse(delivery.data);
    if (!message.success) return 'the message is not a digest';
    return { to: [message.data.to], rendered: renderDigestEmail(message.data, context.publicUrl) };
  }
  return `an e-mail channel does not send ${delivery.type} messages`;
}

async function sendOne(
  open: OpenChannel,
  mail: Mail | string,
  messageId: string,
): Promise<ChannelAttempt> {
  if (typeof mail === 'string') return failed(`not sent: ${mail}`, true);
  if (!mail.rendered.ok) return failed(`not sent: ${mail.rendered.error}`, true);
  const smtp = smtpTransport(open);
  if (!smtp.ok) return failed(`not sent: ${smtp.error}`, true);
  const { subject, html, text } = mail.rendered;
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const info = await smtp.transport.sendMail({
      from: smtp.config.from,
      ...(smtp.config.replyTo ? { replyTo: smtp.config.replyTo } : {}),
      to: mail.to,
      subject,
      html,
      text,
      messageId: `<${messageId}@leadscore>`,
    });
    const refused = info.rejected.length > 0 ? `; refused: ${info.rejected.join(', ')}` : '';
    return {
      statusCode: smtpCode(info.response) ?? 250,
      error: null,
      latencyMs: latencyMs(),
      responseExcerpt: `${info.response}${refused}`.slice(0, 1024),
    };
  } catch (error) {
    const { message, responseCode } = error as Error & { responseCode?: number };
    return {
      statusCode: responseCode ?? null,
      error: `SMTP: ${message}`.slice(0, 1024),
      latencyMs: latencyMs(),
      responseExcerpt: null,
      ...(responseCode !== undefined && responseCode >= 500 ? { permanent: true } : {}),
    };
  }
}

function failed(error: string, permanent: boolean): ChannelAttempt {
  return { statusCode: null, error, latencyMs: 0, responseExcerpt: null, permanent };
}

function smtpCode(response: string): number | undefined {
  const match = /^(\d{3})/.exec(response);
  return match ? Number(match[1]) : undefined;
}
