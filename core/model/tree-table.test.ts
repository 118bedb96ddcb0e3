import { seededRandom } from './random';
import type { Tree } from './tree';
import { addTableToRows, tableOfTree } from './tree-table';

/** Walks a tree for one row of bins: the reference the tables must agree with. */
function walk(tree: Tree, bins: Uint8Array, base: number): number {
  let node = tree.feature.length === 0 ? ~0 : 0;
  while (node >= 0) {
    const bin = bins[base + tree.feature[node]!]!;
    const offset = tree.catOffset[node]!;
    const left =
      offset < 0
        ? bin <= tree.threshold[node]!
        : ((tree.catBits[offset + (bin >>> 5)]! >>> (bin & 31)) & 1) === 1;
    node = left ? tree.left[node]! : tree.right[node]!;
  }
  return tree.leafValues[~node]!;
}

/** A random tree over `features`, numeric and categorical nodes mixed, `depth` levels deep. */
function randomTree(features: number[], binCounts: number[], depth: number, random: () => number): Tree {
  const t = {
    feature: [] as number[],
    threshold: [] as number[],
    catOffset: [] as number[],
    left: [] as number[],
    right: [] as number[],
    catBits: [] as number[],
  };
  let leaves = 0;
  const grow = (level: number): number => {
    if (level === depth || random() < 0.2) return ~leaves++;
    const node = t.feature.length;
    const f = features[Math.floor(random() * features.length)]!;
    t.feature.push(f);
    t.left.push(0);
    t.right.push(0);
    if (random() < 0.5) {
      t.threshold.push(Math.floor(random() * binCounts[f]!));
      t.catOffset.push(-1);
    } else {
      t.threshold.push(-1);
      t.catOffset.push(t.catBits.length);
      for (let w = 0; w < 8; w++) t.catBits.push(Math.floor(random() * 2 ** 32));
    }
    t.left[node] = grow(level + 1);
    t.right[node] = grow(level + 1);
    return node;
  };
  grow(0);
  return {
    feature: Int32Array.from(t.feature),
    threshold: Int32Array.from(t.threshold),
    catOffset: Int32Array.from(t.catOffset),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    catBits: Uint32Array.from(t.catBits, (w) => w >>> 0),
    leafValues: Float64Array.from({ length: leaves }, (_, j) => j * 1.5 - 3),
  };
}

describe('tree tables', () => {
  const binCounts = [25, 8, 40, 12];
  const random = seededRandom(11);

  it('hold, for every combination of bins, the value the tree gives', () => {
    for (const features of [[0], [1, 3], [0, 2, 3], [2, 0, 1]]) {
      for (let trial = 0; trial < 20; trial++) {
        const tree = randomTree(features, binCounts, 6, random);
        const table = tableOfTree(tree, binCounts);
        const rows = 500;
        const bins = Uint8Array.from({ length: rows * 4 }, (_, i) =>
          Math.floor(random() * binCounts[i % 4]!),
        );
        const fromTable = new Float64Array(rows);
        addTableToRows(table, bins, 4, fromTable);
        const walked = Float64Array.from({ length: rows }, (_, i) => walk(tree, bins, i * 4));
        expect([...fromTable]).toEqual([...walked]);
      }
    }
  });

  it('skip rows marked as done', () => {
    const tree = randomTree([0], binCounts, 3, random);
    const table = tableOfTree(tree, binCounts);
    const predictions = new Float64Array(2);
    addTableToRows(table, Uint8Array.of(1, 0, 0, 0, 2, 0, 0, 0), 4, predictions, {
      marks: Int32Array.of(7, 0),
      mark: 7,
    });
    expect(predictions[0]).toBe(0);
    expect(predictions[1]).toBe(walk(tree, Uint8Array.of(2, 0, 0, 0), 0));
  });
});
