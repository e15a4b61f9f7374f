// A Salesforce session for a channel, logged in with jsforce to the channel's loginUrl: OAuth
// client credentials (grant_type=client_credentials) or the username-password flow
// (grant_type=password, the security token appended to the password). Kept per channel version
// in this process until the API answers 401.
// https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_flows.htm
import { Connection } from 'jsforce';
import type { SalesforceConfig, SalesforceSecrets } from './kind-settings.js';
import { salesforceConfigSchema } from './kind-settings.js';
import type { OpenChannel } from './sender-types.js';
import { SYNC_CALL_TIMEOUT_MS, withTimeout } from './sync-answer.js';

export interface SalesforceSession {
  instanceUrl: string;
  accessToken: string;
  /** Where the REST resources are: `${instanceUrl}/services/data/vXX.X`. */
  dataUrl: string;
  object: SalesforceConfig['object'];
}

/** A refused login (bad client or credentials): sending again will not help until they change. */
export class SalesforceLoginRefused extends Error {}

const sessions = new Map<string, SalesforceSession>();
const keyOf = (open: OpenChannel) => `${open.channel.id}@${open.channel.updatedAt}`;

export async function salesforceSession(open: OpenChannel): Promise<SalesforceSession> {
  const known = sessions.get(keyOf(open));
  if (known) return known;
  const config = salesforceConfigSchema.parse(open.channel.config);
  const secrets = open.secrets as SalesforceSecrets;
  const connection = new Connection({
    oauth2: {
      loginUrl: config.loginUrl,
      clientId: config.clientId,
      clientSecret: secrets.clientSecret,
    },
    version: config.apiVersion,
  });
  const login =
    config.flow === 'client_credentials'
      ? connection.authorize({ grant_type: 'client_credentials' })
      : connection.loginByOAuth2(
          config.username ?? '',
          `${secrets.password ?? ''}${secrets.securityToken ?? ''}`,
        );
  try {
    await withTimeout(login, SYNC_CALL_TIMEOUT_MS, 'Salesforce login');
  } catch (error) {
    // jsforce names the OAuth error (invalid_client, invalid_grant, ...) as the error's name.
    const name = (error as Error).name;
    const message = (error as Error).message;
    if (/^invalid_|^unsupported_|^inactive_/.test(name))
      throw new SalesforceLoginRefused(`Salesforce refused the login: ${name}: ${message}`);
    throw new Error(`Salesforce login failed: ${message}`);
  }
  const session: SalesforceSession = {
    instanceUrl: connection.instanceUrl,
    accessToken: connection.accessToken ?? '',
    dataUrl: `${connection.instanceUrl}/services/data/v${config.apiVersion}`,
    object: config.object,
  };
  sessions.set(keyOf(open), session);
  return session;
}

/** The API answered 401: the next send logs in again. */
export function forgetSalesforceSession(open: OpenChannel): void {
  sessions.delete(keyOf(open));
}
