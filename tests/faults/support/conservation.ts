import fs from 'node:fs';
import path from 'node:path';
import { readCsv } from '../../../cli/data/csv-file';
import { waitFor } from '../../../cli/runtime/ports';
import { REASON_COLUMNS } from '../../../core/validation/split-file';
import type { Probe } from './api-prober';
import { type StoreCounts, storeCounts } from './store-counts';
import type { FaultSystem } from './system';
import type { FedFile } from './raw-feed';

export interface Conservation {
  /** Every broken promise found; empty when every row is accounted for exactly once. */
  violations: string[];
  counts: {
    files: number;
    rawRows: number;
    goodRows: number;
    badRows: number;
    predicted: number;
    apiRejected: number;
  };
}

const visible = (dir: string) => fs.readdirSync(dir).filter((n) => !n.startsWith('.'));
const hidden = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('.'));

/** Waits until every fed file is ingested and every good-data file predicted (the schedules keep running). */
export async function waitUntilSettled(
  system: FaultSystem,
  fed: FedFile[],
  timeoutMs = 120_000,
): Promise<void> {
  const { paths } = system;
  await waitFor(
    'the flow to settle (raw-data and claimed empty, every file ingested and predicted)',
    async () => {
      if (visible(paths.rawData).length > 0 || visible(paths.claimed).length > 0) return false;
      const counts = await storeCounts(system.db.pool);
      const goodFiles = visible(paths.goodData).length;
      return counts.ingestedFiles >= fed.length && counts.ledgerDone === goodFiles;
    },
    { timeoutMs, intervalMs: 1_000 },
  );
}

function dataRows(file: string): string[][] {
  return readCsv(file).rows;
}

/**
 * Every raw row the suite fed is in good-data (and then predicted or refused by the API with its
 * reason) or in bad-data with its reason, exactly once; every on-demand answer is stored or was an
 * error with its reason. Counts come from the database and from the folders, independently.
 */
export async function checkConservation(
  system: FaultSystem,
  fed: FedFile[],
  probes: Probe[],
): Promise<Conservation> {
  const { paths } = system;
  const violations: string[] = [];
  // Taken before the store is read: an answer that came after the read may not be in it yet.
  const answered = [...probes];
  const store: StoreCounts = await storeCounts(system.db.pool);
  for (const dir of [paths.rawData, paths.goodData, paths.badData]) {
    for (const name of hidden(dir))
      violations.push(`a temporary file is left in ${path.basename(dir)}/: ${name}`);
  }
  for (const name of visible(paths.rawData)) violations.push(`raw-data/${name} was never ingested`);
  for (const name of visible(paths.claimed)) violations.push(`claimed/${name} is left over`);

  const fedNames = new Set(fed.map((f) => f.name));
  for (const dir of [paths.goodData, paths.badData]) {
    for (const name of visible(dir)) {
      if (!fedNames.has(name))
        violations.push(`${path.basename(dir)}/${name} matches no fed file (a duplicate?)`);
    }
  }
  let goodRows = 0;
  let badRows = 0;
  for (const file of fed) {
    const ingested = store.ingested.get(file.name);
    if (!ingested || ingested.count !== 1) {
      violations.push(`${file.name}: ${ingested?.count ?? 0} ingested_files rows, expected 1`);
      continue;
    }
    if (ingested.rows !== file.rows || ingested.valid + ingested.invalid !== file.rows)
      violations.push(
        `${file.name}: fed ${file.rows} rows, stored ${ingested.valid} valid + ${ingested.invalid} invalid of ${ingested.rows}`,
      );
    const good = path.join(paths.goodData, file.name);
    const bad = path.join(paths.badData, file.name);
    const goodHere = fs.existsSync(good) ? dataRows(good).length : 0;
    const badTable = fs.existsSync(bad) ? readCsv(bad) : undefined;
    const badHere = badTable?.rows.length ?? 0;
    if (goodHere !== ingested.valid)
      violations.push(`${file.name}: good-data holds ${goodHere} rows, statistics say ${ingested.valid}`);
    if (badHere !== ingested.invalid)
      violations.push(`${file.name}: bad-data holds ${badHere} rows, statistics say ${ingested.invalid}`);
    const reasonAt = badTable?.header.indexOf(REASON_COLUMNS[1]) ?? -1;
    if (badTable && badHere > 0 && (reasonAt < 0 || badTable.rows.some((r) => !r[reasonAt])))
      violations.push(`${file.name}: a bad row has no reason`);
    goodRows += goodHere;
    badRows += badHere;
  }
  if (store.issuesMismatch.length > 0)
    violations.push(`data-quality issues duplicated or missing for ${store.issuesMismatch.join(', ')}`);

  for (const name of visible(paths.goodData)) {
    const entry = store.ledger.get(name);
    if (entry?.status !== 'done')
      violations.push(`good-data/${name} is not predicted (${entry?.status ?? 'never seen'})`);
    else if (entry.predicted + entry.rejected !== entry.rows)
      violations.push(
        `good-data/${name}: ${entry.predicted} predicted + ${entry.rejected} refused of ${entry.rows} rows`,
      );
  }
  if (store.scheduled.total !== store.scheduled.distinct)
    violations.push(`${store.scheduled.total - store.scheduled.distinct} duplicate scheduled predictions`);
  if (store.scheduled.total + store.rejections.total !== goodRows)
    violations.push(
      `${goodRows} good rows, but ${store.scheduled.total} predicted + ${store.rejections.total} refused by the API`,
    );
  if (store.rejections.withoutReason > 0)
    violations.push(`${store.rejections.withoutReason} API refusals have no reason`);

  for (const probe of answered) {
    const stored = store.webapp.get(probe.flightId) ?? 0;
    if (stored > 1) violations.push(`on-demand flight ${probe.flightId} stored ${stored} times`);
    if (probe.status === 200 && stored !== 1)
      violations.push(`on-demand flight ${probe.flightId} answered 200 but not stored`);
    if (probe.status !== 200 && !probe.error)
      violations.push(`on-demand flight ${probe.flightId} refused (${probe.status}) without a reason`);
  }
  const rawRows = fed.reduce((sum, f) => sum + f.rows, 0);
  if (goodRows + badRows !== rawRows)
    violations.push(`${rawRows} raw rows fed, ${goodRows} good + ${badRows} bad found`);
  return {
    violations,
    counts: {
      files: fed.length,
      rawRows,
      goodRows,
      badRows,
      predicted: store.scheduled.total,
      apiRejected: store.rejections.total,
    },
  };
}
