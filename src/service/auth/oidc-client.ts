// The OpenID Connect client (openid-client): the provider's metadata found once, lazily, and
// found again after a failure (the server starts while the provider is down); the authorization
// request (code + PKCE S256, state, nonce) and the checks of its answer.
import * as oidc from 'openid-client';
import type { OidcSettings } from './oidc-settings.js';
import { SsoError } from './sso-errors.js';

/** What the browser keeps between the start of a sign-in and its callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
}

export interface ProviderLogin {
  issuer: string;
  /** ID token claims, completed by userinfo where the ID token lacks e-mail or role. */
  claims: Record<string, unknown>;
}

export interface OidcClientOptions {
  /** Seconds a request to the provider may take. */
  timeoutSeconds?: number;
}

/** http issuers are accepted (by config.ts) only on this machine. */
function insecureAllowed(issuer: string): boolean {
  return new URL(issuer).protocol === 'http:';
}

/** Why the provider's answer was refused, in words for the log (no token). */
function failure(error: unknown): SsoError {
  if (error instanceof oidc.AuthorizationResponseError)
    return new SsoError('sso_denied', `the provider answered ${error.error}`);
  if (error instanceof oidc.ResponseBodyError)
    return new SsoError('sso_failed', `the token request was refused: ${error.error}`);
  if (error instanceof oidc.ClientError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new SsoError('sso_failed', `${error.message}${cause}`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new SsoError('sso_unavailable', `the provider could not be reached: ${reason}`);
}

export class OidcClient {
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly options: OidcClientOptions = {},
  ) {}

  /** The provider's metadata: one discovery shared by concurrent callers, retried after a failure. */
  private configuration(): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        { redirect_uris: [this.settings.redirectUri], response_types: ['code'] },
        oidc.ClientSecretBasic(this.settings.clientSecret),
        {
          timeout: this.options.timeoutSeconds ?? 10,
          ...(insecureAllowed(this.settings.issuer)
            ? { execute: [oidc.allowInsecureRequests] }
            : {}),
        },
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        const reason = error instanceof Error ? error.message : String(error);
        throw new SsoError(
          'sso_unavailable',
          `discovery of ${this.settings.issuer} failed (tried again at the next sign-in): ${reason}`,
        );
      });
    return this.discovered;
  }

  /** The provider's sign-in URL, and what the browser must keep until the callback. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.configuration();
    const pending = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** The callback's answer checked (state, code, ID token, nonce) and its claims. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderLogin> {
    const config = await this.configuration();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw failure(error);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoError('sso_failed', 'the provider answered no ID token');
    const claims: Record<string, unknown> = { ...idClaims };
    const roleClaim = this.settings.policy.roleClaim;
    const lacking =
      claims.email === undefined ||
      claims.email_verified === undefined ||
      (roleClaim !== undefined && claims[roleClaim] === undefined);
    if (lacking && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        for (const [key, value] of Object.entries(info)) if (key !== 'sub') claims[key] ??= value;
      } catch (error) {
        throw failure(error);
      }
    }
    return { issuer: config.serverMetadata().issuer, claims };
  }
}
