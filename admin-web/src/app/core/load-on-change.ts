import { Signal, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { EMPTY, Observable, catchError, switchMap } from 'rxjs';
import { apiErrorMessage } from './api-client';

/** What a page shows of one request: its answer, whether it is on its way, what went wrong. */
export interface Loaded<T> {
  value: Signal<T | null>;
  loading: Signal<boolean>;
  problem: Signal<string | null>;
}

/**
 * Asks the API again whenever `key` changes (an answer still on its way is dropped), for
 * pages whose URL says what to show. `request` returns null when the key asks for nothing.
 * Call in an injection context: it stops with the component.
 */
export function loadOnChange<K, T>(
  key: Signal<K>,
  request: (key: K) => Observable<T> | null,
): Loaded<T> {
  const value = signal<T | null>(null);
  const loading = signal(false);
  const problem = signal<string | null>(null);
  toObservable(key)
    .pipe(
      switchMap((current) => {
        value.set(null);
        problem.set(null);
        const answer = request(current);
        loading.set(answer !== null);
        if (!answer) return EMPTY;
        return answer.pipe(
          catchError((error: unknown) => {
            loading.set(false);
            problem.set(apiErrorMessage(error));
            return EMPTY;
          }),
        );
      }),
      takeUntilDestroyed(),
    )
    .subscribe((answer) => {
      loading.set(false);
      value.set(answer);
    });
  return {
    value: value.asReadonly(),
    loading: loading.asReadonly(),
    problem: problem.asReadonly(),
  };
}
