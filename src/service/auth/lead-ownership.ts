// Whether a lead is the signed-in person's own: its routing owner is their e-mail (compared
// without case). Roles limited to their own leads (sales) are checked against it.
import type { Store } from '../../store/port.js';

export type LeadOwnership = 'own' | 'other' | 'unknown';

export async function leadOwnership(
  store: Pick<Store, 'getLead' | 'getLeadRouting'>,
  ws: string,
  leadId: string,
  email: string,
): Promise<LeadOwnership> {
  const routing = await store.getLeadRouting(ws, leadId);
  if (routing.owner !== null && routing.owner.toLowerCase() === email.toLowerCase()) return 'own';
  return (await store.getLead(ws, leadId)) ? 'other' : 'unknown';
}
