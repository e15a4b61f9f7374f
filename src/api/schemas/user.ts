// The users of a workspace over the management API: listed, invited (a one-time link answered
// once), their role or disabled flag changed, removed. Never a password hash.
import { z } from 'zod';
import { ROLES } from '../../store/team-records.js';
import { isoTime } from './iso-time.js';

const role = z
  .enum(ROLES)
  .describe(
    'owner: everything; marketer: models, analytics, automation, traits; sales: reads, acts on the leads it owns; viewer: reads',
  );

export const userViewSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role,
    disabled: z.boolean(),
    createdAt: isoTime,
    lastSignInAt: isoTime.nullable(),
  })
  .meta({ id: 'WorkspaceUser', description: 'A user of the workspace with its role there' });

export const userListSchema = z
  .object({ items: z.array(userViewSchema) })
  .describe('The users of the workspace, by e-mail');

export const newUserSchema = z
  .object({ email: z.string().min(3).max(320).describe('Lower-cased when stored'), role })
  .strict();

export const invitedUserSchema = z
  .object({
    user: userViewSchema,
    link: z
      .object({
        url: z.string().describe('The one-time sign-in link: give it to the user (shown once)'),
        expiresAt: isoTime,
      })
      .describe('Valid for 24 hours, once'),
  })
  .describe('The user (new, or given this role) and their invitation');

export const userPatchSchema = z
  .object({
    role: role.optional(),
    disabled: z.boolean().optional().describe('A disabled user cannot sign in; their sessions end'),
  })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, {
    message: 'send role, disabled or both',
  });

export const userIdParams = z.object({ id: z.string().min(1).describe('The user id') });

export type UserView = z.infer<typeof userViewSchema>;
