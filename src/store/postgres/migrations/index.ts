// The PostgreSQL migrations in the order they apply; append new ones, never edit applied ones.
import type { Migration } from '../../migration.js';
import { initial } from './001-initial.js';
import { webhooks } from './002-webhooks.js';
import { scoreDue } from './003-score-due.js';
import { leadRouting } from './004-lead-routing.js';
import { lifecycle } from './005-lifecycle.js';
import { accountScores } from './006-account-scores.js';
import { webhookMessagesLead } from './007-webhook-messages-lead.js';
import { jobResults } from './009-job-results.js';
import { predictiveModels } from './010-predictive-models.js';
import { jobLeases } from './011-job-leases.js';
import { webhookMessagesAt } from './012-webhook-messages-at.js';
import { leadScoresStateJson } from './013-lead-scores-state-json.js';
import { keyPrefix } from './014-key-prefix.js';
import { suppressions } from './015-suppressions.js';

export const migrations: readonly Migration[] = [
  initial,
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
];
