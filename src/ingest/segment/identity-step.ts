// Pipeline step: a call must say whose it is, by userId or anonymousId.
import { ok, rejected, type Step } from './step.js';
import type { ValidatedCall } from './validate-step.js';

export interface IdentifiedCall extends ValidatedCall {
  userId: string | null;
  anonymousId: string | null;
}

/** A blank id names no one: it is treated as absent rather than as the lead "". */
function present(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

export function createIdentityStep(): Step<ValidatedCall, IdentifiedCall> {
  return (input) => {
    const userId = present(input.call.userId);
    const anonymousId = present(input.call.anonymousId);
    if (userId === null && anonymousId === null) {
      return rejected('a call needs a userId or an anonymousId', 'userId');
    }
    return ok({ ...input, userId, anonymousId });
  };
}
