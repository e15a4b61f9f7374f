// Webhook signing secrets sealed at rest: AES-256-GCM under a key derived by HKDF-SHA-256 from
// LEADSCORE_SECRET_KEY, stored as `enc:v1:<iv>:<tag>:<ciphertext>` (base64url), so a value
// without the marker (a database from before, or a server without the key) still reads as
// plaintext. node:crypto does the cryptography; only this framing is written here.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const MARKER = 'enc:v1:';
/** Fixed salt and info: the key material is the variable itself, used for this purpose only. */
const HKDF_SALT = 'leadscore';
const HKDF_INFO = 'leadscore webhook signing secrets v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret cannot be opened: no key, or not the key it was sealed with. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export interface SecretBox {
  /** True when seal() encrypts (LEADSCORE_SECRET_KEY is set). */
  readonly encrypts: boolean;
  /** The value to store for this secret. */
  seal(secret: string): string;
  /** The secret of a stored value, sealed or plain; throws SecretKeyError when it cannot. */
  open(stored: string): string;
}

/** True for a value written by seal() with a key. */
export function isSealed(stored: string): boolean {
  return stored.startsWith(MARKER);
}

/** Without a key: secrets are stored as given, and a sealed one cannot be read. */
export const PLAIN_SECRETS: SecretBox = {
  encrypts: false,
  seal: (secret) => secret,
  open: (stored) => {
    if (isSealed(stored))
      throw new SecretKeyError(
        'webhook signing secrets are encrypted at rest, but LEADSCORE_SECRET_KEY is not set',
      );
    return stored;
  },
};

/** The box for this key (config.ts holds it to at least 32 characters), or PLAIN_SECRETS. */
export function secretBox(secretKey: string | undefined): SecretBox {
  if (secretKey === undefined) return PLAIN_SECRETS;
  const key = Buffer.from(hkdfSync('sha256', secretKey, HKDF_SALT, HKDF_INFO, 32));
  return {
    encrypts: true,
    seal: (secret) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url'));
      return `${MARKER}${parts.join(':')}`;
    },
    open: (stored) => {
      if (!isSealed(stored)) return stored;
      const [iv, tag, sealed, ...rest] = stored
        .slice(MARKER.length)
        .split(':')
        .map((part) => Buffer.from(part, 'base64url'));
      if (!iv || !tag || !sealed || rest.length > 0 || iv.length !== IV_BYTES)
        throw new SecretKeyError('a stored webhook signing secret is not in the enc:v1 form');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
      } catch {
        // GCM's tag check failed: another key sealed it (or the value was altered).
        throw new SecretKeyError(
          'LEADSCORE_SECRET_KEY does not decrypt the stored webhook signing secrets: it is not the key they were encrypted with',
        );
      }
    },
  };
}
