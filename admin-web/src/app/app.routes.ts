import { Routes } from '@angular/router';
import { BackfillPageComponent } from './backfill/backfill-page.component';
import { signedInGuard } from './core/signed-in.guard';
import { CoveragePageComponent } from './coverage-map/coverage-page.component';
import { SignInComponent } from './sign-in/sign-in.component';

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
    component: CoveragePageComponent,
    canActivate: [signedInGuard],
    title: 'Coverage · Backfill console',
  },
  { path: '**', redirectTo: '' },
];
