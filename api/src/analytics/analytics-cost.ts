import type { AnalyticsCostMeasurement } from '../domain/analytics.model';

/**
 * Seconds per snapshot date before any run has been measured. One date means reading
 * about 128 district snapshots of about 50 KB, computing, and about 129 fsynced writes:
 * 0.52 s was measured over emulator data with every district on a development machine's
 * SSD. The first run replaces it with a measured figure.
 */
export const DEFAULT_SECONDS_PER_SNAPSHOT = 0.5;

/** The estimate follows about the last hundred measured snapshots, not all of history. */
export const MEASUREMENT_WINDOW = 100;

/** Folds one run's measurement into the stored one, as a windowed running mean. */
export function mergeCostMeasurement(
  previous: AnalyticsCostMeasurement | null,
  runMs: number,
  runSnapshots: number,
): AnalyticsCostMeasurement | null {
  if (runSnapshots <= 0) return previous;
  const weight = Math.min(previous?.snapshotsMeasured ?? 0, MEASUREMENT_WINDOW);
  const previousSeconds = (previous?.secondsPerSnapshot ?? 0) * weight;
  const seconds = (previousSeconds + Math.max(0, runMs) / 1000) / (weight + runSnapshots);
  return {
    secondsPerSnapshot: Math.round(seconds * 1e6) / 1e6,
    snapshotsMeasured: Math.min(weight + runSnapshots, MEASUREMENT_WINDOW),
  };
}

export function estimateSeconds(
  snapshots: number,
  measurement: AnalyticsCostMeasurement | null,
): number {
  const perSnapshot = measurement?.secondsPerSnapshot ?? DEFAULT_SECONDS_PER_SNAPSHOT;
  return Math.ceil(snapshots * perSnapshot);
}
