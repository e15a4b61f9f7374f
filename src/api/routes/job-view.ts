// A job record as the API shows it: times in ISO-8601.
import type { Job } from '../../store/port.js';
import type { JobView } from '../schemas/job.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const jobView = (job: Job): JobView => ({
  ...job,
  createdAt: iso(job.createdAt),
  startedAt: isoOrNull(job.startedAt),
  finishedAt: isoOrNull(job.finishedAt),
});
