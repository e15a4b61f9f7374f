// One account as the API shows it: scored as of now from its contacts' states, explained.
import type { AccountScore, CompiledAccounts } from '../../core/account-score.js';
import type { JsonObject, Store } from '../../store/port.js';
import type { ActiveModels } from '../scoring/active-model.js';
import { accountScoreNow, accountsOf } from './account-scoring.js';

/** The account score as of `asOf`, with what it is about. */
export type AccountView = AccountScore & {
  id: string;
  traits: JsonObject;
  aggregate: CompiledAccounts['aggregate'];
  modelVersion: number;
  asOf: string;
};

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
    const score = await accountScoreNow(tx, ws, scoring, accounts, companyId, now);
    return {
      kind: 'ok',
      view: {
        id: companyId,
        traits: company.traits,
        ...score,
        aggregate: accounts.aggregate,
        modelVersion: scoring.version,
        asOf: new Date(now).toISOString(),
      },
    };
  });
}
