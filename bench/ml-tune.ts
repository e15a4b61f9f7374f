// Tuning the gradient-boosted trees' settings on bank-full without TEST: fit on TRAIN buckets
// >= 30, judge on the validation buckets 20-29 (../shared/data/README.md allows them for tuning),
// for a small grid of leaves, rows a leaf and L2. TEST is never read here.
// Run: npx tsx bench/ml-tune.ts [path/to/bank-full.csv]
import { encodeRows, fitEncoding } from '../src/ml/encoding.js';
import { fitBoosted } from '../src/ml/gbdt.js';
import { splitBucket } from '../src/ml/holdout.js';
import { rocAuc } from '../src/ml/metrics.js';
import { readDataset } from '../src/ml/read-dataset.js';
import { DEFAULT_POSITIVE, labelOf } from '../src/ml/target.js';
import { forestMargins } from '../src/ml/tree-predict.js';

const PATH = process.argv[2] ?? '../shared/data/bank-marketing/bank-full.csv';
const dataset = await readDataset(PATH);
const target = dataset.columns.indexOf('y');
const features = dataset.columns
  .map((name, c) => ({ name, c }))
  .filter(({ name }) => name !== 'y' && name !== 'duration');
const fit: string[][] = [];
const valid: string[][] = [];
dataset.rows.forEach((r, i) => {
  const b = splitBucket(i);
  if (b >= 30) fit.push(r);
  else if (b >= 20) valid.push(r);
});
const labels = (rows: string[][]) =>
  Uint8Array.from(rows, (r) => labelOf(r[target]!, DEFAULT_POSITIVE) ?? 0);
const { encoding } = fitEncoding(
  features.map((f) => f.name),
  features.map((f) => fit.map((r) => r[f.c]!)),
);
const positions = features.map((f) => f.c);
const fitMatrix = encodeRows(encoding, fit, positions);
const validMatrix = encodeRows(encoding, valid, positions);
const fitY = labels(fit);
const validY = labels(valid);
console.log(`${fit.length} fit rows, ${valid.length} validation rows`);
console.log('| leaves | rows a leaf | L2 | trees | validation ROC AUC |');
console.log('|---|---|---|---|---|');
for (const maxLeaves of [15, 31, 63])
  for (const minSamplesLeaf of [20, 50, 100])
    for (const l2 of [1, 10]) {
      const params = fitBoosted(encoding, fitMatrix, fitY, { maxLeaves, minSamplesLeaf, l2 });
      const auc = rocAuc(validY, forestMargins(params, validMatrix));
      console.log(
        `| ${maxLeaves} | ${minSamplesLeaf} | ${l2} | ${params.trees.length} | ${auc.toFixed(4)} |`,
      );
    }
