/** One district's line of the all-districts summary. Growth values are percentages (5.2 = 5.2%). */
export interface SummaryRow {
  readonly districtId: string;
  readonly region: string;
  readonly paidClubs: number;
  readonly paidClubBase: number;
  readonly clubGrowthPercent: number;
  readonly totalYtdPayments: number;
  readonly paymentBase: number;
  readonly paymentGrowthPercent: number;
  readonly activeClubs: number;
  readonly totalDistinguishedClubs: number;
  readonly selectDistinguishedClubs: number;
  readonly presidentsDistinguishedClubs: number;
  /** From 2025-2026 on; null in older exports. */
  readonly smedleyDistinguishedClubs: number | null;
  /** District prerequisites (`Y`/`N`), from 2025-2026 on; null in older exports. */
  readonly prerequisites: {
    readonly dsp: boolean | null;
    readonly training: boolean | null;
    readonly marketAnalysis: boolean | null;
    readonly communicationPlan: boolean | null;
    readonly regionAdvisorVisit: boolean | null;
  };
  /** Payment breakdown, from 2025-2026 on; null in older exports. */
  readonly payments: {
    readonly new: number | null;
    readonly april: number | null;
    readonly october: number | null;
    readonly late: number | null;
    readonly charter: number | null;
  };
}
