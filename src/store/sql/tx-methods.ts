// Every store method written once for both dialects, on one connection inside a transaction.
import type { SqlDb } from './sql-db.js';
import { suppressionMethods } from './suppressions.js';
import { eventMethods } from './events.js';
import { scoreMethods } from './scores.js';
import { leadMethods } from './leads.js';
import { leadListMethods } from './lead-list.js';

export function sqlTxMethods(db: SqlDb) {
  return merge(
    suppressionMethods(db),
    eventMethods(db),
    scoreMethods(db),
    leadMethods(db),
    leadListMethods(db),
  );
}

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/**
 * `{ ...a, ...b, ... }` of method sets. PostgreSQL builds them for every transaction, and Node
 * 20 spreads objects of many methods some 20 times slower than Object.assign copies them (about
 * 0.1 ms a transaction for these).
 */
function merge<T extends object[]>(...parts: T): Intersection<T[number]> {
  return Object.assign({}, ...parts) as Intersection<T[number]>;
}
