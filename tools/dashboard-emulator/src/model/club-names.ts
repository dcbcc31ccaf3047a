import { Prng } from '../prng';

/**
 * Club names mix plain words with the characters that break naive CSV handling: commas,
 * embedded double quotes, apostrophes, ampersands and non-ASCII letters.
 */

const PLACES = [
  'Springfield',
  'Riverside',
  'Lakeview',
  'Harbor City',
  'Maple Grove',
  'Oak Park',
  'Kingston',
  'Fairview',
  'Bayside',
  'Hillcrest',
  'Westfield',
  'Northgate',
  'Eastwood',
  'Cedar Falls',
  'Silver Lake',
  'Pine Ridge',
  'Brookside',
  'Midtown',
  'Old Town',
  'Harbourfront',
  'São Paulo',
  'Zürich',
  'Montréal',
  'Kraków',
  'Málaga',
  'Köln',
  'Reykjavík',
  'Chennai',
  'Pune',
  'Osaka',
  'Taipei',
  'Nairobi',
  'Lagos',
  'Dubai',
  'Doha',
  'Auckland',
  'Perth',
  'Calgary',
  'Austin',
  'Denver',
  'Tallinn',
  'Cork',
  'Gdańsk',
  'Bogotá',
  'Querétaro',
  'Kuching',
  'Cebu',
  'Accra',
];

const THEMES = [
  'Sunrise',
  'Early Birds',
  'Toast of the Town',
  'Silver Tongues',
  'Golden Gavel',
  'Lunch Bunch',
  'Speak Easy',
  'Word Weavers',
  'Voices of Tomorrow',
  'Pathfinders',
  'Night Owls',
  'Bridge Builders',
  'Open Mic',
  'Storytellers',
  'Table Topics',
  'Confident Communicators',
  'Leaders & Listeners',
  'Smooth Talkers',
  'Evening Orators',
  'Breakfast Club',
];

const ORGANISATIONS = [
  'Acme Corp',
  'Northwind',
  'Contoso',
  'Globex',
  'Initech',
  'Umbrella Health',
  'City Hall',
  'State University',
  'General Hospital',
  'Tech Park',
  'Federal Credit Union',
  'Metro Transit',
];

const SUFFIXES = [
  'Toastmasters',
  'Toastmasters Club',
  'Speakers Club',
  'Communicators',
  'Orators',
  'Advanced Toastmasters',
];

export function clubName(rng: Prng): string {
  const u = rng.next();
  const place = rng.pick(PLACES);
  const theme = rng.pick(THEMES);
  const organisation = rng.pick(ORGANISATIONS);
  const suffix = rng.pick(SUFFIXES);
  if (u < 0.35) {
    return `${place} ${suffix}`;
  }
  if (u < 0.55) {
    return `${theme} ${suffix}`;
  }
  if (u < 0.65) {
    return `${theme} of ${place}`;
  }
  if (u < 0.77) {
    return `${organisation} ${suffix}`;
  }
  if (u < 0.85) {
    return `${place}, ${theme}`;
  }
  if (u < 0.9) {
    return `"${theme}" ${suffix}`;
  }
  if (u < 0.95) {
    return `${organisation}, Inc. ${suffix}`;
  }
  return `${place}'s ${theme}`;
}
