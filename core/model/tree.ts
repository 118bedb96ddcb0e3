/**
 * One regression tree over binned features, as flat arrays (fast to walk, plain to serialise).
 * Internal node i splits on feature[i]: a numeric node sends bin <= threshold[i] left; a
 * categorical node (catOffset[i] >= 0) sends bin b left when bit b of catBits[catOffset[i] ..] is
 * set. Children >= 0 are internal nodes; a child c < 0 is leaf ~c. A tree with no internal node
 * is the single leaf 0.
 */
export interface Tree {
  feature: Int32Array;
  threshold: Int32Array;
  catOffset: Int32Array;
  left: Int32Array;
  right: Int32Array;
  catBits: Uint32Array;
  leafValues: Float64Array;
}

/** JSON form: typed arrays as plain arrays. */
export type TreeJson = { [K in keyof Tree]: number[] };

export const treeToJson = (tree: Tree): TreeJson => ({
  feature: [...tree.feature],
  threshold: [...tree.threshold],
  catOffset: [...tree.catOffset],
  left: [...tree.left],
  right: [...tree.right],
  catBits: [...tree.catBits],
  leafValues: [...tree.leafValues],
});

export const treeFromJson = (json: TreeJson): Tree => ({
  feature: Int32Array.from(json.feature),
  threshold: Int32Array.from(json.threshold),
  catOffset: Int32Array.from(json.catOffset),
  left: Int32Array.from(json.left),
  right: Int32Array.from(json.right),
  catBits: Uint32Array.from(json.catBits),
  leafValues: Float64Array.from(json.leafValues),
});
