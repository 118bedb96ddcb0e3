/**
 * Secret values that must never reach a log line. Config registers every secret it reads (the API
 * token, SMTP and Teams URLs, passwords inside URLs, the Temporal API key), and the logger replaces
 * each occurrence, as written or as JSON or a URL would escape it, with `***`: whatever a library
 * puts in an error message, the log does not show it.
 */
let secrets: string[] = [];

/** Shorter values would hide ordinary words of log lines (the embedded database's password is "contrail"). */
const MIN_LENGTH = 8;

export function registerLogSecrets(values: readonly (string | undefined)[]): void {
  const forms = new Set(secrets);
  for (const value of values) {
    if (!value || value.length < MIN_LENGTH) continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(encodeURIComponent(value));
  }
  // Longest first, so a URL is masked whole before a password inside it.
  secrets = [...forms].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***');
  return out;
}

/** The password of a URL (`scheme://user:password@host`), decoded, if it has one. */
export function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
