import { createServer } from 'node:http';

/**
 * The load generator's control: an HTTP server that answers every request at once with a
 * small JSON body. Latency measured against it is the floor of the measurement itself
 * (load generator, loopback, scheduler), which the service's figures should be read against.
 */
const body = JSON.stringify({ ok: true, padding: 'x'.repeat(1500) });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') {
    process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
  }
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
