import { buildHistogram, type Histogram, histogramSize, subtractHistogram } from './histogram';
import { partitionRows, type SampledRows } from './sample-rows';
import { findBestSplit, type Split, type SplitParams } from './split';
import type { Tree } from './tree';

export interface TreeParams extends SplitParams {
  maxLeaves: number;
  maxDepth: number;
  /**
   * How many distinct features one tree may split on, and how many cells the product of their
   * bin counts may have. Within these limits every tree is a lookup table over its features'
   * bins, so the ensemble compiles into a few tables (see tree-table.ts) and predicts millions of
   * rows a second, while features still interact (origin x hour x weekday, origin x destination).
   */
  maxFeaturesPerTree: number;
  maxTableCells: number;
}

/** What every tree needs to know about the features. */
export interface FeatureLayout {
  featureCount: number;
  binCounts: readonly number[];
  categorical: readonly boolean[];
}

/** A grown tree before its leaf values are set; leaf j holds the sampled rows [leafStart[j], leafEnd[j]). */
export interface GrownTree {
  tree: Tree;
  leafStart: number[];
  leafEnd: number[];
  leafSumG: number[];
}

interface OpenLeaf {
  start: number;
  end: number;
  depth: number;
  sumG: number;
  hist: Histogram;
  split: Split | null;
  /** Where this leaf hangs: the parent node and which side (-1 for the root). */
  parent: number;
  side: 'left' | 'right';
}

/**
 * Grows one tree leaf-wise (always splitting the leaf with the largest gain, as LightGBM does).
 * Only the smaller child's histogram is built from rows; the larger one is the parent's minus it.
 * Reorders `data` so that each leaf's rows are contiguous; `aside` is scratch of the same size.
 */
export function growTree(
  layout: FeatureLayout,
  data: SampledRows,
  params: TreeParams,
  aside: SampledRows,
  pool: Histogram[],
): GrownTree {
  const takeHistogram = () => pool.pop() ?? new Float64Array(histogramSize(layout.featureCount));
  const nodes = { feature: [] as number[], threshold: [] as number[], catOffset: [] as number[] };
  const children = { left: [] as number[], right: [] as number[] };
  const catBits: number[] = [];

  const used = new Set<number>();
  let allowedNow: Set<number> | null = null;
  const allowed = () => allowedNow;
  const narrow = () => {
    const cells = [...used].reduce((n, f) => n * layout.binCounts[f]!, 1);
    const fits = (f: number) =>
      used.has(f) ||
      (used.size < params.maxFeaturesPerTree && cells * layout.binCounts[f]! <= params.maxTableCells);
    allowedNow = new Set(layout.binCounts.map((_, f) => f).filter(fits));
  };
  const bestSplit = (leaf: Omit<OpenLeaf, 'split'>) => {
    const count = leaf.end - leaf.start;
    const splittable = leaf.depth < params.maxDepth && count >= 2 * params.minDataInLeaf;
    return splittable
      ? findBestSplit(leaf.hist, layout.binCounts, layout.categorical, params, [leaf.sumG, count], allowed())
      : null;
  };
  const open = (leaf: Omit<OpenLeaf, 'split'>): OpenLeaf => ({ ...leaf, split: bestSplit(leaf) });

  const rootHist = takeHistogram();
  buildHistogram(rootHist, data, 0, data.count);
  let rootSum = 0;
  for (let k = 0; k < data.count; k++) rootSum += data.gradients[k]!;
  const root = { start: 0, end: data.count, depth: 0, sumG: rootSum, hist: rootHist, parent: -1 };
  const leaves: OpenLeaf[] = [open({ ...root, side: 'left' })];

  while (leaves.length < params.maxLeaves) {
    let pick = -1;
    leaves.forEach((leaf, i) => {
      if (leaf.split && (pick < 0 || leaf.split.gain > leaves[pick]!.split!.gain)) pick = i;
    });
    if (pick < 0) break;
    const leaf = leaves[pick]!;
    const split = leaf.split!;
    if (!used.has(split.feature)) {
      used.add(split.feature);
      narrow();
      // Leaves that planned a split on a feature the tree can no longer take choose again.
      for (const other of leaves)
        if (other.split && !allowedNow!.has(other.split.feature)) other.split = bestSplit(other);
    }

    const node = nodes.feature.length;
    nodes.feature.push(split.feature);
    nodes.threshold.push(split.threshold);
    nodes.catOffset.push(split.leftBins ? catBits.length : -1);
    if (split.leftBins) catBits.push(...split.leftBins);
    children.left.push(0);
    children.right.push(0);
    if (leaf.parent >= 0) children[leaf.side][leaf.parent] = node;

    const mid = partitionRows(data, leaf.start, leaf.end, split, aside);
    let leftSum = 0;
    for (let k = leaf.start; k < mid; k++) leftSum += data.gradients[k]!;
    const leftIsSmaller = mid - leaf.start <= leaf.end - mid;
    const small = takeHistogram();
    if (leftIsSmaller) buildHistogram(small, data, leaf.start, mid);
    else buildHistogram(small, data, mid, leaf.end);
    subtractHistogram(leaf.hist, leaf.hist, small);
    const [leftHist, rightHist] = leftIsSmaller ? [small, leaf.hist] : [leaf.hist, small];
    const depth = leaf.depth + 1;
    const left = open({
      start: leaf.start,
      end: mid,
      depth,
      sumG: leftSum,
      hist: leftHist,
      parent: node,
      side: 'left',
    });
    const right = open({
      ...{ start: mid, end: leaf.end, depth, sumG: leaf.sumG - leftSum },
      ...{ hist: rightHist, parent: node, side: 'right' },
    });
    leaves.splice(pick, 1, left, right);
  }

  leaves.forEach((leaf, j) => {
    if (leaf.parent >= 0) children[leaf.side][leaf.parent] = ~j;
    pool.push(leaf.hist);
  });
  const tree: Tree = {
    feature: Int32Array.from(nodes.feature),
    threshold: Int32Array.from(nodes.threshold),
    catOffset: Int32Array.from(nodes.catOffset),
    left: Int32Array.from(children.left),
    right: Int32Array.from(children.right),
    catBits: Uint32Array.from(catBits),
    leafValues: new Float64Array(leaves.length),
  };
  return {
    tree,
    leafStart: leaves.map((l) => l.start),
    leafEnd: leaves.map((l) => l.end),
    leafSumG: leaves.map((l) => l.sumG),
  };
}
