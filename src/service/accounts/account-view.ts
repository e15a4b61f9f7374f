// One account as the API shows it: scored as of now from its contacts' states, explained.
import type { AccountContribution } from '../../core/account-score.js';
import type { Stage } from '../../core/model-schema.js';
import type { JsonObject, Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { accountScoreNow, accountsOf } from './account-scoring.js';

export interface AccountView {
  id: string;
  traits: JsonObject;
  score: number;
  fit: number;
  engagement: number;
  grade: string | null;
  segment: string;
  stage: Stage;
  contacts: number;
  aggregate: 'sum' | 'max' | 'average';
  modelVersion: number;
  asOf: string;
  contributions: AccountContribution[];
}

export type AccountViewResult =
  { kind: 'ok'; view: AccountView } | { kind: 'no_accounts' } | { kind: 'not_found' };

export async function accountView(
  store: Store,
  models: ActiveModels,
  ws: string,
  companyId: string,
  now: number,
): Promise<AccountViewResult> {
  return store.transaction(async (tx) => {
    const scoring = await models.get(tx, ws);
    const accounts = scoring && accountsOf(scoring.compiled);
    if (!scoring || !accounts) return { kind: 'no_accounts' };
    const company = await tx.getCompany(ws, companyId);
    if (!company) return { kind: 'not_found' };
    const s = await accountScoreNow(tx, ws, scoring, accounts, companyId, now);
    return {
      kind: 'ok',
      view: {
        id: companyId,
        traits: company.traits,
        score: s.score,
        fit: s.fit,
        engagement: s.engagement,
        grade: s.grade,
        segment: s.segment,
        stage: s.stage,
        contacts: s.contacts,
        aggregate: accounts.aggregate,
        modelVersion: scoring.version,
        asOf: new Date(now).toISOString(),
        contributions: s.contributions,
      },
    };
  });
}
