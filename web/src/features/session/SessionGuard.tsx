import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { searchWithLang } from '../../i18n/lang';
import { useLocale } from '../../i18n/useLocale';
import { sessionQueries, useSession } from './queries';
import { SIGN_IN_PATH, type SignInReason, signInPath, signInReasonOf } from './redirect';

/**
 * Takes the user to the sign-in page, and back afterwards, whenever reading needs a signed-in user:
 * when the site does not publish its dashboards and nobody is signed in, and whenever any request
 * answers 401 "sign in required" or "session expired" (a session can end while a page is open).
 * Watching the query and mutation caches covers every feature's requests without each one checking.
 */
export function SessionGuard() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { lang } = useLocale();
  const session = useSession();
  const here = `${location.pathname}${location.search}`;
  const onSignInPage = location.pathname === SIGN_IN_PATH;
  // Whether this page load has known the user as signed in. Signing out loads the start page afresh,
  // so a session answer with no user after one with a user means the session ended elsewhere (its
  // expiry, an administrator): "expired", whichever request noticed it first, the session's own
  // (answered with no user) or a page's data (answered 401 session_expired).
  const signedInBefore = useRef(false);
  if (session.data?.user) signedInBefore.current = true;

  // The latest values, read by the cache listeners without re-subscribing on every navigation.
  const latest = useRef({ here, onSignInPage, lang });
  latest.current = { here, onSignInPage, lang };

  useEffect(() => {
    const send = (answered: SignInReason) => {
      const { here: from, onSignInPage: already, lang: current } = latest.current;
      if (already) return;
      // "Sign in required" to someone the app knew as signed in means their session ended: the
      // server forgets the cookie on whichever request notices first (often a page's script).
      const wasSignedIn = signedInBefore.current || Boolean(queryClient.getQueryData(sessionQueries.current().queryKey)?.user);
      const reason: SignInReason = answered === 'required' && wasSignedIn ? 'expired' : answered;
      void queryClient.invalidateQueries({ queryKey: sessionQueries.all() });
      const [path = '/', query = ''] = signInPath(from, reason).split('?');
      navigate(`${path}${searchWithLang(query, current)}`, { replace: true });
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error') return;
      if (event.query.queryKey[0] === 'session') return;
      const reason = signInReasonOf(event.action.error);
      if (reason) send(reason);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'error') return;
      const reason = signInReasonOf(event.action.error);
      if (reason) send(reason);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, navigate]);

  const mustSignIn = session.data !== undefined && session.data.user === null && !session.data.publicRead;
  useEffect(() => {
    if (!mustSignIn || onSignInPage) return;
    const [path = '/', query = ''] = signInPath(here, signedInBefore.current ? 'expired' : 'required').split('?');
    navigate(`${path}${searchWithLang(query, lang)}`, { replace: true });
  }, [mustSignIn, onSignInPage, here, lang, navigate]);

  return null;
}
