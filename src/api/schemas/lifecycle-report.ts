// The hand-over report over the API: the period asked for, and the figures per segment.
import { z } from 'zod';
import { handoverFiguresSchema } from '../../service/lifecycle/handover-report.js';
import { isoTime } from './iso-time.js';

export const handoverReportQuerySchema = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Start of the period (inclusive); 30 days before `to` if absent'),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('End of the period (exclusive); now if absent'),
});

export const handoverReportSchema = z
  .object({
    from: isoTime,
    to: isoTime,
    segments: z.array(handoverFiguresSchema).describe('One entry per segment, in segment order'),
  })
  .describe(
    'The hand-overs to sales made in [from, to), per qualified segment, and what became of them since',
  );

export type HandoverReport = z.infer<typeof handoverReportSchema>;
