import fs from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TestCertificates } from './test-certificates';

export interface SeenCall {
  path: string;
  authorization: string | undefined;
  /** The common name of the client certificate, when the client presented one. */
  clientName: string | undefined;
}

export interface GrpcTlsProxy {
  address: string;
  calls: SeenCall[];
  close(): Promise<void>;
}

/**
 * A TLS front for a plain-text Temporal server, as a load balancer or Temporal Cloud would be:
 * it terminates TLS (requiring a client certificate signed by the test CA when `requireClientCert`),
 * records who called what with which credentials, and relays each gRPC call unchanged.
 */
export async function startGrpcTlsProxy(
  upstream: string,
  certs: TestCertificates,
  options: { requireClientCert: boolean },
): Promise<GrpcTlsProxy> {
  const calls: SeenCall[] = [];
  const backend = http2.connect(`http://${upstream}`);
  const server = http2.createSecureServer({
    key: fs.readFileSync(certs.serverKey),
    cert: fs.readFileSync(certs.serverCert),
    ca: fs.readFileSync(certs.ca),
    requestCert: options.requireClientCert,
    rejectUnauthorized: options.requireClientCert,
  });
  server.on('stream', (stream, headers) => {
    const peer = (stream.session?.socket as TLSSocket | undefined)?.getPeerCertificate();
    calls.push({
      path: String(headers[':path']),
      authorization: headers.authorization as string | undefined,
      clientName: peer?.subject?.CN as string | undefined,
    });
    const forwarded = Object.fromEntries(
      Object.entries(headers).filter(([name]) => name !== ':authority' && name !== ':scheme'),
    );
    const relay = backend.request(forwarded);
    let trailers: http2.IncomingHttpHeaders = {};
    relay.on('response', (response) => {
      stream.respond(response, { waitForTrailers: true });
      relay.pipe(stream);
    });
    relay.on('trailers', (received) => (trailers = received));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    stream.pipe(relay);
    relay.on('error', () => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    stream.on('error', () => relay.close(http2.constants.NGHTTP2_CANCEL));
  });
  // http2 servers keep their sessions open on close(): track them so the proxy really stops.
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `localhost:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        backend.close();
        server.close(() => resolve());
        for (const session of sessions) session.destroy();
      }),
  };
}
