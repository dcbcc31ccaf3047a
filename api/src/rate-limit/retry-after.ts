/**
 * Longest pause a Retry-After can impose: one hour. A public dashboard asking for more is
 * almost certainly misconfigured (or its clock is wrong), and a backfill job that silently
 * sleeps for a day is worse than one that politely tries again after an hour.
 */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = `(${MONTHS.join('|')})`;
const SHORT_DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const LONG_DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// The three HTTP-date forms RFC 9110 section 5.6.7 obliges a recipient to accept. They are
// matched explicitly because Date.parse accepts garbage ("1" is the year 2001) and reads
// the zone-less asctime form in local time.
const IMF_FIXDATE = new RegExp(`^${SHORT_DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`, 'i');
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, 'i');
const ASCTIME = new RegExp(`^${SHORT_DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`, 'i');

/**
 * Reads a Retry-After header (delay-seconds or HTTP-date) as a wait in milliseconds from
 * `nowMs`, clamped to 0..MAX_RETRY_AFTER_MS. A date in the past means "no wait" (0).
 * Returns undefined for a missing, empty or malformed header, so the caller falls back
 * to its own backoff instead of trusting garbage.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number,
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return clampWait(Number(value) * 1000);
  const dateMs = parseHttpDate(value, nowMs);
  return dateMs === undefined ? undefined : clampWait(dateMs - nowMs);
}

function clampWait(ms: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

function parseHttpDate(value: string, nowMs: number): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match) {
    const [, day, month, year, hh, mm, ss] = match;
    return utc(Number(year), month, Number(day), hh, mm, ss);
  }
  match = RFC_850.exec(value);
  if (match) {
    const [, day, month, yy, hh, mm, ss] = match;
    return utc(fullYearFromTwoDigits(Number(yy), nowMs), month, Number(day), hh, mm, ss);
  }
  match = ASCTIME.exec(value);
  if (match) {
    const [, month, day, hh, mm, ss, year] = match;
    return utc(Number(year), month, Number(day.trim()), hh, mm, ss);
  }
  return undefined;
}

/** RFC 9110: a two-digit year more than 50 years ahead belongs to the previous century. */
function fullYearFromTwoDigits(yy: number, nowMs: number): number {
  const nowYear = new Date(nowMs).getUTCFullYear();
  const candidate = Math.floor(nowYear / 100) * 100 + yy;
  return candidate > nowYear + 50 ? candidate - 100 : candidate;
}

function utc(
  year: number,
  monthName: string,
  day: number,
  hh: string,
  mm: string,
  ss: string,
): number | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const [hours, minutes, seconds] = [Number(hh), Number(mm), Number(ss)];
  // Seconds may be 60 on a leap second; Date.UTC rolls that into the next minute.
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const midnight = new Date(Date.UTC(year, month, day));
  // Date.UTC silently rolls 31 Feb into March; a real server never sends that.
  if (midnight.getUTCDate() !== day || midnight.getUTCMonth() !== month) return undefined;
  return Date.UTC(year, month, day, hours, minutes, seconds);
}
