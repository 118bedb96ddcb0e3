-- CreateEnum
CREATE TYPE "prediction_source" AS ENUM ('webapp', 'scheduled');

-- CreateEnum
CREATE TYPE "criticality" AS ENUM ('none', 'low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "run_state" AS ENUM ('running', 'success', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "task_state" AS ENUM ('scheduled', 'running', 'success', 'failed', 'skipped', 'upstream_failed');

-- CreateEnum
CREATE TYPE "model_status" AS ENUM ('candidate', 'active', 'retired', 'rejected');

-- CreateEnum
CREATE TYPE "ledger_status" AS ENUM ('claimed', 'done');

-- CreateTable
CREATE TABLE "prediction_requests" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT,
    "source" "prediction_source" NOT NULL,
    "model_version" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "valid_count" INTEGER NOT NULL,
    "invalid_count" INTEGER NOT NULL,
    "file_name" TEXT,
    "duration_ms" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prediction_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "predictions" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "row_index" INTEGER NOT NULL,
    "source" "prediction_source" NOT NULL,
    "model_version" TEXT NOT NULL,
    "features" JSONB NOT NULL,
    "predicted_delay" DOUBLE PRECISION NOT NULL,
    "file_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "predictions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingested_files" (
    "id" BIGSERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "valid_rows" INTEGER NOT NULL,
    "invalid_rows" INTEGER NOT NULL,
    "criticality" "criticality" NOT NULL,
    "parseable" BOOLEAN NOT NULL,
    "expectations" INTEGER NOT NULL,
    "failed_expectations" INTEGER NOT NULL,
    "report_path" TEXT,
    "validation_ms" DOUBLE PRECISION NOT NULL,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingested_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_quality_issues" (
    "id" BIGSERIAL NOT NULL,
    "ingested_file_id" BIGINT NOT NULL,
    "expectation_type" TEXT NOT NULL,
    "column" TEXT,
    "success" BOOLEAN NOT NULL,
    "element_count" INTEGER NOT NULL,
    "unexpected_count" INTEGER NOT NULL,
    "unexpected_percent" DOUBLE PRECISION NOT NULL,
    "criticality" "criticality" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_quality_issues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dag_runs" (
    "run_id" TEXT NOT NULL,
    "dag_id" TEXT NOT NULL,
    "logical_time" TIMESTAMPTZ(3) NOT NULL,
    "run_type" TEXT NOT NULL,
    "state" "run_state" NOT NULL,
    "temporal_run_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "dag_runs_pkey" PRIMARY KEY ("run_id")
);

-- CreateTable
CREATE TABLE "task_instances" (
    "run_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "state" "task_state" NOT NULL,
    "try_number" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "duration_ms" DOUBLE PRECISION,
    "error" TEXT,
    "output" JSONB,

    CONSTRAINT "task_instances_pkey" PRIMARY KEY ("run_id","task_id")
);

-- CreateTable
CREATE TABLE "prediction_ledger" (
    "file_name" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "status" "ledger_status" NOT NULL,
    "run_id" TEXT NOT NULL,
    "row_count" INTEGER,
    "predicted_rows" INTEGER,
    "rejected_rows" INTEGER,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "prediction_ledger_pkey" PRIMARY KEY ("file_name","content_hash")
);

-- CreateTable
CREATE TABLE "models" (
    "id" TEXT NOT NULL,
    "model_type" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "feature_hash" TEXT NOT NULL,
    "train_from" TIMESTAMPTZ(3) NOT NULL,
    "train_to" TIMESTAMPTZ(3) NOT NULL,
    "metrics" JSONB NOT NULL,
    "status" "model_status" NOT NULL,
    "artifact_path" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promoted_at" TIMESTAMPTZ(3),
    "promoted_by" TEXT,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "prediction_requests_idempotency_key_key" ON "prediction_requests"("idempotency_key");

-- CreateIndex
CREATE INDEX "prediction_requests_created_at_idx" ON "prediction_requests"("created_at");

-- CreateIndex
CREATE INDEX "predictions_created_at_id_idx" ON "predictions"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "predictions_source_created_at_id_idx" ON "predictions"("source", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "predictions_request_id_row_index_key" ON "predictions"("request_id", "row_index");

-- CreateIndex
CREATE UNIQUE INDEX "ingested_files_run_id_key" ON "ingested_files"("run_id");

-- CreateIndex
CREATE INDEX "ingested_files_ingested_at_idx" ON "ingested_files"("ingested_at");

-- CreateIndex
CREATE INDEX "data_quality_issues_created_at_idx" ON "data_quality_issues"("created_at");

-- CreateIndex
CREATE INDEX "data_quality_issues_ingested_file_id_idx" ON "data_quality_issues"("ingested_file_id");

-- CreateIndex
CREATE INDEX "dag_runs_dag_id_logical_time_idx" ON "dag_runs"("dag_id", "logical_time" DESC);

-- CreateIndex
CREATE INDEX "dag_runs_state_idx" ON "dag_runs"("state");

-- CreateIndex
CREATE INDEX "prediction_ledger_status_idx" ON "prediction_ledger"("status");

-- CreateIndex
CREATE INDEX "models_status_idx" ON "models"("status");

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "prediction_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_quality_issues" ADD CONSTRAINT "data_quality_issues_ingested_file_id_fkey" FOREIGN KEY ("ingested_file_id") REFERENCES "ingested_files"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_instances" ADD CONSTRAINT "task_instances_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "dag_runs"("run_id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most one active model (a partial index Prisma's schema cannot express).
CREATE UNIQUE INDEX "models_one_active_key" ON "models"("status") WHERE "status" = 'active';
