ALTER TABLE "assets" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "time_zone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics_batches" ADD COLUMN "last_input_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD COLUMN "input" boolean;