// The e-mail address a user is known by: checked and lower-cased once, here.
import { z } from 'zod';
import { UsersError } from './users-error.js';

const emailSchema = z.email();

/** The address lower-cased and trimmed, or a UsersError 'invalid' saying what is wrong. */
export function normalizeEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  if (lower.length === 0) throw new UsersError('invalid', 'email: expected an e-mail address');
  if (lower.length > 254)
    throw new UsersError('invalid', 'email: at most 254 characters (RFC 5321)');
  if (!emailSchema.safeParse(lower).success)
    throw new UsersError('invalid', `email: "${lower}" is not an e-mail address`);
  return lower;
}
