// The users service's coded errors: the API maps the code to a status, the CLI prints the message.
export type UsersErrorCode =
  'invalid' | 'conflict' | 'not_found' | 'last_owner' | 'weak_password' | 'disabled';

export class UsersError extends Error {
  override readonly name = 'UsersError';

  constructor(
    readonly code: UsersErrorCode,
    message: string,
  ) {
    super(message);
  }
}
