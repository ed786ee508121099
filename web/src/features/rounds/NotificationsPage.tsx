import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { MyNotifications } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatQuantity } from '../../format/numbers';
import { formatDate, formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { RequireSignIn } from '../session/RequireSignIn';
import { roundQueries } from './queries';
import { StatusBadge } from './StatusBadge';
import '../../styles/write.css';
import '../../styles/rounds.css';

type RoundTask = MyNotifications['toFill'][number];

function TaskList({ heading, tasks }: { heading: string; tasks: RoundTask[] }) {
  const { lang, t } = useLocale();
  const id = useId();
  if (tasks.length === 0) return null;
  return (
    <section className="panel notifications__group" aria-labelledby={id}>
      <h2 id={id}>
        {heading} <span className="count-badge">{tasks.length}</span>
      </h2>
      <ul className="notifications__list">
        {tasks.map((task) => (
          <li key={`${task.roundId}-${task.regionCode}-${task.indicatorCode}`} data-indicator={task.indicatorCode}>
            <LangLink to="/todo">
              {t('rounds.notifications.item', {
                region: lang === 'en' ? task.regionNameEn : task.regionNameZh,
                year: formatYear(task.year, lang),
                indicator: lang === 'en' ? task.indicatorNameEn : task.indicatorNameZh,
              })}
            </LangLink>{' '}
            <StatusBadge status={task.status} />{' '}
            <span className="muted">
              {lang === 'en' ? task.roundTitleEn : task.roundTitleZh} · {t('rounds.todo.due', { due: task.dueDate })}
            </span>
            {task.reason ? <p className="round-items__reason">{t('rounds.detail.reason', { reason: task.reason })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Notifications() {
  const { lang, t } = useLocale();
  const id = useId();
  const mine = useQuery(roundQueries.notifications());
  if (mine.isPending) return <Loading />;
  if (mine.isError) return <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />;
  const { toFill, toFix, toReview, count } = mine.data;
  if (count === 0) return <p className="empty">{t('rounds.notifications.none')}</p>;
  return (
    <>
      <TaskList heading={t('rounds.notifications.toFix')} tasks={toFix} />
      <TaskList heading={t('rounds.notifications.toFill')} tasks={toFill} />
      {toReview.length > 0 ? (
        <section className="panel notifications__group" aria-labelledby={id}>
          <h2 id={id}>
            {t('rounds.notifications.toReview')} <span className="count-badge">{toReview.length}</span>
          </h2>
          <ul className="notifications__list">
            {toReview.map((s) => (
              <li key={s.submissionId} data-indicator={s.indicatorCode}>
                <LangLink to="/review">
                  {t('rounds.notifications.item', {
                    region: lang === 'en' ? s.regionNameEn : s.regionNameZh,
                    year: formatYear(s.year, lang),
                    indicator: lang === 'en' ? s.indicatorNameEn : s.indicatorNameZh,
                  })}
                </LangLink>{' '}
                {s.value !== null ? <strong>{formatQuantity(s.value, s.unit, lang)}</strong> : null}{' '}
                <span className="muted">
                  {t('rounds.notifications.submittedBy', { name: s.submittedBy, date: formatDate(s.submittedAt, lang) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export default function NotificationsPage() {
  const { t } = useLocale();
  return (
    <RequireSignIn>
      <div className="page notifications">
        <title>{t('app.pageTitle', { page: t('rounds.notifications.title') })}</title>
        <div className="page-intro">
          <h1>{t('rounds.notifications.title')}</h1>
          <p>
            <LangLink to="/todo">{t('rounds.notifications.todoLink')}</LangLink>
            {' · '}
            <LangLink to="/rounds">{t('rounds.notifications.roundsLink')}</LangLink>
          </p>
        </div>
        <Notifications />
      </div>
    </RequireSignIn>
  );
}
