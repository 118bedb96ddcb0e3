-- CreateEnum
CREATE TYPE "promotion_action" AS ENUM ('promote', 'rollback');

-- CreateTable
CREATE TABLE "model_promotions" (
    "id" BIGSERIAL NOT NULL,
    "model_id" TEXT NOT NULL,
    "previous_model_id" TEXT,
    "action" "promotion_action" NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_promotions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "model_promotions_model_id_created_at_idx" ON "model_promotions"("model_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "model_promotions" ADD CONSTRAINT "model_promotions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "prediction_requests" ADD COLUMN "request_hash" TEXT;
