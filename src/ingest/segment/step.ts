// The result value every ingestion step returns, and how steps are chained.

/**
 * Inside the pipeline a refusal is a value, not a throw: a batch keeps its good messages, and
 * tests assert on results directly. `field` is the path of the offending field in the message.
 */
export type StepResult<T> =
  | { kind: 'ok'; value: T }
  | {
      kind: 'rejected';
      reason: string;
      field?: string;
      /** Set when the refusal is about size (HTTP 413 rather than 400). */
      tooLarge?: true;
    };

export type Rejected = Extract<StepResult<unknown>, { kind: 'rejected' }>;

/** A step is a plain function made by a factory, so its options are fixed once per request. */
export type Step<I, O> = (input: I) => StepResult<O>;

export function ok<T>(value: T): StepResult<T> {
  return { kind: 'ok', value };
}

export function rejected(reason: string, field?: string): Rejected {
  return field === undefined ? { kind: 'rejected', reason } : { kind: 'rejected', reason, field };
}

/** A refusal because the input is over a size limit. */
export function tooLarge(reason: string, field?: string): Rejected {
  return { ...rejected(reason, field), tooLarge: true };
}

/** Runs `second` on what `first` accepted; the first refusal wins. */
export function pipe<A, B, C>(first: Step<A, B>, second: Step<B, C>): Step<A, C> {
  return (input) => {
    const result = first(input);
    return result.kind === 'ok' ? second(result.value) : result;
  };
}
