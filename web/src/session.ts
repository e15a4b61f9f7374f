// The signed-in admin key, kept for the browser session only, and the note shown at sign-in
// when a key stopped working.
const KEY = 'leadscore.adminKey';
const NOTE = 'leadscore.signInNote';

export function adminKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function signIn(key: string): void {
  sessionStorage.setItem(KEY, key);
  sessionStorage.removeItem(NOTE);
}

export function signOut(note?: string): void {
  sessionStorage.removeItem(KEY);
  if (note) sessionStorage.setItem(NOTE, note);
}

/** The note left by the last forced sign-out, read once. */
export function takeSignInNote(): string | null {
  const note = sessionStorage.getItem(NOTE);
  sessionStorage.removeItem(NOTE);
  return note;
}
