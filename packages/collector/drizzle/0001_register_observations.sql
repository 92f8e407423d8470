CREATE TABLE "asset_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"asset_tag" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" text NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"asset_tag" text PRIMARY KEY NOT NULL,
	"name" text,
	"serial" text,
	"smbios_uuid" text,
	"macs" text[] DEFAULT '{}'::text[] NOT NULL,
	"manufacturer" text,
	"model" text,
	"category" text,
	"status" text NOT NULL,
	"assigned_user" text,
	"department" text,
	"location" text,
	"purchase_date" date,
	"purchase_cost" numeric(14, 2),
	"supplier" text,
	"order_number" text,
	"warranty_months" integer,
	"notes" text,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assets_status_check" CHECK ("assets"."status" in ('planned','ordered','in_stock','deployed','in_repair','lost','retired','disposed'))
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	"hostname" text,
	"serial" text,
	"uuid" text,
	"macs" text[] DEFAULT '{}'::text[] NOT NULL,
	"ips" text[] DEFAULT '{}'::text[] NOT NULL,
	"vendor" text,
	"model" text,
	"extra" jsonb,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"ghost_after_days" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"finding_keys" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "asset_history_tag_idx" ON "asset_history" USING btree ("asset_tag","changed_at");--> statement-breakpoint
CREATE INDEX "assets_serial_idx" ON "assets" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "observations_seen_at_idx" ON "observations" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "observations_source_idx" ON "observations" USING btree ("source","seen_at");--> statement-breakpoint
CREATE INDEX "reconciliation_runs_ran_at_idx" ON "reconciliation_runs" USING btree ("ran_at");