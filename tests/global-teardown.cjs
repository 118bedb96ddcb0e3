'use strict';

module.exports = async function globalTeardown() {
  const child = globalThis.__CONTRAIL_TEST_SERVICES__;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
  await exited;
  clearTimeout(timer);
};
