// A documented JSON response: its schema and a description of when it is answered. The
// description sits on the response, so a schema shared as a component (`$ref`) gets one too.
import type { z } from 'zod';

export function jsonResponse<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}
