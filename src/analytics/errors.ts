// Coded errors of the conversion analytics: each says what was wrong and where (file, line, field).

export type AnalyticsErrorCode =
  'invalid_option' | 'invalid_data' | 'invalid_costs' | 'no_outcomes';

export class AnalyticsError extends Error {
  constructor(
    readonly code: AnalyticsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnalyticsError';
  }
}
