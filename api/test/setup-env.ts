import { Logger } from '@nestjs/common';

// Every test runs in UTC unless a run deliberately sets another zone (`npm run test:tz`).
process.env.TZ ??= 'UTC';

// Expected failures make a lot of log lines; TEST_LOGS=1 shows them when debugging.
if (process.env.TEST_LOGS !== '1') Logger.overrideLogger(false);
