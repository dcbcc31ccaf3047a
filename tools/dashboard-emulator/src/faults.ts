import { IsoDate } from './calendar';
import { FaultRule, FaultSettings, RetryAfterFormat } from './fault-settings';
import { Prng } from './prng';
import { ReportKind } from './report-kind';

/** The request facts a rule can target. */
export interface FaultTarget {
  kind: ReportKind;
  district?: string;
  date?: IsoDate;
  /** True when an empty MONTH_END asked for the latest data. */
  latest?: boolean;
}

export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** Decides, per report request, the latency and which fault (if any) to inject. */
export class FaultInjector {
  private readonly rng: Prng;
  private readonly matched: number[];

  constructor(readonly settings: FaultSettings) {
    this.rng = new Prng(settings.seed ?? 1);
    this.matched = (settings.rules ?? []).map(() => 0);
  }

  /** Fixed latency plus seeded jitter, in ms. */
  latencyMs(): number {
    const jitter = this.settings.jitterMs ?? 0;
    return (this.settings.latencyMs ?? 0) + (jitter > 0 ? this.rng.next() * jitter : 0);
  }

  /**
   * Every rule whose filters match counts the request, even when an earlier rule fires, so
   * `everyNth` and `firstN` mean the same whatever else is configured.
   */
  decide(target: FaultTarget): FaultRule | null {
    let fired: FaultRule | null = null;
    const rules = this.settings.rules ?? [];
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index];
      if (rule === undefined || !matches(rule, target)) {
        continue;
      }
      const count = (this.matched[index] ?? 0) + 1;
      this.matched[index] = count;
      // The dice roll for every matching rule keeps the sequence independent of rule order.
      const roll = rule.probability === undefined || this.rng.next() < rule.probability;
      const inFirst = rule.firstN === undefined || count <= rule.firstN;
      const onNth = rule.everyNth === undefined || count % rule.everyNth === 0;
      if (fired === null && roll && inFirst && onNth) {
        fired = rule;
      }
    }
    return fired;
  }

  retryAfterSeconds(rule: FaultRule): number {
    return rule.retryAfterSeconds ?? this.settings.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  // A latest-data request already gets the latest data: substituting it would change nothing.
  if (rule.kind === 'substitute-latest' && target.latest === true) {
    return false;
  }
  if (rule.reports !== undefined && !rule.reports.includes(target.kind)) {
    return false;
  }
  if (
    rule.districts !== undefined &&
    (target.district === undefined || !rule.districts.includes(target.district))
  ) {
    return false;
  }
  return (
    rule.dates === undefined || (target.date !== undefined && rule.dates.includes(target.date))
  );
}

/** A Retry-After header value: delta-seconds or an HTTP-date, per RFC 9110. */
export function retryAfterHeader(seconds: number, format: RetryAfterFormat, nowMs: number): string {
  return format === 'http-date'
    ? new Date(nowMs + seconds * 1000).toUTCString()
    : String(Math.max(0, Math.ceil(seconds)));
}
