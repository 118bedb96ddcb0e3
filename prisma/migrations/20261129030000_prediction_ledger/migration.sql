-- When each good-data file arrived, so a backfilled prediction run takes the files of its own interval.
ALTER TABLE "prediction_ledger" ADD COLUMN "arrived_at" TIMESTAMPTZ(3);

-- Rows of good-data files the model service refused, with the reason (a poison row is recorded once).
CREATE TABLE "prediction_rejections" (
    "id" BIGSERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "row" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prediction_rejections_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "prediction_rejections_file_name_content_hash_row_number_key" ON "prediction_rejections"("file_name", "content_hash", "row_number");

CREATE INDEX "prediction_rejections_created_at_idx" ON "prediction_rejections"("created_at");
