#!/bin/sh
# Runs in temporalio/admin-tools: waits for the frontend, then registers TEMPORAL_NAMESPACE with
# TEMPORAL_NAMESPACE_RETENTION (how long closed workflow histories are kept) if it is missing.
set -eu
attempts=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS"; do
  attempts=$((attempts + 1))
  if [ "$attempts" -ge 30 ]; then
    echo "Temporal at $TEMPORAL_ADDRESS is not serving after $attempts attempts" >&2
    exit 1
  fi
  sleep 2
done
if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" -n "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $TEMPORAL_NAMESPACE exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" -n "$TEMPORAL_NAMESPACE" \
    --retention "$TEMPORAL_NAMESPACE_RETENTION"
fi
