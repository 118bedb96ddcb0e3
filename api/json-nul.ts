const ESCAPE = Buffer.from('\\u0000');
const BACKSLASH = 92;

/**
 * Whether a JSON text holds a string with the NUL character (`\u0000`, the only way JSON can carry
 * one). Postgres text and jsonb cannot store it, so such a body is refused at the edge instead of
 * failing in the database. `\\u0000` (an escaped backslash, then the letters) is not a NUL.
 */
export function holdsNulEscape(json: Buffer): boolean {
  for (let at = json.indexOf(ESCAPE); at >= 0; at = json.indexOf(ESCAPE, at + 1)) {
    let backslashes = 1;
    while (at - backslashes >= 0 && json[at - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 1) return true;
  }
  return false;
}
