import {
  HttpContextToken,
  HttpErrorResponse,
  HttpInterceptorFn,
  HttpStatusCode,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService } from './auth.service';
import { returnQuery } from './return-url';

/** A token to try instead of the stored one (sign-in checks it before keeping it). */
export const CANDIDATE_TOKEN = new HttpContextToken<string | null>(() => null);

export const SESSION_EXPIRED_NOTICE =
  'The API rejected your admin token (401). It may have been changed: sign in again.';

/** Sends the admin token as a bearer header; a 401 brings the sign-in prompt back. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const candidate = request.context.get(CANDIDATE_TOKEN);
  const token = candidate ?? auth.token();
  const sent = token
    ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
    : request;
  return next(sent).pipe(
    catchError((error: unknown) => {
      if (
        candidate === null &&
        error instanceof HttpErrorResponse &&
        error.status === (HttpStatusCode.Unauthorized as number)
      ) {
        auth.signOut(SESSION_EXPIRED_NOTICE);
        // Signing in again comes back to the page the session ended on.
        void router.navigate(['/sign-in'], { queryParams: returnQuery(router.url) });
      }
      return throwError(() => error);
    }),
  );
};
