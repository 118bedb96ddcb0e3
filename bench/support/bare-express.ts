/**
 * The single-row benchmark's floor: Express with no middleware at all, answering every request
 * with a small JSON 404. Started as its own process (like the API), on a free port it prints.
 *   node --require tsx/cjs bench/support/bare-express.ts
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.use((_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'no such route', details: null } });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(address.port);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
