// Coded errors of the learning code: each says what was wrong and where (file, line, field).

export type MlErrorCode = 'invalid_csv' | 'invalid_target' | 'not_enough_data' | 'invalid_artifact';

export class MlError extends Error {
  constructor(
    readonly code: MlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MlError';
  }
}
