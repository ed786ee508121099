/** What the describers read of an ApiError (a plain shape, so the tests need no DOM). */
export interface ApiFailure {
  status: number;
  code?: string | undefined;
  message: string;
  field?: string | undefined;
  /** The whole answer, for refusals that say more (a sign-in's retryAfter). */
  body?: unknown;
}

/**
 * An API failure as a translation key (and its values), so every message appears in the user's
 * language whatever language the server wrote it in. Pure.
 */
export interface ErrorText {
  key:
    | 'auth.error.wrongCredentials'
    | 'auth.error.accountThrottled'
    | 'auth.error.addressThrottled'
    | 'auth.error.demoAccountDisabled'
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
  values?: { count?: number; status?: number };
}

/**
 * The whole minutes a refused sign-in must wait, rounded up: from the answer's retryAfter (seconds;
 * also its Retry-After header), or failing that, the 15 minutes of the server's window.
 */
export function waitMinutes(body: unknown): number {
  const seconds = typeof body === 'object' && body !== null ? (body as { retryAfter?: unknown }).retryAfter : undefined;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
}

export function describeApiError(error: ApiFailure | null | undefined): ErrorText {
  if (!error) return { key: 'auth.error.other', values: { status: 0 } };
  switch (error.code) {
    case 'wrong_credentials':
      return { key: 'auth.error.wrongCredentials' };
    case 'account_throttled':
      return { key: 'auth.error.accountThrottled', values: { count: waitMinutes(error.body) } };
    case 'address_throttled':
      return { key: 'auth.error.addressThrottled', values: { count: waitMinutes(error.body) } };
    case 'demo_account_disabled':
      return { key: 'auth.error.demoAccountDisabled' };
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
