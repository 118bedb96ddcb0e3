#!/usr/bin/env node
// The HEALTHCHECK of Contrail's images (slim images have no curl): `node healthcheck.cjs api|webapp|worker`.
// Plain CommonJS with no dependencies, so a probe costs one short Node start and nothing else.
'use strict';
const fs = require('node:fs');

// A worker that stops rewriting its health file for this long is hung (it rewrites every 5 s).
const WORKER_STALE_MS = 30_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function probeUrl(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

function probeWorker(file) {
  const health = JSON.parse(fs.readFileSync(file, 'utf8'));
  const age = Date.now() - Date.parse(health.at);
  if (health.state !== 'RUNNING') throw new Error(`worker state is ${health.state}`);
  if (!(age <= WORKER_STALE_MS)) throw new Error(`worker health file is ${Math.round(age / 1000)} s old`);
}

const probes = {
  api: () => probeUrl(`http://127.0.0.1:${required('API_PORT')}/health`),
  webapp: () => probeUrl(`http://127.0.0.1:${required('WEBAPP_PORT')}/`),
  worker: async () => probeWorker(required('WORKER_HEALTH_FILE')),
};

const probe = probes[process.argv[2]];
if (!probe) {
  console.error(`usage: healthcheck.cjs ${Object.keys(probes).join('|')}`);
  process.exit(2);
}
probe().then(
  () => process.exit(0),
  (error) => {
    console.error(`unhealthy: ${error.message}`);
    process.exit(1);
  },
);
