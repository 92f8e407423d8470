CREATE TABLE "metrics_daily" (
	"agent_id" text NOT NULL,
	"day" date NOT NULL,
	"online_hours" integer NOT NULL,
	"user_hours" integer NOT NULL,
	"seconds" double precision NOT NULL,
	"cpu_seconds" double precision NOT NULL,
	"memory_seconds" double precision NOT NULL,
	"cpu_max" real,
	"memory_max" real,
	"users" text[] NOT NULL,
	"processes" text[] NOT NULL,
	CONSTRAINT "metrics_daily_agent_id_day_pk" PRIMARY KEY("agent_id","day")
);
--> statement-breakpoint
CREATE TABLE "metrics_hourly" (
	"agent_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"seconds" double precision NOT NULL,
	"cpu_seconds" double precision NOT NULL,
	"memory_seconds" double precision NOT NULL,
	"cpu_max" real,
	"memory_max" real,
	"users" text[] NOT NULL,
	"reports" integer NOT NULL,
	CONSTRAINT "metrics_hourly_agent_id_hour_pk" PRIMARY KEY("agent_id","hour")
);
--> statement-breakpoint
CREATE INDEX "metrics_daily_day_idx" ON "metrics_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "metrics_hourly_hour_idx" ON "metrics_hourly" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "metrics_batches_end_at_idx" ON "metrics_batches" USING btree ("end_at");