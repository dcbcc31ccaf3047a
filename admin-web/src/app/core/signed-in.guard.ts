import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';
import { returnQuery } from './return-url';

/**
 * Lets a signed-in visitor through; anyone else goes to the sign-in prompt, which brings
 * them back to the page they asked for (a deep link) once signed in.
 */
export const signedInGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthService).signedIn()) return true;
  return inject(Router).createUrlTree(['/sign-in'], { queryParams: returnQuery(state.url) });
};
