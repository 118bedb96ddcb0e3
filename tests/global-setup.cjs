// Starts the real Postgres and Temporal the tests use, once per run, in a child process (see
// tests/services/start-services.ts), and hands their addresses to every test through the environment.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const { pathToFileURL } = require('node:url');

module.exports = async function globalSetup() {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(
    process.execPath,
    ['--import', tsx, path.join(__dirname, 'services/start-services.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: process.env,
    },
  );
  const services = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) =>
      reject(new Error(`test services exited with code ${code} before they were ready`)),
    );
  });
  child.stdout.resume();
  globalThis.__CONTRAIL_TEST_SERVICES__ = child;
  process.env.TEST_DATABASE_ADMIN_URL = services.adminUrl;
  process.env.TEST_TEMPORAL_ADDRESS = services.temporalAddress;
  process.env.TEST_SERVICES_DIR = services.root;
};
