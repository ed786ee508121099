import type { ApiFailure } from '../session/errors.js';

/** A refused account change, as a key under auth.users.error (undefined: a general failure). Pure. */
export type UserErrorKey = 'nameTaken' | 'nameFormat' | 'password' | 'self' | 'regions' | 'displayName' | 'unitMissing';

export function userErrorKey(error: Pick<ApiFailure, 'status' | 'field'> | null | undefined): UserErrorKey | undefined {
  if (!error) return undefined;
  if (error.status === 409 && error.field === 'name') return 'nameTaken';
  if (error.status !== 400) return undefined;
  if (error.field === 'name') return 'nameFormat';
  if (error.field === 'password') return 'password';
  if (error.field === 'role' || error.field === 'disabled') return 'self';
  if (error.field?.startsWith('regions')) return 'regions';
  if (error.field === 'displayName') return 'displayName';
  // A reporter without a unit (or with one that no longer exists).
  if (error.field === 'unitId') return 'unitMissing';
  return undefined;
}

export const USER_NAME_PATTERN = /^[A-Za-z0-9_.@-]{2,64}$/;
