import type { MembershipMark, SeriesPoint, SeriesSummary } from '../domain/analytics.model';

/**
 * Start, end, peak and low membership of a series whose points are ascending by date.
 * Computed when the series is read, from the same single read that returns the points:
 * a stored summary could not stay correct under upserts (replacing the peak point with a
 * lower value would need every other point to find the new peak).
 */
export function summariseSeries(points: readonly SeriesPoint[]): SeriesSummary | null {
  if (points.length === 0) return null;
  const mark = (point: SeriesPoint): MembershipMark => ({
    date: point.date,
    membership: point.membership,
  });
  let peak = points[0];
  let low = points[0];
  for (const point of points) {
    if (point.membership > peak.membership) peak = point;
    if (point.membership < low.membership) low = point;
  }
  const start = points[0];
  const end = points[points.length - 1];
  return {
    points: points.length,
    start: mark(start),
    end: mark(end),
    peak: mark(peak),
    low: mark(low),
    change: end.membership - start.membership,
  };
}
