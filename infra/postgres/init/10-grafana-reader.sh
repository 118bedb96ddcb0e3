#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d).
# Grafana reads Contrail's monitoring views through its own role that can read and never write:
# a dashboard's SQL, whoever edits it, cannot change Contrail's data.
set -eu
: "${GRAFANA_DB_USER:?GRAFANA_DB_USER is not set}"
: "${GRAFANA_DB_PASSWORD:?GRAFANA_DB_PASSWORD is not set}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v role="$GRAFANA_DB_USER" -v password="$GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
GRANT pg_read_all_data TO :"role";
SQL
