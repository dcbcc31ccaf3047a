import { HttpErrorResponse } from '@angular/common/http';
import { ApplicationRef, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject, throwError } from 'rxjs';
import { loadOnChange } from './load-on-change';

describe('loadOnChange', () => {
  it('asks again on each key, drops a stale answer, and reports a failure', async () => {
    const key = signal<string | null>(null);
    const answers = new Map<string, Subject<string>>();
    const loaded = TestBed.runInInjectionContext(() =>
      loadOnChange<string | null, string>(key, (k) => {
        if (k === null) return null;
        if (k === 'bad') {
          const body = { error: { code: 'ANALYTICS_NOT_FOUND', message: 'Nothing stored' } };
          return throwError(() => new HttpErrorResponse({ status: 404, error: body }));
        }
        const answer = new Subject<string>();
        answers.set(k, answer);
        return answer;
      }),
    );
    const settle = () => TestBed.inject(ApplicationRef).whenStable();

    await settle();
    expect(loaded.loading()).toBe(false);
    expect(loaded.value()).toBeNull();

    key.set('a');
    await settle();
    expect(loaded.loading()).toBe(true);
    key.set('b');
    await settle();
    answers.get('a')?.next('stale');
    expect(loaded.value()).toBeNull();
    answers.get('b')?.next('fresh');
    expect(loaded.value()).toBe('fresh');
    expect(loaded.loading()).toBe(false);

    key.set('bad');
    await settle();
    expect(loaded.value()).toBeNull();
    expect(loaded.problem()).toBe('Nothing stored (ANALYTICS_NOT_FOUND)');
  });
});
