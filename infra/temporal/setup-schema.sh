#!/bin/sh
# Runs in temporalio/admin-tools (SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER come from compose).
# Creates Temporal's two databases when missing and brings both schemas up to the version this
# admin-tools image ships. Safe to run again: an up-to-date schema is left as it is, and after a
# Temporal upgrade this is the step that applies the new server's schema changes.
set -eu
SQL_PASSWORD="$(cat /run/secrets/postgres_password)"
export SQL_PASSWORD
schemas=/etc/temporal/schema/postgresql/v12

for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  # `create` fails when the database exists; a real problem (credentials, network) fails the next step.
  temporal-sql-tool --db "$db" create || echo "database $db exists; checking its schema"
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema -d "$schemas/$dir/versioned"
done
echo "Temporal schemas are up to date"
