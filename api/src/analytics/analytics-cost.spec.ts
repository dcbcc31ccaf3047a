import {
  DEFAULT_SECONDS_PER_SNAPSHOT,
  MEASUREMENT_WINDOW,
  estimateSeconds,
  mergeCostMeasurement,
} from './analytics-cost';

describe('analytics cost measurement', () => {
  it('starts from the first run', () => {
    expect(mergeCostMeasurement(null, 3000, 10)).toEqual({
      secondsPerSnapshot: 0.3,
      snapshotsMeasured: 10,
    });
  });

  it('averages with earlier runs, weighting by snapshots, within a window', () => {
    expect(mergeCostMeasurement({ secondsPerSnapshot: 1, snapshotsMeasured: 10 }, 0, 10)).toEqual({
      secondsPerSnapshot: 0.5,
      snapshotsMeasured: 20,
    });
    const capped = mergeCostMeasurement(
      { secondsPerSnapshot: 1, snapshotsMeasured: MEASUREMENT_WINDOW },
      0,
      MEASUREMENT_WINDOW,
    );
    expect(capped).toEqual({ secondsPerSnapshot: 0.5, snapshotsMeasured: MEASUREMENT_WINDOW });
  });

  it('keeps the stored figure when nothing was measured', () => {
    const stored = { secondsPerSnapshot: 2, snapshotsMeasured: 5 };
    expect(mergeCostMeasurement(stored, 100, 0)).toBe(stored);
  });

  it('estimates whole seconds, with the default before any measurement', () => {
    expect(estimateSeconds(3, null)).toBe(Math.ceil(3 * DEFAULT_SECONDS_PER_SNAPSHOT));
    expect(estimateSeconds(10, { secondsPerSnapshot: 0.25, snapshotsMeasured: 4 })).toBe(3);
    expect(estimateSeconds(0, null)).toBe(0);
  });
});
