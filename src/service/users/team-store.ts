// What the users service needs of a store: the team methods (and the lock that makes the
// last-owner rule hold), one transaction at a time. The full Store satisfies it; so does a wrapper
// that adds an audit entry to each transaction.
import type { StoreTx } from '../../store/port.js';
import type { TeamMethods } from '../../store/team-port.js';

export type TeamTx = TeamMethods & Pick<StoreTx, 'lockLeads'>;

export interface TeamStore extends TeamTx {
  /** Runs fn in one transaction (see Store.transaction): use only `tx` inside. */
  transaction<T>(fn: (tx: TeamTx) => Promise<T>): Promise<T>;
}
