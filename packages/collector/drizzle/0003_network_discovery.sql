CREATE TABLE "network_device_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"address" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"mac" text,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_devices" (
	"address" text PRIMARY KEY NOT NULL,
	"sys_name" text,
	"vendor" text,
	"model" text,
	"serial" text,
	"first_walked_at" timestamp with time zone NOT NULL,
	"last_walked_at" timestamp with time zone NOT NULL,
	"walk" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "observations" ADD COLUMN "switch_port" text;--> statement-breakpoint
CREATE INDEX "network_device_changes_address_idx" ON "network_device_changes" USING btree ("address","changed_at");