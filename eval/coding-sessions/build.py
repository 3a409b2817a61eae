#!/usr/bin/env python3
"""Builds eval/coding-sessions/{memories,queries}.jsonl: memories the way coding assistants save them at the end of
work sessions (decisions, gotchas, bug stories, progress, conventions, ruled-out approaches) across five projects over
three months, and questions a developer asks weeks later. Gold is at the memory level (goldIds) and at the session
level (goldConversations). Every gold id below was chosen by reading the memory: it states the answer.

Run: python3 eval/coding-sessions/build.py  (rewrites the two files next to this script; deterministic)."""

import json
import os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

# project -> list of sessions: (session id, start "YYYY-MM-DD HH:MM", [memory texts]) ; memory id = f"{session}-{n}"
SESSIONS = {
    "billing-service": [
        ("bill-s01", "2025-03-03 09:10", [
            "Project setup: billing-service is a Go 1.22 service using chi for routing and pgx (no ORM) against PostgreSQL 15. Migrations live in db/migrations and run with goose.",
            "Decided to keep money as int64 minor units (cents) everywhere, never float64. The Money type lives in internal/money/money.go with currency as an ISO 4217 string.",
            "Convention: every handler returns errors wrapped with fmt.Errorf(\"%w\") and the middleware in internal/httpx/errors.go maps domain errors to HTTP status codes. Do not write status codes in handlers.",
            "Local dev: `make dev` starts Postgres and stripe-mock in docker compose; the service reads config from .env via envconfig.",
        ]),
        ("bill-s02", "2025-03-06 14:00", [
            "Implemented invoice generation: POST /v1/invoices creates a draft, POST /v1/invoices/{id}/finalize locks line items and assigns the invoice number.",
            "Invoice numbers are per-tenant sequences (INV-2025-000123) generated with a Postgres sequence per tenant created lazily in internal/invoice/numbering.go; gaps are acceptable but duplicates are not.",
            "Gotcha: pgx returns numeric columns as pgtype.Numeric, not int64. Line item amounts are stored as BIGINT to avoid conversion bugs.",
        ]),
        ("bill-s03", "2025-03-11 10:30", [
            "Bug: finalizing the same invoice twice under load produced two invoice numbers. Cause: the status check and number assignment were in separate transactions. Fixed with SELECT ... FOR UPDATE on the invoice row inside one transaction.",
            "Added a regression test internal/invoice/finalize_race_test.go that runs 20 concurrent finalize calls and asserts exactly one number is assigned.",
            "Ruled out advisory locks (pg_advisory_xact_lock) for this: row locks are enough and advisory lock keys would need a hashing scheme per tenant.",
        ]),
        ("bill-s04", "2025-03-18 16:20", [
            "Stripe integration: we create PaymentIntents server-side with an idempotency key of invoice id + attempt number, so retries after a timeout never double-charge.",
            "Webhooks arrive at POST /v1/webhooks/stripe. Signature is verified with the raw request body before JSON decoding; the secret is STRIPE_WEBHOOK_SECRET.",
            "Gotcha: chi's middleware.Compress was reading the body and breaking Stripe signature verification. The webhook route is mounted outside the compressed router group.",
            "Webhook events are stored in the stripe_events table keyed by event id; duplicate deliveries are ignored by the unique constraint.",
        ]),
        ("bill-s05", "2025-03-27 11:00", [
            "Decision: dunning (retrying failed payments) runs as a River job queue worker, not a cron. Retries at 1, 3, 7 days, then the subscription moves to past_due.",
            "Chose River over asynq because it stores jobs in the same Postgres database, so enqueueing happens in the same transaction as the invoice update.",
            "Progress: dunning worker done; email notifications for failed payments still TODO.",
        ]),
        ("bill-s06", "2025-04-08 09:45", [
            "Tax: decided to use Stripe Tax for calculation instead of maintaining our own rate tables. Tax amounts are copied onto invoice line items at finalize time so old invoices never change.",
            "Ruled out TaxJar: extra vendor, and its API requires a separate nexus configuration we don't want to manage.",
        ]),
        ("bill-s07", "2025-04-22 15:10", [
            "Switched migrations from goose to atlas: atlas diffs the schema in db/schema.hcl and generates versioned migrations. goose files were converted once; db/migrations is now generated, do not edit by hand.",
            "Migration workflow now: edit db/schema.hcl, run `make migrate-diff name=<change>`, commit the generated SQL, CI runs `atlas migrate lint`.",
        ]),
        ("bill-s08", "2025-05-06 13:30", [
            "Flaky test: TestDunningSchedule failed around midnight UTC because it used time.Now(). Injected a clock interface (internal/clock) and the test uses a fixed clock.",
            "Convention: no direct time.Now() in business code; take a clock.Clock. Lint rule forbidigo enforces it in .golangci.yml.",
            "Email notifications for failed payments shipped using Postmark templates; template ids are in config, not code.",
        ]),
        ("bill-s09", "2025-05-20 10:00", [
            "Performance: GET /v1/invoices list was 900ms for big tenants. Added a composite index on (tenant_id, created_at DESC) and keyset pagination with a cursor instead of OFFSET. Now ~25ms p95.",
            "Ruled out caching invoice lists in Redis: invalidation on every line-item change was error-prone and the index fixed the latency anyway.",
            "Release: billing-service v1.4.0 deployed with keyset pagination; the old ?page= parameter is still accepted for two releases and logs a deprecation warning.",
        ]),
        ("bill-s10", "2025-06-02 17:00", [
            "Changed the money rule: amounts are still int64 minor units, but currencies with three decimals (KWD, BHD) broke the cents assumption. Money now stores the exponent from the currency table instead of assuming 2.",
            "Progress: multi-currency invoices done for EUR, USD, GBP, KWD. Currency conversion for reporting is not started.",
        ]),
    ],
    "field-app": [
        ("app-s01", "2025-03-04 10:00", [
            "field-app is a React Native app built with Expo SDK 52 and TypeScript, used by technicians to record site inspections offline.",
            "State: Zustand for UI state, TanStack Query for server data. No Redux.",
            "Decided on expo-router with file-based routes under app/; tabs are in app/(tabs)/.",
            "Offline storage: WatermelonDB on top of SQLite, because inspections must work with no signal for a whole day.",
        ]),
        ("app-s02", "2025-03-10 15:30", [
            "Sync protocol: the app pulls changes since last_pulled_at from GET /sync/pull and pushes local changes to POST /sync/push; conflicts resolve server-wins except for inspection notes, which are merged.",
            "Gotcha: WatermelonDB requires the JSI adapter to be disabled in Expo Go; use a development build (expo-dev-client) for anything touching the database.",
            "Convention: all database writes go through actions in src/db/actions/*.ts, never database.write directly in components.",
        ]),
        ("app-s03", "2025-03-17 09:20", [
            "Bug: photos attached to an inspection disappeared after an app update on iOS. Cause: we stored absolute file paths, and the app container path changes on every update. Now we store paths relative to FileSystem.documentDirectory and resolve at read time.",
            "Wrote a one-time migration in src/db/migrations/v4.ts that rewrites old absolute photo paths to relative ones.",
        ]),
        ("app-s04", "2025-03-25 14:45", [
            "Photo upload: images are compressed with expo-image-manipulator to max 1600px and JPEG quality 0.7 before upload; uploads use background fetch and retry with exponential backoff.",
            "Ruled out uploading originals: 12MP photos were 4-6MB each and technicians on metered data complained.",
            "Progress: photo compression and background upload done; upload progress UI not started.",
        ]),
        ("app-s05", "2025-04-03 11:15", [
            "Auth: technicians sign in with magic links; tokens are kept in expo-secure-store, never AsyncStorage.",
            "Gotcha: magic links opened in Gmail's in-app browser on Android did not return to the app. Fixed by adding the intentFilters for https://field.example.com/auth in app.json and using universal links.",
        ]),
        ("app-s06", "2025-04-14 16:00", [
            "Decided to drop TanStack Query: with WatermelonDB as the source of truth, screens observe the local database and sync runs in the background. Server data no longer goes through a query cache.",
            "Removed @tanstack/react-query from package.json; the remaining Zustand store only holds UI state (filters, selected site).",
        ]),
        ("app-s07", "2025-04-29 10:40", [
            "Testing: unit tests use Jest with jest-expo preset; end-to-end tests use Maestro flows in .maestro/ because Detox kept breaking on Expo upgrades.",
            "Ruled out Detox for E2E: each Expo SDK upgrade broke its native build config.",
            "Convention: every new screen gets a Maestro flow covering the happy path before merge.",
        ]),
        ("app-s08", "2025-05-12 13:00", [
            "Crash on Android 10 devices when opening the camera: expo-camera needed the CAMERA permission requested before mounting the CameraView. Added a permission gate component src/components/PermissionGate.tsx.",
            "Crash reporting: Sentry via sentry-expo, source maps uploaded in the EAS build hook.",
        ]),
        ("app-s09", "2025-05-26 09:30", [
            "Upgraded to Expo SDK 53. Needed to bump react-native-reanimated to 3.17 and clear the Metro cache; the new architecture is enabled.",
            "Gotcha after SDK 53: WatermelonDB's JSI adapter now works with the new architecture, but only in development builds; Expo Go is still unsupported.",
            "Progress: upload progress UI done (per-photo progress bars on the inspection screen).",
        ]),
        ("app-s10", "2025-06-09 15:20", [
            "Releases: EAS Build with three profiles (development, preview, production); OTA updates via EAS Update on the production channel only for JS-only changes.",
            "Decision: minimum supported versions are iOS 15 and Android 8 (API 26); below that we show an unsupported-device screen.",
        ]),
    ],
    "etl-pipeline": [
        ("etl-s01", "2025-03-05 08:30", [
            "etl-pipeline loads CRM and billing exports into Snowflake. Orchestration with Dagster, transformations with dbt, Python 3.11 managed with uv.",
            "Raw data lands in the RAW database as-is; dbt models build STAGING (renamed, typed) and MARTS (business tables). Nobody queries RAW directly.",
            "Convention: dbt model names are stg_<source>__<table> for staging and fct_/dim_ for marts.",
        ]),
        ("etl-s02", "2025-03-12 13:10", [
            "The HubSpot extractor pages with the after cursor and writes newline-delimited JSON to S3 under s3://acme-etl-raw/hubspot/<object>/<date>/, then Snowpipe loads it.",
            "Gotcha: HubSpot returns 429 with a Retry-After header at 100 requests per 10 seconds; the client sleeps for Retry-After instead of a fixed backoff.",
        ]),
        ("etl-s03", "2025-03-19 10:00", [
            "Bug: duplicated deals in fct_deals after a backfill. Cause: the staging model used UNION ALL across daily files and the backfill re-delivered days. Fixed with a qualify row_number() over (partition by deal_id order by updated_at desc) = 1 dedup in stg_hubspot__deals.",
            "Added dbt tests: unique and not_null on deal_id in fct_deals, so duplicates fail the run instead of reaching dashboards.",
        ]),
        ("etl-s04", "2025-03-31 15:40", [
            "Incremental models: fct_invoices is incremental with unique_key invoice_id and a 3-day lookback on updated_at to catch late-arriving updates.",
            "Ruled out merge on every run for the events table: it scanned the whole table. fct_events uses append with insert_overwrite on the event_date partition instead.",
        ]),
        ("etl-s05", "2025-04-09 09:00", [
            "Scheduling: Dagster schedules the HubSpot extract hourly and the dbt build every day at 05:00 UTC; asset sensors trigger downstream marts when their sources materialize.",
            "Alerting: failed runs post to the #data-alerts Slack channel through Dagster's slack sensor; dbt test failures are warnings for staging, errors for marts.",
        ]),
        ("etl-s06", "2025-04-23 14:30", [
            "Cost: the Snowflake warehouse was an X-Small running 24/7 because BI tools kept it awake. Set AUTO_SUSPEND to 60 seconds and moved BI to its own warehouse BI_WH; monthly credits dropped about 40%.",
            "Decision: dbt runs use TRANSFORM_WH (Small), BI dashboards use BI_WH (X-Small), ad-hoc analysts use ADHOC_WH with a resource monitor capped at 50 credits a month.",
        ]),
        ("etl-s07", "2025-05-07 11:20", [
            "Switched orchestration from Dagster to Airflow (MWAA) because the platform team only supports Airflow. DAGs live in dags/, one DAG per source; dbt runs through Cosmos so each model is a task.",
            "The Dagster code in orchestration/ is deleted. The hourly HubSpot schedule is now the hubspot_extract DAG with schedule '@hourly'.",
            "Gotcha: MWAA installs requirements from requirements.txt, not uv.lock; we export with `uv export --no-hashes > requirements.txt` in CI.",
        ]),
        ("etl-s08", "2025-05-21 16:00", [
            "PII: email and phone columns are masked with a Snowflake masking policy PII_MASK; only the PII_READER role sees clear values. Policies are applied in dbt post-hooks.",
            "Ruled out hashing emails in staging: the support team needs to look customers up by email through PII_READER.",
        ]),
        ("etl-s09", "2025-06-04 10:10", [
            "Bug: Monday dashboards were missing Sunday's invoices. The billing export runs at 04:30 UTC on Mondays and the daily dbt build at 05:00 finished before Snowpipe had loaded it. Added a sensor that waits for the billing file before dbt runs.",
            "Data freshness: dbt source freshness checks on RAW.BILLING warn after 26 hours and error after 48.",
        ]),
    ],
    "platform-infra": [
        ("inf-s01", "2025-03-06 09:00", [
            "Infrastructure is Terraform 1.8 with state in S3 and locking in DynamoDB (table tf-locks). Workspaces are not used; each environment is a directory under envs/ (dev, staging, prod).",
            "Kubernetes: EKS 1.29 with managed node groups; apps are deployed with Argo CD from the gitops repo.",
            "Convention: every Terraform module has a README generated by terraform-docs and pinned provider versions in versions.tf.",
        ]),
        ("inf-s02", "2025-03-13 14:20", [
            "Ingress: AWS Load Balancer Controller with one ALB per environment shared through IngressGroup; TLS certificates from ACM.",
            "Gotcha: ALB health checks hit / by default and the billing-service returns 404 there. Each Ingress sets alb.ingress.kubernetes.io/healthcheck-path to /healthz.",
        ]),
        ("inf-s03", "2025-03-24 11:30", [
            "Secrets: External Secrets Operator syncs from AWS Secrets Manager into Kubernetes secrets; apps never read Secrets Manager directly.",
            "Ruled out sealed-secrets: rotating a secret meant re-encrypting and committing, and the security team wants rotation in Secrets Manager.",
        ]),
        ("inf-s04", "2025-04-02 16:10", [
            "Incident: staging pods were OOMKilled after the Go upgrade because GOMEMLIMIT was not set and the container limit was 256Mi. Set GOMEMLIMIT to 90% of the memory limit through the downward API in the base chart.",
            "Decision: every workload sets both requests and limits for memory; CPU has requests only (no CPU limits, to avoid throttling).",
        ]),
        ("inf-s05", "2025-04-16 10:45", [
            "Observability: metrics with Prometheus (kube-prometheus-stack), logs shipped by Fluent Bit to CloudWatch, dashboards in Grafana. Tracing not set up yet.",
            "Alert routing: Alertmanager sends critical alerts to PagerDuty and warnings to #ops-alerts in Slack.",
        ]),
        ("inf-s06", "2025-04-30 13:15", [
            "Autoscaling: switched node scaling from Cluster Autoscaler to Karpenter. Provisioners allow spot for stateless workloads; anything with a PodDisruptionBudget of minAvailable 100% stays on on-demand.",
            "Gotcha with Karpenter: consolidation evicted the etl Airflow workers mid-task. Added karpenter.sh/do-not-disrupt: \"true\" annotation to worker pods.",
        ]),
        ("inf-s07", "2025-05-14 09:40", [
            "Tracing: OpenTelemetry Collector deployed as a DaemonSet; traces go to Grafana Tempo. Services export OTLP over gRPC to the node-local collector on port 4317.",
            "Logs moved from CloudWatch to Grafana Loki to cut cost; Fluent Bit now ships to Loki and CloudWatch log retention is reduced to 7 days.",
        ]),
        ("inf-s08", "2025-05-28 15:00", [
            "Upgraded EKS from 1.29 to 1.30 in dev and staging; prod is scheduled for June 10. Had to bump the AWS Load Balancer Controller to 2.8 first.",
            "Runbook for cluster upgrades is docs/runbooks/eks-upgrade.md: upgrade add-ons, control plane, then node groups, one environment a week apart.",
        ]),
        ("inf-s09", "2025-06-11 10:00", [
            "Prod EKS upgraded to 1.30 on June 10 without downtime. All three environments now run 1.30.",
            "Terraform state moved to one bucket per account (acme-tfstate-<account>) after the security review; DynamoDB locking unchanged.",
        ]),
    ],
    "logship": [
        ("log-s01", "2025-03-07 11:00", [
            "logship is a Rust agent that tails log files and ships them to Loki and S3. Tokio runtime, clap for the CLI, config in TOML parsed with serde.",
            "Decided to tail files with the notify crate plus a periodic stat fallback, because inotify events are lost on NFS mounts.",
            "Convention: library errors use thiserror enums per module; only main.rs uses anyhow.",
        ]),
        ("log-s02", "2025-03-14 15:30", [
            "Checkpoints: the byte offset and inode of every tailed file are persisted in a sled database under /var/lib/logship so restarts resume without duplicates.",
            "Gotcha: logrotate with copytruncate shrinks the file in place; we detect the size dropping below the checkpoint offset and restart from 0.",
            "Batches are flushed at 1 MiB or every 2 seconds, whichever comes first.",
        ]),
        ("log-s03", "2025-03-26 10:20", [
            "Bug: memory grew without bound when Loki was down. The retry queue had no cap. Now the in-memory queue is bounded at 64 MiB and spills older batches to disk.",
            "Ruled out dropping logs when the queue is full: compliance requires at-least-once delivery for audit logs.",
        ]),
        ("log-s04", "2025-04-10 09:40", [
            "Switched checkpoints from sled to SQLite (rusqlite with WAL): sled's on-disk format changed between versions and the project looks unmaintained.",
            "Migration: on first start the agent reads the old sled checkpoints once and writes them to checkpoints.db, then deletes the sled directory.",
        ]),
        ("log-s05", "2025-04-24 14:00", [
            "Performance: parsing JSON lines with serde_json::Value was the bottleneck at 40 MB/s. Switched to simd-json with borrowed values; now about 180 MB/s on one core.",
            "Benchmarks live in benches/parse.rs (criterion); run them with `cargo bench --bench parse` before changing the parser.",
        ]),
        ("log-s06", "2025-05-15 16:45", [
            "Release: binaries are built with cargo-dist for x86_64 and aarch64 Linux (musl) and published to GitHub Releases; the Debian package is built with cargo-deb.",
            "Gotcha: the musl build was 3x slower at JSON parsing because of the musl allocator. The release build uses mimalloc as the global allocator.",
        ]),
        ("log-s07", "2025-06-05 10:10", [
            "Added an S3 sink that writes gzip-compressed newline-delimited JSON objects, one object per minute per host, under s3://<bucket>/<host>/<yyyy>/<mm>/<dd>/.",
            "Progress: Loki and S3 sinks done; a Kafka sink is planned but not started.",
        ]),
    ],
}

