# syntax=docker/dockerfile:1
# Contrail's Temporal worker (worker/main.ts): the DAG workflows and their activities. Scale it by
# running more of it on the same task queue (`docker compose up --scale worker=N`).
# Build from the repository root: docker build -f infra/docker/worker.Dockerfile .
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# Every dependency: generating the Prisma client needs the `prisma` devDependency.
# --ignore-scripts: no install script may download engines or send telemetry; the one step
# Contrail needs (client generation) is run by name.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --ignore-scripts --no-audit --no-fund && node prisma/generate.cjs

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# Debian (glibc), not Alpine: the Temporal SDK's native core ships for glibc Linux.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production CONTRAIL_DATA_DIR=/data WORKER_HEALTH_FILE=/tmp/contrail/worker-health.json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY core ./core
COPY --from=build /app/core/db/generated ./core/db/generated
COPY activities ./activities
COPY workflows ./workflows
COPY worker ./worker
COPY infra/docker/healthcheck.cjs ./infra/docker/healthcheck.cjs
RUN mkdir -p /data && chown node:node /data
USER node
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "infra/docker/healthcheck.cjs", "worker"]
CMD ["node", "--enable-source-maps", "--require", "tsx/cjs", "worker/main.ts"]
