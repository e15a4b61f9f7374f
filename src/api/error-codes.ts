// The API's error codes and the HTTP status each answers with: a plain table, so the error
// schema (and the dashboard's types built from it) need none of the error handling.
export const ERROR_CODES = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  suppressed: 409,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_model: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
