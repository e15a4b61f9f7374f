// The signed-in person as the server last reported it (user, workspaces, CSRF token), held in
// memory only: the session itself is an HttpOnly cookie, so nothing secret is in web storage and
// every tab shares one sign-in. The chosen workspace is kept in localStorage; tabs tell each
// other when one signs out or in.
import { useSyncExternalStore } from 'react';
import type { Me, Workspace } from './api/auth-types';
import { pickWorkspace } from './lib/access';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me; workspace: Workspace | null };

const WORKSPACE = 'leadscore.workspace';
const NOTE = 'leadscore.signInNote';
const CHANNEL = 'leadscore.session';

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
let opened: BroadcastChannel | null | undefined;

/** The channel the tabs of this origin share, opened on first use. */
function channel(): BroadcastChannel | null {
  if (opened === undefined)
    opened = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  return opened;
}

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function storedWorkspace(): string | null {
  try {
    return localStorage.getItem(WORKSPACE);
  } catch {
    return null;
  }
}

export function session(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** Records who is signed in (from login, a sign-in link or /v1/auth/me). */
export function signedIn(me: Me, options: { tell?: boolean } = {}): void {
  sessionStorage.removeItem(NOTE);
  set({ status: 'signed-in', me, workspace: pickWorkspace(me.workspaces, storedWorkspace()) });
  if (options.tell) channel()?.postMessage('signed-in');
}

/** Forgets the signed-in person; `note` is shown on the sign-in page (why it happened). */
export function signedOut(note?: string, options: { tell?: boolean } = {}): void {
  if (note) sessionStorage.setItem(NOTE, note);
  set({ status: 'signed-out' });
  if (options.tell) channel()?.postMessage('signed-out');
}

/** Switches the workspace the dashboard acts in (kept for the next visit, in every tab). */
export function chooseWorkspace(id: string): void {
  if (state.status !== 'signed-in') return;
  const workspace = state.me.workspaces.find((w) => w.id === id);
  if (!workspace) return;
  localStorage.setItem(WORKSPACE, id);
  set({ ...state, workspace });
}

export function csrfToken(): string | null {
  return state.status === 'signed-in' ? state.me.csrfToken : null;
}

export function workspaceId(): string | null {
  return state.status === 'signed-in' ? (state.workspace?.id ?? null) : null;
}

/** The note left by the last forced sign-out, read once. */
export function takeSignInNote(): string | null {
  const note = sessionStorage.getItem(NOTE);
  sessionStorage.removeItem(NOTE);
  return note;
}

/** Another tab signed out or in: `onChange` reloads who is signed in here. */
export function onOtherTab(onChange: (what: 'signed-in' | 'signed-out') => void): () => void {
  const shared = channel();
  if (!shared) return () => undefined;
  const listener = (event: MessageEvent) => {
    if (event.data === 'signed-in' || event.data === 'signed-out') onChange(event.data);
  };
  shared.addEventListener('message', listener);
  return () => shared.removeEventListener('message', listener);
}
