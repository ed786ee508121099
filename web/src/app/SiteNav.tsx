import { useLocation } from 'react-router';
import { canEnterFigures, isAdmin, type SessionUser } from '../features/session/permissions';
import { useSession } from '../features/session/queries';
import { useLocale } from '../i18n/useLocale';
import { LangLink } from './LangLink';

type NavKey = 'overview' | 'plans' | 'compare' | 'uploads' | 'planFiles' | 'users' | 'audit';

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
  // The write side: statisticians' uploads; administrators' accounts and audit log.
  { key: 'uploads', to: '/uploads', visible: canEnterFigures, matches: (p) => p.startsWith('/uploads') },
  { key: 'planFiles', to: '/admin/plans', visible: isAdmin, matches: (p) => p.startsWith('/admin/plans') },
  { key: 'users', to: '/admin/users', visible: isAdmin, matches: (p) => p.startsWith('/admin/users') },
  { key: 'audit', to: '/admin/audit', visible: isAdmin, matches: (p) => p.startsWith('/admin/audit') },
];

export function SiteNav() {
  const { t } = useLocale();
  const { pathname } = useLocation();
  const user = useSession().data?.user ?? null;
  const items = ITEMS.filter((item) => item.visible?.(user) ?? true);
  return (
    <nav className="site-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <LangLink to={item.to} aria-current={item.matches(pathname) ? 'page' : undefined}>
              {t(`nav.${item.key}`)}
            </LangLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
