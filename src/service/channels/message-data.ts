// The data of channel messages as the outbox keeps them (webhook_messages.data), shared by what
// writes them (segment actions, the digest) and what renders and sends them (the e-mail and Slack
// senders). Written when the change happens: the message says what the lead was at that moment.
import { z } from 'zod';

/** One contribution to a score, as "why this score" shows it. */
export const contributionLineSchema = z.object({
  label: z.string(),
  points: z.number(),
});

/** A recent event of the lead ("why now"). */
export const recentEventSchema = z.object({
  event: z.string(),
  at: z.number().describe('epoch ms'),
  points: z.number().nullable(),
});

/** What a message says about a lead. */
export const leadCardSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  score: z.number(),
  grade: z.string().nullable(),
  segment: z.string().nullable(),
  /** The segment's label in the model, when it has one. */
  segmentLabel: z.string().nullable(),
  stage: z.string().nullable(),
  owner: z.string().nullable(),
  /** The largest contributions, largest first (at most five). */
  topContributions: z.array(contributionLineSchema),
  /** Events of the last days, newest first (at most five). */
  recent: z.array(recentEventSchema),
  /** The lead's page in the dashboard; null without LEADSCORE_PUBLIC_URL. */
  link: z.string().nullable(),
});

/** `channel.email`: a segment action's e-mail. */
export const emailMessageSchema = z.object({
  /** Resolved addresses (`owner` already replaced by the owner's address). */
  to: z.array(z.string()).min(1),
  subject: z.string().optional(),
  template: z.string().optional(),
  lead: leadCardSchema,
});

/** `channel.slack`: a segment action's Slack message. */
export const slackMessageSchema = z.object({
  text: z.string().optional(),
  lead: leadCardSchema,
});

/** A lead in a digest list. */
export const digestItemSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  score: z.number(),
  grade: z.string().nullable(),
  segment: z.string().nullable(),
  /** When it was handed over, got hot, or started waiting (epoch ms). */
  since: z.number(),
  link: z.string().nullable(),
});

/** `channel.digest`: one owner's daily digest. */
export const digestMessageSchema = z.object({
  owner: z.string(),
  /** Where the e-mail goes (the owner's address); Slack posts to its channel. */
  to: z.string(),
  /** The owner's day, YYYY-MM-DD in `timeZone`. */
  day: z.string(),
  timeZone: z.string(),
  /** New hand-overs to the owner since the last digest (24 hours). */
  handOvers: z.array(digestItemSchema),
  /** The owner's leads that got hot (entered a qualified segment or the top grade) in that time. */
  hot: z.array(digestItemSchema),
  /** Hand-overs waiting for acceptance for `waitingHours` or more. */
  waiting: z.array(digestItemSchema),
  waitingHours: z.number(),
  /**
   * Items left out of each list (each holds at most 20): "and 3 more" in the dashboard. Absent
   * when none were left out.
   */
  more: z
    .object({
      handOvers: z.number().int().min(0),
      hot: z.number().int().min(0),
      waiting: z.number().int().min(0),
    })
    .optional(),
  /** The dashboard's "My leads"; null without LEADSCORE_PUBLIC_URL. */
  link: z.string().nullable(),
});

export type LeadCard = z.infer<typeof leadCardSchema>;
export type EmailMessage = z.infer<typeof emailMessageSchema>;
export type SlackMessage = z.infer<typeof slackMessageSchema>;
export type DigestItem = z.infer<typeof digestItemSchema>;
export type DigestMessage = z.infer<typeof digestMessageSchema>;
