import type { DatasetSpec } from '../feature-spec';
import { type Binner, binCount, binnerFor, type FeatureBins } from './binning';
import type { Ensemble } from './boost';
import { FeatureEncoder, type FeatureDef, type FeatureMatrix } from './features';
import { addTables, tableOfTree, type TreeTable } from './tree-table';

const CHUNK_ROWS = 16_384;

/** An ensemble compiled into one summed table per feature pair (or single feature) it uses. */
function compile(ensemble: Ensemble, binCounts: readonly number[]): { base: number; tables: TreeTable[] } {
  const sums = new Map<string, TreeTable>();
  let base = ensemble.base;
  for (const tree of ensemble.trees) {
    const table = tableOfTree(tree, binCounts);
    if (table.features.length > 3)
      throw new Error(`a tree splits on ${table.features.length} features; at most 3 are served`);
    if (table.features.length === 0) base += table.values[0]!;
    else sums.set(table.features.join(','), addTables(sums.get(table.features.join(',')), table));
  }
  return { base, tables: [...sums.values()] };
}

/**
 * A trained model ready to predict: features from rows, a bin column per feature, then the sum
 * of a few table lookups per row (see tree-table.ts), column by column over the batch.
 */
export class Predictor {
  readonly encoder: FeatureEncoder;
  private readonly base: number;
  private readonly tables: TreeTable[];
  private readonly binners: Binner[];

  constructor(
    spec: DatasetSpec,
    readonly defs: readonly FeatureDef[],
    readonly bins: readonly FeatureBins[],
    ensemble: Ensemble,
  ) {
    this.encoder = new FeatureEncoder(spec, defs);
    this.binners = bins.map(binnerFor);
    ({ base: this.base, tables: this.tables } = compile(ensemble, bins.map(binCount)));
  }

  /** How many lookup tables a prediction reads: one per feature pair the trees use. */
  get tableCount(): number {
    return this.tables.length;
  }

  predictMatrix(features: FeatureMatrix): Float64Array {
    const n = features.length;
    const columns = this.binners.map((bin, f) => bin(features.columns[f]!));
    const out = new Float64Array(n).fill(this.base);
    for (const { features: used, strides, values } of this.tables) {
      const [a, b, c] = used.map((f) => columns[f]!);
      const [sa = 0, sb = 0] = strides;
      // One pass per table, specialised by its number of features (at most three with the default limits).
      if (c && b && a) for (let i = 0; i < n; i++) out[i]! += values[a[i]! * sa + b[i]! * sb + c[i]!]!;
      else if (b && a) for (let i = 0; i < n; i++) out[i]! += values[a[i]! * sa + b[i]!]!;
      else if (a) for (let i = 0; i < n; i++) out[i]! += values[a[i]!]!;
    }
    return out;
  }

  /**
   * Rows as validated by the spec's row schema (objects keyed by column name), in chunks: the
   * columns of a chunk stay in cache from encoding to the last table, and memory stays bounded.
   */
  predictRows(rows: readonly Readonly<Record<string, unknown>>[]): Float64Array {
    if (rows.length <= CHUNK_ROWS) return this.predictMatrix(this.encoder.encodeObjects(rows));
    const out = new Float64Array(rows.length);
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      out.set(this.predictMatrix(this.encoder.encodeObjects(chunk)), start);
    }
    return out;
  }
}
