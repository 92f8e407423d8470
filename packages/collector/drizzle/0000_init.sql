CREATE TABLE "agents" (
	"id" text PRIMARY KEY NOT NULL,
	"key_hash" text NOT NULL,
	"agent_version" text DEFAULT '' NOT NULL,
	"platform" text DEFAULT '' NOT NULL,
	"hostname" text DEFAULT '' NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" text,
	"hostname" text DEFAULT '' NOT NULL,
	"serial" text DEFAULT '' NOT NULL,
	"smbios_uuid" text DEFAULT '' NOT NULL,
	"machine_id" text DEFAULT '' NOT NULL,
	"macs" text[] DEFAULT '{}'::text[] NOT NULL,
	"manufacturer" text DEFAULT '' NOT NULL,
	"model" text DEFAULT '' NOT NULL,
	"os" text DEFAULT '' NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventories" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"agent_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"full" boolean NOT NULL,
	"collected_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"frame_bytes" bigint NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inventories" ADD CONSTRAINT "inventories_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_agent_id_key" ON "devices" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "devices_serial_idx" ON "devices" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "inventories_agent_seq_key" ON "inventories" USING btree ("agent_id","seq");--> statement-breakpoint
CREATE INDEX "inventories_device_idx" ON "inventories" USING btree ("device_id","received_at");