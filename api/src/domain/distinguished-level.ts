/** Club DCP recognition levels, highest first. */
export type DistinguishedLevel = 'smedley' | 'presidents' | 'select' | 'distinguished';

export const DISTINGUISHED_LEVELS: readonly DistinguishedLevel[] = [
  'smedley',
  'presidents',
  'select',
  'distinguished',
];

/**
 * The level a club reaches by goals met and membership (or net growth over its base):
 * Smedley 10 goals / 25 members; President's 9 / 20; Select 7 / 20 or +5; Distinguished
 * 5 / 20 or +3. Computed rather than read from `Club Distinguished Status`, whose wording is
 * not documented.
 */
export function distinguishedLevelOf(
  goalsMet: number,
  activeMembers: number,
  membershipBase: number,
): DistinguishedLevel | null {
  const netGrowth = activeMembers - membershipBase;
  if (goalsMet >= 10 && activeMembers >= 25) return 'smedley';
  if (goalsMet >= 9 && activeMembers >= 20) return 'presidents';
  if (goalsMet >= 7 && (activeMembers >= 20 || netGrowth >= 5)) return 'select';
  if (goalsMet >= 5 && (activeMembers >= 20 || netGrowth >= 3)) return 'distinguished';
  return null;
}
