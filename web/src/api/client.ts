// The one way the dashboard calls the API: the session cookie, the chosen workspace and (on
// changes) the CSRF token as headers, JSON (or YAML) in, coded errors out as ApiError; a 401
// anywhere ends the session and goes back to sign-in.
import { retryNote } from '../lib/retry-note';
import { navigate } from '../router';
import { csrfToken, signedOut, workspaceId } from '../session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/yaml. */
  yaml?: string;
  /** Sent as multipart/form-data (file uploads; the browser writes the boundary). */
  form?: FormData;
  signal?: AbortSignal;
  /** A sign-in call: its 401 is a wrong password or an expired link, not a session that ended. */
  signIn?: boolean;
}

/** The headers every call carries: the workspace it acts in and, on changes, the CSRF token. */
export function sessionHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const workspace = workspaceId();
  if (workspace) headers['x-leadscore-workspace'] = workspace;
  const token = csrfToken();
  if (token && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = token;
  return headers;
}

/** Ends the session in this tab after a 401 and sends the user to sign in, back here after. */
export function sessionEnded(reason: string): void {
  if (location.pathname === '/sign-in') return;
  signedOut(`Your session has ended (${reason}). Sign in again.`);
  navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
}

type Query = Record<string, string | number | undefined | null>;

/** `path?query` with the empty values left out (added to the query `path` may have). */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  if (!text) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** The coded error of a failed answer (or its status line when it is not one). */
export async function errorOf(response: Response): Promise<ApiError> {
  if (response.status === 429) {
    const error = await bodyErrorOf(response);
    const note = retryNote(response.headers.get('retry-after'));
    return new ApiError(429, error.code, `${error.message.replace(/\.?$/, '.')}${note}`);
  }
  return bodyErrorOf(response);
}

async function bodyErrorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body.error?.message)
      return new ApiError(
        response.status,
        body.error.code ?? 'error',
        body.error.message,
        body.error.details,
      );
  } catch {
    // Not JSON (a proxy's page, say): fall through to the status line.
  }
  return new ApiError(
    response.status,
    'http_error',
    `${response.status} ${response.statusText || 'request failed'}`,
  );
}

/** The API's response to a call, or the ApiError it answered (a 401 ends the session). */
async function send(path: string, options: RequestOptions): Promise<Response> {
  let body: string | FormData | undefined;
  const contentType: Record<string, string> = {};
  if (options.form !== undefined) {
    body = options.form;
  } else if (options.yaml !== undefined) {
    contentType['content-type'] = 'application/yaml';
    body = options.yaml;
  } else if (options.json !== undefined) {
    contentType['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const headers = { ...sessionHeaders(method), ...contentType };
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw noAnswer();
  }
  return answered(response, options);
}

const noAnswer = () =>
  new ApiError(0, 'network', 'The server did not answer: is `leadscore serve` running?');

/** The response when it is a success, else its ApiError thrown (a 401 ends the session). */
async function answered(response: Response, options: RequestOptions): Promise<Response> {
  if (!response.ok) {
    const error = await errorOf(response);
    // Several calls of one page may fail at once: the first one sends the user to sign in.
    if (response.status === 401 && !options.signIn) sessionEnded(error.message);
    throw error;
  }
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  // A 204 (sign-out, a removal) has no body.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * POSTs a multipart form as `api` does, reporting the bytes sent as they go (fetch reports no
 * upload progress; XMLHttpRequest does), for uploads large enough to take a while.
 */
export function apiUpload<T>(
  path: string,
  form: FormData,
  onProgress: (sent: number, total: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    for (const [name, value] of Object.entries(sessionHeaders('POST')))
      request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onerror = () => reject(noAnswer());
    request.onload = () => {
      if (request.status < 200 || request.status > 599) return reject(noAnswer());
      // A Response of these statuses may have no body.
      const body = [204, 205, 304].includes(request.status) ? null : request.responseText;
      const response = new Response(body, {
        status: request.status,
        statusText: request.statusText,
      });
      answered(response, {})
        .then((ok) => ok.json() as Promise<T>)
        .then(resolve, reject);
    };
    request.send(form);
  });
}

/** A readable message for anything thrown by `api`. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
