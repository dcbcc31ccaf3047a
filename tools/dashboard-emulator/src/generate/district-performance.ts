import { formatMmDdYy } from '../calendar';
import { csvRow } from '../csv-writer';
import { DistrictSnapshot } from '../model/snapshot';
import { paddedClubNumber } from './club-number-format';

/**
 * Payments per club. This report pads club numbers to 8 digits (`00012345`) while the club
 * report does not, so consumers must normalise before joining.
 */

const HEADER = [
  'District',
  'Division',
  'Area',
  'Club',
  'Club Name',
  'New Members',
  'Late Ren.',
  'Oct. Ren.',
  'Apr. Ren.',
  'Total Ren.',
  'Total Chart',
  'Total to Date',
  'Distinguished Status',
  'Charter Date/Suspend Date',
];

export function districtPerformanceHeader(): readonly string[] {
  return HEADER;
}

export function districtPerformanceRows(snapshot: DistrictSnapshot): string[] {
  return snapshot.clubs.map((club) => {
    const { payments } = club;
    const division = snapshot.plan.divisions[club.plan.divisionIndex]?.letter ?? '';
    const suspendDate = club.plan.club.suspendDate;
    const charterOrSuspend =
      club.suspended && suspendDate !== null
        ? `Susp ${formatMmDdYy(suspendDate)}`
        : `Charter ${formatMmDdYy(club.plan.club.charterDate)}`;
    return csvRow([
      snapshot.district,
      division,
      String(club.plan.area),
      paddedClubNumber(club.plan.club.number),
      club.plan.club.name,
      String(payments.newMembers),
      String(payments.late),
      String(payments.october),
      String(payments.april),
      String(payments.late + payments.october + payments.april),
      String(payments.charter),
      String(payments.total),
      club.distinguished,
      charterOrSuspend,
    ]);
  });
}
