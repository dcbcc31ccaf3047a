import { epochDay, fromEpochDay, IsoDate, toParts } from '../calendar';
import { districtOrdinal } from '../districts';
import { Prng } from '../prng';
import { clubName } from './club-names';
import { clubNumber } from './club-numbers';

/**
 * A district's clubs across all years: each slot is one club with a charter date and maybe a
 * suspension date. About 155 clubs exist before 2017; some 26 more charter and about as many
 * suspend over the following decade, which keeps every district at roughly 150-170 clubs.
 */

export interface ClubSlot {
  slot: number;
  number: number;
  name: string;
  charterDate: IsoDate;
  /** Null for clubs never suspended. */
  suspendDate: IsoDate | null;
  /** The same dates as days since 1970-01-01, precomputed because every plan compares them. */
  charterEpochDay: number;
  suspendEpochDay: number | null;
}

const EARLIEST_CHARTER = epochDay('1935-01-01');
const HISTORY_START = epochDay('2017-01-01');
const HISTORY_END = epochDay('2027-06-30');
const CLUBS_CHARTERED_IN_HISTORY = 26;
const SUSPENSION_RATE = 0.12;
/** A club is not suspended within its first months. */
const MIN_AGE_BEFORE_SUSPENSION_DAYS = 180;

const timelines = new Map<string, readonly ClubSlot[]>();

export function clubTimeline(district: string): readonly ClubSlot[] {
  let timeline = timelines.get(district);
  if (timeline === undefined) {
    timeline = buildTimeline(district);
    timelines.set(district, timeline);
  }
  return timeline;
}

function buildTimeline(district: string): readonly ClubSlot[] {
  const ordinal = districtOrdinal(district);
  const sizeRng = Prng.fromKey('district-size', district);
  const initialClubs = 150 + sizeRng.int(0, 10);
  const slots: ClubSlot[] = [];
  for (let slot = 0; slot < initialClubs + CLUBS_CHARTERED_IN_HISTORY; slot++) {
    const rng = Prng.fromKey('club-slot', district, slot);
    const charterDay =
      slot < initialClubs
        ? rng.int(EARLIEST_CHARTER, HISTORY_START - 1)
        : rng.int(HISTORY_START, HISTORY_END);
    const charterDate = fromEpochDay(charterDay);
    const earliestSuspension = Math.max(charterDay + MIN_AGE_BEFORE_SUSPENSION_DAYS, HISTORY_START);
    const suspendDay =
      rng.chance(SUSPENSION_RATE) && earliestSuspension < HISTORY_END
        ? rng.int(earliestSuspension, HISTORY_END)
        : null;
    slots.push({
      slot,
      number: clubNumber(ordinal, slot, toParts(charterDate).year),
      name: clubName(rng),
      charterDate,
      suspendDate: suspendDay === null ? null : fromEpochDay(suspendDay),
      charterEpochDay: charterDay,
      suspendEpochDay: suspendDay,
    });
  }
  return slots;
}
