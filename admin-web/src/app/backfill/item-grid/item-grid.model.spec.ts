import type { JobItemDto } from '@backfill/api-client';
import { jobDto } from '../../../testing/api-testing';
import { buildItemGrid } from './item-grid.model';

function item(
  id: string,
  outcome: JobItemDto['outcome'],
  reason: string | null = null,
  supersededBy: string | null = null,
): JobItemDto {
  const [date, group] = id.split('/');
  return {
    id,
    date,
    group,
    outcome,
    reason,
    attempts: null,
    retryable: null,
    supersededBy,
    at: '2026-01-05T10:00:00Z',
  };
}

describe('buildItemGrid', () => {
  it('lays out the date range x districts, with unfinished cells pending', () => {
    const grid = buildItemGrid(jobDto(), [
      item('2026-01-01/61', 'done'),
      item('2026-01-01/01', 'skipped', 'no-data'),
      item('2026-01-02/61', 'failed', 'clubperformance report: HTTP 500'),
    ]);
    expect(grid.groups).toEqual(['01', '61']);
    expect(grid.rows.map((r) => [r.date, r.cells.map((c) => c.state)])).toEqual([
      ['2026-01-01', ['no-data', 'done']],
      ['2026-01-02', ['pending', 'failed']],
    ]);
    expect(grid.counts).toEqual({
      done: 1,
      skipped: 0,
      superseded: 0,
      'no-data': 1,
      failed: 1,
      pending: 1,
    });
    expect(grid.rows[1].cells[1].description).toBe(
      '2026-01-02, district 61: failed — clubperformance report: HTTP 500',
    );
    expect(grid.rows[1].cells[1].symbol).toBe('✗');
  });

  it('tells skipped-as-existing from no data', () => {
    const grid = buildItemGrid(
      jobDto({ config: { startDate: '2026-01-01', endDate: '2026-01-01', skipExisting: true } }),
      [item('2026-01-01/61', 'skipped', 'exists'), item('2026-01-01/01', 'skipped', 'no-data')],
    );
    expect(grid.rows[0].cells.map((c) => c.state)).toEqual(['no-data', 'skipped']);
  });

  it('shows superseded closing days apart, naming the date that supersedes them', () => {
    const grid = buildItemGrid(
      jobDto({ config: { startDate: '2025-09-01', endDate: '2025-09-04', skipExisting: true } }),
      [
        item('2025-09-01/61', 'skipped', 'superseded', '2025-09-04/61'),
        item('2025-09-04/61', 'done'),
      ],
    );
    const cell = grid.rows[0].cells[grid.groups.indexOf('61')];
    expect(cell).toMatchObject({ state: 'superseded', symbol: '↷' });
    expect(cell.description).toBe(
      '2025-09-01, district 61: superseded — a later closing day, 2025-09-04, gives the same month-end snapshot its final figures',
    );
    expect(grid.counts.superseded).toBe(1);
    expect(grid.counts.skipped).toBe(0);
  });

  it('gives analytics jobs one column of finished snapshot dates and no pending cells', () => {
    const grid = buildItemGrid(jobDto({ jobType: 'analytics-generation', progressByGroup: {} }), [
      { ...item('2026-01-02', 'done'), date: '2026-01-02', group: '2025-2026' },
    ]);
    expect(grid.groups).toEqual(['snapshot']);
    expect(grid.rows).toHaveLength(1);
    expect(grid.counts.pending).toBe(0);
  });
});
