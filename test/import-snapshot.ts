// Everything an import writes for a workspace, read through the store: to compare two databases
// or one database before and after.
import type { Store } from '../src/store/port.js';

export async function snapshotOf(store: Store, ws: string) {
  const ids = (await store.listLeadIds(ws, { changedSince: 0 })).map((l) => l.id);
  const leads = [...(await store.getLeads(ws, ids)).values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  const scores = [...(await store.getScores(ws, ids)).values()].sort((a, b) =>
    a.leadId.localeCompare(b.leadId),
  );
  const history: unknown[] = [];
  const lifecycle: unknown[] = [];
  for (const id of ids) {
    history.push(await store.listHistory(ws, id, { limit: 10_000 }));
    lifecycle.push(await store.listLifecycleEntries(ws, id, { limit: 10_000 }));
  }
  const companies = [...(await store.getCompanies(ws, ['C1', 'C2', 'C3'])).values()];
  return {
    leads,
    scores,
    history,
    lifecycle,
    companies,
    events: await store.countEvents(ws),
    pending: await store.listImportPending(ws, { limit: 10 }),
  };
}
