// The workspace's background jobs over the API, newest first (each as GET /v1/jobs/{id} answers).
import { z } from 'zod';
import { jobViewSchema } from './job.js';

export const jobListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const jobListSchema = z
  .object({ items: z.array(jobViewSchema) })
  .describe('The most recent jobs, newest first');
