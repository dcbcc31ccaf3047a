import { clubCsv, districtCsv, divisionCsv } from '../../../test/factories/report-csv.factory';
import { DistrictAssemblyInput, DownloadedBody, assembleDistrictItem } from './district-assembly';
import { decodeStoredSnapshotText } from '../../domain/snapshot-codec';
import { buildDistrictSnapshot } from './district-snapshot';
import { parseReport } from '../reports/report-parsers';
import { resolveSnapshotPlacement } from '../dashboard/closing-period';

const DATE = '2026-03-14';
const FOOTER = { footer: ['Month of Mar, As of 03/14/2026'] };

function body(text: string): DownloadedBody {
  return {
    url: `http://dashboard.test/${text.length}`,
    status: 200,
    body: new TextEncoder().encode(text),
    fetchedAt: '2026-03-15T01:02:03.000Z',
  };
}

function input(
  texts: Partial<Record<'club' | 'district' | 'division', string>> = {},
): DistrictAssemblyInput {
  return {
    districtId: '61',
    requestedDate: DATE,
    reports: {
      club: body(texts.club ?? clubCsv([{}, { 'Club Number': '77' }], FOOTER)),
      district: body(texts.district ?? districtCsv([{}, { Club: '77' }], FOOTER)),
      division: body(texts.division ?? divisionCsv([{}, { Club: '77' }], FOOTER)),
    },
  };
}

describe('assembleDistrictItem', () => {
  it('builds the same snapshot as the in-process path, serialised with collectionDate first', () => {
    const source = input();
    const texts = Object.fromEntries(
      (['club', 'district', 'division'] as const).map((kind) => [
        kind,
        new TextDecoder().decode(source.reports[kind].body),
      ]),
    ) as Record<'club' | 'district' | 'division', string>;
    const result = assembleDistrictItem(source);
    if (result.kind !== 'built') throw new Error(`expected built, got ${result.kind}`);

    const placement = resolveSnapshotPlacement(DATE, '2026-03');
    const expected = buildDistrictSnapshot({
      districtId: '61',
      club: { placement, rows: parseReport('club', texts.club, DATE).parsed.rows },
      district: { placement, rows: parseReport('district', texts.district, DATE).parsed.rows },
      division: { placement, rows: parseReport('division', texts.division, DATE).parsed.rows },
    });
    if (expected.kind !== 'built') throw new Error('fixture snapshot did not build');
    expect(decodeStoredSnapshotText(result.snapshot.json)).toEqual(expected.snapshot);
    expect(result.snapshot.json.startsWith(`{"collectionDate":"${DATE}","format":2,`)).toBe(true);
    expect(result.snapshot).toMatchObject({
      snapshotDate: DATE,
      districtId: '61',
      collectionDate: DATE,
    });
  });

  it('describes each raw file: body as received, rows, checksum, placement', () => {
    const result = assembleDistrictItem(input());
    if (result.kind !== 'built') throw new Error(`expected built, got ${result.kind}`);
    expect(result.raws.map((raw) => raw.meta.kind)).toEqual(['club', 'district', 'division']);
    const [club] = result.raws;
    expect(club.csv.startsWith('Club Number,')).toBe(true);
    expect(club.meta).toMatchObject({
      districtId: '61',
      requestedDate: DATE,
      dataMonth: '2026-03',
      snapshotDate: DATE,
      programYear: '2025-2026',
      isClosingPeriod: false,
      outcome: 'ok',
      rows: 2,
      fetchedAt: '2026-03-15T01:02:03.000Z',
    });
    expect(club.meta.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the first unreadable report, naming it', () => {
    const result = assembleDistrictItem(input({ district: 'Club,Club Name\n1,"open\n' }));
    expect(result).toEqual({
      kind: 'refused',
      report: 'district',
      reason: expect.stringMatching(/^malformed CSV: .*unbalanced quotes/),
    });
  });

  it('answers no-data when all three reports are empty, and inconsistent on mixed months', () => {
    expect(
      assembleDistrictItem(
        input({
          club: clubCsv([], FOOTER),
          district: districtCsv([], FOOTER),
          division: divisionCsv([], FOOTER),
        }),
      ),
    ).toEqual({ kind: 'no-data', snapshotDate: DATE });
    // March 2: the club and division reports already show March, the district report
    // still shows February's closing period, so they belong to different snapshots.
    const march = { footer: ['Month of Mar, As of 03/02/2026'] };
    const february = { footer: ['Month of Feb, As of 03/02/2026'] };
    const mixed = assembleDistrictItem({
      districtId: '61',
      requestedDate: '2026-03-02',
      reports: {
        club: body(clubCsv([{}], march)),
        district: body(districtCsv([{}], february)),
        division: body(divisionCsv([{}], march)),
      },
    });
    expect(mixed.kind).toBe('inconsistent');
  });
});
