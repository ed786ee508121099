import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { reviewQueries, useReviewRequired } from '../features/review/queries';
import { NotificationsLink } from '../features/rounds/NotificationsLink';
import { roundQueries } from '../features/rounds/queries';
import { canEnterFigures, isAdmin, isReviewer, type SessionUser } from '../features/session/permissions';
import { useSession } from '../features/session/queries';
import { useLocale } from '../i18n/useLocale';
import { LangLink } from './LangLink';
import { useDismiss } from './useDismiss';

type NavKey =
  | 'overview'
  | 'plans'
  | 'compare'
  | 'uploads'
  | 'review'
  | 'mine'
  | 'rounds'
  | 'planFiles'
  | 'newPlan'
  | 'indicators'
  | 'webhooks'
  | 'users'
  | 'audit';

interface NavItem {
  key: NavKey;
  to: string;
  /** Shown only to users this returns true for (default: everyone); `review`: review before publication is on. */
  visible?: (user: SessionUser | null, review: boolean) => boolean;
  /** Paths that count as this section, for aria-current. */
  matches: (path: string) => boolean;
}

// One entry per section; features add theirs here.
const ITEMS: NavItem[] = [
  { key: 'overview', to: '/', matches: (p) => p === '/' || p.startsWith('/targets') },
  { key: 'plans', to: '/plans', matches: (p) => p.startsWith('/plans') },
  { key: 'compare', to: '/compare', matches: (p) => p.startsWith('/compare') },
  // The write side: statisticians' uploads.
  { key: 'uploads', to: '/uploads', visible: canEnterFigures, matches: (p) => p.startsWith('/uploads') },
  // Review before publication, while it is on: the reviewers' queue and the reporters' own list.
  { key: 'review', to: '/review', visible: (u, review) => review && isReviewer(u), matches: (p) => p === '/review' },
  {
    key: 'mine',
    to: '/review/mine',
    visible: (u, review) => review && canEnterFigures(u),
    matches: (p) => p.startsWith('/review/mine'),
  },
];
// Collection rounds (填报轮次) are opened and followed by administrators, under 管理; reporters and
// statisticians reach their part through 待办 (what waits for them), which links the rounds too. A
// top-level entry of its own pushed the header into its menu at 1366 px for every writing role.

/** How many figures wait for the signed-in reviewer, for the link's label (null: not a reviewer, or not known yet). */
function usePendingCount(user: SessionUser | null, review: boolean): number | null {
  const pending = useQuery({ ...reviewQueries.pending(''), enabled: review && isReviewer(user) });
  return pending.data ? pending.data.batches.reduce((n, b) => n + b.figures.length, 0) : null;
}

/** The entries a writing role finds in the figures group of the bar. */
const FIGURE_KEYS = new Set<NavKey>(['uploads', 'mine']);

// Administrators' pages, grouped behind one button: seven entries in a row wrapped the header onto two
// lines at 1366 px in both languages.

const ADMIN_ITEMS: NavItem[] = [
  { key: 'rounds', to: '/rounds', matches: (p) => p.startsWith('/rounds') },
  { key: 'planFiles', to: '/admin/plans', matches: (p) => p.startsWith('/admin/plans') },
  { key: 'newPlan', to: '/plans/new', matches: (p) => p === '/plans/new' },
  { key: 'indicators', to: '/admin/indicators', matches: (p) => p.startsWith('/admin/indicators') },
  { key: 'webhooks', to: '/admin/webhooks', matches: (p) => p.startsWith('/admin/webhooks') },
  { key: 'users', to: '/admin/users', matches: (p) => p.startsWith('/admin/users') },
  { key: 'audit', to: '/admin/audit', matches: (p) => p.startsWith('/admin/audit') },
];

/**
 * Entries grouped behind one button: the administrators' pages, and a writing role's figures (uploads,
 * their submissions, what waits for them). A row of every entry pushed the header onto two lines, or
 * into its menu, at 1366 px.
 */
