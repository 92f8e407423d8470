DROP INDEX "metrics_daily_day_idx";--> statement-breakpoint
DROP INDEX "metrics_hourly_hour_idx";--> statement-breakpoint
ALTER TABLE "metrics_daily" DROP CONSTRAINT "metrics_daily_agent_id_day_pk";--> statement-breakpoint
ALTER TABLE "metrics_hourly" DROP CONSTRAINT "metrics_hourly_agent_id_hour_pk";--> statement-breakpoint
ALTER TABLE "metrics_daily" ADD CONSTRAINT "metrics_daily_day_agent_id_pk" PRIMARY KEY("day","agent_id");--> statement-breakpoint
ALTER TABLE "metrics_hourly" ADD CONSTRAINT "metrics_hourly_hour_agent_id_pk" PRIMARY KEY("hour","agent_id");