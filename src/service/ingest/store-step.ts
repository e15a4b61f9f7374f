// What a step of an ingestion run writes besides its call, with or without an active model: an
// identify's traits, a visitor's link and its events moved to the lead, a group call's company.
import type { StoreTx } from '../../store/port.js';
import type { Step } from './run-steps.js';

export interface StepWrites {
  /** Events of a visitor were moved to the lead (they were stored before the lead was known). */
  moved: boolean;
  /** The company the lead left for another one. */
  left: string | null;
}

const NOTHING: StepWrites = { moved: false, left: null };

export async function storeStep(
  tx: StoreTx,
  ws: string,
  step: Step,
  now: number,
): Promise<StepWrites> {
  switch (step.kind) {
    case 'event':
      return NOTHING;
    case 'traits': {
      await tx.upsertLead(ws, step.leadId, step.message.traits, now);
      // Events of the visitor stored before it was linked (by another path) are moved too.
      const { anonymousId } = step.message;
      if (anonymousId === null) return NOTHING;
      return { moved: await moveEvents(tx, ws, anonymousId, step.leadId), left: null };
    }
    case 'link':
      await tx.upsertLead(ws, step.leadId, step.message.traits, now);
      return { moved: await link(tx, ws, step.visitor, step.leadId, now), left: null };
    case 'alias':
      return { moved: await link(tx, ws, step.message.previousId, step.leadId, now), left: null };
    case 'company': {
      const { groupId, traits } = step.message;
      await tx.upsertCompany(ws, groupId, traits, now);
      const previous = (await tx.getLead(ws, step.leadId))?.companyId ?? null;
      await tx.setLeadCompany(ws, step.leadId, groupId, now);
      return { moved: false, left: previous !== groupId ? previous : null };
    }
    case 'company-traits':
      await tx.upsertCompany(ws, step.message.groupId, step.message.traits, now);
      return NOTHING;
  }
}

/** Links the visitor to the lead and moves its unattributed events; answers whether any moved. */
async function link(tx: StoreTx, ws: string, visitor: string, leadId: string, now: number) {
  await tx.linkIdentity(ws, visitor, leadId, now);
  return moveEvents(tx, ws, visitor, leadId);
}

async function moveEvents(tx: StoreTx, ws: string, visitor: string, leadId: string) {
  return (await tx.assignAnonymousEvents(ws, visitor, leadId)) > 0;
}