# (id, project, question, askedAt, gold memory ids, type). Memory ids are "<session>-<n>" with n from 1.
QUERIES = [
    ("cs-q01", "billing-service", "How do we represent money amounts in the billing service?", "2025-05-01T09:00:00Z", ["bill-s01-2"], "decision"),
    ("cs-q02", "billing-service", "How do we represent money amounts, given currencies like KWD?", "2025-06-20T09:00:00Z", ["bill-s10-1"], "knowledge-update"),
    ("cs-q03", "billing-service", "Where should HTTP status codes for domain errors be decided?", "2025-04-01T09:00:00Z", ["bill-s01-3"], "convention"),
    ("cs-q04", "billing-service", "Why did finalizing an invoice sometimes assign two invoice numbers?", "2025-05-10T09:00:00Z", ["bill-s03-1"], "debugging"),
    ("cs-q05", "billing-service", "Did we consider advisory locks for the invoice finalize race?", "2025-05-10T09:00:00Z", ["bill-s03-3"], "ruled-out"),
    ("cs-q06", "billing-service", "What idempotency key do we send when creating a PaymentIntent?", "2025-04-20T09:00:00Z", ["bill-s04-1"], "decision"),
    ("cs-q07", "billing-service", "Stripe webhook signature verification keeps failing, what was the cause last time?", "2025-05-02T09:00:00Z", ["bill-s04-3"], "gotcha"),
    ("cs-q08", "billing-service", "How are duplicate webhook deliveries handled?", "2025-04-20T09:00:00Z", ["bill-s04-4"], "architecture"),
    ("cs-q09", "billing-service", "Why River and not asynq for the job queue?", "2025-04-15T09:00:00Z", ["bill-s05-2"], "decision"),
    ("cs-q10", "billing-service", "What is the retry schedule for failed payments?", "2025-04-15T09:00:00Z", ["bill-s05-1"], "architecture"),
    ("cs-q11", "billing-service", "Who calculates sales tax on invoices?", "2025-05-15T09:00:00Z", ["bill-s06-1"], "decision"),
    ("cs-q12", "billing-service", "Which migration tool do we use now and how do I add a migration?", "2025-06-20T09:00:00Z", ["bill-s07-1", "bill-s07-2"], "knowledge-update"),
    ("cs-q13", "billing-service", "Which tool runs our database migrations?", "2025-04-01T09:00:00Z", ["bill-s01-1"], "tech-stack"),
    ("cs-q14", "billing-service", "Why was TestDunningSchedule flaky?", "2025-06-01T09:00:00Z", ["bill-s08-1"], "debugging"),
    ("cs-q15", "billing-service", "Can I call time.Now() in the invoice code?", "2025-06-01T09:00:00Z", ["bill-s08-2"], "convention"),
    ("cs-q16", "billing-service", "Is there an email when a payment fails?", "2025-06-20T09:00:00Z", ["bill-s08-3"], "knowledge-update"),
    ("cs-q17", "billing-service", "How did we speed up the invoice list endpoint?", "2025-06-20T09:00:00Z", ["bill-s09-1"], "performance"),
    ("cs-q18", "billing-service", "Should we cache invoice lists in Redis?", "2025-06-20T09:00:00Z", ["bill-s09-2"], "ruled-out"),
    ("cs-q19", "billing-service", "Is the old page parameter still supported on the invoices list?", "2025-06-20T09:00:00Z", ["bill-s09-3"], "progress"),
    ("cs-q20", "billing-service", "What is left to do for multi-currency?", "2025-06-20T09:00:00Z", ["bill-s10-2"], "progress"),
    ("cs-q21", "field-app", "What do we use for offline storage in the app?", "2025-05-01T09:00:00Z", ["app-s01-4"], "tech-stack"),
    ("cs-q22", "field-app", "How are sync conflicts resolved?", "2025-05-01T09:00:00Z", ["app-s02-1"], "architecture"),
    ("cs-q23", "field-app", "The database crashes in Expo Go, is that known?", "2025-04-20T09:00:00Z", ["app-s02-2"], "gotcha"),
    ("cs-q24", "field-app", "Does WatermelonDB work in Expo Go after the SDK 53 upgrade?", "2025-06-20T09:00:00Z", ["app-s09-2"], "knowledge-update"),
    ("cs-q25", "field-app", "Why did inspection photos vanish after an iOS update?", "2025-06-01T09:00:00Z", ["app-s03-1"], "debugging"),
    ("cs-q26", "field-app", "How big are photos when we upload them?", "2025-05-20T09:00:00Z", ["app-s04-1"], "architecture"),
    ("cs-q27", "field-app", "Where are auth tokens stored on the device?", "2025-05-20T09:00:00Z", ["app-s05-1"], "convention"),
    ("cs-q28", "field-app", "Magic links on Android don't open the app", "2025-05-20T09:00:00Z", ["app-s05-2"], "gotcha"),
    ("cs-q29", "field-app", "What do we use for server state, is it still TanStack Query?", "2025-06-20T09:00:00Z", ["app-s06-1"], "knowledge-update"),
    ("cs-q30", "field-app", "Which state management libraries does the app use?", "2025-04-01T09:00:00Z", ["app-s01-2"], "tech-stack"),
    ("cs-q31", "field-app", "Why don't we use Detox?", "2025-06-20T09:00:00Z", ["app-s07-2"], "ruled-out"),
    ("cs-q32", "field-app", "What is required before merging a new screen?", "2025-06-20T09:00:00Z", ["app-s07-3"], "convention"),
    ("cs-q33", "field-app", "Camera crash on Android 10", "2025-06-20T09:00:00Z", ["app-s08-1"], "debugging"),
    ("cs-q34", "field-app", "Where do database writes go in the code?", "2025-06-20T09:00:00Z", ["app-s02-3"], "convention"),
    ("cs-q35", "field-app", "Is the upload progress UI done?", "2025-06-20T09:00:00Z", ["app-s09-3"], "knowledge-update"),
    ("cs-q36", "field-app", "What are the minimum iOS and Android versions?", "2025-06-20T09:00:00Z", ["app-s10-2"], "decision"),
    ("cs-q37", "field-app", "Can we ship a fix over the air?", "2025-06-20T09:00:00Z", ["app-s10-1"], "architecture"),
    ("cs-q38", "etl-pipeline", "Which warehouse do the dbt runs use?", "2025-06-20T09:00:00Z", ["etl-s06-2"], "decision"),
    ("cs-q39", "etl-pipeline", "How are dbt staging models named?", "2025-05-01T09:00:00Z", ["etl-s01-3"], "convention"),
    ("cs-q40", "etl-pipeline", "HubSpot rate limiting: how does the extractor back off?", "2025-05-01T09:00:00Z", ["etl-s02-2"], "gotcha"),
    ("cs-q41", "etl-pipeline", "Why were there duplicate deals in fct_deals?", "2025-06-20T09:00:00Z", ["etl-s03-1"], "debugging"),
    ("cs-q42", "etl-pipeline", "How does fct_invoices catch late updates?", "2025-06-20T09:00:00Z", ["etl-s04-1"], "architecture"),
    ("cs-q43", "etl-pipeline", "What orchestrates the pipeline?", "2025-06-20T09:00:00Z", ["etl-s07-1"], "knowledge-update"),
    ("cs-q44", "etl-pipeline", "What orchestrates the pipeline?", "2025-04-20T09:00:00Z", ["etl-s01-1"], "tech-stack"),
    ("cs-q45", "etl-pipeline", "How often does the HubSpot extract run and where is it scheduled?", "2025-06-20T09:00:00Z", ["etl-s07-2"], "knowledge-update"),
    ("cs-q46", "etl-pipeline", "Why did Snowflake credits drop in April?", "2025-06-20T09:00:00Z", ["etl-s06-1"], "performance"),
    ("cs-q47", "etl-pipeline", "MWAA ignores our uv.lock, how do dependencies get installed?", "2025-06-20T09:00:00Z", ["etl-s07-3"], "gotcha"),
    ("cs-q48", "etl-pipeline", "Who can see customer emails in Snowflake?", "2025-06-20T09:00:00Z", ["etl-s08-1"], "architecture"),
    ("cs-q49", "etl-pipeline", "Why don't we hash emails in staging?", "2025-06-20T09:00:00Z", ["etl-s08-2"], "ruled-out"),
    ("cs-q50", "etl-pipeline", "Monday dashboards were missing Sunday invoices, what happened?", "2025-06-20T09:00:00Z", ["etl-s09-1"], "debugging"),
    ("cs-q51", "etl-pipeline", "Where do failed pipeline runs get reported?", "2025-04-20T09:00:00Z", ["etl-s05-2"], "architecture"),
    ("cs-q52", "platform-infra", "Where is the Terraform state stored?", "2025-06-20T09:00:00Z", ["inf-s09-2"], "knowledge-update"),
    ("cs-q53", "platform-infra", "Where is the Terraform state stored?", "2025-04-20T09:00:00Z", ["inf-s01-1"], "tech-stack"),
    ("cs-q54", "platform-infra", "ALB health checks fail with 404", "2025-06-20T09:00:00Z", ["inf-s02-2"], "gotcha"),
    ("cs-q55", "platform-infra", "Why not sealed-secrets?", "2025-06-20T09:00:00Z", ["inf-s03-2"], "ruled-out"),
    ("cs-q56", "platform-infra", "Why were staging pods OOMKilled after the Go upgrade?", "2025-06-20T09:00:00Z", ["inf-s04-1"], "debugging"),
    ("cs-q57", "platform-infra", "Do we set CPU limits on pods?", "2025-06-20T09:00:00Z", ["inf-s04-2"], "convention"),
    ("cs-q58", "platform-infra", "Where do logs go?", "2025-06-20T09:00:00Z", ["inf-s07-2"], "knowledge-update"),
    ("cs-q59", "platform-infra", "Is tracing set up?", "2025-06-20T09:00:00Z", ["inf-s07-1"], "knowledge-update"),
    ("cs-q60", "platform-infra", "Airflow workers get evicted in the middle of a task", "2025-06-20T09:00:00Z", ["inf-s06-2"], "gotcha"),
    ("cs-q61", "platform-infra", "Which Kubernetes version is prod on?", "2025-06-20T09:00:00Z", ["inf-s09-1"], "knowledge-update"),
    ("cs-q62", "platform-infra", "What's the procedure for upgrading the cluster?", "2025-06-20T09:00:00Z", ["inf-s08-2"], "progress"),
    ("cs-q63", "platform-infra", "Who gets paged for critical alerts?", "2025-06-20T09:00:00Z", ["inf-s05-2"], "architecture"),
    ("cs-q64", "platform-infra", "What scales the nodes?", "2025-06-20T09:00:00Z", ["inf-s06-1"], "knowledge-update"),
    ("cs-q65", "logship", "Why do we poll file sizes in addition to inotify?", "2025-06-20T09:00:00Z", ["log-s01-2"], "decision"),
    ("cs-q66", "logship", "Where are file offsets stored between restarts?", "2025-06-20T09:00:00Z", ["log-s04-1"], "knowledge-update"),
    ("cs-q67", "logship", "Where are file offsets stored between restarts?", "2025-04-01T09:00:00Z", ["log-s02-1"], "architecture"),
    ("cs-q68", "logship", "What happens with copytruncate log rotation?", "2025-06-20T09:00:00Z", ["log-s02-2"], "gotcha"),
    ("cs-q69", "logship", "Why did the agent's memory keep growing during the Loki outage?", "2025-06-20T09:00:00Z", ["log-s03-1"], "debugging"),
    ("cs-q70", "logship", "Can we drop logs when the queue is full?", "2025-06-20T09:00:00Z", ["log-s03-2"], "ruled-out"),
    ("cs-q71", "logship", "How fast is JSON parsing and what made it faster?", "2025-06-20T09:00:00Z", ["log-s05-1"], "performance"),
    ("cs-q72", "logship", "How do I run the parser benchmarks?", "2025-06-20T09:00:00Z", ["log-s05-2"], "convention"),
    ("cs-q73", "logship", "Why is the musl release binary using a different allocator?", "2025-06-20T09:00:00Z", ["log-s06-2"], "gotcha"),
    ("cs-q74", "logship", "How are release binaries built and published?", "2025-06-20T09:00:00Z", ["log-s06-1"], "architecture"),
    ("cs-q75", "logship", "Is the Kafka sink done?", "2025-06-20T09:00:00Z", ["log-s07-2"], "progress"),
    ("cs-q76", "logship", "What is the S3 object layout of shipped logs?", "2025-06-20T09:00:00Z", ["log-s07-1"], "architecture"),
    ("cs-q77", "logship", "When are batches flushed?", "2025-06-20T09:00:00Z", ["log-s02-3"], "architecture"),
    ("cs-q78", "logship", "Should a library module return anyhow errors?", "2025-06-20T09:00:00Z", ["log-s01-3"], "convention"),
]


