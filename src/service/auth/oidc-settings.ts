// Single sign-on's settings from the environment (config.ts checks they come whole): the
// provider, this server's redirect URI, and who may sign in with which role.
import type { Role } from '../../store/team-records.js';

export interface SsoPolicy {
  /** Lower-cased e-mail domains allowed to sign in; empty: any. */
  allowedDomains: readonly string[];
  /** The role of a first sign-in (and when the role claim names none). */
  defaultRole: Role;
  /** A claim naming a role, or a list of them, that sets the role at each sign-in. */
  roleClaim: string | undefined;
  /** Id or name of the workspace a first sign-in joins; the first workspace when undefined. */
  workspace: string | undefined;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `${LEADSCORE_PUBLIC_URL}/v1/auth/oidc/callback`, registered at the provider. */
  redirectUri: string;
  /** The sign-in button's label. */
  name: string;
  policy: SsoPolicy;
}

export const OIDC_CALLBACK_PATH = '/v1/auth/oidc/callback';
export const DEFAULT_SSO_NAME = 'Single sign-on';

/** The settings the environment gives, or null when single sign-on is not configured. */
export function oidcSettingsFrom(env: {
  LEADSCORE_PUBLIC_URL?: string | undefined;
  LEADSCORE_OIDC_ISSUER?: string | undefined;
  LEADSCORE_OIDC_CLIENT_ID?: string | undefined;
  LEADSCORE_OIDC_CLIENT_SECRET?: string | undefined;
  LEADSCORE_OIDC_ALLOWED_DOMAINS?: readonly string[] | undefined;
  LEADSCORE_OIDC_DEFAULT_ROLE?: Role | undefined;
  LEADSCORE_OIDC_ROLE_CLAIM?: string | undefined;
  LEADSCORE_OIDC_WORKSPACE?: string | undefined;
  LEADSCORE_OIDC_NAME?: string | undefined;
}): OidcSettings | null {
  const issuer = env.LEADSCORE_OIDC_ISSUER;
  const clientId = env.LEADSCORE_OIDC_CLIENT_ID;
  const clientSecret = env.LEADSCORE_OIDC_CLIENT_SECRET;
  const publicUrl = env.LEADSCORE_PUBLIC_URL;
  if (!issuer || !clientId || !clientSecret || !publicUrl) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: `${publicUrl.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`,
    name: env.LEADSCORE_OIDC_NAME ?? DEFAULT_SSO_NAME,
    policy: {
      allowedDomains: env.LEADSCORE_OIDC_ALLOWED_DOMAINS ?? [],
      defaultRole: env.LEADSCORE_OIDC_DEFAULT_ROLE ?? 'viewer',
      roleClaim: env.LEADSCORE_OIDC_ROLE_CLAIM,
      workspace: env.LEADSCORE_OIDC_WORKSPACE,
    },
  };
}
