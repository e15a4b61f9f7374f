// The SSRF guard for channel settings, as webhooks have it: a URL setting (a Slack webhook, a
// CDP host, a CRM's base URL) that reaches the server's own networks is refused at once, naming
// the field and the host only (the path of a Slack URL is its secret).
import { privateNetworkRefusal } from '../service/webhooks/private-network.js';
import type { AppDeps } from './deps.js';
import { ApiError } from './errors.js';

type Given = { config?: object | undefined; secrets?: object | undefined };

/** Does nothing when the guard is off (LEADSCORE_WEBHOOK_ALLOW_PRIVATE). */
export async function refusePrivateUrls(deps: AppDeps, body: Given): Promise<void> {
  if (deps.webhooks?.options?.blockPrivateNetworks === false) return;
  for (const [where, fields] of [
    ['config', body.config],
    ['secrets', body.secrets],
  ] as const) {
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) continue;
      // A name that does not resolve now is left to the sends to report.
      const refusal = await privateNetworkRefusal(value).catch(() => undefined);
      const field = `${where}.${key}`;
      if (refusal)
        throw new ApiError('invalid_request', `${field}: ${refusal}`, [
          { field, message: refusal },
        ]);
    }
  }
}
