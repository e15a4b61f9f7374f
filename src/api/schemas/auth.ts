// Signing in and out: the bodies of login and of redeeming a one-time link, and the session view
// login, /v1/auth/me and a redeemed link answer.
import { z } from 'zod';
import { PERMISSIONS } from '../../service/auth/permissions.js';
import { ROLES } from '../../store/team-records.js';
import { isoTime } from './iso-time.js';

export const loginBodySchema = z
  .object({
    email: z.string().min(1).max(320).describe('The e-mail address (any case)'),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const linkBodySchema = z
  .object({
    token: z.string().min(1).max(200).describe('The `token` of the one-time sign-in link'),
    password: z
      .string()
      .max(1024)
      .optional()
      .describe('Sets the password (at least 12 characters, not a common one) while signing in'),
  })
  .strict();

export const sessionViewSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      lastSignInAt: isoTime.nullable().describe('This sign-in, or the latest one'),
    }),
    workspaces: z
      .array(
        z.object({
          id: z.string().describe('Send it as the X-Leadscore-Workspace header'),
          name: z.string(),
          role: z.enum(ROLES),
          permissions: z
            .array(z.enum(PERMISSIONS))
            .describe('What the role may do there (sales: leads.act only for the leads it owns)'),
        }),
      )
      .describe('The workspaces of the user, by name'),
    csrfToken: z
      .string()
      .describe('Send it as the X-CSRF-Token header of every POST, PUT, PATCH and DELETE'),
  })
  .meta({ id: 'SessionView', description: 'The signed-in user, their workspaces and CSRF token' });

export type SessionViewResponse = z.infer<typeof sessionViewSchema>;
