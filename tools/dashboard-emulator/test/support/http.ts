import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Set when the connection failed or ended before the promised body arrived. */
  error?: string;
}

/**
 * A plain node:http GET that reports what actually arrived, even when the server breaks the
 * connection halfway, which fetch hides behind a generic error.
 */
export function rawGet(url: string, timeoutMs = 5000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: RawResponse['headers'] = {};
    const finish = (error?: string): void =>
      resolve({
        status,
        headers,
        body: Buffer.concat(chunks),
        ...(error === undefined ? {} : { error }),
      });
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish(res.complete ? undefined : 'incomplete'));
      res.on('aborted', () => finish('aborted'));
      res.on('error', (error) => finish(error.message));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => finish(error.message));
    req.end();
  });
}
