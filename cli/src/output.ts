/** Where the CLI writes, and how: injected so tests can run the program in process if needed. */
export interface Output {
  /** `--json`: print the API's JSON and nothing else on stdout. */
  json: boolean;
  /** A terminal gets a live progress bar; anything else gets plain lines. */
  isTTY: boolean;
  stdout: NodeJS.WriteStream;
  line(text: string): void;
  err(text: string): void;
  /** The API's answer: pretty JSON with `--json`, the human text otherwise. */
  result<T>(data: T, human: (data: T) => string): void;
}

export function processOutput(json: boolean): Output {
  return {
    json,
    isTTY: process.stdout.isTTY === true,
    stdout: process.stdout,
    line: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    result(data, human) {
      process.stdout.write(`${json ? JSON.stringify(data, null, 2) : human(data)}\n`);
    },
  };
}
