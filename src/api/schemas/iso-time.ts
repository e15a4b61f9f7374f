// A point in time as the API answers it: ISO-8601 in UTC (`2026-06-01T12:00:00.000Z`).
import { z } from 'zod';

export const isoTime = z.iso.datetime().describe('ISO-8601 time in UTC');
