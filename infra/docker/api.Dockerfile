# syntax=docker/dockerfile:1
# Contrail's model service (api/main.ts). The same image runs the one-shot `contrail migrate`.
# Build from the repository root: docker build -f infra/docker/api.Dockerfile .
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

# Production dependencies, the sources tsx runs, and the generated client; no compiler, no tests.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production API_HOST=0.0.0.0 API_PORT=8000 CONTRAIL_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY cli ./cli
COPY core ./core
COPY --from=build /app/core/db/generated ./core/db/generated
COPY prisma ./prisma
COPY api ./api
# The pipelines endpoints read the DAG definitions; the contrail CLI (migrate) loads every command.
COPY workflows ./workflows
COPY activities ./activities
COPY infra/docker/healthcheck.cjs ./infra/docker/healthcheck.cjs
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "infra/docker/healthcheck.cjs", "api"]
CMD ["node", "--enable-source-maps", "--require", "tsx/cjs", "api/main.ts"]
