import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { loadProcessConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { onShutdown } from '../core/shutdown';

const distDir = path.join(__dirname, 'dist');

const placeholder = (apiUrl: string, temporalUi: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contrail</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Contrail</h1>
<p>The web app is not built yet. Meanwhile:</p>
<ul>
<li><a href="${apiUrl}/docs">API documentation</a></li>
<li><a href="${temporalUi}">Temporal Web UI</a></li>
</ul></body></html>`;

function main(): void {
  const config = loadProcessConfig();
  const log = createLogger('webapp', config.logLevel);
  const app = express();
  app.disable('x-powered-by');
  if (fs.existsSync(path.join(distDir, 'index.html'))) {
    app.use(express.static(distDir, { index: 'index.html' }));
    app.get('/{*path}', (_req, res) => res.sendFile(path.join(distDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => res.type('html').send(placeholder(config.api.url, config.temporal.uiUrl)));
  }
  const server = app.listen(config.webapp.port, config.webapp.host, () =>
    log.info(`serving on ${config.webapp.url}`),
  );
  server.on('error', (error: NodeJS.ErrnoException) => {
    log.error(
      error.code === 'EADDRINUSE'
        ? `port ${config.webapp.port} is already in use (WEBAPP_PORT)`
        : error.message,
    );
    process.exit(1);
  });
  onShutdown(() => new Promise<void>((resolve) => server.close(() => resolve())));
}

main();
