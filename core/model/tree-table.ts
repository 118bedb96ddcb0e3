import type { Tree } from './tree';

/**
 * A tree that splits on few features, as a lookup table over their bins: the tree's value for
 * every combination, row-major (the first feature's bin major). Tables of trees on the same
 * features add up, so a whole ensemble becomes a handful of tables and a prediction is a few
 * array reads, instead of a walk down every tree.
 */
export interface TreeTable {
  /** The features the table is indexed by, ascending (none: a constant). */
  features: number[];
  /** Their bin counts. */
  sizes: number[];
  /** strides[k]: how far one bin of features[k] moves in `values`. */
  strides: number[];
  values: Float64Array;
}

function stridesOf(sizes: readonly number[]): number[] {
  const strides = sizes.map(() => 1);
  for (let k = sizes.length - 2; k >= 0; k--) strides[k] = strides[k + 1]! * sizes[k + 1]!;
  return strides;
}

const goesLeft = (tree: Tree, node: number, bin: number): boolean => {
  const offset = tree.catOffset[node]!;
  return offset < 0
    ? bin <= tree.threshold[node]!
    : ((tree.catBits[offset + (bin >>> 5)]! >>> (bin & 31)) & 1) === 1;
};

/**
 * Fills the table from the tree's leaves: each leaf owns, per feature, the set of bins that reach
 * it, and every cell of their product gets its value. Each cell is written once.
 */
export function tableOfTree(tree: Tree, binCounts: readonly number[]): TreeTable {
  const features = [...new Set(tree.feature)].sort((a, b) => a - b);
  const sizes = features.map((f) => binCounts[f]!);
  const strides = stridesOf(sizes);
  const values = new Float64Array(sizes.reduce((n, s) => n * s, 1));
  const position = new Map(features.map((f, k) => [f, k] as const));

  const assign = (value: number, reach: number[][], k: number, offset: number): void => {
    if (k === reach.length) return void (values[offset] = value);
    for (const bin of reach[k]!) assign(value, reach, k + 1, offset + bin * strides[k]!);
  };
  const fill = (node: number, reach: number[][]): void => {
    if (node < 0) return assign(tree.leafValues[~node]!, reach, 0, 0);
    const k = position.get(tree.feature[node]!)!;
    const left = reach[k]!.filter((bin) => goesLeft(tree, node, bin));
    const right = reach[k]!.filter((bin) => !goesLeft(tree, node, bin));
    fill(
      tree.left[node]!,
      reach.map((bins, j) => (j === k ? left : bins)),
    );
    fill(
      tree.right[node]!,
      reach.map((bins, j) => (j === k ? right : bins)),
    );
  };
  fill(
    tree.feature.length === 0 ? ~0 : 0,
    sizes.map((size) => Array.from({ length: size }, (_, bin) => bin)),
  );
  return { features, sizes, strides, values };
}

/** Adds `table` into `into` (same features), or returns a copy to start a new sum. */
export function addTables(into: TreeTable | undefined, table: TreeTable): TreeTable {
  if (!into) return { ...table, values: Float64Array.from(table.values) };
  for (let i = 0; i < into.values.length; i++) into.values[i]! += table.values[i]!;
  return into;
}

/**
 * Adds a table's value to predictions[i] for each row of a row-major binned matrix, skipping
 * rows marked with `skip.mark` (whose value was added already).
 */
export function addTableToRows(
  table: TreeTable,
  bins: Uint8Array,
  featureCount: number,
  predictions: Float64Array,
  skip?: { marks: Int32Array; mark: number },
): void {
  const { values, features, strides } = table;
  for (let i = 0; i < predictions.length; i++) {
    if (skip && skip.marks[i] === skip.mark) continue;
    const row = i * featureCount;
    let cell = 0;
    for (let k = 0; k < features.length; k++) cell += bins[row + features[k]!]! * strides[k]!;
    predictions[i]! += values[cell]!;
  }
}
