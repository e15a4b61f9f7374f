// The store contract: one suite every adapter must pass unchanged.
import { describe } from 'vitest';
import { accountsContract } from './accounts.contract.js';
import { adjustmentsContract } from './adjustments.contract.js';
import { auditContract } from './audit.contract.js';
import { catalogContract } from './catalog.contract.js';
import { channelsContract } from './channels.contract.js';
import { channelSyncContract } from './channel-sync.contract.js';
import { dashboardContract } from './dashboard.contract.js';
import { digestContentContract } from './digest-content.contract.js';
import { eventsContract } from './events.contract.js';
import { importRejectsContract } from './import-rejects.contract.js';
import type { MakeStore } from './harness.js';
import { importsContract } from './imports.contract.js';
import { isolationContract } from './isolation.contract.js';
import { leadsContract } from './leads.contract.js';
import { lifecycleContract } from './lifecycle.contract.js';
import { listLeadsContract } from './list-leads.contract.js';
import { listLeadsKeysetContract } from './list-leads-keyset.contract.js';
import { modelHistoryContract } from './model-history.contract.js';
import { retrainingContract } from './retraining.contract.js';
import { routingContract } from './routing.contract.js';
import { accountScoresContract } from './account-scores.contract.js';
import { scoresContract } from './scores.contract.js';
import { suppressionsContract } from './suppressions.contract.js';
import { teamContract } from './team.contract.js';
import { transactionsContract } from './transactions.contract.js';
import { webhookDeliveriesContract } from './webhook-deliveries.contract.js';
import { webhooksContract } from './webhooks.contract.js';

export type { MakeStore } from './harness.js';

/**
 * Registers the suite. makeStore opens a store for one test, on a new or a shared database: each
 * test works in workspaces it creates. The suite runs migrate.
 */
export function runStoreContract(name: string, makeStore: MakeStore): void {
  describe(`store contract: ${name}`, () => {
    accountsContract(makeStore);
    leadsContract(makeStore);
    eventsContract(makeStore);
    scoresContract(makeStore);
    routingContract(makeStore);
    lifecycleContract(makeStore);
    accountScoresContract(makeStore);
    transactionsContract(makeStore);
    listLeadsContract(makeStore);
    listLeadsKeysetContract(makeStore);
    isolationContract(makeStore);
    webhooksContract(makeStore);
    webhookDeliveriesContract(makeStore);
    channelsContract(makeStore);
    dashboardContract(makeStore);
    suppressionsContract(makeStore);
    importsContract(makeStore);
    importRejectsContract(makeStore);
    retrainingContract(makeStore);
    teamContract(makeStore);
    auditContract(makeStore);
    digestContentContract(makeStore);
    channelSyncContract(makeStore);
    catalogContract(makeStore);
    adjustmentsContract(makeStore);
    modelHistoryContract(makeStore);
  });
}
