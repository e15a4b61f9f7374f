// A channel request the service refuses: each problem names the field at fault (`config.port`,
// `secrets.webhookUrl`, `sync`), so the API answers a 400 that says what and where.
export interface FieldProblem {
  field: string;
  message: string;
}

export class ChannelInputError extends Error {
  override readonly name = 'ChannelInputError';
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}
