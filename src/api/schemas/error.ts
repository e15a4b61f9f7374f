// The one error shape every route answers with (see ../errors.ts), and the error responses a
// route declares: one per status it really answers, each saying when it happens.
import { z } from 'zod';
import { ERROR_CODES } from '../error-codes.js';
import { jsonResponse } from './json-response.js';

const codes = Object.keys(ERROR_CODES) as [
  keyof typeof ERROR_CODES,
  ...(keyof typeof ERROR_CODES)[],
];

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(codes).describe('Stable code, one per kind of failure'),
      message: z.string().describe('What was wrong and where, for people'),
      details: z
        .unknown()
        .optional()
        .describe('More about it: the fields at fault, the model problems, the limit, ...'),
      requestId: z
        .string()
        .describe(
          'The request id, also sent as the X-Request-Id header: quote it when reporting a failure',
        ),
    }),
  })
  .meta({ id: 'ApiError', description: 'A coded error' });

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

const WHEN = {
  400: 'Invalid request: a parameter, the query or the body is wrong (`details` says which field)',
  401: 'Not signed in: no session cookie or API key, or an unknown, expired or revoked one',
  403:
    'Not allowed: the role may not do this (the message says which role and what), a write key ' +
    'on the management API, a cookie request without the right X-CSRF-Token, or a workspace the ' +
    'user is not in',
  404: 'No such resource in this workspace',
  413: 'The body is over its size limit',
  415: 'A Content-Type the route does not accept',
  422: 'The model is invalid (`details` lists every problem with its path)',
  429: 'Over a rate limit: calls of the write key, or failed sign-ins (see Retry-After)',
  500: 'Internal error',
} as const;

type ErrorStatus = keyof typeof WHEN;

const errorResponse = (status: ErrorStatus) => jsonResponse(WHEN[status], apiErrorSchema);

/** The route's error responses: the statuses given, plus 500, which any route may answer. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  const all = [...statuses, 500 as const];
  return Object.fromEntries(all.map((s) => [s, errorResponse(s)])) as Record<
    S | 500,
    ReturnType<typeof errorResponse>
  >;
}
