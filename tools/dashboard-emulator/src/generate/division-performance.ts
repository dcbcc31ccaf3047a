import { csvRow } from '../csv-writer';
import { DistrictSnapshot } from '../model/snapshot';
import { paddedClubNumber } from './club-number-format';

/**
 * Division and area standing per club. This report writes `Division A` and `Area 12` where the
 * club report writes `A` and `12`, and pads club numbers.
 */

const HEADER = [
  'Division',
  'Area',
  'Club',
  'Division Club Base',
  'Area Club Base',
  'Nov Visit award',
  'May Visit award',
];

export function divisionPerformanceHeader(): readonly string[] {
  return HEADER;
}

export function divisionPerformanceRows(snapshot: DistrictSnapshot): string[] {
  const { plan } = snapshot;
  return snapshot.clubs.map((club) => {
    const division = plan.divisions[club.plan.divisionIndex];
    return csvRow([
      `Division ${division?.letter ?? ''}`,
      `Area ${club.plan.area}`,
      paddedClubNumber(club.plan.club.number),
      String(division?.clubBase ?? 0),
      String(plan.areaClubBase.get(club.plan.area) ?? 0),
      String(club.novemberVisit),
      String(club.mayVisit),
    ]);
  });
}
