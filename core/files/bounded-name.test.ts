import { boundedName } from './bounded-name';

describe('boundedName', () => {
  it('leaves names that fit alone', () => {
    expect(boundedName('flights-2001-04.csv')).toBe('flights-2001-04.csv');
  });

  it('cuts long names to the limit in bytes, keeping the extension and telling long names apart', () => {
    const a = boundedName(`${'é'.repeat(200)}a.csv`);
    const b = boundedName(`${'é'.repeat(200)}b.csv`);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(200);
    expect(a).toMatch(/^é+--[0-9a-f]{12}\.csv$/);
    expect(a).not.toBe(b);
  });

  it('does not keep an extension that is itself too long', () => {
    const name = boundedName(`x.${'y'.repeat(300)}`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^x\.y+--[0-9a-f]{12}$/);
  });
});
