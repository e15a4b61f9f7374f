// The people of a workspace over the management API (owners: users.manage): list them, invite one
// (a one-time sign-in link answered once), change a role or disable, remove from the workspace.
// Each change ends the user's sessions; the last active owner can never be demoted or removed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionCacheOf } from '../../service/auth/sessions.js';
import {
  inviteUser,
  listUsers,
  normalizeEmail,
  removeFromWorkspace,
  setDisabled,
  setRole,
  type Role,
  type WorkspaceUser,
} from '../../service/users/index.js';
import { auditTarget } from '../audit-trail.js';
import type { AppDeps } from '../deps.js';
import { apiErrorSchema, errorResponses } from '../schemas/error.js';
import { jsonResponse } from '../schemas/json-response.js';
import {
  invitedUserSchema,
  newUserSchema,
  userIdParams,
  userListSchema,
  userPatchSchema,
  userViewSchema,
} from '../schemas/user.js';

const iso = (ms: number) => new Date(ms).toISOString();

function userView(user: WorkspaceUser) {
  return {
    ...user,
    createdAt: iso(user.createdAt),
    lastSignInAt: user.lastSignInAt === null ? null : iso(user.lastSignInAt),
  };
}

const lastOwner = jsonResponse(
  'The last active owner of the workspace cannot be demoted, disabled or removed ' +
    '(`details.reason`: last_owner); or the user is disabled',
  apiErrorSchema,
);

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // Sessions this process remembers are dropped at once; other servers re-read within 500 ms.
  const changed = () => sessionCacheOf(deps.store).forgetAll();
  /** The audit entry names the user by e-mail, with its role and state before and after. */
  const auditUser = async (
    request: FastifyRequest,
    id: string,
    after: { role?: Role | undefined; disabled?: boolean | undefined },
  ) => {
    const before = (await listUsers(deps.store, request.workspaceId)).find((u) => u.id === id);
    if (!before) return;
    auditTarget(request, `user:${before.email}`, {
      before: { role: before.role, disabled: before.disabled },
      ...(after.role === undefined && after.disabled === undefined
        ? {}
        : {
            after: {
              ...(after.role === undefined ? {} : { role: after.role }),
              ...(after.disabled === undefined ? {} : { disabled: after.disabled }),
            },
          }),
    });
  };
  const publicUrl = (protocol: string, host: string) => deps.publicUrl ?? `${protocol}://${host}`;

  typed.get(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'The users of the workspace with their roles',
        response: { 200: userListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: (await listUsers(deps.store, request.workspaceId)).map(userView),
    }),
  );

  typed.post(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Invite a user (or give an existing one a role here): answers a one-time link',
        body: newUserSchema,
        response: {
          201: invitedUserSchema,
          ...errorResponses(400, 401, 403, 413, 415),
          409: lastOwner,
        },
      },
    },
    async (request, reply) => {
      auditTarget(request, `user:${normalizeEmail(request.body.email)}`, {
        after: { role: request.body.role },
      });
      const { user, link } = await inviteUser(deps.store, {
        workspaceId: request.workspaceId,
        email: request.body.email,
        role: request.body.role,
        now: deps.clock(),
        publicUrl: publicUrl(request.protocol, request.host),
      });
      changed();
      return reply
        .code(201)
        .send({ user: userView(user), link: { url: link.url, expiresAt: iso(link.expiresAt) } });
    },
  );

  typed.patch(
    '/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user’s role here, or disable / enable them (their sessions end)',
        params: userIdParams,
        body: userPatchSchema,
        response: {
          200: jsonResponse('The user now', userViewSchema),
          ...errorResponses(400, 401, 403, 404, 413, 415),
          409: lastOwner,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { role, disabled } = request.body;
      const now = deps.clock();
      await auditUser(request, id, { role, disabled });
      let user: WorkspaceUser | undefined;
      try {
        if (role !== undefined)
          user = await setRole(deps.store, request.workspaceId, id, role, now);
        if (disabled !== undefined)
          user = await setDisabled(deps.store, request.workspaceId, id, disabled, now);
      } finally {
        changed();
      }
      return userView(user!);
    },
  );

  typed.delete(
    '/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Remove a user from the workspace (their account stays; their sessions end)',
        params: userIdParams,
        response: {
          200: jsonResponse('The user removed, as it was', userViewSchema),
          ...errorResponses(400, 401, 403, 404),
          409: lastOwner,
        },
      },
    },
    async (request) => {
      await auditUser(request, request.params.id, {});
      const user = await removeFromWorkspace(deps.store, request.workspaceId, request.params.id);
      changed();
      return userView(user);
    },
  );
}
