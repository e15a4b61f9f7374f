// The migrations of both dialects in the order they apply, one id each; append new ones, never
// edit applied ones (a database records ids, see migration.ts).
import type { Migration } from '../migration.js';
import { initial } from './001-initial.js';
import { leadScoresRowid } from './002-lead-scores-rowid.js';
import { webhooks } from './003-webhooks.js';
import { scoreDue } from './004-score-due.js';
import { leadRouting } from './005-lead-routing.js';
import { lifecycle } from './006-lifecycle.js';
import { accountScores } from './007-account-scores.js';
import { webhookMessagesLead } from './008-webhook-messages-lead.js';
import { jobResults } from './009-job-results.js';
import { predictiveModels } from './010-predictive-models.js';
import { jobLeases } from './011-job-leases.js';
import { webhookMessagesAt } from './012-webhook-messages-at.js';
import { leadScoresStateJson } from './013-lead-scores-state-json.js';
import { keyPrefix } from './014-key-prefix.js';
import { suppressions } from './015-suppressions.js';
import { workspaceKeys } from './016-workspace-keys.js';
import { workspaceLedHistoryKeys } from './017-workspace-led-history-keys.js';
import { importPending } from './018-import-pending.js';
import { importRejects } from './019-import-rejects.js';
import { teamsMigration } from './020-teams.js';
import { retraining } from './021-retraining.js';
import { channels } from './022-channels.js';
import { channelSyncState } from './023-channel-sync-state.js';
import { catalog } from './024-catalog.js';
import { modelNotes } from './025-model-notes.js';
import { adjustments } from './026-adjustments.js';

export const migrations: readonly Migration[] = [
  initial,
  leadScoresRowid,
  webhooks,
  scoreDue,
  leadRouting,
  lifecycle,
  accountScores,
  webhookMessagesLead,
  jobResults,
  predictiveModels,
  jobLeases,
  webhookMessagesAt,
  leadScoresStateJson,
  keyPrefix,
  suppressions,
  workspaceKeys,
  workspaceLedHistoryKeys,
  importPending,
  importRejects,
  teamsMigration,
  retraining,
  channels,
  channelSyncState,
  catalog,
  modelNotes,
  adjustments,
];
