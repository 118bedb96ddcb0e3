import { DefaultLogger } from '@temporalio/worker';
import { registerLogSecrets } from '../core/log-secrets';
import { redactingLogFunction } from './runtime-logger';

describe("the worker's Temporal runtime logger", () => {
  it('writes what the SDK logs with every configured secret masked', () => {
    const secret = 'smtp-password-Zq81!x';
    registerLogSecrets([secret]);
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const logger = new DefaultLogger('INFO', redactingLogFunction);
      logger.warn('Activity failed', {
        activityType: 'sendAlerts',
        error: new Error(`cannot log in to smtp://alerts:${encodeURIComponent(secret)}@mail`),
      });
      logger.debug(`below the level ${secret}`);
    } finally {
      spy.mockRestore();
    }
    const output = written.join('');
    expect(output).toMatch(/\[WARN\] Activity failed [\s\S]*sendAlerts/);
    expect(output).toContain('cannot log in to smtp://alerts:***@mail');
    expect(output).not.toContain(secret);
    expect(output).not.toContain(encodeURIComponent(secret));
    expect(output).not.toContain('below the level');
  });
});
