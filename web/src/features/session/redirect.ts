/**
 * Where sign-in sends people back to, and why they were sent. Pure: no React, no DOM.
 *
 * `next` is an app path with its query ("/plans/x?asOf=2017&lang=en"). Only same-origin paths are
 * followed: an address like "//evil.example" or "https://…" would turn the sign-in page into an open
 * redirect, so anything else falls back to the start page.
 */

export type SignInReason = 'required' | 'expired';

export const SIGN_IN_PATH = '/signin';

export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // The sign-in page itself is never a destination (it would loop).
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`) || next.startsWith(`${SIGN_IN_PATH}/`)) return '/';
  return next;
}

export function reasonFromParam(value: string | null): SignInReason | null {
  return value === 'required' || value === 'expired' ? value : null;
}

/** The sign-in page's address (before the language is added), remembering where the user was. */
export function signInPath(next: string, reason?: SignInReason): string {
  const params = new URLSearchParams();
  const target = safeNext(next);
  if (target !== '/') params.set('next', target);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `${SIGN_IN_PATH}?${query}` : SIGN_IN_PATH;
}

/** The API's codes for "reading needs a signed-in user": the app answers them with the sign-in page. */
export function signInReasonOf(error: unknown): SignInReason | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, code } = error as { status?: unknown; code?: unknown };
  if (status !== 401) return null;
  if (code === 'session_expired') return 'expired';
  if (code === 'sign_in_required') return 'required';
  return null;
}