def main() -> None:
    memories = []
    ids = set()
    for project, sessions in SESSIONS.items():
        for sid, start, texts in sessions:
            t0 = datetime.strptime(start, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
            for n, text in enumerate(texts, 1):
                mid = f"{sid}-{n}"
                ids.add(mid)
                at = t0 + timedelta(minutes=12 * n)
                memories.append({"id": mid, "project": project, "conversationId": sid, "role": "assistant",
                                 "content": text, "createdAt": at.strftime("%Y-%m-%dT%H:%M:%SZ")})
    queries = []
    created = {m["id"]: m["createdAt"] for m in memories}
    conv = {m["id"]: m["conversationId"] for m in memories}
    for qid, project, q, asked, gold, kind in QUERIES:
        for g in gold:
            assert g in ids, g
            assert created[g] < asked, (qid, g)
            assert g.startswith({"billing-service": "bill", "field-app": "app", "etl-pipeline": "etl",
                                 "platform-infra": "inf", "logship": "log"}[project]), (qid, g)
        queries.append({"id": qid, "project": project, "query": q, "askedAt": asked, "goldIds": gold,
                        "goldConversations": sorted({conv[g] for g in gold}), "type": kind})
    with open(os.path.join(HERE, "memories.jsonl"), "w") as f:
        for m in memories:
            f.write(json.dumps(m) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for q in queries:
            f.write(json.dumps(q) + "\n")
    print(f"{len(memories)} memories, {len(queries)} queries")


if __name__ == "__main__":
    main()
