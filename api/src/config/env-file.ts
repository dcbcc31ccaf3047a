import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './app-config';

export const ENV_FILE_NAME = '.env';

export interface EnvFile {
  /** The file read, or null when there is none. */
  file: string | null;
  values: Record<string, string>;
}

/**
 * The `.env` file of the working directory, when there is one, parsed with Node's own
 * parser (the dotenv format, no dependency). Its values are defaults: the caller lets the
 * real environment win, and loadConfig validates the merged result like any other.
 */
export function readEnvFile(cwd = process.cwd()): EnvFile {
  const file = path.join(cwd, ENV_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: null, values: {} };
    throw new ConfigError(ENV_FILE_NAME, `cannot be read (${(error as Error).message})`);
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value !== undefined) values[name] = value;
  }
  return { file, values };
}
