import { csvRow } from '../csv-writer';
import { DistrictSnapshot } from '../model/snapshot';
import { isProgramYearAtLeast } from '../program-year';

/** This report writes club numbers without padding, `Division` as `A` and `Area` as `12`. */

const BASE_HEADER = [
  'Club Number',
  'Club Name',
  'Division',
  'Area',
  'Active Members',
  'Mem. Base',
  'Goals Met',
  'Club Status',
  'Club Distinguished Status',
  'Level 1s',
  'Level 2s',
  'Add. Level 2s',
  'Level 3s',
  'Level 4s, Path Completions, or DTM Awards',
  'Add. Level 4s, Path Completions, or DTM award',
  'New Members',
  'Add. New Members',
  'Off. Trained Round 1',
  'Off. Trained Round 2',
  'Mem. dues on time Oct',
  'Mem. dues on time Apr',
  'Off. List On Time',
];
const CSP_FROM = '2025-2026';

export function clubPerformanceHeader(programYear: string): readonly string[] {
  return isProgramYearAtLeast(programYear, CSP_FROM) ? [...BASE_HEADER, 'CSP'] : BASE_HEADER;
}

export function clubPerformanceRows(snapshot: DistrictSnapshot): string[] {
  const withCsp = isProgramYearAtLeast(snapshot.period.programYear, CSP_FROM);
  return snapshot.clubs.map((club) => {
    const division = snapshot.plan.divisions[club.plan.divisionIndex]?.letter ?? '';
    const fields = [
      String(club.plan.club.number),
      club.plan.club.name,
      division,
      String(club.plan.area),
      String(club.activeMembers),
      String(club.memBase),
      String(club.goalsMet),
      club.status,
      club.distinguished,
      String(club.level1s),
      String(club.level2s),
      String(club.addLevel2s),
      String(club.level3s),
      String(club.level4s),
      String(club.addLevel4s),
      String(club.dcpNewMembers),
      String(club.dcpAddNewMembers),
      String(club.officersTrainedRound1),
      String(club.officersTrainedRound2),
      String(club.duesOnTimeOctober),
      String(club.duesOnTimeApril),
      String(club.officerListOnTime),
    ];
    if (withCsp) {
      fields.push(club.successPlan ? 'Y' : 'N');
    }
    return csvRow(fields);
  });
}
