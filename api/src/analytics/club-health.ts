/** How a club is doing, per TOASTMASTERS.md section 5. */
export type ClubHealth = 'thriving' | 'vulnerable' | 'interventionRequired';

/** Below this many members a club without growth needs intervention. */
export const INTERVENTION_MEMBERS = 12;
/** Net growth over the membership base that counts as growing. */
export const GROWTH_NET = 3;
/** Members from which a club with goals counts as thriving whatever its growth. */
export const THRIVING_MEMBERS = 20;

/**
 * Intervention required when members < 12 and net growth < 3; thriving when (members >= 20
 * or net growth >= 3) and at least one goal is met; otherwise vulnerable. The intervention
 * rule is checked first: an 11-member club with net growth 2 needs help even with goals.
 */
export function clubHealthOf(
  activeMembers: number,
  netGrowth: number,
  goalsMet: number,
): ClubHealth {
  if (activeMembers < INTERVENTION_MEMBERS && netGrowth < GROWTH_NET) return 'interventionRequired';
  if ((activeMembers >= THRIVING_MEMBERS || netGrowth >= GROWTH_NET) && goalsMet > 0) {
    return 'thriving';
  }
  return 'vulnerable';
}
