import { SeededRandom } from '../../cli/data/random';
import { IntMap } from './int-map';

describe('IntMap', () => {
  it('keeps what a Map keeps, key 0 and packed short values included, across its growth', () => {
    const rng = new SeededRandom(11);
    const map = new IntMap(4);
    const reference = new Map<number, number>();
    const keys = [0, 1, 3 << 24, (3 << 24) | 0xffffff];
    for (let i = 0; i < 5000; i++) keys.push(rng.int(0, (3 << 24) | 0xffffff));
    keys.forEach((key, value) => {
      map.set(key, value);
      reference.set(key, value);
    });
    expect(map.size).toBe(reference.size);
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
    for (let i = 0; i < 1000; i++) {
      const key = rng.int(0, 1 << 30);
      expect(map.get(key)).toBe(reference.get(key) ?? -1);
    }
  });
});
