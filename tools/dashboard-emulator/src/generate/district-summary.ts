import { csvRow, percent, withThousands } from '../csv-writer';
import { districtRegion } from '../districts';
import { DistrictSnapshot } from '../model/snapshot';
import { isProgramYearAtLeast } from '../program-year';

/** One row per district; the program years from 2025-2026 add prerequisites and payment splits. */

const BASE_HEADER = [
  'DISTRICT',
  'REGION',
  'Paid Clubs',
  'Paid Club Base',
  '% Club Growth',
  'Total YTD Payments',
  'Payment Base',
  '% Payment Growth',
  'Active Clubs',
  'Total Distinguished Clubs',
  'Select Distinguished Clubs',
  'Presidents Distinguished Clubs',
];
const EXTRA_HEADER = [
  'Smedley Distinguished Clubs',
  'DSP',
  'Training',
  'Market Analysis',
  'Communication Plan',
  'Region Advisor Visit',
  'New Payments',
  'April Payments',
  'October Payments',
  'Late Payments',
  'Charter Payments',
];
const EXTRA_FROM = '2025-2026';

export function districtSummaryHeader(programYear: string): readonly string[] {
  return isProgramYearAtLeast(programYear, EXTRA_FROM)
    ? [...BASE_HEADER, ...EXTRA_HEADER]
    : BASE_HEADER;
}

const yesNo = (value: boolean): string => (value ? 'Y' : 'N');

export function districtSummaryRow(snapshot: DistrictSnapshot): string {
  const t = snapshot.totals;
  const fields = [
    snapshot.district,
    districtRegion(snapshot.district),
    String(t.paidClubs),
    String(t.paidClubBase),
    percent(t.paidClubs - t.paidClubBase, t.paidClubBase),
    withThousands(t.payments.total),
    withThousands(t.paymentBase),
    percent(t.payments.total - t.paymentBase, t.paymentBase),
    String(t.activeClubs),
    String(t.distinguished.total),
    String(t.distinguished.select),
    String(t.distinguished.presidents),
  ];
  if (isProgramYearAtLeast(snapshot.period.programYear, EXTRA_FROM)) {
    fields.push(
      String(t.distinguished.smedley),
      yesNo(t.prerequisites.dsp),
      yesNo(t.prerequisites.training),
      yesNo(t.prerequisites.marketAnalysis),
      yesNo(t.prerequisites.communicationPlan),
      yesNo(t.prerequisites.regionAdvisorVisit),
      withThousands(t.payments.newMembers),
      withThousands(t.payments.april),
      withThousands(t.payments.october),
      withThousands(t.payments.late),
      withThousands(t.payments.charter),
    );
  }
  return csvRow(fields);
}
