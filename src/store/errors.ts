// Coded storage errors, so callers (API, CLI) can map them to answers without parsing messages.
export type StoreErrorCode = 'not_found' | 'conflict' | 'invalid';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
