// Why a single sign-on was refused: the code the sign-in page shows (`/sign-in?error=<code>`)
// and a message for the server's log (never a token, nor an e-mail address).
export const SSO_ERROR_CODES = [
  /** The server has no single sign-on configured. */
  'sso_not_configured',
  /** The provider could not be reached (discovery or the token request failed). */
  'sso_unavailable',
  /** No sign-in in progress in this browser (its cookie expired or was never set). */
  'sso_expired',
  /** The provider answered an error (the person cancelled, or was not allowed there). */
  'sso_denied',
  /** The answer failed a check: state, ID token signature or claims, nonce, PKCE. */
  'sso_failed',
  /** The provider gave no e-mail address, or one it has not verified. */
  'sso_email',
  /** The e-mail's domain is not in LEADSCORE_OIDC_ALLOWED_DOMAINS. */
  'sso_domain',
  /** The person's user is disabled. */
  'sso_disabled',
  /** The person's user belongs to no workspace (it was removed). */
  'sso_no_access',
  /** LEADSCORE_OIDC_WORKSPACE names no workspace (or there is none yet). */
  'sso_workspace',
  /** Something failed on this server (its log says what). */
  'sso_error',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

export class SsoError extends Error {
  override name = 'SsoError';
  constructor(
    readonly code: SsoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
