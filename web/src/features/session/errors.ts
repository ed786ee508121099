/** What the describers read of an ApiError (a plain shape, so the tests need no DOM). */
export interface ApiFailure {
  status: number;
  code?: string | undefined;
  message: string;
  field?: string | undefined;
}

/**
 * An API failure as a translation key (and its values), so every message appears in the user's
 * language whatever language the server wrote it in. Pure.
 */
export interface ErrorText {
  key:
    | 'auth.error.wrongCredentials'
    | 'auth.error.accountLocked'
    | 'auth.error.addressLocked'
    | 'auth.error.sessionExpired'
    | 'auth.error.signInRequired'
    | 'auth.error.forbidden'
    | 'auth.error.csrf'
    | 'auth.error.regionNotAssigned'
    | 'auth.error.wrongPassword'
    | 'auth.error.passwordTooShort'
    | 'auth.error.passwordTooLong'
    | 'auth.error.ownPassword'
    | 'auth.error.network'
    | 'auth.error.other';
  values?: { minutes?: number; status?: number };
}

/** "…try again in 12 minutes." → 12; the server's English sentence carries the wait. */
export function lockMinutes(message: string): number | null {
  const match = /in (\d+) minutes?/.exec(message);
  return match ? Number(match[1]) : null;
}

export function describeApiError(error: ApiFailure | null | undefined): ErrorText {
  if (!error) return { key: 'auth.error.other', values: { status: 0 } };
  switch (error.code) {
    case 'wrong_credentials':
      return { key: 'auth.error.wrongCredentials' };
    case 'account_locked':
      return { key: 'auth.error.accountLocked', values: { minutes: lockMinutes(error.message) ?? 15 } };
    case 'address_locked':
      return { key: 'auth.error.addressLocked', values: { minutes: lockMinutes(error.message) ?? 15 } };
    case 'session_expired':
      return { key: 'auth.error.sessionExpired' };
    case 'sign_in_required':
      return { key: 'auth.error.signInRequired' };
    case 'forbidden':
      return { key: 'auth.error.forbidden' };
    case 'csrf':
      return { key: 'auth.error.csrf' };
    case 'region_not_assigned':
      return { key: 'auth.error.regionNotAssigned' };
    case 'wrong_password':
      return { key: 'auth.error.wrongPassword' };
    case 'password_too_short':
      return { key: 'auth.error.passwordTooShort' };
    case 'password_too_long':
      return { key: 'auth.error.passwordTooLong' };
    case 'own_password':
      return { key: 'auth.error.ownPassword' };
  }
  if (error.status === 0) return { key: 'auth.error.network' };
  if (error.status === 401) return { key: 'auth.error.signInRequired' };
  if (error.status === 403) return { key: 'auth.error.forbidden' };
  return { key: 'auth.error.other', values: { status: error.status } };
}
