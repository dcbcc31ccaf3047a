import { inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { CollectionService, KnownDistrictsDto } from '@backfill/api-client';
import { catchError, of } from 'rxjs';

/**
 * The districts of the newest stored summary (as the create form suggests them), or null
 * while unknown. Call in an injection context.
 */
export function knownDistrictsSignal() {
  return toSignal(
    inject(CollectionService)
      .listDistricts()
      .pipe(catchError(() => of<KnownDistrictsDto | null>(null))),
    { initialValue: null },
  );
}
