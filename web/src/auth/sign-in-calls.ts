// The calls that start and end a session: who is signed in (the cookie), login, redeeming a
// one-time link, signing out, and which ways of signing in the server offers.
import { api, ApiError } from '../api/client';
import type { Me, Providers } from '../api/auth-types';
import { signedIn, signedOut } from '../session';

/** Asks the server who the cookie belongs to; signed out on a 401 (no cookie or an ended one). */
export async function loadSession(): Promise<void> {
  try {
    signedIn(await api<Me>('/v1/auth/me', { signIn: true }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut();
    else throw error;
  }
}

export async function logIn(email: string, password: string): Promise<Me> {
  const me = await api<Me>('/v1/auth/login', { json: { email, password }, signIn: true });
  signedIn(me, { tell: true });
  return me;
}

export async function redeemLink(token: string, password?: string): Promise<Me> {
  const me = await api<Me>('/v1/auth/link', {
    json: { token, ...(password ? { password } : {}) },
    signIn: true,
  });
  signedIn(me, { tell: true });
  return me;
}

/** Ends the session on the server (every tab), then here; a failed call still signs out here. */
export async function logOut(): Promise<void> {
  try {
    await api('/v1/auth/logout', { method: 'POST', signIn: true });
  } finally {
    signedOut(undefined, { tell: true });
  }
}

/** Password sign-in is always offered; SSO when the server has a provider configured. */
export async function loadProviders(): Promise<Providers> {
  try {
    return await api<Providers>('/v1/auth/providers', { signIn: true });
  } catch {
    return { password: true, oidc: null };
  }
}
