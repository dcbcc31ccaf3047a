/** Some dashboard reports zero-pad club numbers to 8 digits; others do not. */
export function paddedClubNumber(clubNumber: number): string {
  return String(clubNumber).padStart(8, '0');
}
