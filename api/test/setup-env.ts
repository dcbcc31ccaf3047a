// Every test runs in UTC unless a suite deliberately sets another zone (see dates TZ test).
process.env.TZ ??= 'UTC';
