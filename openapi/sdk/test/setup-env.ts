// Every test runs in UTC, as the rest of the repository's do.
process.env.TZ ??= 'UTC';
