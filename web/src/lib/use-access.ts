// The signed-in person's e-mail and chosen workspace, for pages that show or hide what the role
// may do (the server refuses the rest anyway, with a reason).
import type { Workspace } from '../api/auth-types';
import { useSession } from '../session';

export function useAccess(): { email: string | null; workspace: Workspace | null } {
  const state = useSession();
  return state.status === 'signed-in'
    ? { email: state.me.user.email, workspace: state.workspace }
    : { email: null, workspace: null };
}
