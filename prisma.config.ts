import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI wherever its engines exist (`prisma migrate deploy`, `prisma studio`).
// Contrail itself applies migrations with `contrail migrate`, which needs no engine binary.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://contrail:contrail@localhost:54320/contrail',
  },
});
