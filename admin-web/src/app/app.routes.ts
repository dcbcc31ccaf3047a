import { Routes } from '@angular/router';
import { BackfillPageComponent } from './backfill/backfill-page.component';
import { signedInGuard } from './core/signed-in.guard';
import { SignInComponent } from './sign-in/sign-in.component';

// The job, coverage and analytics pages load on first visit, so the first page stays light (the
// charts library is in the analytics pages' chunks only).
export const routes: Routes = [
  { path: 'sign-in', component: SignInComponent, title: 'Sign in · Backfill console' },
  {
    path: '',
    pathMatch: 'full',
    component: BackfillPageComponent,
    canActivate: [signedInGuard],
    title: 'Backfill · Backfill console',
  },
  {
    path: 'coverage',
    loadComponent: () =>
      import('./coverage-map/coverage-page.component').then((m) => m.CoveragePageComponent),
    canActivate: [signedInGuard],
    title: 'Coverage · Backfill console',
  },
  {
    path: 'jobs/:jobId',
    loadComponent: () => import('./job-page/job-page.component').then((m) => m.JobPageComponent),
    canActivate: [signedInGuard],
    title: 'Job · Backfill console',
  },
  {
    path: 'analytics/district',
    loadComponent: () =>
      import('./analytics/district-year/district-year-page.component').then(
        (m) => m.DistrictYearPageComponent,
      ),
    canActivate: [signedInGuard],
    title: 'District analytics · Backfill console',
  },
  {
    path: 'analytics/snapshot',
    loadComponent: () =>
      import('./analytics/snapshot/snapshot-page.component').then((m) => m.SnapshotPageComponent),
    canActivate: [signedInGuard],
    title: 'Snapshot ranking · Backfill console',
  },
  { path: '**', redirectTo: '' },
];