function NavGroup({
  pathname,
  label,
  entries,
  badge = null,
}: {
  pathname: string;
  label: string;
  entries: { key: string; current: boolean; node: React.ReactNode }[];
  badge?: number | null;
}) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const panelId = useId();
  const rootRef = useRef<HTMLLIElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const current = entries.some((e) => e.current);

  // Closes on navigation, on Escape (focus back to the button) and on a click elsewhere.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes whenever the address changes
  useEffect(() => setOpen(false), [pathname]);
  useDismiss(open, close, rootRef, buttonRef);

  return (
    <li className="site-nav__group" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={current ? 'site-nav__group-button is-current' : 'site-nav__group-button'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        {label}
        {badge ? (
          <span className="count-badge" aria-hidden="true">
            {badge}
          </span>
        ) : null}
        <span className="site-nav__caret" aria-hidden="true" />
      </button>
      <ul id={panelId} className="site-nav__panel" hidden={!open}>
        {entries.map((e) => (
          <li key={e.key}>{e.node}</li>
        ))}
      </ul>
    </li>
  );
}

/**
 * The main navigation: a row of links in the header ('bar'), or, when the header has no room for it,
 * a list inside the site menu ('menu'), the administrators' pages listed under their heading.
 */
export function SiteNav({ variant = 'bar' }: { variant?: 'bar' | 'menu' }) {
  const { t } = useLocale();
  const { pathname } = useLocation();
  const user = useSession().data?.user ?? null;
  const review = useReviewRequired();
  const waiting = usePendingCount(user, review);
  const items = ITEMS.filter((item) => item.visible?.(user, review) ?? true);
  // Writing roles find their figures' pages (uploads, their submissions, what waits for them) in one group.
  const writer = canEnterFigures(user);
  const todo = useQuery({ ...roundQueries.notifications(), enabled: writer }).data?.count ?? null;
  const notificationsCurrent = pathname.startsWith('/notifications');
  const notifications = <NotificationsLink current={notificationsCurrent} />;
  const link = (item: NavItem) => (
    <LangLink to={item.to} aria-current={item.matches(pathname) ? 'page' : undefined}>
      {item.key === 'review' && waiting ? t('nav.reviewCount', { count: waiting }) : t(`nav.${item.key}`)}
    </LangLink>
  );
  if (variant === 'menu') {
    return (
      <nav className="site-nav site-nav--menu" aria-label={t('nav.label')}>
        <ul>
          {items.map((item) => (
            <li key={item.key}>{link(item)}</li>
          ))}
          {user ? <li>{notifications}</li> : null}
        </ul>
        {isAdmin(user) ? (
          <>
            <p className="site-nav__heading">{t('nav.admin')}</p>
            <ul>
              {ADMIN_ITEMS.map((item) => (
                <li key={item.key}>{link(item)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </nav>
    );
  }
  return (
    // Measured by its content (useHeaderFit): its links never wrap; the header switches to the menu instead.
    <nav className="site-nav" aria-label={t('nav.label')} data-fit-scroll="">
      <ul>
        {items
          .filter((item) => !(writer && FIGURE_KEYS.has(item.key)))
          .map((item) => (
            <li key={item.key}>{link(item)}</li>
          ))}
        {writer ? (
          <NavGroup
            pathname={pathname}
            label={t('nav.figures')}
            badge={todo}
            entries={[
              ...items
                .filter((item) => FIGURE_KEYS.has(item.key))
                .map((item) => ({ key: item.key, current: item.matches(pathname), node: link(item) })),
              { key: 'notifications', current: notificationsCurrent, node: notifications },
            ]}
          />
        ) : user ? (
          <li>{notifications}</li>
        ) : null}
        {isAdmin(user) ? (
          <NavGroup
            pathname={pathname}
            label={t('nav.admin')}
            entries={ADMIN_ITEMS.map((item) => ({ key: item.key, current: item.matches(pathname), node: link(item) }))}
          />
        ) : null}
      </ul>
    </nav>
  );
}
