// The address people reach the dashboard at, which sign-in links point to: LEADSCORE_PUBLIC_URL
// when set, else the local server.
/** `configured` (LEADSCORE_PUBLIC_URL) without a trailing slash, else http://localhost:<port>. */
export function publicUrlOf(configured: string | undefined, port: number): string {
  if (configured) return configured.replace(/\/+$/u, '');
  return `http://localhost:${port}`;
}
