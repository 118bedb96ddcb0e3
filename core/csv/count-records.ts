import { streamRecords, type StreamProblem } from './stream-records';

/** How many records a file holds, in bounded memory (only record boundaries are scanned). */
export async function countRecords(file: string): Promise<{ records: number; problem?: StreamProblem }> {
  let records = 0;
  const outcome = await streamRecords(file, {
    wantsFields: false,
    beginRegion: () => undefined,
    record: () => {
      records++;
    },
    endRegion: () => undefined,
  });
  return outcome.problem ? { records, problem: outcome.problem } : { records };
}
