import { useQuery } from '@tanstack/react-query';
import { LangLink } from '../../app/LangLink';
import { useLocale } from '../../i18n/useLocale';
import { roundQueries } from './queries';
import '../../styles/rounds.css';

/**
 * The navigation's entry to what waits for the user, with its count (a badge, its number also in the
 * link's accessible name). Only for signed-in users: the caller decides.
 */
export function NotificationsLink({ current }: { current: boolean }) {
  const { t } = useLocale();
  const mine = useQuery(roundQueries.notifications());
  const count = mine.data?.count ?? 0;
  return (
    <LangLink
      to="/notifications"
      aria-current={current ? 'page' : undefined}
      aria-label={count > 0 ? t('rounds.notifications.navCount', { count }) : t('rounds.notifications.nav')}
      className="nav-notifications"
    >
      {t('nav.notifications')}
      {count > 0 ? (
        <span className="count-badge" data-testid="notifications-count" aria-hidden="true">
          {count}
        </span>
      ) : null}
    </LangLink>
  );
}
