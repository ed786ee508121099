import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './app/Layout';
import { NotFoundPage } from './app/NotFoundPage';
import { Loading } from './app/QueryStatus';
import { PlansPage } from './features/plans/PlansPage';

// The plan page (and later its charts) loads on demand, so the first page stays light.
const PlanPage = lazy(() => import('./features/plans/PlanPage'));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<PlansPage />} />
        <Route
          path="plans/:slug"
          element={
            <Suspense fallback={<Loading />}>
              <PlanPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
