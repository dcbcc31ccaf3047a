// Every test runs in UTC unless the run deliberately sets another zone (see `npm run test:tz`).
process.env.TZ ??= 'UTC';
