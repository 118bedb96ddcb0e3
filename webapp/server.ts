import { loadProcessConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { onShutdown } from '../core/shutdown';
import { createWebappServer } from './server/app';

function main(): void {
  const config = loadProcessConfig();
  const log = createLogger('webapp', config.logLevel);
  const app = createWebappServer({
    apiUrl: config.api.url,
    token: config.api.token,
    log: (message, fields) => log.warn(message, fields),
  });
  const server = app.listen(config.webapp.port, config.webapp.host, () =>
    log.info(`serving on ${config.webapp.url}, API at ${config.api.url}`),
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
