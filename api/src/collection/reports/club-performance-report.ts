import type { DcpCounters } from '../../domain/district-snapshot';
import { CsvReport, RequiredHeader } from './csv-report';
import { RowReader } from './field-values';

export interface ClubPerformanceRow {
  /** Leading zeros stripped, so it joins with the other reports. */
  readonly clubNumber: string;
  readonly clubName: string;
  /** `Division A` normalised to `A`. */
  readonly division: string;
  /** `Area 12` normalised to `12`. */
  readonly area: string;
  readonly activeMembers: number;
  readonly membershipBase: number;
  readonly goalsMet: number;
  readonly clubStatus: string;
  /** As the dashboard writes it; empty when the club is not distinguished. */
  readonly distinguishedStatus: string;
  readonly dcp: DcpCounters;
  /** Club Success Plan (`Y`/`N`), from 2025-2026 on; null in older exports. */
  readonly csp: boolean | null;
}

export const CLUB_PERFORMANCE_HEADERS = {
  clubNumber: 'Club Number',
  clubName: 'Club Name',
  division: 'Division',
  area: 'Area',
  activeMembers: 'Active Members',
  membershipBase: 'Mem. Base',
  goalsMet: 'Goals Met',
  clubStatus: 'Club Status',
  distinguishedStatus: 'Club Distinguished Status',
  level1s: 'Level 1s',
  level2s: 'Level 2s',
  addLevel2s: 'Add. Level 2s',
  level3s: 'Level 3s',
  level4sPathsOrDtm: 'Level 4s, Path Completions, or DTM Awards',
  addLevel4sPathsOrDtm: 'Add. Level 4s, Path Completions, or DTM award',
  newMembers: 'New Members',
  addNewMembers: 'Add. New Members',
  officersTrainedRound1: 'Off. Trained Round 1',
  officersTrainedRound2: 'Off. Trained Round 2',
  duesOnTimeOct: 'Mem. dues on time Oct',
  duesOnTimeApr: 'Mem. dues on time Apr',
  officerListOnTime: 'Off. List On Time',
  csp: 'CSP',
} as const;

const H = CLUB_PERFORMANCE_HEADERS;

export const CLUB_PERFORMANCE_REQUIRED_HEADERS: readonly RequiredHeader[] = [
  H.clubNumber,
  H.clubName,
  H.division,
  H.area,
  H.activeMembers,
  H.membershipBase,
  H.goalsMet,
  H.clubStatus,
  H.distinguishedStatus,
];

export function parseClubPerformanceRows(report: CsvReport): ClubPerformanceRow[] {
  const seen = new Set<string>();
  return report.rows.map((raw, index) => {
    const row = new RowReader(raw, index + 1);
    const clubNumber = row.clubNumber(H.clubNumber);
    if (seen.has(clubNumber)) row.fail(H.clubNumber, row.text(H.clubNumber), 'club listed twice');
    seen.add(clubNumber);
    return {
      clubNumber,
      clubName: row.nonEmpty(H.clubName),
      division: row.division(H.division),
      area: row.area(H.area),
      activeMembers: row.count(H.activeMembers),
      membershipBase: row.count(H.membershipBase),
      goalsMet: row.count(H.goalsMet),
      clubStatus: row.text(H.clubStatus),
      distinguishedStatus: row.text(H.distinguishedStatus),
      dcp: {
        level1s: row.optionalCount(H.level1s),
        level2s: row.optionalCount(H.level2s),
        addLevel2s: row.optionalCount(H.addLevel2s),
        level3s: row.optionalCount(H.level3s),
        level4sPathsOrDtm: row.optionalCount(H.level4sPathsOrDtm),
        addLevel4sPathsOrDtm: row.optionalCount(H.addLevel4sPathsOrDtm),
        newMembers: row.optionalCount(H.newMembers),
        addNewMembers: row.optionalCount(H.addNewMembers),
        officersTrainedRound1: row.optionalCount(H.officersTrainedRound1),
        officersTrainedRound2: row.optionalCount(H.officersTrainedRound2),
        duesOnTimeOct: row.optionalCount(H.duesOnTimeOct),
        duesOnTimeApr: row.optionalCount(H.duesOnTimeApr),
        officerListOnTime: row.optionalCount(H.officerListOnTime),
      },
      csp: row.optionalYesNo(H.csp),
    };
  });
}
