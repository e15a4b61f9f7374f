// Signing secrets in the Standard Webhooks form: `whsec_` and the base64 of 24 to 64 random bytes.
import { randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new secret of 32 random bytes. */
export function generateSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Why the secret is unusable, or null when it is fine. */
export function secretProblem(secret: string): string | null {
  if (!secret.startsWith(PREFIX)) return `expected "${PREFIX}" followed by base64`;
  const encoded = secret.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0)
    return `expected base64 after "${PREFIX}"`;
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < 24 || bytes > 64)
    return `expected 24 to 64 bytes of key after "${PREFIX}", got ${bytes}`;
  return null;
}
