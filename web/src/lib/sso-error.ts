// The sentence the sign-in page shows after a refused single sign-on: the server redirects to
// `/sign-in?error=<code>` (and may add a `reason`); unknown codes are shown in words.
const KNOWN: Record<string, string> = {
  domain_not_allowed: 'your e-mail domain is not allowed to sign in here.',
  email_not_verified: 'the provider has not verified your e-mail address.',
  email_unverified: 'the provider has not verified your e-mail address.',
  disabled: 'your account is disabled: ask an owner of the workspace.',
  user_disabled: 'your account is disabled: ask an owner of the workspace.',
  state_mismatch: 'the sign-in expired or was tampered with: start again.',
  invalid_state: 'the sign-in expired or was tampered with: start again.',
  provider_unavailable: 'the provider did not answer: try again later.',
  access_denied: 'the provider refused the sign-in.',
};

export function ssoErrorOf(query: URLSearchParams): string | null {
  const code = query.get('error');
  if (!code) return null;
  const reason = query.get('reason') ?? query.get('error_description');
  const sentence = reason ?? KNOWN[code] ?? `${code.replace(/[_-]+/g, ' ')}.`;
  return `Single sign-on failed: ${sentence}`;
}
