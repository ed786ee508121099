import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { NotificationsLink } from '../features/rounds/NotificationsLink';
import { canEnterFigures, isAdmin, type SessionUser } from '../features/session/permissions';
import { useSession } from '../features/session/queries';
import { useLocale } from '../i18n/useLocale';
import { LangLink } from './LangLink';
import { useDismiss } from './useDismiss';

type NavKey =
  | 'overview'
  | 'plans'
  | 'compare'
  | 'uploads'
  | 'rounds'
  | 'planFiles'
  | 'indicators'
  | 'webhooks'
  | 'users'
  | 'audit';

interface NavItem {
  key: NavKey;
  to: string;
  /** Shown only to users this returns true for (default: everyone). */
  visible?: (user: SessionUser | null) => boolean;
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
  // Collection rounds (填报轮次): for everyone signed in who takes part (readers only read the dashboards).
  {
    key: 'rounds',
    to: '/rounds',
    visible: (user) => user !== null && user.role !== 'viewer',
    matches: (p) => p.startsWith('/rounds') || p.startsWith('/todo'),
  },
];

// Administrators' pages, grouped behind one button: seven entries in a row wrapped the header onto two
// lines at 1366 px in both languages.
const ADMIN_ITEMS: NavItem[] = [
  { key: 'planFiles', to: '/admin/plans', matches: (p) => p.startsWith('/admin/plans') },
  { key: 'indicators', to: '/admin/indicators', matches: (p) => p.startsWith('/admin/indicators') },
  { key: 'webhooks', to: '/admin/webhooks', matches: (p) => p.startsWith('/admin/webhooks') },
  { key: 'users', to: '/admin/users', matches: (p) => p.startsWith('/admin/users') },
  { key: 'audit', to: '/admin/audit', matches: (p) => p.startsWith('/admin/audit') },
];

function AdminGroup({ pathname }: { pathname: string }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const panelId = useId();
  const rootRef = useRef<HTMLLIElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const current = ADMIN_ITEMS.some((item) => item.matches(pathname));

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
        {t('nav.admin')}
        <span className="site-nav__caret" aria-hidden="true" />
      </button>
      <ul id={panelId} className="site-nav__panel" hidden={!open}>
        {ADMIN_ITEMS.map((item) => (
          <li key={item.key}>
            <LangLink to={item.to} aria-current={item.matches(pathname) ? 'page' : undefined}>
              {t(`nav.${item.key}`)}
            </LangLink>
          </li>
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
  const items = ITEMS.filter((item) => item.visible?.(user) ?? true);
  const link = (item: NavItem) => (
    <LangLink to={item.to} aria-current={item.matches(pathname) ? 'page' : undefined}>
      {t(`nav.${item.key}`)}
    </LangLink>
  );
  if (variant === 'menu') {
    return (
      <nav className="site-nav site-nav--menu" aria-label={t('nav.label')}>
        <ul>
          {items.map((item) => (
            <li key={item.key}>{link(item)}</li>
          ))}
          {user ? (
            <li>
              <NotificationsLink current={pathname.startsWith('/notifications')} />
            </li>
          ) : null}
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
        {items.map((item) => (
          <li key={item.key}>{link(item)}</li>
        ))}
        {user ? (
          <li>
            <NotificationsLink current={pathname.startsWith('/notifications')} />
          </li>
        ) : null}
        {isAdmin(user) ? <AdminGroup pathname={pathname} /> : null}
      </ul>
    </nav>
  );
}
