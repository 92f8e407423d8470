CREATE TABLE "metrics_batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"device_id" uuid,
	"seq" bigint NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"samples" integer NOT NULL,
	"cpu_min" real,
	"cpu_avg" real,
	"cpu_max" real,
	"memory_min" real,
	"memory_avg" real,
	"memory_max" real,
	"mounts" jsonb NOT NULL,
	"net_rx_bytes" bigint NOT NULL,
	"net_tx_bytes" bigint NOT NULL,
	"uptime_seconds" bigint NOT NULL,
	"users" text[] NOT NULL,
	"processes" text[] NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "metrics_batches" ADD CONSTRAINT "metrics_batches_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "metrics_batches_agent_seq_key" ON "metrics_batches" USING btree ("agent_id","seq");--> statement-breakpoint
CREATE INDEX "metrics_batches_device_idx" ON "metrics_batches" USING btree ("device_id","start_at");