// How each operation of the OpenAPI document authenticates, from the route access table: the
// session cookie (with X-CSRF-Token on state-changing calls) or an api key for the management
// API, a write key for ingestion; the X-Leadscore-Workspace header where a user picks a workspace.
import { ACCESS_TABLE, type RouteAccess } from '../access-table.js';

export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'leadscore_session',
    description:
      'The session of POST /v1/auth/login (HttpOnly, SameSite=Lax; Secure over HTTPS). Never ' +
      'accepted on ingestion routes.',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description:
      'The csrfToken of login or /v1/auth/me: required with the cookie on POST, PUT, PATCH, DELETE',
  },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An api key (`ls_api_...`, older `ls_admin_...`) acting with its role in its own workspace',
  },
  writeKey: {
    type: 'http',
    scheme: 'basic',
    description: 'The write key as the user name (ingestion only)',
  },
} as const;

const WORKSPACE_PARAMETER = {
  name: 'X-Leadscore-Workspace',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description:
    'With the session cookie: the id of the workspace to act in (see /v1/auth/me). Needed when ' +
    'the user belongs to several; an api key acts in its own.',
};

const SAFE = new Set(['get', 'head', 'options']);

interface Response {
  description: string;
  content?: unknown;
}
interface Operation {
  security?: unknown;
  parameters?: unknown[];
  responses?: Record<string, Response>;
}

/** A management operation may answer 400 for the workspace header, whatever its own inputs. */
function addWorkspaceRefusal(operation: Operation): void {
  const responses = operation.responses;
  const unauthorized = responses?.['401'];
  if (!responses || responses['400'] || !unauthorized) return;
  responses['400'] = {
    ...unauthorized,
    description:
      'The signed-in user belongs to several workspaces and sent no X-Leadscore-Workspace header',
  };
}

/** The access entry of a documented operation (`/v1/leads/{id}` is the table's `/v1/leads/:id`). */
function accessOf(method: string, path: string): RouteAccess | undefined {
  return ACCESS_TABLE[`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`];
}

function securityOf(
  method: string,
  access: RouteAccess | undefined,
): Record<string, string[]>[] | undefined {
  const cookie: Record<string, string[]> = SAFE.has(method)
    ? { sessionCookie: [] }
    : { sessionCookie: [], csrfToken: [] };
  switch (access?.kind) {
    case 'management':
      return [cookie, { apiKey: [] }];
    case 'session':
      return [cookie];
    case 'ingest':
      return [{ writeKey: [] }, { apiKey: [] }];
    case 'public':
      return [];
    default:
      return undefined;
  }
}

/** Sets each operation's security (and the workspace header of management ones) in place. */
export function documentSecurity(paths: Record<string, Record<string, Operation>>): void {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const access = accessOf(method, path);
      const security = securityOf(method, access);
      if (security === undefined) continue;
      operation.security = security;
      if (access?.kind === 'management') {
        operation.parameters = [...(operation.parameters ?? []), WORKSPACE_PARAMETER];
        addWorkspaceRefusal(operation);
      }
    }
  }
}
