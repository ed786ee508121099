import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './app/Layout';
import { NotFoundPage } from './app/NotFoundPage';
import { Loading, PageSkeleton } from './app/QueryStatus';
import { OverviewPage } from './features/dashboard/OverviewPage';
import { writeRoutes } from './features/session/writeRoutes';

// The overview is the first page; every other page loads on demand, so the first page stays light
// (the chart library comes only with the pages that draw charts).
const PlansPage = lazy(() => import('./features/plans/PlansPage').then((m) => ({ default: m.PlansPage })));
const PlanPage = lazy(() => import('./features/plans/PlanPage'));
const TargetPage = lazy(() => import('./features/dashboard/TargetPage'));
const ComparePage = lazy(() => import('./features/dashboard/ComparePage'));
const UnitPage = lazy(() => import('./features/units/UnitPage'));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<OverviewPage />} />
        <Route
          path="plans"
          element={
            <Suspense fallback={<Loading />}>
              <PlansPage />
            </Suspense>
          }
        />
        <Route
          path="targets/:id"
          element={
            <Suspense fallback={<PageSkeleton shape="target" />}>
              <TargetPage />
            </Suspense>
          }
        />
        <Route
          path="compare"
          element={
            <Suspense fallback={<PageSkeleton shape="compare" />}>
              <ComparePage />
            </Suspense>
          }
        />
        <Route
          path="plans/:slug"
          element={
            <Suspense fallback={<PageSkeleton shape="plan" />}>
              <PlanPage />
            </Suspense>
          }
        />
        <Route
          path="units/:id"
          element={
            <Suspense fallback={<Loading />}>
              <UnitPage />
            </Suspense>
          }
        />
        {writeRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
