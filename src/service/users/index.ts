// The users service: people, their roles per workspace and their one-time sign-in links.
export { ROLES, type Role } from '../../store/team-records.js';
export { UsersError, type UsersErrorCode } from './users-error.js';
export type { TeamStore, TeamTx } from './team-store.js';
export { normalizeEmail } from './email.js';
export { publicUrlOf } from './public-url.js';
export { memberByEmail, type WorkspaceUser } from './workspace-user.js';
export {
  hashLinkToken,
  issueSignInLink,
  redeemSignInLink,
  SIGN_IN_LINK_TTL_MS,
  type IssuedLink,
} from './sign-in-links.js';
export { createUserWithPassword, inviteUser, type InviteInput } from './invite.js';
export { listUsers, removeFromWorkspace, setDisabled, setRole } from './membership.js';
