#!/bin/sh
# Creates the secret files docker-compose.yml mounts, in CONTRAIL_SECRETS_DIR (or the folder
# given, default ./secrets). Never overwrites a file that exists: edit them by hand afterwards.
#   postgres_password, grafana_admin_password   random
#   database_url                                Contrail's database, with that password
#   contrail_api_token                          random: the API requires `Authorization: Bearer <it>`
#   teams_webhook_url, smtp_url, temporal_api_key   empty (= not used) until you fill them in
#   temporal-tls/                               client certificate, key and CA for an mTLS cluster
set -eu
dir="${1:-${CONTRAIL_SECRETS_DIR:-./secrets}}"
umask 077
mkdir -p "$dir/temporal-tls"
chmod 700 "$dir"
chmod 755 "$dir/temporal-tls"

random() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

# Containers read these files as their own (non-root) users: the folder, not the file, keeps
# other users of this host out.
put() {
  if [ -e "$dir/$1" ]; then
    echo "kept    $dir/$1"
  else
    printf '%s' "$2" >"$dir/$1"
    chmod 644 "$dir/$1"
    echo "created $dir/$1"
  fi
}

put postgres_password "$(random)"
put database_url "postgresql://contrail:$(cat "$dir/postgres_password")@postgres:5432/contrail"
put contrail_api_token "$(random)"
put grafana_admin_password "$(random)"
put teams_webhook_url ''
put smtp_url ''
put temporal_api_key ''
