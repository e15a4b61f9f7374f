// What the HTTP app is built from: passed in, so tests build it over any store and clock.
import type { OidcClient } from '../service/auth/oidc-client.js';
import type { IngestQueueOptions } from '../service/ingest/ingest-queue.js';
import type { SessionOptions } from '../service/auth/sessions.js';
import type { SecretBox } from '../service/secret-box.js';
import type { LoggingOptions } from './logging.js';
import type { ActiveModels } from '../service/scoring/active-model.js';
import type { Store } from '../store/port.js';

export interface AppDeps {
  store: Store;
  models: ActiveModels;
  /** Epoch ms now; tests pass a fixed clock. */
  clock: () => number;
  /** Request and error logs (`serve`); none when absent. */
  logging?: LoggingOptions;
  /** Calls a minute per write key, unless the key has its own limit (write keys end up in browsers). */
  writeKeyRateLimit?: number;
  /** How concurrent ingestion calls are coalesced into shared transactions. */
  ingest?: IngestQueueOptions;
  /**
   * The webhook delivery worker, woken when a request makes deliveries due (absent in tests).
   * Subscription URLs reaching private networks are refused unless its options turn that off.
   */
  webhooks?: { wake(): void; readonly options?: { blockPrivateNetworks: boolean } };
  /** Uploads of imports: the size limit of a request (default 2 GiB) and where they are kept. */
  imports?: { maxBytes?: number | undefined; tmpDir?: string | undefined };
  /** Idle and absolute expiry of sign-in sessions (DEFAULT_SESSION_OPTIONS when absent). */
  sessions?: SessionOptions;
  /** Fastify's trustProxy (LEADSCORE_TRUST_PROXY): X-Forwarded-For/-Proto then count. */
  trustProxy?: boolean | string;
  /** Where people reach the dashboard, for sign-in links (LEADSCORE_PUBLIC_URL). */
  publicUrl?: string;
  /**
   * Where links in channel messages point, as the delivery worker's senders read it (known once
   * the server listens); a test send uses it too. `publicUrl` when absent.
   */
  sendersPublicUrl?: () => string | undefined;
  /** Single sign-on with OpenID Connect (LEADSCORE_OIDC_*); its routes refuse when absent. */
  oidc?: OidcClient;
  /** The dashboard's build (dist/web when absent). */
  webRoot?: string;
  /** LEADSCORE_DIGEST_HOUR: the daily digest's hour where a workspace set none (off when absent). */
  digestHour?: number | null;
  /** Seals webhook signing secrets before they are stored (kept as given when absent). */
  secrets?: SecretBox;
}
