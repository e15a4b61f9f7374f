// What /health answers: the server is up and its store answers.
import { z } from 'zod';
import { isoTime } from './iso-time.js';

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    store: z.enum(['sqlite', 'postgres']).describe('The store behind the server'),
    time: isoTime.describe('The server’s time'),
  })
  .describe('The server is up and its store answers');
