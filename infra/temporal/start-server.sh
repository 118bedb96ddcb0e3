#!/bin/sh
# The server image takes its database password only from POSTGRES_PWD: read it from the Docker
# secret here, so it is never written in the compose file or in .env.
set -eu
POSTGRES_PWD="$(cat /run/secrets/postgres_password)"
export POSTGRES_PWD
exec /etc/temporal/entrypoint.sh
