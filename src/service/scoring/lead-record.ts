// The record a model's fit criteria read for a stored lead: its traits, its id, and its
// company's traits under `company.*`.
import { isRecord } from '../../core/fields.js';

/**
 * A company linked by a `group` call wins; without one, the Segment-reserved `company` object in
 * the lead's own identify traits fills `company.*`.
 */
export function leadRecord(
  id: string,
  traits: Record<string, unknown>,
  companyTraits: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const company = companyTraits ?? (isRecord(traits.company) ? traits.company : undefined);
  return { ...traits, id, ...(company ? { company } : {}) };
}
