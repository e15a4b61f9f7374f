// The sentence the sign-in page shows after a refused single sign-on: the server redirects to
// `/sign-in?error=<code>` (the codes of src/service/auth/sso-errors.ts, which the dashboard may
// not import); an unknown code is shown in words.
const KNOWN: Readonly<Record<string, string>> = {
  sso_not_configured: 'this server has no single sign-on set up. Sign in with your password.',
  sso_unavailable: 'the sign-in provider did not answer. Try again in a moment.',
  sso_expired: 'the sign-in took too long or was started in another browser. Start again.',
  sso_denied: 'the provider did not let you sign in (cancelled, or not allowed there).',
  sso_failed: 'the provider’s answer did not pass the security checks. Start again.',
  sso_email: 'the provider gave no verified e-mail address for you.',
  sso_domain: 'your e-mail domain is not allowed to sign in here.',
  sso_disabled: 'your account is disabled. Ask an owner of your workspace.',
  sso_no_access: 'your account belongs to no workspace any more. Ask an owner to invite you.',
  sso_workspace: 'the server’s single sign-on names no workspace. Tell its administrator.',
  sso_error: 'something failed on the server (its log says what). Try again.',
};

export function ssoErrorOf(query: URLSearchParams): string | null {
  const code = query.get('error');
  if (!code) return null;
  const sentence = Object.hasOwn(KNOWN, code) ? KNOWN[code] : `${code.replace(/[_-]+/g, ' ')}.`;
  return `Single sign-on failed: ${sentence}`;
}
