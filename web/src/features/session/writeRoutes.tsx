import { lazy, Suspense } from 'react';
import { Outlet, Route } from 'react-router';
import { Loading } from '../../app/QueryStatus';

// The write side's pages, each its own chunk: a reader of the dashboards never downloads them.
const SignInPage = lazy(() => import('./SignInPage'));
const PasswordPage = lazy(() => import('./PasswordPage'));
const UploadsPage = lazy(() => import('../imports/UploadsPage'));
const EntryPage = lazy(() => import('../imports/EntryPage'));
const BulletinPage = lazy(() => import('../imports/BulletinPage'));
const ImportPage = lazy(() => import('../imports/ImportPage'));
const UsersPage = lazy(() => import('../admin/UsersPage'));
const AuditPage = lazy(() => import('../admin/AuditPage'));
const PlanFilesPage = lazy(() => import('../admin/PlanFilesPage'));
const AliasesPage = lazy(() => import('../admin/AliasesPage'));
const RoundsPage = lazy(() => import('../rounds/RoundsPage'));
const RoundPage = lazy(() => import('../rounds/RoundPage'));
const TodoPage = lazy(() => import('../rounds/TodoPage'));
const NotificationsPage = lazy(() => import('../rounds/NotificationsPage'));
const WebhooksPage = lazy(() => import('../rounds/WebhooksPage'));
const ReviewPage = lazy(() => import('../review/ReviewPage'));
const MySubmissionsPage = lazy(() => import('../review/MySubmissionsPage'));
const NewPlanPage = lazy(() => import('../planExtract/NewPlanPage'));

function Lazy() {
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}

/**
 * Sign-in, password change, uploads and the entry grid, users and the audit log. Called inside the
 * layout route of App.tsx (`{writeRoutes()}`), so the write side keeps its routes in one place.
 */
export function writeRoutes() {
  return (
    <Route element={<Lazy />}>
      <Route path="signin" element={<SignInPage />} />
      <Route path="account/password" element={<PasswordPage />} />
      <Route path="uploads" element={<UploadsPage />} />
      <Route path="uploads/entry" element={<EntryPage />} />
      <Route path="uploads/bulletin" element={<BulletinPage />} />
      <Route path="uploads/:id" element={<ImportPage />} />
      <Route path="admin/users" element={<UsersPage />} />
      <Route path="admin/audit" element={<AuditPage />} />
      <Route path="admin/plans" element={<PlanFilesPage />} />
      <Route path="admin/indicators" element={<AliasesPage />} />
      <Route path="admin/webhooks" element={<WebhooksPage />} />
      <Route path="rounds" element={<RoundsPage />} />
      <Route path="rounds/:id" element={<RoundPage />} />
      <Route path="todo" element={<TodoPage />} />
      <Route path="notifications" element={<NotificationsPage />} />
      <Route path="review" element={<ReviewPage />} />
      <Route path="review/mine" element={<MySubmissionsPage />} />
      <Route path="plans/new" element={<NewPlanPage />} />
    </Route>
  );
}
