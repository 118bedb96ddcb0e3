-- Alerts (Teams, e-mail) of the ingestion DAG and of failed DAG runs: one row per run, kind and
-- channel, so a retried task never sends twice and an undeliverable alert is on record.
CREATE TYPE "alert_status" AS ENUM ('sent', 'failed');

CREATE TABLE "alerts" (
    "id" BIGSERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "alert_status" NOT NULL,
    "criticality" "criticality",
    "subject" TEXT NOT NULL,
    "link" TEXT,
    "attempts" INTEGER NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "alerts_run_id_kind_channel_key" ON "alerts"("run_id", "kind", "channel");

CREATE INDEX "alerts_created_at_idx" ON "alerts"("created_at");
