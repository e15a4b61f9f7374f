// A test send (`POST /v1/channels/{id}/test`): the channel's sender sends a sample at once, and
// what came of it is answered; a channel that cannot send (its secrets cannot be opened) is a
// failed test saying why, never a server error.
import { PLAIN_SECRETS } from '../secret-box.js';
import type { ChannelAttempt } from './channel-dispatch.js';
import { getChannel } from './channel-service.js';
import { senderContext, type DispatchDeps } from './dispatch.js';
import { openChannel } from './open-channel.js';
import { CHANNEL_SENDERS } from './senders.js';

export interface TestResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

const failed = (error: string): TestResult => ({
  ok: false,
  statusCode: null,
  error,
  latencyMs: 0,
});

export async function testChannel(
  deps: DispatchDeps,
  ws: string,
  id: string,
  to: string | undefined,
): Promise<TestResult> {
  const channel = await getChannel(deps.store, ws, id);
  const sender = CHANNEL_SENDERS[channel.kind];
  const opened = openChannel(channel, deps.secrets ?? PLAIN_SECRETS);
  if (!opened.ok) return failed(opened.error);
  let attempt: ChannelAttempt;
  try {
    attempt = await sender.test(opened.channel, senderContext(deps), to);
  } catch (error) {
    // Senders never throw, by their contract; one that does still answers a failed test.
    return failed(`the test send failed: ${(error as Error).message}`);
  }
  return {
    ok: attempt.error === null,
    statusCode: attempt.statusCode,
    error: attempt.error,
    latencyMs: attempt.latencyMs,
  };
}
