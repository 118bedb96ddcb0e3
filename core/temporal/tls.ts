import fs from 'node:fs';

/** The SDK's TLS option: an object, true/false to force it on/off, undefined to let the SDK decide. */
export type TemporalTls =
  | {
      serverNameOverride?: string;
      serverRootCACertificate?: Buffer;
      clientCertPair?: { crt: Buffer; key: Buffer };
    }
  | boolean
  | undefined;

interface TlsVariables {
  TEMPORAL_ADDRESS?: string | undefined;
  TEMPORAL_API_KEY?: string | undefined;
  TEMPORAL_TLS?: boolean | undefined;
  TEMPORAL_TLS_CERT_FILE?: string | undefined;
  TEMPORAL_TLS_KEY_FILE?: string | undefined;
  TEMPORAL_TLS_CA_FILE?: string | undefined;
  TEMPORAL_TLS_SERVER_NAME?: string | undefined;
}

/**
 * How Contrail connects to a Temporal cluster that needs TLS (mTLS client certificates, a private
 * CA) or an API key (Temporal Cloud). Certificate files are read here, at start, so a wrong path
 * stops the process naming the variable instead of failing on the first connection.
 */
export function temporalTls(vars: TlsVariables): { tls: TemporalTls; problems: string[] } {
  const problems: string[] = [];
  const read = (name: keyof TlsVariables): Buffer | undefined => {
    const file = vars[name];
    if (typeof file !== 'string') return undefined;
    try {
      return fs.readFileSync(file);
    } catch (error) {
      problems.push(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`);
      return undefined;
    }
  };
  const crt = read('TEMPORAL_TLS_CERT_FILE');
  const key = read('TEMPORAL_TLS_KEY_FILE');
  const ca = read('TEMPORAL_TLS_CA_FILE');
  const serverName = vars.TEMPORAL_TLS_SERVER_NAME;
  const customised = vars.TEMPORAL_TLS_CERT_FILE || vars.TEMPORAL_TLS_KEY_FILE || ca || serverName;

  if (Boolean(vars.TEMPORAL_TLS_CERT_FILE) !== Boolean(vars.TEMPORAL_TLS_KEY_FILE)) {
    problems.push(
      'TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE: mTLS needs both the certificate and its key',
    );
  }
  if (vars.TEMPORAL_TLS === false && customised) {
    problems.push('TEMPORAL_TLS: is false, but TLS certificates or a server name are configured');
  }
  if (!vars.TEMPORAL_ADDRESS && (customised || vars.TEMPORAL_TLS || vars.TEMPORAL_API_KEY)) {
    problems.push('TEMPORAL_ADDRESS: required with TLS or an API key (the embedded dev server uses neither)');
  }
  if (problems.length > 0) return { tls: undefined, problems };
  if (!customised) return { tls: vars.TEMPORAL_TLS, problems };
  return {
    tls: {
      ...(serverName ? { serverNameOverride: serverName } : {}),
      ...(ca ? { serverRootCACertificate: ca } : {}),
      ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    },
    problems,
  };
}
