// Passwords: argon2id hashing with OWASP's parameters, the policy a new password must meet, and a
// dummy verification so an unknown e-mail costs the same time as a wrong password.
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. `algorithm: 2` is
 * Argon2id (the package's const enum cannot be imported under isolated modules).
 */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The same password typed on any keyboard or system: NFKC folds the several Unicode spellings of
 * one character (precomposed or combining accents, full-width forms) into one (NIST SP 800-63B).
 */
function normalized(password: string): string {
  return password.normalize('NFKC');
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalized(password), ARGON2_OPTIONS);
}

/** False for a wrong password and for a hash that cannot be read (never throws). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalized(password));
  } catch {
    return false;
  }
}

/** An argon2id hash, with ARGON2_OPTIONS, of a random password nobody knows. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$DS6kIAP9DLHS2lwVexTiTQ$G+txFyKXQEgWfc60OoVAE7ThNYxY3o/8G0qigEu8S94';

/** Spends what checking a real password costs; answers false. */
export async function burnVerify(password = ''): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

const COMMON = new Set(dictionary['passwords-common']);

/** The password with leading and trailing digits and symbols cut: `Summer2024!` -> `summer`. */
function core(password: string): string {
  return password.toLowerCase().replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
}

function madeOfEmail(lower: string, email: string): boolean {
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length < 3) return false;
  const rest = lower.split(local).join('');
  return rest.length < lower.length && rest.replace(/[\d\W_]/gu, '').length < 4;
}

/**
 * What is wrong with a new password, or null when it may be used. The message says why, never the
 * password itself.
 */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `password: use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length})`;
  if (length > PASSWORD_MAX_LENGTH)
    return `password: use at most ${PASSWORD_MAX_LENGTH} characters (this one has ${length})`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 5)
    return 'password: uses too few different characters; choose a longer phrase or random characters';
  if (COMMON.has(lower) || COMMON.has(core(password)))
    return 'password: it is one of the most common passwords (or one with digits or symbols added); choose another';
  if (lower === email.toLowerCase() || madeOfEmail(lower, email))
    return 'password: it is made of your e-mail address; choose another';
  return null;
}
