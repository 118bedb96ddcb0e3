import { holdsNulEscape } from './json-nul';

describe('holdsNulEscape', () => {
  it.each([
    ['{"a":"x\\u0000y"}', true],
    ['{"a":"\\u0000"}', true],
    ['{"a":"\\\\\\u0000"}', true],
    ['{"a":"\\\\u0000"}', false],
    ['{"a":"u0000"}', false],
    ['{"a":"\\u00001"}', true],
  ])('%s: %s', (json, expected) => {
    expect(holdsNulEscape(Buffer.from(json))).toBe(expected);
    if (expected) expect(JSON.parse(json).a).toContain('\u0000');
    else expect(JSON.parse(json).a).not.toContain('\u0000');
  });
});
