import type { SummaryRow } from '../../domain/summary-row';
import { CsvReport, RequiredHeader } from './csv-report';
import { DISTRICT_ID } from '../dashboard/dashboard-urls';
import { RowReader } from './field-values';

export const SUMMARY_HEADERS = {
  district: 'DISTRICT',
  region: 'REGION',
  paidClubs: 'Paid Clubs',
  paidClubBase: 'Paid Club Base',
  clubGrowth: '% Club Growth',
  totalYtdPayments: 'Total YTD Payments',
  paymentBase: 'Payment Base',
  paymentGrowth: '% Payment Growth',
  activeClubs: 'Active Clubs',
  totalDistinguished: 'Total Distinguished Clubs',
  selectDistinguished: 'Select Distinguished Clubs',
  presidentsDistinguished: 'Presidents Distinguished Clubs',
  smedleyDistinguished: 'Smedley Distinguished Clubs',
  dsp: 'DSP',
  training: 'Training',
  marketAnalysis: 'Market Analysis',
  communicationPlan: 'Communication Plan',
  regionAdvisorVisit: 'Region Advisor Visit',
  newPayments: 'New Payments',
  aprilPayments: 'April Payments',
  octoberPayments: 'October Payments',
  latePayments: 'Late Payments',
  charterPayments: 'Charter Payments',
} as const;

const H = SUMMARY_HEADERS;

export const SUMMARY_REQUIRED_HEADERS: readonly RequiredHeader[] = [
  H.district,
  H.region,
  H.paidClubs,
  H.paidClubBase,
  H.clubGrowth,
  H.totalYtdPayments,
  H.paymentBase,
  H.paymentGrowth,
  H.activeClubs,
  H.totalDistinguished,
  H.selectDistinguished,
  H.presidentsDistinguished,
];

/**
 * Rows whose `DISTRICT` is not a district id (footer remnants, totals) are skipped; every
 * remaining row must be complete and each district may appear once.
 */
export function parseSummaryRows(report: CsvReport): SummaryRow[] {
  const seen = new Set<string>();
  const rows: SummaryRow[] = [];
  report.rows.forEach((raw, index) => {
    const row = new RowReader(raw, index + 1);
    const districtId = row.text(H.district);
    if (!DISTRICT_ID.test(districtId)) return;
    if (seen.has(districtId)) row.fail(H.district, districtId, 'district listed twice');
    seen.add(districtId);
    rows.push({
      districtId,
      region: row.text(H.region),
      paidClubs: row.count(H.paidClubs),
      paidClubBase: row.count(H.paidClubBase),
      clubGrowthPercent: row.percent(H.clubGrowth),
      totalYtdPayments: row.count(H.totalYtdPayments),
      paymentBase: row.count(H.paymentBase),
      paymentGrowthPercent: row.percent(H.paymentGrowth),
      activeClubs: row.count(H.activeClubs),
      totalDistinguishedClubs: row.count(H.totalDistinguished),
      selectDistinguishedClubs: row.count(H.selectDistinguished),
      presidentsDistinguishedClubs: row.count(H.presidentsDistinguished),
      smedleyDistinguishedClubs: row.optionalCount(H.smedleyDistinguished),
      prerequisites: {
        dsp: row.optionalYesNo(H.dsp),
        training: row.optionalYesNo(H.training),
        marketAnalysis: row.optionalYesNo(H.marketAnalysis),
        communicationPlan: row.optionalYesNo(H.communicationPlan),
        regionAdvisorVisit: row.optionalYesNo(H.regionAdvisorVisit),
      },
      payments: {
        new: row.optionalCount(H.newPayments),
        april: row.optionalCount(H.aprilPayments),
        october: row.optionalCount(H.octoberPayments),
        late: row.optionalCount(H.latePayments),
        charter: row.optionalCount(H.charterPayments),
      },
    });
  });
  return rows;
}
