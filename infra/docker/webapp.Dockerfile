# syntax=docker/dockerfile:1
# Contrail's web app: the single-page app built by Vite into webapp/dist, served by webapp/server.ts.
# Build from the repository root: docker build -f infra/docker/webapp.Dockerfile .
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# The whole source tree and every dependency, to build the browser bundle.
# --ignore-scripts: no install script may download engines or send telemetry.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
RUN npm ci --ignore-scripts --no-audit --no-fund && node prisma/generate.cjs && npm run build:webapp

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# The server and the built bundle; the app's sources and build tools stay behind.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production WEBAPP_HOST=0.0.0.0 WEBAPP_PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY core ./core
COPY webapp/server.ts ./webapp/server.ts
COPY webapp/server ./webapp/server
COPY --from=build /app/webapp/dist ./webapp/dist
COPY infra/docker/healthcheck.cjs ./infra/docker/healthcheck.cjs
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "infra/docker/healthcheck.cjs", "webapp"]
CMD ["node", "--enable-source-maps", "--require", "tsx/cjs", "webapp/server.ts"]
