import { main } from './program';

main(process.argv, process.env).then(
  (code) => {
    // exitCode rather than exit(): stdout piped to another process is flushed first.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `backfill: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
