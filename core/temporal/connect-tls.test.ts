import { NativeConnection } from '@temporalio/worker';
import { startGrpcTlsProxy, type GrpcTlsProxy } from '../../tests/support/grpc-tls-proxy';
import { makeTestCertificates } from '../../tests/support/test-certificates';
import { loadConfig } from '../config';
import { connectTemporal, ensureSearchAttributes, temporalConnectionOptions } from './connect';

// The real Temporal test server, behind a TLS front that checks what Contrail presents.
describe('connecting to a Temporal cluster that requires TLS', () => {
  const certs = makeTestCertificates('contrail-worker');
  let mtls: GrpcTlsProxy;
  let tlsOnly: GrpcTlsProxy;
  beforeAll(async () => {
    mtls = await startGrpcTlsProxy(process.env.TEST_TEMPORAL_ADDRESS!, certs, { requireClientCert: true });
    tlsOnly = await startGrpcTlsProxy(process.env.TEST_TEMPORAL_ADDRESS!, certs, {
      requireClientCert: false,
    });
  });
  afterAll(async () => {
    await mtls.close();
    await tlsOnly.close();
  });

  it('connects the client and the worker with a client certificate (mTLS)', async () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: mtls.address,
      TEMPORAL_TLS_CERT_FILE: certs.clientCert,
      TEMPORAL_TLS_KEY_FILE: certs.clientKey,
      TEMPORAL_TLS_CA_FILE: certs.ca,
    });
    const { connection } = await connectTemporal(config);
    await ensureSearchAttributes(connection, 'default');
    await connection.close();
    const native = await NativeConnection.connect(temporalConnectionOptions(config));
    await native.workflowService.getSystemInfo({});
    await native.close();

    expect(mtls.calls.map((c) => c.clientName)).toEqual(mtls.calls.map(() => 'contrail-worker'));
    const methods = mtls.calls.map((c) => c.path.split('/').at(-1));
    expect(methods).toEqual(expect.arrayContaining(['GetSystemInfo', 'ListSearchAttributes']));
  });

  it('is turned away without a client certificate', async () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: mtls.address, TEMPORAL_TLS_CA_FILE: certs.ca });
    await expect(NativeConnection.connect(temporalConnectionOptions(config))).rejects.toThrow();
  });

  it('sends the API key as a bearer token, over TLS', async () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: tlsOnly.address,
      TEMPORAL_API_KEY: 'test-api-key',
      TEMPORAL_TLS_CA_FILE: certs.ca,
    });
    const { connection } = await connectTemporal(config);
    await connection.workflowService.getSystemInfo({});
    await connection.close();
    const native = await NativeConnection.connect(temporalConnectionOptions(config));
    await native.close();

    expect(tlsOnly.calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(tlsOnly.calls.map((c) => c.authorization))).toEqual(new Set(['Bearer test-api-key']));
  });
});
