import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';

export const signedInGuard: CanActivateFn = () =>
  inject(AuthService).signedIn() || inject(Router).createUrlTree(['/sign-in']);
