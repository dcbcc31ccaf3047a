import { clubHealthOf } from './club-health';

describe('clubHealthOf', () => {
  it.each([
    // members, net growth, goals, expected
    [11, 2, 5, 'interventionRequired'], // below 12 members and below +3
    [12, 2, 5, 'vulnerable'], // 12 members: no longer intervention
    [11, 3, 5, 'thriving'], // +3 lifts an 11-member club out of intervention, and thrives
    [11, 3, 0, 'vulnerable'], // ... but thriving needs a goal
    [0, -20, 0, 'interventionRequired'],
    [19, 2, 5, 'vulnerable'], // 19 members, +2: neither rule for thriving
    [20, 2, 1, 'thriving'], // 20 members with one goal
    [20, 2, 0, 'vulnerable'], // 20 members, no goal
    [19, 3, 1, 'thriving'], // +3 with one goal
    [12, 3, 1, 'thriving'],
    [30, -5, 1, 'thriving'], // 20+ members thrive even while shrinking
  ] as const)('%i members, net %i, %i goals -> %s', (members, net, goals, expected) => {
    expect(clubHealthOf(members, net, goals)).toBe(expected);
  });
});
