ALTER TABLE "metrics_batches" DROP CONSTRAINT "metrics_batches_device_id_devices_id_fk";
--> statement-breakpoint
DROP INDEX "metrics_batches_device_idx";--> statement-breakpoint
DROP INDEX "metrics_batches_end_at_idx";--> statement-breakpoint
CREATE INDEX "metrics_batches_end_at_brin" ON "metrics_batches" USING brin ("end_at");--> statement-breakpoint
ALTER TABLE "metrics_batches" DROP COLUMN "device_id";