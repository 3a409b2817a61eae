#!/usr/bin/env python3
"""Build the dev-pairs retrieval set for `mx eval retrieval`.

Everything lives in this file: the session transcripts of four software projects (one memory per turn) and the
questions asked about them weeks later, with turn-level and conversation-level gold.  Running it validates the data
and (re)writes memories.jsonl and queries.jsonl next to it.  Stdlib only, deterministic output.

Transcript markup (one turn per line):
    ## <session-number> <start YYYY-MM-DDTHH:MM, UTC>
    U1: user text
    A2: assistant text
Turn n of session s in project prefix p gets id "p-ss-tn"; its createdAt is the session start + 2 minutes per turn
(plus a few deterministic seconds).

Question markup (one question per line, fields separated by " | "):
    <query-id> | <type> | <askedAt YYYY-MM-DDTHH:MM> | <gold ids separated by spaces> | <question>
goldConversations are derived from the gold ids.
"""
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = [
    "tech-stack",
    "architecture",
    "preference",
    "error-solution",
    "knowledge-update",
    "session-continuity",
    "cross-session-synthesis",
    "temporal",
]
PROJECTS = []  # filled below: dicts with prefix, project, sessions (markup), queries (markup)


def project(prefix, name, sessions, queries):
    PROJECTS.append({"prefix": prefix, "project": name, "sessions": sessions, "queries": queries})


# ---------------------------------------------------------------------------------------------------------------
# Project 1: inventory-grpc -- Go gRPC inventory service with Postgres (February to June 2025)
# ---------------------------------------------------------------------------------------------------------------
INV_SESSIONS = r"""
## 01 2025-02-04T09:12
U1: Starting a new inventory service for the warehouse team. I want Go with gRPC and Postgres. Can you scaffold the repo layout and suggest the core libraries? Keep it boring and standard.
A2: Proposal for a boring, standard setup: Go 1.22, google.golang.org/grpc for the server, protobuf definitions under proto/inventory/v1, Postgres 16 in docker-compose.yml for local development, and the pgx/v5 driver with pgxpool for connections. Layout: cmd/inventory/main.go (wiring only), internal/server (gRPC handlers), internal/store (database access), internal/config, db/migrations, and generated code under gen/go. For the data layer there are two realistic routes: GORM, which is quick for CRUD but hides the SQL and fights you on anything non-trivial like conditional updates, or sqlc, which generates type-safe Go from hand-written SQL queries. I lean towards sqlc, but it is your call. For code generation from the .proto files I would use buf rather than calling protoc directly.
U3: No ORM, definitely not GORM -- I want to see the SQL. sqlc is fine. And use buf instead of raw protoc invocations, I don't want a Makefile full of protoc flags.
A4: Set up both generators. sqlc.yaml: engine postgresql, queries in internal/store/queries/*.sql, schema read from db/migrations, output package internal/store/sqlc, sql_package pgx/v5, emit_interface true so handlers can be tested against a fake Querier. buf.yaml with lint DEFAULT and breaking FILE; buf.gen.yaml runs the protoc-gen-go and protoc-gen-go-grpc plugins into gen/go with paths=source_relative. The only Makefile target is `make gen`, which runs `buf generate` and `sqlc generate`; no protoc flags anywhere. Generated code is committed so `go build` works without the tools installed, and CI checks that `make gen` leaves a clean git diff.
U5: Which migration tool then? I've used golang-migrate before but hated the separate up and down files.
A6: goose fits that: one SQL file per migration with `-- +goose Up` and `-- +goose Down` sections, and sqlc understands goose annotations, so the same files feed sqlc's schema. Files live in db/migrations with sequential numbering (goose create NAME sql -s). Running: `goose -dir db/migrations postgres "$DATABASE_URL" up`. goose can also embed the migrations with embed.FS and apply them when the service starts, which is convenient but means every replica races to migrate on deploy and a bad migration crash-loops the service. Separate step or at startup -- which do you prefer?
U7: Run migrations as a separate step, not at service startup. Where are we at?
A8: Status: repo scaffolded; docker-compose.yml runs Postgres 16 on host port 5433 so it doesn't clash with a local 5432; the first migration 0001_items.sql creates items (id uuid primary key, sku text unique, name text, available bigint, created_at timestamptz). `make gen` works for both buf and sqlc. Migrations are applied only by an explicit goose command, never by the service binary. Left for next time: the proto API itself, the server wiring in cmd/inventory, and reservations.

## 02 2025-02-11T14:05
U1: Let's design the proto API. Warehouse needs to look up items, list them, reserve stock for an order and release it if the order is cancelled.
A2: Drafted proto/inventory/v1/inventory.proto with service InventoryService { GetItem, ListItems, ReserveStock, ReleaseStock }. ListItems takes page_size and page_token; the token is an opaque string, for now a base64-encoded offset. ReserveStock takes order_id and repeated lines {sku, quantity} and returns reservation_id plus expires_at; quantities are int64. Errors map to gRPC status codes: NotFound for an unknown SKU, FailedPrecondition when there isn't enough stock, with an errdetails.BadRequest listing the offending lines so clients can show which SKU failed.
U3: Convention for this repo: enums always start with an _UNSPECIFIED = 0 value, field names snake_case, and every RPC gets its own Request and Response message even if empty. Let buf lint enforce what it can.
A4: buf lint DEFAULT already enforces most of it: ENUM_ZERO_VALUE_SUFFIX requires the _UNSPECIFIED zero value, FIELD_LOWER_SNAKE_CASE the field names, RPC_REQUEST_STANDARD_NAME plus RPC_REQUEST_RESPONSE_UNIQUE the dedicated request and response messages. Added a ReservationStatus enum with RESERVATION_STATUS_UNSPECIFIED, ACTIVE, RELEASED, EXPIRED and COMMITTED. Lint caught two problems in my draft: ReleaseStock returned google.protobuf.Empty, now ReleaseStockResponse, and a field named orderId, now order_id. `buf lint` runs in `make gen` so violations fail locally before CI.
U5: How do reservations expire if a client never releases them?
A6: Design: a reservations table (id, order_id, status, expires_at) plus reservation_lines. Reserving decrements items.available and inserts the reservation with expires_at = now() + TTL. A background sweeper goroutine in internal/reservations/sweeper.go runs every 30 seconds: it selects ACTIVE reservations past expires_at using FOR UPDATE SKIP LOCKED, returns their quantities to available, and marks them EXPIRED, all in one transaction. Because of SKIP LOCKED, every replica can run the sweeper at the same time without leader election; each just grabs rows nobody else has locked. The TTL will be configurable, default 15 minutes.
U7: Good, SKIP LOCKED over leader election is what I want. Wrap it up for today.
A8: Done today: proto compiled and lint-clean, migration 0002_reservations.sql with reservations and reservation_lines, sweeper skeleton with a 30-second ticker and a unit test using a fake clock. Not done: the actual ReserveStock and ReleaseStock implementations in internal/server, and integration tests against a real Postgres instead of the fake Querier. Next session should start with ReserveStock and a concurrency test, since that is where inventory systems usually break.

## 03 2025-02-19T10:30
U1: Load test on ReserveStock shows we oversold: an item with 100 available ended at -7 after 50 concurrent reservations for the same SKU. What's going on?
A2: Found it in internal/store/reserve.go: ReserveStock reads available with a SELECT, computes the new value in Go, then runs UPDATE items SET available = $new. Under READ COMMITTED two transactions read the same value and both write their result, a classic lost update, so decrements vanish and the count goes wrong. Three fixes: (a) SELECT ... FOR UPDATE to lock the row before reading; (b) a single conditional statement, UPDATE items SET available = available - $1 WHERE sku = $2 AND available >= $1 RETURNING available, where zero affected rows means insufficient stock and maps to FailedPrecondition; (c) SERIALIZABLE isolation with a retry loop. I recommend (b): one round trip, no explicit locks held across Go code.
U3: Go with the conditional update. I tried serializable on my last project and the retry noise from 40001 errors was annoying. Also add a CHECK constraint so stock can never go negative.
A4: Implemented. New sqlc query ReserveItem with the conditional update; migration 0003_items_available_check.sql adds CHECK (available >= 0), its Down drops the constraint. A reservation with several lines runs in one transaction, and the lines are sorted by sku before updating so two orders touching the same items always lock rows in the same order and cannot deadlock each other. Integration test internal/store/reserve_test.go starts Postgres with testcontainers-go and fires 50 goroutines at a SKU with 100 units reserving 3 each: exactly 33 succeed, available ends at 1, the other 17 get FailedPrecondition.
U5: Those tests take 9 seconds because each test spins its own container.
A6: Moved container startup into TestMain for internal/store: one Postgres container per package, and each test creates its own schema (CREATE SCHEMA test_<random>, then sets search_path on its pool) and runs the goose migrations into it, so tests stay isolated but share the container. Suite time dropped from 9 s to 2.1 s. The integration tests now sit behind the build tag `integration`, so a plain `go test ./...` stays fast without Docker, and CI runs `go test -tags integration ./...`.

## 04 2025-02-27T16:20
U1: Deployed to staging, which goes through PgBouncer. Every few requests: ERROR: prepared statement "stmtcache_5" already exists (SQLSTATE 42P05). Works fine locally.
A2: Cause: staging's PgBouncer runs in transaction pooling mode, so consecutive transactions from one pgx connection land on different server connections. pgx v5 defaults to QueryExecModeCacheStatement, which prepares named statements per connection and caches them; behind the pooler a name gets prepared on one backend and reused or re-created on another, giving 42P05 (or 26000, statement does not exist). Locally there is no PgBouncer. Options: switch PgBouncer to session pooling (loses most of its benefit), upgrade PgBouncer to 1.21+ with max_prepared_statements, or change pgx's exec mode. Quickest: append default_query_exec_mode=exec to DATABASE_URL, which uses unnamed statements and costs one extra round trip on some queries.
U3: I'd rather not depend on the URL being right. Set it in code when building the pool config.
A4: Done in internal/store/pool.go: the pool config is parsed from DATABASE_URL with pgxpool.ParseConfig, then cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeExec is set unconditionally, and MaxConns = 20. The URL parameter is no longer needed. Verified on staging with 2,000 requests: no 42P05 and no 26000 errors, p99 up by about 0.4 ms. Left a comment in pool.go: if platform upgrades PgBouncer to 1.21+ and enables max_prepared_statements we can return to cached statements.
U5: While we're in config: list what env vars the service reads now.
A6: Configuration is in internal/config/config.go, parsed with caarlos0/env into a typed struct: DATABASE_URL (required), GRPC_PORT (default 9090), RESERVATION_TTL (default 15m, parsed as a time.Duration), SWEEP_INTERVAL (default 30s) and LOG_LEVEL (default info). Missing required values fail at startup with a list of every missing variable, not just the first. The README has a config table and there's a .env.example for docker-compose, so a fresh checkout runs with `docker compose up` and `go run ./cmd/inventory` without guessing values.

## 05 2025-03-10T11:00
U1: I need observability before we go further. Tracing, metrics, logs. What do you suggest?
A2: Tracing with OpenTelemetry: register the otelgrpc stats handler on the server (grpc.StatsHandler(otelgrpc.NewServerHandler())), export over OTLP to the collector at OTEL_EXPORTER_OTLP_ENDPOINT, and instrument pgx with otelpgx so each query becomes a child span. Metrics with Prometheus via go-grpc-middleware's prometheus provider, which gives per-method request counts and latency histograms, served on a separate HTTP listener at /metrics. Logs: zap in production JSON mode, with trace_id taken from the span context so logs and traces can be joined in Grafana.
U3: Fine, zap for now. Don't put metrics on the gRPC port, keep them on 9091. And I want a business metric for reservations.
A4: Metrics server on :9091 only. Added inventory_reservations_total{result="ok|insufficient|not_found"} incremented in ReserveStock, and the gauge inventory_active_reservations, which the sweeper refreshes after each run. Zap logger lives in internal/obs/log.go; a unary interceptor logs method, status code, duration and trace_id for every call. New env vars: OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME (default inventory) and METRICS_PORT (default 9091). Dashboards: request rate, error ratio and reservation outcomes in the new Grafana board.
U5: Traces show up in Tempo, but the DB spans are disconnected from the gRPC span.
A6: Two places in internal/store created a fresh context.Background() instead of using the request context; reserve.go did it deliberately so a client cancelling mid-transaction would not abort the commit. Spans travel in the context, so those queries became root spans. Fixed by passing ctx everywhere and, where we really want to ignore cancellation, using context.WithoutCancel(ctx) (Go 1.21+), which keeps values like the span and deadline-free behaviour but drops cancellation. DB spans now nest under /inventory.v1.InventoryService/ReserveStock.

## 06 2025-03-18T09:40
U1: The scanner team can't do gRPC from their handheld devices, they need plain HTTP/JSON. Can we expose REST without writing a second server?
A2: Three options. grpc-gateway v2: a reverse proxy generated from google.api.http annotations in the proto, running next to the gRPC server; no handler changes. Connect (connectrpc.com): one handler serving gRPC and HTTP/JSON on the same port, but every handler signature changes and URLs follow the RPC names rather than REST paths. Hand-written HTTP handlers: full control, double maintenance. With the least change today, grpc-gateway on its own port, registered in-process against the gRPC server, is the pragmatic choice.
U3: grpc-gateway then. But buf generate fails now: google/api/annotations.proto: file does not exist.
A4: The annotations proto lives in googleapis, not in our module, so buf can't resolve the import. Added `deps: [buf.build/googleapis/googleapis]` to buf.yaml and ran `buf dep update`, which writes buf.lock pinning the dependency; added protoc-gen-grpc-gateway and protoc-gen-openapiv2 to buf.gen.yaml. HTTP mappings: GET /v1/items/{sku}, GET /v1/items, POST /v1/reservations with body "*", and POST /v1/reservations/{reservation_id}:release. Generated gateway code lands in gen/go next to the gRPC stubs.
U5: JSON output has camelCase field names; the scanner team expects snake_case like the proto.
A6: The gateway marshals with protojson, whose default is lowerCamelCase JSON names. Configured the mux with runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.JSONPb{MarshalOptions: protojson.MarshalOptions{UseProtoNames: true, EmitUnpopulated: true}}). Field names now match the proto (available_quantity, reservation_id). EmitUnpopulated matters too: without it a quantity of 0 was omitted entirely, which their client had been treating as "unknown". Both options are set once on the gateway mux in main.go, so every endpoint behaves the same and the scanner team can rely on the full set of fields always being present.
U7: Good. Add the HTTP port as config too, I don't want it hard-coded anywhere.
A8: Added HTTP_PORT (default 8080) to internal/config next to GRPC_PORT; the gateway lives in internal/gateway/gateway.go and starts alongside the gRPC server in main.go, and both listeners share one graceful shutdown on SIGTERM with a 10-second drain. The scanner team has the base URL for staging. Left for later: serving the generated OpenAPI document at /openapi.json for the scanner team, and any kind of authentication on either port.

## 07 2025-03-31T13:15
U1: Migration 0007 adding warehouse_id to items fails on staging: column "warehouse_id" of relation "items" contains null values.
A2: 0007 ran ALTER TABLE items ADD COLUMN warehouse_id uuid NOT NULL REFERENCES warehouses(id). Locally the items table was empty, so it passed; staging has existing rows with no value for the new column, so the NOT NULL fails and goose rolls back the file. Fix: split it. 0007 adds the column as nullable with the foreign key; 0008 backfills every row with the default warehouse (SELECT id FROM warehouses WHERE code = 'MAIN') and then runs ALTER COLUMN warehouse_id SET NOT NULL. goose runs each file in its own transaction, so a failed backfill leaves the column nullable and nothing half-done.
U3: Rule from now on: one migration per change, every migration must have a working Down, and backfills go in their own file. Put that in CONTRIBUTING.
A4: Wrote db/MIGRATIONS.md, linked from CONTRIBUTING.md, with exactly those three rules and examples. Added a CI job that checks reversibility: against an empty database seeded from testdata/fixtures.sql it runs `goose up`, `goose down-to 0`, then `goose up` again, and fails on any error. Rewrote 0007 and 0008 to follow the rules; 0008's Down only drops the NOT NULL, since dropping the backfilled values would be pointless.
U5: Does the backfill lock the table long? Staging has 400k items.
A6: One UPDATE over 400k rows is a single transaction: about 6 seconds on staging, holding row locks on every item until commit. Reads are unaffected, but ReserveStock calls that touch those rows wait until it finishes. Options: batch the backfill in chunks of 5,000 with a commit between chunks, which needs a NO TRANSACTION migration and a loop, or run it in the low-traffic window where a 6-second stall is harmless. Given the size, scheduling it early in the morning is the simpler choice; batching is worth it if items grows past a few million rows.
U7: Run it in the early morning window, fine. Anything left?
A8: Status: 0007 and 0008 applied on staging at 05:00, the backfill took 5.8 s with no failed reservations. ListItems accepts an optional warehouse_id filter now. Still open: ReserveStock doesn't let callers pick a warehouse yet; it always reserves from MAIN, which is wrong once the second warehouse goes live. That needs a warehouse_id field on the reservation lines in the proto and a decision on what happens when the requested warehouse has no stock but another one does.

## 08 2025-04-09T10:05
U1: Zap is bugging me: two logging APIs, sugared and not, plus an extra dependency. Go has slog now. Can we move to log/slog?
A2: Yes. Plan: in internal/obs/log.go build slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: level})) wrapped in a small custom handler that reads the span from ctx (trace.SpanContextFromContext) and adds trace_id and span_id attributes. Call sites change from logger.Info("reserved", zap.String("sku", s)) to slog.InfoContext(ctx, "reserved", "sku", s). There are 41 call sites. The gRPC logging interceptor from go-grpc-middleware has an slog adapter, so that part is a few lines.
U3: Do it. Convention: always the Context variants so trace ids land in logs, and keys snake_case.
A4: Migrated all 41 call sites to the Context variants with snake_case keys and removed go.uber.org/zap from go.mod. To keep it that way, .golangci.yml now enables forbidigo with a pattern forbidding slog.Info(, slog.Warn(, slog.Error( and slog.Debug(, the non-context variants, with a message pointing to InfoContext and friends. LOG_LEVEL still works; it's parsed with slog.Level's UnmarshalText, so debug, info, warn and error are accepted.
U5: Tests broke now: the store tests assert on log output.
A6: They used zaptest/observer to capture entries. Replaced it with a helper obs.NewTestLogger(t) that builds a JSON slog handler writing to a bytes.Buffer and returns a function that decodes the captured JSON lines for assertions. All green. One visible side effect: slog's JSON uses "msg" for the message field where zap used "message", so I updated the Loki queries in the Grafana dashboard that filtered on it.

## 09 2025-04-16T15:30
U1: Staging inventory pods are at 1.8GB memory after two days, and pprof says 12k goroutines. Something in WatchStock?
A2: Yes. WatchStock is the server-streaming RPC we added for the stock dashboard: each call subscribes to an in-process broadcaster fed by a Postgres LISTEN on the stock_changed channel. The goroutine dump shows 11.9k goroutines blocked in broadcaster.send on unbuffered subscriber channels. When a client disconnects, the handler returns but never unsubscribes, so the broadcaster keeps trying to send to a channel nobody reads, and because sends were sequential, one stuck subscriber also stalls delivery to everyone else.
U3: Fix it so that one slow client can't stall everybody else either.
A4: Fixed in internal/stream/broadcaster.go. Subscriber channels are buffered (64 events) and sends are non-blocking: a select with a default branch. A subscriber whose buffer is full is dropped, and its stream ends with codes.ResourceExhausted so the client reconnects and refetches. The handler now defers unsubscribe and selects on stream.Context().Done(), so a disconnect always cleans up. Added go.uber.org/goleak via VerifyTestMain in the stream package tests. After a 6-hour soak on staging goroutines stay flat around 40 and memory at 90 MB.
U5: And the LISTEN connection -- what happens if Postgres restarts?
A6: It was a single connection acquired from the pool and held forever; after a restart WaitForNotification returned an error and the loop exited silently, so streams simply stopped receiving updates. Now internal/stream/listener.go reconnects with exponential backoff from 1 s to 30 s, re-issues LISTEN stock_changed, and after every reconnect broadcasts a resync event telling clients to refetch, because notifications sent during the outage are lost. New counter inventory_listen_reconnects_total to alert on.

## 10 2025-04-24T09:00
U1: We ship v1.0 to production next Wednesday, the 30th. What's missing for a release?
A2: Release checklist: multi-stage Dockerfile producing a gcr.io/distroless/static:nonroot image; the standard grpc.health.v1 health service registered so Kubernetes can use native gRPC probes; a GitHub Actions pipeline with golangci-lint, unit and integration tests, and `buf breaking` against main; images tagged from git tags; goose migrations run as a Kubernetes Job before the Deployment rolls; and a README runbook covering config, rollback and the PgBouncer settings. Most of it is mechanical; CI is the biggest item.
U3: Warehouse ops said 15 minutes is too long for held stock -- they want reservations to expire after 10 minutes. Change the default.
A4: RESERVATION_TTL now defaults to 10m in internal/config/config.go, and the production Helm values set RESERVATION_TTL=10m explicitly as well so the value is visible to ops. Updated the config test and the README table, and the changelog entry for 1.0 mentions the new default. The sweeper still runs every 30 seconds, so the worst-case lifetime of an abandoned reservation is about 10 minutes 30 seconds; ops confirmed that's acceptable.
U5: golangci-lint in CI fails with lots of errcheck: Error return value of rows.Close is not checked, and tx.Rollback.
A6: Those are all deferred calls. For tx.Rollback, writing defer func() { _ = tx.Rollback(ctx) }() everywhere is noise, and after a successful commit Rollback just returns ErrTxClosed, so I added (pgx.Tx).Rollback to errcheck's exclude-functions in .golangci.yml. The rows.Close warnings were not pgx at all: pgx v5's Rows.Close returns nothing. They came from database/sql code in cmd/seed, the fixture loader, where I now check the error properly. CI is green.
U7: Great. Where do we stand for the release next week then?
A8: Done: distroless image at 18 MB, gRPC health probes, CI pipeline green, migration Job in the Helm chart, TTL at 10 minutes. Still to do before Wednesday: the runbook sections on the PgBouncer exec-mode setting and the rollback procedure, and tagging v1.0.0 on Tuesday evening so the release pipeline builds the image overnight. The migration Job has been exercised twice on staging with a rollback in between, so the deploy order itself is tested.

## 11 2025-05-06T08:45
U1: Yesterday's migration 0009 locked the items table for almost a minute in prod and reservations timed out. It only added an index!
A2: 0009 ran CREATE INDEX items_warehouse_sku_idx ON items (warehouse_id, sku). A plain CREATE INDEX holds a SHARE lock that blocks all writes to the table for the whole build; on the 3.2 million production rows that took around 50 seconds, and every ReserveStock waited behind it. The fix is CREATE INDEX CONCURRENTLY, which builds without blocking writes, but it cannot run inside a transaction block, and goose wraps each migration in a transaction by default. Running it as-is would fail with: CREATE INDEX CONCURRENTLY cannot run inside a transaction block.
U3: So how do we do that with goose, given it wraps everything?
A4: Put the annotation -- +goose NO TRANSACTION at the top of the migration file; goose then runs its statements without a wrapping transaction. The index exists now, so nothing to redo for 0009. New rules added to db/MIGRATIONS.md: indexes are always created CONCURRENTLY in a NO TRANSACTION file, one index per file; every migration sets lock_timeout = '5s', so DDL waiting for a lock fails fast instead of queueing all writes behind it; and since a failed concurrent build leaves an INVALID index behind, Down and retries must use DROP INDEX CONCURRENTLY IF EXISTS.
U5: Add a CI check so nobody writes a plain CREATE INDEX again.
A6: Added scripts/check-migrations.sh to the CI workflow. For migration files changed in the PR it fails on CREATE INDEX without CONCURRENTLY, and on CONCURRENTLY in a file missing the NO TRANSACTION annotation, printing a link to db/MIGRATIONS.md. I looked at squawk, a proper Postgres migration linter, but ruled it out for now: another binary in CI with many rules we'd mostly disable, and the grep covers our two real failure modes.

## 12 2025-05-20T14:10
U1: ListItems is slow when the dashboard pages deep -- page 400 takes 2 seconds. And the sweeper logs are noisy.
A2: The page token is a base64-encoded offset, so page 400 runs OFFSET 20000, which reads and throws away 20,000 rows every time. Switch to keyset pagination: the token encodes the last sku returned, and the query becomes WHERE warehouse_id = $1 AND sku > $2 ORDER BY sku LIMIT $3, which the (warehouse_id, sku) index from 0009 serves directly. Any page then costs the same as the first. The token stays opaque so the API doesn't change; old offset tokens would be rejected with InvalidArgument.
U3: Keyset it is. Old tokens can simply fail, the dashboard is the only client. What about the sweeper?
A4: The sweeper ran every 30 seconds, logged a line on every run even when nothing had expired, and expired reservations one statement at a time. Changed: SWEEP_INTERVAL now defaults to 60s; each run expires up to 500 reservations in a single statement (UPDATE ... WHERE id IN (SELECT id ... FOR UPDATE SKIP LOCKED LIMIT 500) RETURNING ...) and loops while batches come back full; it logs only when it actually expired something. With the 10-minute TTL an abandoned reservation now lives at most about 11 minutes, which warehouse ops said is fine.
U5: OK. Remind me to check the keyset index is actually used in prod.
A6: On staging EXPLAIN ANALYZE shows an Index Scan using items_warehouse_sku_idx and page 400 now answers in 3 ms instead of 2 s. Added the check to the runbook. Open item: after the production deploy, confirm in pg_stat_statements that the ListItems query's mean time dropped and that the plan uses the index there too, since prod statistics differ from staging and the planner could still pick a sequential scan on the larger table.

## 13 2025-06-03T10:20
U1: Maintaining grpc-gateway annotations plus a second port is getting annoying, and the web team wants to call us from the browser. Would Connect be better now?
A2: connect-go serves three protocols from one net/http handler on one port: gRPC, gRPC-Web, and the Connect protocol, which is plain HTTP POST with JSON bodies. No annotations and no proxy, and browsers work through @connectrpc/connect-web. Costs: handler signatures change to take connect.Request[T] and return connect.Response[T], and URLs follow the RPC names, e.g. POST /inventory.v1.InventoryService/GetItem instead of GET /v1/items/{sku}, so the scanner team would have to change paths. We could keep the gateway running for a transition period if needed.
U3: Scanner team agreed to switch paths. Move to Connect and remove grpc-gateway entirely, single port 8080.
A4: Done. buf.gen.yaml now runs protoc-gen-connect-go instead of protoc-gen-go-grpc and the gateway and openapiv2 plugins; handlers in internal/server are adapted to the connect signatures. Everything is served with h2c on :8080: GRPC_PORT and HTTP_PORT are replaced by a single PORT (default 8080). Health checks come from connectrpc.com/grpchealth, tracing from the connectrpc.com/otelconnect interceptor. Removed the googleapis dependency and internal/gateway. CORS for the web team's origin via rs/cors. Prometheus metrics stay on their own port 9091.
U5: Also bump the Go version while we're at it, we're still on 1.22.
A6: Bumped to Go 1.24: go.mod go directive and toolchain line, the golang:1.24 build stage in the Dockerfile, and the CI setup-go version. No code changes were needed; `go mod tidy` removed 11 modules that only the gateway had pulled in. Left from this session: mTLS between services, and updating the runbook for the single port and the new URL scheme.

## 14 2025-06-12T11:30
U1: Security wants mTLS between order-service and inventory. With it switched on, order-service fails with: x509: certificate signed by unknown authority when calling us.
A2: The error comes from order-service's client while verifying our server certificate. Our cert is issued by the internal CA (cert-manager ClusterIssuer internal-ca), but order-service's TLS config only trusts the system root pool, so the chain can't be verified. Our side is fine: it requires client certificates (tls.RequireAndVerifyClientCert) and verifies them against the CA bundle we load. Fix on their side: mount the internal CA's ca.crt and put it into RootCAs in their client tls.Config.
U3: Fixed on their side. What env vars did we add for TLS, and how does rotation work?
A4: Three new env vars: TLS_CERT_FILE, TLS_KEY_FILE and TLS_CA_FILE, all pointing into /etc/inventory/tls, where the cert-manager Certificate secret is mounted; certificates live 30 days and cert-manager renews them at two thirds of their lifetime. The server's tls.Config uses GetCertificate, which reloads the key pair when the file's mtime changes (checked at most once a minute), so rotation needs no restart. The client CA pool is reloaded the same way through GetConfigForClient.
U5: Good. Where does all of that leave us overall now?
A6: Status: mTLS is enforced in staging. The prod rollout is planned for next week behind a new flag MTLS_REQUIRED: first false, which accepts both plain and mutual TLS, then true once all callers present certificates. Still open: the check that the keyset index is used in prod (from May), ReserveStock still always takes stock from the MAIN warehouse, and the runbook needs a TLS section plus the single-port changes.
"""

INV_QUERIES = r"""
inv-q01 | tech-stack | 2025-06-23T09:10 | inv-01-t3 inv-01-t4 | Remind me what generates our Go code on both the protobuf side and the database side of the inventory service.
inv-q02 | tech-stack | 2025-06-24T14:30 | inv-01-t6 inv-01-t7 | Which tool handles schema changes for the inventory database, and how do they get applied?
inv-q03 | tech-stack | 2025-06-25T10:05 | inv-03-t4 inv-03-t6 | What do we use to run tests against a real Postgres, and how is that wired into the test suite?
inv-q04 | tech-stack | 2025-04-01T09:00 | inv-05-t2 inv-05-t4 | What's our tracing setup -- which exporter, and how are the queries instrumented?
inv-q05 | tech-stack | 2025-06-26T16:20 | inv-04-t6 | Which library reads the environment into the service's config struct?
inv-q06 | architecture | 2025-03-05T11:00 | inv-03-t4 | How does a reservation with several lines avoid deadlocking against another order?
inv-q07 | architecture | 2025-06-27T09:45 | inv-09-t2 inv-09-t4 inv-09-t6 | How does the live stock feed to the dashboard work end to end?
inv-q08 | architecture | 2025-06-30T13:00 | inv-02-t6 inv-02-t7 | Why can every replica run the expiry job at the same time without a leader?
inv-q09 | architecture | 2025-07-01T10:30 | inv-10-t2 inv-01-t7 | How does the service get packaged and rolled out, including when schema changes get applied?
inv-q10 | architecture | 2025-07-02T15:10 | inv-01-t2 | Where do handlers, database code and generated stubs live in the repo?
inv-q11 | preference | 2025-06-23T11:40 | inv-01-t3 | What was my position on ORMs for this codebase?
inv-q12 | preference | 2025-06-24T09:20 | inv-02-t3 | What rules did I set for writing the .proto definitions?
inv-q13 | preference | 2025-06-25T15:00 | inv-07-t3 inv-07-t4 | What house rules did I lay down for schema change files?
inv-q14 | preference | 2025-06-26T10:10 | inv-08-t3 inv-08-t4 | How do I want log statements written in the Go code?
inv-q15 | preference | 2025-06-27T14:00 | inv-03-t3 | Did I have an opinion about running transactions at the strictest isolation level?
inv-q16 | error-solution | 2025-06-30T09:15 | inv-04-t2 inv-04-t4 | Why did queries randomly fail behind the connection pooler in staging, and what did we change?
inv-q17 | error-solution | 2025-07-01T16:45 | inv-03-t2 inv-03-t4 | How did we stop stock counts going below zero when many orders hit the same item?
inv-q18 | error-solution | 2025-07-02T11:25 | inv-09-t2 inv-09-t4 | The pods were eating memory a while back -- what was the cause and the fix?
inv-q19 | error-solution | 2025-03-20T10:00 | inv-05-t6 | Why were the database spans showing up detached from the request traces?
inv-q20 | error-solution | 2025-07-03T09:50 | inv-06-t3 inv-06-t4 | Why couldn't code generation find the Google API annotations import, and how was it resolved?
inv-q21 | knowledge-update | 2025-07-03T14:30 | inv-08-t4 | Which logging library does the inventory service use?
inv-q22 | knowledge-update | 2025-07-04T10:00 | inv-10-t4 inv-12-t4 | How long is stock held for an order before it lapses on its own?
inv-q23 | knowledge-update | 2025-07-07T09:30 | inv-12-t4 | How often does the expiry sweep run, and how much does it handle per pass?
inv-q24 | knowledge-update | 2025-05-01T10:20 | inv-06-t4 inv-06-t8 | How do the handheld scanners reach us over plain HTTP right now?
inv-q25 | knowledge-update | 2025-07-07T15:40 | inv-13-t4 | Which ports does the service listen on these days, and for what?
inv-q26 | session-continuity | 2025-06-20T09:00 | inv-14-t6 | Where did we leave off with the mutual TLS rollout?
inv-q27 | session-continuity | 2025-04-28T09:00 | inv-10-t8 | What was still outstanding for the 1.0 launch when we last talked?
inv-q28 | session-continuity | 2025-07-08T10:10 | inv-07-t8 inv-14-t6 | What happened with the warehouse column work, and is anything from it still unfinished?
inv-q29 | session-continuity | 2025-07-08T14:50 | inv-12-t2 inv-12-t6 | Remind me what we did about slow deep pages and what I wanted double-checked afterwards.
inv-q30 | session-continuity | 2025-02-13T09:30 | inv-02-t8 | Picking the service back up: what got finished in the API design session and what comes next?
inv-q31 | cross-session-synthesis | 2025-07-09T09:40 | inv-07-t2 inv-07-t6 inv-11-t2 inv-11-t4 | List every problem we've had with schema migrations and how each one was handled.
inv-q32 | cross-session-synthesis | 2025-07-09T13:20 | inv-04-t6 inv-05-t4 inv-06-t8 inv-13-t4 inv-14-t4 inv-14-t6 | Give me the full set of environment variables the service reads as of now.
inv-q33 | cross-session-synthesis | 2025-07-10T10:00 | inv-03-t6 inv-07-t4 inv-08-t4 inv-10-t2 inv-10-t6 inv-11-t6 | What automated checks have we added to the pipeline over time?
inv-q34 | cross-session-synthesis | 2025-07-10T15:30 | inv-05-t4 inv-09-t6 | Which custom Prometheus series have we added beyond the standard per-RPC ones?
inv-q35 | cross-session-synthesis | 2025-07-11T09:05 | inv-08-t1 inv-08-t4 inv-13-t1 inv-13-t4 inv-13-t6 | Which dependencies have we ripped out of the project, and why each?
inv-q36 | temporal | 2025-07-11T14:15 | inv-10-t1 inv-10-t2 inv-10-t4 inv-10-t6 | What did we work on in the week before v1.0 went out?
inv-q37 | temporal | 2025-07-14T10:00 | inv-08-t4 inv-09-t4 | Which came first: changing the logger or fixing the goroutine pile-up?
inv-q38 | temporal | 2025-06-20T11:30 | inv-11-t2 inv-11-t4 inv-12-t2 inv-12-t4 | What did we do on the inventory service last month?
inv-q39 | temporal | 2025-04-02T09:15 | inv-04-t1 inv-05-t4 | How long after the first staging deploy did we add metrics and tracing?
inv-q40 | temporal | 2025-07-14T15:00 | inv-11-t1 inv-11-t2 | What was the first production problem we fixed after the launch?
"""

project("inv", "inventory-grpc", INV_SESSIONS, INV_QUERIES)

# ---------------------------------------------------------------------------------------------------------------
# Project 2: fleet-admin -- Vue 3 + Vite admin dashboard for a delivery fleet operator (March to July 2025)
# ---------------------------------------------------------------------------------------------------------------
DASH_SESSIONS = r"""
## 01 2025-03-03T10:00
U1: Starting the fleet admin dashboard: Vue 3, Vite, TypeScript. Ops staff manage drivers, vehicles and delivery orders in it. Help me pick the rest of the stack.
A2: Scaffold with `pnpm create vue@latest` and tick TypeScript, Vue Router, Pinia, Vitest and ESLint with Prettier. The bigger decision is the component library. Candidates: Element Plus, which has a very complete data table, date-range pickers, form validation and a look that suits internal admin tools; Vuetify 3, Material Design, polished but heavier and opinionated about layout; Naive UI, good TypeScript types but a smaller community. For a table-heavy ops tool I'd pick Element Plus and wire it through unplugin-vue-components so only the components we actually use end up in the bundle. For HTTP a single axios instance with interceptors for the token and error mapping; charts we can decide when the reports screens come up.
U3: Element Plus is fine. Rules: Composition API with script setup and lang ts only, no Options API anywhere, and pnpm -- no npm or yarn lockfiles in the repo.
A4: Enforced both. package.json declares "packageManager": "pnpm@9.15.0" and a preinstall script `npx only-allow pnpm`, so `npm install` fails immediately; .gitignore lists package-lock.json and yarn.lock. ESLint uses the flat config in eslint.config.js with eslint-plugin-vue's recommended set plus 'vue/component-api-style': ['error', ['script-setup']], which turns any Options API component or plain setup() function into a lint error. Element Plus is wired through unplugin-auto-import and unplugin-vue-components with the ElementPlusResolver in vite.config.ts; they generate auto-imports.d.ts and components.d.ts so vue-tsc knows the types.
U5: Which Node version do we target? Our CI images are all on Node 20.
A6: Pinned Node 20 LTS: .nvmrc says 20.18 and package.json has "engines": {"node": ">=20.11"}. Versions as scaffolded: Vite 5.4, Vue 3.5, TypeScript 5.6, with vue-tsc doing type checks through `pnpm typecheck`, which CI runs before the build because Vite itself only strips types and never reports type errors. Dev server on the default port 5173. Left for next time: the layout shell with the sidebar, the routing structure and authentication.

## 02 2025-03-07T13:30
U1: How should we structure the code? I expect maybe 15 screens by summer: orders, drivers, vehicles, reports, settings and so on.
A2: Feature folders: src/features/<feature>/ with pages/, components/, api.ts, store.ts, types.ts and routes.ts. Shared building blocks go in src/shared (ui components, composables, utils, the API client) and app-level wiring in src/app (router, layout, plugins). Each feature exports its routes from routes.ts; src/app/router.ts concatenates them and every page is lazy-loaded with () => import(...), so each feature becomes its own chunk. The API layer is src/shared/api/http.ts: one axios instance with baseURL from import.meta.env.VITE_API_BASE_URL, a 15-second timeout, a request interceptor adding the bearer token, and a response interceptor that normalizes every failure into ApiError {status, code, message} so features never parse axios errors themselves.
U3: Good. In .ts files I want named exports only, no default exports; components are the obvious exception. And types live next to their feature, not in a global types folder.
A4: Added import/no-default-export for **/*.ts, with overrides allowing default exports in *.vue, vite.config.ts and eslint.config.js since tools require them there. Types moved into features/*/types.ts; the global src/types folder is gone, and only truly shared types like ApiError and Paginated<T> sit in src/shared/api/types.ts. Generated the first two features, orders and drivers, with placeholder pages. AppLayout.vue uses el-container with a sidebar menu built from route meta (meta.menu: {label, icon, order}), so a feature appears in the menu just by declaring its routes.
U5: Where does data from the API live, Pinia or the components?
A6: For now a Pinia store per feature holds list data plus loading and error flags, with actions that call the feature's api.ts functions; components read state through storeToRefs. Caching is manual: each store keeps a loadedAt timestamp and refetches when the data is older than 30 seconds. It's simple and explicit, but we are re-implementing caching, request de-duplication and invalidation by hand. If it gets painful, a query library like TanStack Query for Vue is the standard alternative; the api.ts functions would stay as they are.

## 03 2025-03-14T09:20
U1: Login goes through the company Keycloak. Set up OIDC for the dashboard, please.
A2: Using oidc-client-ts: a UserManager with authority https://sso.example-fleet.com/realms/ops, client_id fleet-admin, response_type code with PKCE since a browser app is a public client and can't keep a secret, redirect_uri /auth/callback and post_logout_redirect_uri /. src/app/auth.ts wraps it with login(), logout() and getAccessToken(). A router beforeEach guard checks every route without meta.public: if there's no valid user it calls signinRedirect and stores the target path in the OIDC state. The user object is kept in sessionStorage, the library's default WebStorageStateStore, so a page reload doesn't force a new login but closing the tab does.
U3: After logging in I get bounced back to Keycloak forever. The URL flips between /auth/callback?code=... and the Keycloak login page.
A4: The /auth/callback route had no meta.public, so the global guard ran before CallbackPage.vue could call signinRedirectCallback(). At that moment there's no user yet, so the guard fired signinRedirect again, Keycloak still had a session and sent us straight back with a new code, and round it went. Fix: the callback route is marked meta: { public: true }; CallbackPage.vue calls userManager.signinRedirectCallback() and then router.replace(state.returnTo ?? '/'), so the code parameter never stays in history. The guard also ignores navigations while a callback is being processed. Login works on the first try now.
U5: Access tokens in that realm expire after 5 minutes. Handle it without users noticing anything.
A6: Enabled automaticSilentRenew with silent_redirect_uri /auth/silent-renew.html, a static page in public/ that only calls signinSilentCallback(); oidc-client-ts renews about 60 seconds before expiry in a hidden iframe. As a safety net the axios response interceptor handles a 401 by trying one signinSilent() and retrying the request once; if that fails too, it sends the user to login. The Keycloak client needed Web Origins set to the dashboard origin for the iframe flow. Tested with the realm's 5-minute tokens over an hour: no visible logins.

## 04 2025-03-26T15:00
U1: Orders page: server-side pagination plus filters for status, depot and date range. Filters should survive a reload and be shareable as links.
A2: OrdersPage.vue keeps the filters in a reactive object that is synced with route.query. A composable useQuerySync(filters, schema) in src/shared/composables reads route.query on load, parsing numbers, arrays and dates through a small schema, and writes changes back with router.replace so the back button isn't flooded with entries. The table is el-table with el-pagination; sort-change maps to sort=field:asc. The backend endpoint is GET /api/orders with page, size, status, depot, from, to and sort parameters, so the URL of the page maps almost one to one onto the API call.
U3: Console is spamming: [Vue warn]: Maximum recursive updates exceeded in component <OrdersPage>. The page freezes when I change the date range.
A4: Two watchers were feeding each other: filters changed, so we called router.replace with the new query; route.query changed, so we parsed it and Object.assign-ed the result back into filters. The date range was parsed into fresh Date objects every time, so the deep watcher saw a "change" on every round trip even though the values were identical, and the loop never settled. Fix: both directions serialize to a canonical query string and compare before writing, skipping router.replace when nothing differs; the route side now watches route.fullPath instead of deep-watching route.query; and the date range is stored as ISO date strings (YYYY-MM-DD) rather than Date objects. The warning is gone and the page no longer freezes.
U5: Then I prefer dates as ISO strings everywhere in the state, converted only at the edges.
A6: Written down in docs/CONVENTIONS.md: state and URLs hold dates as ISO strings only, date-only values as YYYY-MM-DD and timestamps as full ISO 8601 in UTC; conversion to Date or dayjs happens only in display components and in the API layer. Replaced the Date usage in the drivers filters too, so both features behave the same. Added dayjs with the utc and timezone plugins for formatting in the UI, and a formatDate helper in src/shared/utils so components don't each pick their own format.

## 05 2025-04-04T11:10
U1: We need a reports page with charts: deliveries per day and late percentage by depot. Which chart library should we use?
A2: Three realistic options. ECharts through vue-echarts: huge range of chart types including heatmaps and geo maps, canvas rendering that copes with large series, good tooltips and zoom. Chart.js through vue-chartjs: smaller and simpler, fine for basic line and bar charts. ApexCharts: nice defaults, SVG, slower with large data. Ops already asked for a depot heatmap and a map view later, which points to ECharts. One warning: importing the full echarts package adds roughly 1 MB of minified JavaScript, so it has to be imported selectively.
U3: ECharts then. But the build output now says the index chunk is 2.1 MB and Vite warns about chunks larger than 500 kB. Fix that.
A4: Two causes. ReportsChart.vue did import * as echarts from 'echarts', pulling in the whole library, and main.ts registered all Element Plus icons globally, around 280 components. Fixes: charts import from echarts/core and register only LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent and CanvasRenderer via use([...]); icons are imported per component through unplugin-icons; build.rollupOptions.output.manualChunks splits echarts and element-plus into their own vendor chunks. The entry chunk is now 180 kB and the echarts chunk of 420 kB loads only on the reports route. First load went from 2.1 MB to about 780 kB.
U5: Add something to CI so we notice if it grows again.
A6: Added rollup-plugin-visualizer behind `pnpm build:analyze`, which writes stats.html with a treemap of every chunk, and a size budget: scripts/check-bundle.mjs reads Vite's manifest after the build and fails when the entry chunk exceeds 250 kB or any single vendor chunk exceeds 500 kB. It runs in CI right after `pnpm build`, so a pull request that pulls a heavy dependency into the entry chunk fails with the offending sizes printed in the log.

## 06 2025-04-15T14:40
U1: We deploy one Docker image to staging and prod, but VITE_API_BASE_URL is baked in at build time. I don't want to build a separate image per environment.
A2: Right, import.meta.env values are replaced statically by Vite at build time, so the image contains whatever URL was set during the build. Options: build per environment, which you want to avoid; replace a placeholder string inside the built JS at container start, which is fragile with hashed and cached files; or runtime configuration: a public config.json fetched before the app mounts. I recommend config.json, rendered by the nginx container's entrypoint from environment variables with envsubst, so the same image runs everywhere.
U3: Runtime config.json it is. Which values should go in there?
A4: Implemented. docker/config.template.json contains apiBaseUrl ${API_BASE_URL}, oidcAuthority ${OIDC_AUTHORITY}, oidcClientId ${OIDC_CLIENT_ID}, sentryDsn ${SENTRY_DSN} and environment ${APP_ENV}; docker/entrypoint.sh renders it with envsubst into /usr/share/nginx/html/config.json and then execs nginx. src/app/config.ts has loadConfig(), awaited in main.ts before createApp, returning a typed AppConfig; the axios baseURL and the OIDC UserManager now read from it, and VITE_API_BASE_URL is gone. For local development public/config.json points apiBaseUrl at /api, which the Vite dev server proxies. nginx serves config.json with Cache-Control: no-store, hashed assets as immutable for a year, and index.html with no-cache.
U5: Staging shows a blank page now. Console: Failed to load module script: Expected a JavaScript module script but the server responded with a MIME type of "text/html".
A6: The SPA fallback try_files $uri /index.html answered a request for /assets/index-3f9c1a.js with index.html because that file doesn't exist in the new image. The browser had cached the previous index.html, served before my header change with default caching, and it referenced asset hashes from the previous build. Fixes: index.html is no-cache now, so this won't recur, and there is a separate location /assets/ without the SPA fallback, so a missing asset returns a real 404 instead of HTML with the wrong MIME type. A hard reload fixed staging; regular users get a fresh index.html from now on.

## 07 2025-04-23T10:00
U1: The hand-written caching in the Pinia stores is getting messy: duplicate requests when two components mount, and stale lists after edits. Time for a query library?
A2: Yes, @tanstack/vue-query. Server state moves out of Pinia into queries keyed like ['orders', filters]; mutations invalidate the related keys; request de-duplication, background refetching and retries come built in. Pinia stays for client-only state such as sidebar collapse, user preferences and the selected depot. Setup: VueQueryPlugin with a QueryClient whose defaults are staleTime 30 seconds, gcTime 5 minutes, one retry except for 4xx responses, and window-focus refetching decided per your preference.
U3: Do it, orders and drivers first. I want refetch on window focus off; ops people switch tabs all day and it would hammer the API.
A4: Migrated features/orders and features/drivers. useOrdersQuery(filters) uses queryKey ['orders', toValue(filters)] with placeholderData: keepPreviousData so the table doesn't flash empty between pages; the useUpdateOrderStatus mutation invalidates ['orders'] and ['order', id]. The old caching code in the orders store is deleted, about 340 lines. Query defaults live in src/app/query.ts: staleTime 30 s, refetchOnWindowFocus false, and a retry function that never retries 4xx. @tanstack/vue-query-devtools is mounted in development builds only.
U5: Is anything left in Pinia at all after this migration?
A6: Pinia now holds only the ui store (sidebar state, theme) and the session store (user profile and roles derived from the OIDC user). Vehicles and reports still use the old store-with-manual-cache pattern and are next in line to move. New convention in docs/CONVENTIONS.md: no server data in Pinia from now on; anything that comes from the API is a query or a mutation, and stores are for state that exists only in the browser.

## 08 2025-05-02T16:25
U1: In staging, changing an order status fails: Access to fetch at https://api.staging... from origin https://admin.staging... has been blocked by CORS policy. GET requests are fine.
A2: The status change is PATCH /api/orders/{id}/status with a JSON body, so the browser sends a preflight OPTIONS request first. The API gateway's CORS plugin lists the allowed methods GET, POST, PUT and DELETE, but not PATCH, so the preflight response lacks PATCH in Access-Control-Allow-Methods and the browser refuses to send the real request. GETs are preflighted too because of the Authorization header, but GET is on the list. Locally none of this shows up because the Vite dev server proxies /api, so the browser sees a same-origin request.
U3: I asked platform to add PATCH. Should we avoid cross-origin calls entirely instead?
A4: Two ways. Stay cross-origin with a correct CORS config, and add Access-Control-Max-Age of 600 so browsers cache preflights for ten minutes and we save a round trip on most calls. Or make the API same-origin: nginx in our container proxies /api to the backend as the dev server does, which removes preflights entirely but couples our image to the API's routing and doubles the hops. I'd stay cross-origin and fix the gateway. Platform has meanwhile added PATCH and max_age 600 to kong.yaml; status changes work on staging.
U5: Fine, we stay cross-origin. Document what the gateway config needs.
A6: Added a CORS section to docs/DEPLOY.md: allowed methods GET, POST, PUT, PATCH and DELETE; allowed headers Authorization, Content-Type and X-Request-Id; max_age 600; allowed origins listed per environment. The same file documents the dev proxy in vite.config.ts, server.proxy['/api'] pointing at http://localhost:8081 with changeOrigin true, and explains why the two setups behave differently, so the next "works locally, fails in staging" CORS report starts from the right place.

## 09 2025-05-13T09:45
U1: Let's get testing going: Vitest for components and Playwright for a few end-to-end flows. Where should the test files go?
A2: Suggested layout: component and unit tests under tests/unit/, mirroring the src/ tree, and end-to-end tests under e2e/. Mirroring keeps src/ free of test files and makes it easy to exclude tests from type-checking of the production build. Vitest would use the jsdom environment with @vue/test-utils; Playwright runs against `pnpm preview`, the built app, so e2e tests exercise the real production bundle rather than the dev server.
U3: No, colocate them: Foo.vue gets Foo.spec.ts right next to it. End-to-end tests in their own e2e folder is fine.
A4: Colocated. Vitest config: environment jsdom, include src/**/*.spec.ts, setupFiles vitest.setup.ts. A mountWithPlugins helper in src/shared/testing installs Element Plus, a fresh QueryClient with retries off and a memory-history router, so every spec starts from the same clean state. Playwright lives in e2e/ with its own tsconfig; a setup project logs in once against the Keycloak test realm and saves storageState, which the other specs reuse instead of logging in each time. The spec files are excluded from the app's tsconfig and from the production build.
U5: OrdersTable.spec.ts crashes right away with ReferenceError: ResizeObserver is not defined.
A6: jsdom doesn't implement ResizeObserver, and el-table uses it to recompute column widths. Added a minimal polyfill class to vitest.setup.ts with no-op observe, unobserve and disconnect, assigned to globalThis.ResizeObserver. The next failure was window.matchMedia, which the theme code calls to detect dark mode, so that got a stub in the same file. 23 component specs pass. CI runs `pnpm test:unit`, then Playwright on Chromium only against the preview build.
U7: Playwright on Chromium only is fine for now. What's the status?
A8: Done: Vitest with 23 specs covering the orders table, filters, the query-sync composable and the drivers list; Playwright with three specs: login, filtering and paging orders, and changing an order status end to end. Both run on every pull request and take about four minutes together. Left: tests for the drivers edit form with its validation rules, and maybe visual regression screenshots later once the design settles.

## 10 2025-05-27T13:00
U1: Ops wants an all-orders-today view without pagination, up to 12k rows. el-table chokes on it; scrolling runs at maybe 5 fps.
A2: el-table renders every row into the DOM: 12,000 rows times 10 columns is 120,000 cells, plus the reactive bookkeeping for each. Options: el-table-v2, Element Plus's virtualized table, which renders only visible rows but is still marked beta and defines columns through objects and cellRenderer functions instead of template slots; vue-virtual-scroller with a custom table; or AG Grid, powerful but a large new dependency with its own styling. el-table-v2 keeps us inside the library we already use.
U3: Try el-table-v2 for that view only; keep the normal el-table on the paginated pages.
A4: TodayOrdersPage.vue uses el-table-v2 inside el-auto-resizer with a fixed row height of 44 px; columns are defined in todayColumns.ts, with cellRenderer functions built with h() for the status tags and action buttons. With 12,000 rows it scrolls at 60 fps and tab memory dropped from 480 MB to 95 MB. Sorting is client-side through sortState. Trade-offs: the beta component has no row expansion like el-table, so the detail panel opens on the side instead, and the filter row sits above the table rather than in the header.
U5: The data on that page refreshes every 30 seconds, and I can see the whole table re-render on each refresh.
A6: TanStack Query's structural sharing keeps unchanged objects identical between refetches, but our select option mapped every row into a new object, defeating it, so every cellRenderer ran again. Moved that mapping into the queryFn so select is gone, and set row-key to 'id' so rows are matched by order id. Now only rows that actually changed re-render. The query uses refetchInterval 30 seconds with refetchIntervalInBackground false, so a hidden tab stops polling.

## 11 2025-06-05T10:30
U1: Release 2.0 goes to the depots next Tuesday, June 10. Ops in Germany need German, so add i18n before then.
A2: vue-i18n v10 in Composition API mode: createI18n with legacy false, locale taken from the user profile or the browser, fallbackLocale en, and messages per locale in src/locales/en.json and de.json, loaded lazily so English users never download the German file. Components use const { t } = useI18n(). Element Plus gets its own locale through el-config-provider with its en and de locale objects, and dayjs switches locale alongside, so date pickers and formatted dates follow the chosen language too.
U3: Getting SyntaxError: Not available in legacy mode when calling useI18n in OrdersPage.
A4: src/app/i18n.ts was missing legacy: false. My draft had it, but the committed file used the defaults, and vue-i18n v10 still defaults to legacy mode, in which calling useI18n inside setup throws exactly that error. Set legacy: false plus globalInjection: true so $t keeps working in templates. While there, fixed the esm-bundler warning by defining __VUE_I18N_FULL_INSTALL__ true and __VUE_I18N_LEGACY_API__ false in vite.config.ts define; the second flag also tree-shakes the legacy API code, about 12 kB.
U5: Translation keys: how should they look and be organized in the files?
A6: Feature-scoped nested keys: orders.table.status, orders.actions.cancel, drivers.form.licenseExpiry, and a common namespace for shared words like common.save. Extracted about 310 strings into en.json, and the ops lead reviewed the German file. Added @intlify/unplugin-vue-i18n so messages are precompiled at build time: no message compiler at runtime, a smaller bundle, and no need for eval under a strict CSP. New CI check scripts/check-i18n.mjs fails when de.json and en.json don't contain the same set of keys.
U7: Good. What's still left to do for the release on Tuesday?
A8: Done: i18n for English and German, the bundle is under budget with the entry chunk at 198 kB, Playwright is green and staging has been verified by two depot leads. Left before Tuesday: release notes for the depots, tagging v2.0.0, and confirming the production config.json values with platform; in particular OIDC_CLIENT_ID for production is fleet-admin-prod, not fleet-admin, and the prod Keycloak client needs its redirect URIs registered.

## 12 2025-06-18T15:20
U1: The security review after the release flagged that we keep tokens in sessionStorage, so any XSS could read them. They want tokens out of web storage.
A2: Two options. Keep tokens in memory only: configure oidc-client-ts with userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }). A reload then loses the user object, but the Keycloak SSO session cookie lets signinSilent restore it without showing a login page. Or a backend-for-frontend that holds tokens server-side and gives the browser only an httpOnly session cookie: the strongest protection, but a new service to run. In-memory storage plus a silent sign-in at startup is the cheap first step.
U3: In-memory now, a BFF maybe later. A page reload must not show the Keycloak page to users.
A4: userStore now uses InMemoryWebStorage. On boot auth.ts first tries signinSilent() with prompt=none before the router guard decides anything; only when that fails with login_required do we call signinRedirect. A 2.5-second timeout falls back to the redirect so a hanging iframe can't block startup. On staging a reload costs about 400 ms extra to restore the session and never shows Keycloak. The stateStore stays on sessionStorage because it only holds the PKCE state for an in-flight redirect, no tokens. Keycloak at sso.example-fleet.com is same-site with the dashboard, so third-party cookie blocking doesn't break the iframe.
U5: They also asked about CSP. What exactly do we send now?
A6: nginx adds Content-Security-Policy: default-src 'self'; script-src 'self'; connect-src 'self' https://api.example-fleet.com https://sso.example-fleet.com; frame-src https://sso.example-fleet.com for the silent-renew iframe; style-src 'self' 'unsafe-inline' because Element Plus injects inline styles; img-src 'self' data:. The precompiled vue-i18n messages mean we don't need unsafe-eval. Staging sends it as Content-Security-Policy-Report-Only for one week with reports going to Sentry; if nothing legitimate is blocked, we switch to enforcing.

## 13 2025-07-01T11:00
U1: I want to drop axios. It's 13 kB for things fetch does natively, and our interceptor code is crufty. ky or ofetch?
A2: Both are thin wrappers around fetch. ky: hooks (beforeRequest, afterResponse, beforeError), retries with limits, timeouts and JSON helpers in about 4 kB, throwing HTTPError for non-2xx responses. ofetch comes from the Nuxt ecosystem with similar features and automatic body parsing. ky's hooks map one to one onto our two axios interceptors, so the migration is mechanical. One thing we lose is upload progress events, which fetch doesn't provide, but nothing in the app uses them.
U3: ky. Keep the same ApiError shape so nothing in the features has to change.
A4: src/shared/api/http.ts now exports api = ky.create({ prefixUrl: config.apiBaseUrl, timeout: 15000, retry: 0, hooks }) where beforeRequest adds the bearer token, afterResponse handles a 401 by trying one signinSilent() and replaying the request, and beforeError maps every failure into the same ApiError {status, code, message}. Retries stay with TanStack Query, hence retry 0 in ky. Feature api.ts files changed only mechanically, e.g. api.get('orders', { searchParams }).json<Paginated<Order>>(). axios is removed from package.json; the bundle shrank by 11 kB gzipped. The MSW test handlers needed no changes since they work at the HTTP level.
U5: Reference data like depots and vehicle types refetches far too often. Orders can stay fairly fresh.
A6: Changed the query defaults in src/app/query.ts: the global staleTime goes from 30 seconds to 60 seconds, and reference-data queries (depots, vehicle types, the drivers list used in select boxes) set their own staleTime of 30 minutes through a referenceQueryOptions helper. Mutations on those entities still invalidate them, so edits show up immediately. The today view keeps polling every 30 seconds independently of staleTime. Network panel on the orders page: requests per minute of normal use dropped from about 40 to 12.

## 14 2025-07-09T14:00
U1: Two things: an audit log page showing who changed what on orders, and CSV export of the orders list. The export currently hangs the tab for 50k rows.
A2: Audit page: a new features/audit with a paginated el-table, filters by user and entity, and a side panel showing a before/after JSON diff. The export builds the CSV on the main thread with string concatenation across 50,000 rows, blocking for about eight seconds. Move it into a Web Worker: src/features/orders/export.worker.ts, imported through Vite's ?worker suffix, fetches the pages itself with the access token passed in at start, builds the CSV with papaparse's unparse, and posts a Blob back while the main thread shows progress.
U3: Worker approach is fine. Use a semicolon separator, Excel in Germany expects that.
A4: The separator is ';' for the de locale and ',' for en, the file is UTF-8 with a byte-order mark so Excel detects the encoding and umlauts survive, and timestamps are written in the user's configured timezone. 50,000 rows export in 3.1 seconds without blocking the UI, with a progress bar in the toolbar; a cancel button terminates the worker. The audit page shipped with filters by user, entity type and date range and the diff panel.
U5: Please summarize where we are now and what's still open.
A6: Done over the summer: axios replaced by ky, tokens moved to memory with silent sign-in, the CSP enforced in production since June 26, the audit log page, and the worker-based CSV export. Open: a role-based menu, since settings is still visible to non-admins and only the route guard blocks it; migrating the vehicles and reports features to vue-query, as they still run on the old Pinia stores; the backend-for-frontend decision; and Playwright specs for the audit page.
"""

DASH_QUERIES = r"""
dash-q01 | tech-stack | 2025-07-15T09:20 | dash-01-t2 dash-01-t4 | Which UI component kit did we go with for the admin screens, and how does it get into the bundle?
dash-q02 | tech-stack | 2025-07-15T14:05 | dash-05-t2 dash-05-t3 | Which library draws the graphs on the reports screen?
dash-q03 | tech-stack | 2025-07-16T10:40 | dash-09-t4 dash-09-t8 | What test tooling is set up for the fleet dashboard?
dash-q04 | tech-stack | 2025-07-16T16:10 | dash-11-t2 dash-11-t6 | How do we handle multiple languages -- which library and which build plugin?
dash-q05 | tech-stack | 2025-07-17T09:35 | dash-01-t6 | What versions of Node, Vite and Vue is the frontend on?
dash-q06 | architecture | 2025-07-17T13:50 | dash-02-t2 dash-02-t4 | How is the source tree organized, and how does a new screen end up in the sidebar?
dash-q07 | architecture | 2025-07-18T10:15 | dash-06-t2 dash-06-t4 | How does the deployed container know which backend and SSO endpoints to talk to?
dash-q08 | architecture | 2025-07-18T15:30 | dash-07-t2 dash-07-t6 | What belongs in a Pinia store versus the server-state cache?
dash-q09 | architecture | 2025-06-01T10:00 | dash-03-t2 dash-03-t6 | How does sign-in work with our identity provider, including keeping people logged in?
dash-q10 | architecture | 2025-07-21T09:05 | dash-10-t4 dash-10-t6 | How does the big unpaginated view of today's orders stay smooth?
dash-q11 | preference | 2025-07-21T14:20 | dash-01-t3 | Which way of writing Vue components did I insist on, and which package manager?
dash-q12 | preference | 2025-07-22T10:30 | dash-02-t3 | What's my rule about exports in plain TypeScript modules?
dash-q13 | preference | 2025-04-02T09:30 | dash-04-t5 dash-04-t6 | How do I want calendar values kept in component state and URLs?
dash-q14 | preference | 2025-07-22T16:00 | dash-09-t3 | Where should unit test files go in the frontend repo?
dash-q15 | preference | 2025-07-23T09:45 | dash-07-t3 | What did I want to happen when staff flip between browser tabs?
dash-q16 | error-solution | 2025-07-23T13:10 | dash-03-t3 dash-03-t4 | Why were users stuck bouncing between the app and the SSO page, and what fixed it?
dash-q17 | error-solution | 2025-04-02T14:00 | dash-04-t3 dash-04-t4 | What made the orders screen freeze when the date filter changed?
dash-q18 | error-solution | 2025-07-24T10:20 | dash-06-t5 dash-06-t6 | Why did staging render an empty white page after a deploy?
dash-q19 | error-solution | 2025-07-24T15:45 | dash-08-t1 dash-08-t2 dash-08-t4 | Why did status changes break in staging while loading data worked?
dash-q20 | error-solution | 2025-07-25T09:10 | dash-11-t3 dash-11-t4 | What made the translation composable throw on the orders page?
dash-q21 | knowledge-update | 2025-07-25T14:30 | dash-12-t4 dash-14-t6 | Where does the dashboard keep access tokens in the browser?
dash-q22 | knowledge-update | 2025-07-28T09:00 | dash-13-t4 dash-14-t6 | Which HTTP client does the frontend use for backend calls?
dash-q23 | knowledge-update | 2025-07-28T13:40 | dash-13-t6 | How long is fetched data treated as fresh by default?
dash-q24 | knowledge-update | 2025-05-20T10:00 | dash-07-t4 | What's the default freshness window for server data right now?
dash-q25 | knowledge-update | 2025-04-10T11:15 | dash-02-t2 | How is the backend base URL set for each environment?
dash-q26 | session-continuity | 2025-07-29T09:30 | dash-14-t6 | Where did things stand after the summer work -- what's still open?
dash-q27 | session-continuity | 2025-06-09T09:00 | dash-11-t8 | What remained to do before the 2.0 rollout when we last checked?
dash-q28 | session-continuity | 2025-07-29T15:00 | dash-12-t4 dash-12-t6 dash-14-t6 | Remind me what we did for the security review, and is the content policy actually enforced yet?
dash-q29 | session-continuity | 2025-05-15T09:20 | dash-09-t8 | Where did we stop with the test setup, and what's next on it?
dash-q30 | session-continuity | 2025-07-30T10:40 | dash-07-t4 dash-07-t6 dash-14-t6 | Which screens have moved off the old store-with-manual-cache pattern, and which haven't?
dash-q31 | cross-session-synthesis | 2025-07-30T14:15 | dash-06-t4 dash-06-t6 dash-12-t6 | List every nginx setting we've added to the frontend container.
dash-q32 | cross-session-synthesis | 2025-07-31T09:50 | dash-01-t4 dash-05-t4 dash-05-t6 dash-11-t4 dash-11-t6 dash-13-t4 | What have we done over time to keep the download size down?
dash-q33 | cross-session-synthesis | 2025-07-31T15:20 | dash-06-t4 dash-11-t8 | All the runtime settings a deployed instance needs, with anything special about prod.
dash-q34 | cross-session-synthesis | 2025-08-01T10:05 | dash-01-t6 dash-05-t6 dash-09-t6 dash-11-t6 | Every automated check we've put into the frontend CI pipeline.
dash-q35 | cross-session-synthesis | 2025-08-01T14:40 | dash-03-t4 dash-03-t6 dash-12-t4 dash-13-t4 | Summarize everything we've changed in the login and token handling since the first setup.
dash-q36 | temporal | 2025-08-04T09:15 | dash-10-t1 dash-10-t4 dash-11-t1 dash-11-t2 | What did we work on in the two weeks before 2.0 went out to the depots?
dash-q37 | temporal | 2025-08-04T13:30 | dash-07-t4 dash-08-t1 | Did the CORS failure come before or after we adopted the query library?
dash-q38 | temporal | 2025-07-15T11:00 | dash-11-t1 dash-11-t2 dash-12-t1 dash-12-t4 | What did we do on the dashboard in June?
dash-q39 | temporal | 2025-08-05T10:00 | dash-11-t1 dash-12-t1 | How soon after the 2.0 release did the security findings come in?
dash-q40 | temporal | 2025-04-20T09:40 | dash-05-t1 dash-05-t4 dash-06-t4 | Which happened first: adding charts to the reports page or moving config out of the build?
"""

project("dash", "fleet-admin", DASH_SESSIONS, DASH_QUERIES)

# ---------------------------------------------------------------------------------------------------------------
# Project 3: sitecheck-app -- Flutter mobile app for building inspectors, backed by Firebase (January to May 2025)
# ---------------------------------------------------------------------------------------------------------------
SITE_SESSIONS = r"""
## 01 2025-01-13T09:30
U1: New Flutter app for our building inspectors: checklists per site, photos, and it has to work offline in basements. Backend should be Firebase. How do we set this up?
A2: Baseline: Flutter 3.27 stable with Dart 3.6. Firebase through the FlutterFire CLI: `flutterfire configure` generates the firebase_options file per platform. Services: Firebase Auth for sign-in, Cloud Firestore for sites and inspections (offline persistence is on by default on Android and iOS, which covers the basement case for structured data), Firebase Storage for photos, Cloud Functions for server-side logic, and Crashlytics. Environments: two separate Firebase projects, sitecheck-dev and sitecheck-prod, mapped to Flutter flavors dev and prod (Android productFlavors, iOS schemes with xcconfig files), each with its own firebase_options_dev.dart or firebase_options_prod.dart and its own entrypoint main_dev.dart or main_prod.dart, so a dev build can never write to production data. Routing with go_router. For state management the usual choices are Provider or Riverpod; what does the team know?
U3: Provider for now, everyone on the team knows it. Folder layout feature-first: lib/features/<feature>/... And I'd like to avoid code generation where possible, build_runner slows everyone down.
A4: Created lib/features/auth, sites, inspections and photos, each split into data/, domain/ and presentation/, plus lib/core for theme, routing (app_router.dart with go_router) and Firebase initialisation. No freezed or json_serializable: models are hand-written immutable classes with fromMap, toMap and copyWith, which is more typing but no build_runner step and no generated files in reviews. Provider is set up as a MultiProvider in app.dart with one ChangeNotifier per feature. Running: `flutter run --flavor dev -t lib/main_dev.dart`; there are VS Code launch configurations for both flavors.
U5: What about lints? I want something stricter than the default set.
A6: Replaced flutter_lints with very_good_analysis 7 in analysis_options.yaml, with two rules relaxed: public_member_api_docs off, since this is an app and not a package, and lines_longer_than_80_chars off in favour of the formatter's width. CI in GitHub Actions runs `flutter analyze` and `flutter test` on every pull request. Status: the app boots on Android and iOS in both flavors with an empty home page and talks to the right Firebase project. Left for next time: sign-in.

## 02 2025-01-20T14:00
U1: Inspectors sign in with their Google Workspace accounts. Set up Google sign-in for both platforms.
A2: firebase_auth plus google_sign_in: GoogleSignIn(hostedDomain: 'sitecheck-inspect.com') shows only company accounts in the picker; the result's idToken and accessToken go into GoogleAuthProvider.credential and then FirebaseAuth.signInWithCredential. AuthRepository lives in features/auth/data, an AuthNotifier ChangeNotifier exposes the current user, and go_router's redirect sends unauthenticated users to /login, with refreshListenable bound to authStateChanges so the router reacts to sign-in and sign-out. Important: hostedDomain is only a UI hint, anyone can still authenticate with another Google account, so the domain restriction must also be enforced in the Firestore and Storage security rules.
U3: On Android it fails with PlatformException(sign_in_failed, com.google.android.gms.common.api.ApiException: 10: , null, null). iOS works fine.
A4: ApiException 10 is DEVELOPER_ERROR: the SHA-1 fingerprint of the certificate that signed the APK isn't registered for the Android app in Firebase, so Google's OAuth client doesn't match the app. Debug builds are signed with the debug keystore in ~/.android/debug.keystore, which is different on every machine. Fix: ran `./gradlew signingReport` in android/, added the SHA-1 and SHA-256 to the Android app in the sitecheck-dev project, and downloaded the new google-services.json into android/app/src/dev/. To avoid every developer registering their own fingerprint, I committed a shared debug keystore at android/keystores/debug.keystore and pointed the debug signingConfig at it.
U5: Works now. Remember we'll also need the release key and the Play signing key registered for prod.
A6: Written into docs/RELEASE.md: for sitecheck-prod register the SHA-1 of our upload key and the SHA-1 of the Play App Signing key, which Google uses to re-sign the app and which is only visible in Play Console under App integrity. Missing the second one is the classic case where sign-in works in every build you make yourself and fails only in the version downloaded from the store. Status: Google sign-in works on both platforms in the dev flavor; the domain restriction in the security rules is still pending.

## 03 2025-01-29T10:15
U1: Let's model the data. Sites have addresses and assigned inspectors; each inspection is a checklist with answers and photos.
A2: Firestore layout: sites/{siteId} with name, address, geo, assignedTo (array of uids) and updatedAt; sites/{siteId}/inspections/{inspectionId} with templateId, status (draft or submitted), answers as a map from checklist item id to {value, note}, createdBy, createdAt and submittedAt; checklistTemplates/{templateId} read-only for the app. Photos go to Storage at sites/{siteId}/inspections/{inspectionId}/{photoId}.jpg, with a photos subcollection under the inspection holding metadata (storagePath, takenAt, caption). Subcollections keep each inspection document well under the 1 MiB document limit even with hundreds of answers, and let us query inspections per site without loading photos.
U3: Conventions: camelCase field names, timestamps always via server timestamp, never the client clock. Enum-like values as lowercase strings.
A4: Applied across the models: toMap writes FieldValue.serverTimestamp() for createdAt and updatedAt, status values are 'draft' and 'submitted', and all field names are camelCase. One gotcha with offline writes: a server timestamp reads back as null in local snapshots until the write reaches the server, so the models treat those fields as nullable and the UI shows "pending sync" based on snapshot.metadata.hasPendingWrites instead of crashing on a missing date.
U5: Security rules: inspectors only see sites they're assigned to, admins see everything.
A6: firestore.rules: reading sites/{siteId} requires request.auth.token.email to match the sitecheck-inspect.com domain and either request.auth.uid in resource.data.assignedTo or request.auth.token.admin == true. Inspections are readable and writable when the parent site grants access, checked with get() on the site; submitted inspections are immutable except for admins. The admin flag is a custom claim set by a callable Cloud Function, setAdminClaim. Because rules are not filters, the app's queries must include where('assignedTo', arrayContains: uid), otherwise Firestore rejects the whole query. 14 rule tests in firestore-tests/ run against the emulator with @firebase/rules-unit-testing.

## 04 2025-02-10T11:45
U1: An inspector reported lost photos: took 12 photos in a basement without signal, iOS killed the app, photos gone. The inspection answers survived.
A2: The answers survive because they are Firestore writes, which sit in Firestore's persistent offline cache and sync when the connection returns. Photos are different: we call Storage putFile directly, and that upload task is not persisted anywhere, so it dies with the process. Worse, image_picker returns files in the temporary directory, which iOS is free to purge. Needed: copy each photo into the app's documents directory immediately after capture, record it in a persistent local upload queue, and retry from that queue on app start and whenever connectivity returns, instead of relying on an in-memory upload.
U3: First attempt: could we just store the queue as a JSON list in shared_preferences?
A4: Tried it: it works for a single photo, but the capture screen and the uploader both read-modify-write the whole list, and with 20 photos taken in quick succession entries got overwritten and lost, the same failure we're trying to fix. shared_preferences has no transactions, so it's not suitable for a queue with two writers. Better: a sqflite table upload_queue (id, localPath, storagePath, inspectionPath, attempts, lastError, createdAt) with transactional inserts and deletes. sqflite needs no code generation, which fits your preference, unlike drift.
U5: sqflite then. And retry in the background too, not only while the app is open.
A6: Implemented features/photos/data/upload_queue.dart on sqflite and an UploadWorker that drains the queue on app start, on connectivity changes via connectivity_plus, and from a workmanager periodic task: 15 minutes is the Android minimum, iOS runs it as a BGTaskScheduler task whenever the system allows. After a successful upload the worker writes the photo's metadata document, then deletes the local file. Attempts are capped at 10 with exponential backoff, and failures are visible on the inspection screen. Test: killed the app with 20 queued photos, all 20 uploaded after relaunch.

## 05 2025-02-18T15:30
U1: Provider is getting awkward: notifiers depending on other notifiers, ProxyProvider chains, and context.read in callbacks after an await. Should we move to Riverpod?
A2: Riverpod fits those pain points: providers are declared globally, dependencies are expressed with ref.watch instead of ProxyProvider chains, no BuildContext is needed to read state, AsyncValue models loading and error states, and tests override providers cleanly. It works without riverpod_generator, so no code generation: NotifierProvider and AsyncNotifierProvider are written by hand, slightly more verbose. Migration can go feature by feature, since Provider and Riverpod can coexist in the same widget tree during the transition.
U3: Switch to Riverpod, manual providers, no generator. Do auth and sites first.
A4: Added flutter_riverpod 2.6 and wrapped the app in ProviderScope. authStateProvider is a StreamProvider over authStateChanges; sitesProvider is an autoDispose StreamProvider running the assignedTo query; inspection editing uses InspectionEditorNotifier, an autoDispose family AsyncNotifier keyed by inspection id. go_router now lives in a routerProvider whose refreshListenable follows authStateProvider. Widget tests replace the repositories with fakes through ProviderScope(overrides: [...]), which removed a lot of mock setup.
U5: Finish the remaining features and get rid of Provider entirely.
A6: Migrated photos and settings and removed the provider package from pubspec.yaml. Convention: a feature's providers live in presentation/providers.dart, and repositories are exposed as plain Provider((ref) => ...) in data/. All 41 widget tests pass. The upload worker runs outside the widget tree, so the workmanager callback creates its own ProviderContainer to get at the repositories. The migration went faster than expected, mostly because the repositories didn't change at all; only the presentation layer was rewritten.

## 06 2025-03-03T10:00
U1: iOS build broke after bumping the firebase packages: CocoaPods could not find compatible versions for pod "FirebaseFirestore". Also iOS builds take 11 minutes.
A2: The new FlutterFire versions pull Firebase iOS SDK 11, which requires a deployment target of at least iOS 13.0, while ios/Podfile still said platform :ios, '12.0' and the local CocoaPods spec repo was outdated. Fix: set platform :ios, '13.0' in the Podfile and IPHONEOS_DEPLOYMENT_TARGET to 13.0 in the Xcode project, then `pod repo update` and `pod install`. The slow builds are a separate problem: Firestore's C++ core, with gRPC and abseil, is compiled from source on every clean build.
U3: Fix the target. Can we do anything about the build time?
A4: The Podfile now uses precompiled Firestore frameworks: pod 'FirebaseFirestore', :git => 'https://github.com/invertase/firestore-ios-sdk-frameworks.git', :tag => '11.6.0'. The tag must match the Firebase iOS SDK version that FlutterFire resolved, otherwise pod install fails with conflicting versions, so whenever firebase_core bumps the SDK the tag has to be bumped too; that's written down in docs/UPGRADING.md. A clean iOS build went from 11 minutes to 2.5 minutes.
U5: And on CI? The macOS runners are slow enough already.
A6: The GitHub Actions macOS job now caches ios/Pods keyed on Podfile.lock and ~/.pub-cache keyed on pubspec.lock, on top of the precompiled frameworks. The iOS CI job went from 24 minutes to 9. Android builds were not affected; the Gradle cache was already in place. Left: TestFlight uploads through fastlane, which we'll need before the release anyway, and signing certificates for CI managed with fastlane match so nobody has to export certificates from their own Mac.

## 07 2025-03-12T13:20
U1: When an admin assigns a site to an inspector, the inspector should get a push notification.
A2: A Cloud Function in TypeScript with firebase-functions v2: onSiteAssigned, an onDocumentUpdated trigger on sites/{siteId}, compares assignedTo before and after, looks up the FCM tokens of newly assigned inspectors in users/{uid}/tokens/{token}, and sends with admin.messaging().sendEachForMulticast, deleting tokens that come back as messaging/registration-token-not-registered. It deploys to the default region, us-central1. In the app: firebase_messaging, saving the token after login and on onTokenRefresh, and on Android 13+ requesting the POST_NOTIFICATIONS runtime permission through requestPermission().
U3: Deployed. Android works, but on iOS nothing shows while the app is open. In the background it's fine.
A4: iOS doesn't present notifications while the app is in the foreground unless told to. Added FirebaseMessaging.instance.setForegroundNotificationPresentationOptions(alert: true, badge: true, sound: true) at startup. Android has the mirror problem, FCM doesn't display notification messages in the foreground either, so onMessage now shows them through flutter_local_notifications on an 'assignments' channel with high importance. Tapping a notification opens /sites/{siteId}: the siteId comes in the data payload and go_router navigates there, also from a cold start via getInitialMessage.
U5: Fine. Do we keep the functions code in this same repo?
A6: Yes: a functions/ folder with its own package.json (Node 20, TypeScript, eslint), and firebase.json at the root configuring the emulators for Auth, Firestore, Functions and Storage. Deploy with `firebase deploy --only functions -P dev` or -P prod. Unit tests with firebase-functions-test in offline mode. Status: assignment notifications work on both platforms in dev. Left: a notification to the inspector when an admin rejects a submitted inspection.

## 08 2025-03-24T09:10
U1: The Firebase bill jumped: 9 million document reads this week with 30 users. Something is reading way too much.
A2: The usage breakdown points at the inspections list screen. InspectionsListScreen attached a collectionGroup('inspections') snapshot listener without any filter and then filtered by site on the device, so every inspector's phone downloaded every inspection in the company. On top of that, the provider was autoDispose, so each time the screen closed the listener was detached, and reopening it attached a new listener, which is billed as reading the full result set again. Thirty people opening that screen dozens of times a day adds up to millions of reads.
U3: Fix it. I want the lists scoped to what the inspector actually needs.
A4: The query is now collectionGroup('inspections').where('assignedTo', arrayContains: uid).where('status', isEqualTo: selectedStatus).orderBy('updatedAt', descending: true).limit(50), paged with startAfterDocument. For that, assignedTo is denormalized onto inspection documents, and a new function syncInspectionAssignees keeps it in sync when a site's assignment changes. The first run failed with [cloud_firestore/failed-precondition] The query requires an index. You can create it here: https://console.firebase.google.com/..., so the composite index (collection group inspections: assignedTo array-contains, status ascending, updatedAt descending) is now in firestore.indexes.json and deployed with `firebase deploy --only firestore:indexes`.
U5: And what about the listener re-attaching every time the screen opens?
A6: The list provider now keeps itself alive for five minutes after its last listener goes away: ref.keepAlive() plus a Timer that closes the link, so navigating back and forth reuses the existing listener and Firestore's local cache instead of re-reading everything. In a staging test with the same click path, reads dropped by about 95 percent. Also added a billing budget alert in Google Cloud at 50 EUR per month, so the next spike shows up in a day rather than on the invoice.

## 09 2025-04-02T16:00
U1: Photos are 4 to 6 MB each straight from the camera. Uploads over mobile data are slow and Storage is filling up.
A2: Compress on the device before the photo enters the upload queue, using flutter_image_compress: compressAndGetFile with the long edge limited to 1600 px, quality 70, JPEG output. Typical result around 350 KB, more than ten times smaller. It runs natively, so it doesn't block the UI isolate. One question is EXIF: compression can keep or strip it, and the GPS position and capture time of inspection photos may matter as evidence.
U3: 1600px and quality 70 is okay to start. Keep the original GPS position in our own metadata though, not only in EXIF.
A4: PhotoCaptureService compresses to 1600 px on the long edge at quality 70, reads the position from geolocator at capture time and stores lat, lng and accuracy in the photo's metadata document next to takenAt, so the location survives whatever happens to EXIF. The uncompressed original is deleted after compression. Average size over a test set of 50 photos: 380 KB. Storage rules now reject uploads larger than 3 MB and any content type other than image/jpeg and image/png.
U5: I also want a small thumbnail for the list screens.
A6: Thumbnails are generated on the device too: 320 px at quality 60, uploaded as {photoId}_thumb.jpg next to the photo, and referenced by thumbPath in the metadata. I looked at the Firebase Resize Images extension and ruled it out: it runs a Storage-triggered function per upload, which costs more, and thumbnails would only exist after the upload, so inspectors working offline wouldn't see thumbnails of their own photos. Left: everything for the release.

## 10 2025-04-15T10:30
U1: We want 1.0 in both stores by April 22. What's blocking?
A2: Checklist. Android: Play requires targetSdk 34 for new apps and we're on 33, so bump it and re-check the foreground service and exact alarm permissions workmanager needs; release signing with the upload key; the Play App Signing SHA-1 registered in sitecheck-prod, from the note in docs/RELEASE.md. iOS: privacy manifest, App Store screenshots, TestFlight upload through fastlane. Firebase prod: deploy rules and indexes to sitecheck-prod. Crashlytics: dSYM upload so iOS crashes are symbolicated.
U3: TestFlight upload got rejected: ITMS-91053: Missing API declaration - Your app's code references one or more APIs that require reasons, including NSPrivacyAccessedAPICategoryUserDefaults.
A4: Since May 2024 Apple requires a privacy manifest declaring the "required reason" APIs an app uses. shared_preferences uses UserDefaults and our upload queue reads file timestamps, both on the list. Added ios/Runner/PrivacyInfo.xcprivacy declaring NSPrivacyAccessedAPICategoryUserDefaults with reason CA92.1 and NSPrivacyAccessedAPICategoryFileTimestamp with reason C617.1, plus the collected data types (photos, precise location, email address) and NSPrivacyTracking false, and added the file to the Runner target. Also updated plugins to versions that ship their own manifests. The next upload was accepted.
U5: Okay, that's through. What's remaining on the list after that?
A6: Done: targetSdk 34, the privacy manifest, fastlane lanes beta_ios and beta_android, and rules plus indexes deployed to sitecheck-prod; the Play App Signing SHA-1 is registered, and Google sign-in works in the internal testing track. Remaining: store listing texts from marketing, a Crashlytics dSYM upload script as an Xcode build phase, and a final QA pass on the release builds on April 18 and 19.

## 11 2025-04-28T11:00
U1: 1.0 is live. Crashlytics top crash: Bad state: Cannot use "ref" after the widget was disposed. In InspectionEditorScreen, right after saving.
A2: In _onSubmit we await ref.read(inspectionEditorProvider(id).notifier).submit(), then call ref.read again and context.go('/sites'). If the user navigates back during the await, or the autoDispose provider is torn down, the ConsumerState is already unmounted when the await returns, and touching ref throws exactly this. Fix: capture the notifier before the await, and after every await in a ConsumerState callback check `if (!context.mounted) return;` before using ref or context again.
U3: Do the fix, and add a lint for it if one exists.
A4: Patched seven callbacks across the editor, photo and settings screens. The use_build_context_synchronously lint from very_good_analysis is already on, but it only covers BuildContext, not ref, so nothing catches the ref case statically. Added a checklist item to the pull request template and a small mixin, SafeAsyncActions, with a runSafely helper that checks mounted after the future completes. Hotfix 1.0.1 is submitted to both stores; Android is already rolling out.
U5: Inspectors complain photos are too blurry to read serial numbers on equipment plates. Raise the quality.
A6: Changed the compression settings: long edge 2048 px and quality 80, up from 1600 px and 70. Serial plates in the test set are readable now; the average photo grows to about 720 KB from 380 KB, still well under the 3 MB Storage rule. Thumbnails stay at 320 px and quality 60. This ships in 1.0.2 together with the submit-crash fix.

## 12 2025-05-08T14:30
U1: Our data protection officer says the functions must run in the EU, all our customers are German. Firestore is already in Europe, right? Move the functions.
A2: Yes: the Firestore database location is eur3, the European multi-region, fixed at creation. The functions were deployed to the default us-central1. To move them, set the region in code with setGlobalOptions({ region: 'europe-west3' }) in functions/src/index.ts; the next deploy creates new functions in Frankfurt and the old ones are deleted with `firebase functions:delete <name> --region us-central1`. Callable functions need a client change: the app must use FirebaseFunctions.instanceFor(region: 'europe-west3'), otherwise calls still go to us-central1 and fail with not-found.
U3: Do it for both dev and prod. What about the callable that sets the admin claim?
A4: Moved all three functions, onSiteAssigned, syncInspectionAssignees and the setAdminClaim callable, to europe-west3 in both sitecheck-dev and sitecheck-prod, and deleted the us-central1 copies. The app's functions provider now uses instanceFor(region: 'europe-west3'), so setAdminClaim is called in Frankfurt; the admin console script got the same change. Firestore triggers in europe-west3 with the database in eur3 are a supported combination, and trigger latency actually dropped a bit.
U5: Also, the signature pad package we want for the next feature needs at least iOS 14.
A6: Raised the iOS deployment target from 13.0 to 15.0 rather than 14: Crashlytics device stats show no inspector device below iOS 16, and 15 is what the upcoming Firebase SDK releases require anyway, so we avoid another bump soon. Updated the Podfile to platform :ios, '15.0', the Xcode project setting, and the precompiled Firestore frameworks tag to 11.10.0 to match the SDK version FlutterFire now resolves. Android minSdk stays at 23.

## 13 2025-05-21T09:00
U1: Inspectors need the site manager to sign on the device, and a PDF report emailed after submission. Should that happen on the device or in a function?
A2: Signature: the signature package gives a drawing pad, exported as PNG and uploaded through the existing upload queue like a photo. The report is the real choice. On the device with the pdf package: works offline, the inspector can share it immediately, no server cost, but layout code in Dart. In a Cloud Function with headless Chrome via puppeteer: HTML templates and consistent fonts, but 1 GB of memory, slow cold starts and nothing while offline. Sending the email needs a server either way, through the Trigger Email extension or SendGrid from a function.
U3: Generate the PDF on the device so it works offline; the email can go out from a function once the file is uploaded.
A4: Implemented ReportPdfBuilder in features/reports with the pdf and printing packages: a header with site and inspector, the answers as a table, photos two per row from the local files, and the signature image at the end. Noto Sans is embedded so umlauts render. The PDF is queued in upload_queue to .../report.pdf, and a new Storage-triggered function onReportUploaded in europe-west3 emails the site manager through SendGrid with a signed download URL valid for seven days. The API key is a secret, SENDGRID_API_KEY, via defineSecret.
U5: Where are we overall with the app now? What's left?
A6: Status: signatures and on-device PDF reports work in the dev flavor, and onReportUploaded is deployed to sitecheck-dev only. Open: SendGrid domain verification for the production sender before deploying to prod; the rejected-inspection notification from March still isn't built; Android 15 edge-to-edge layout issues on a few screens; and a report with 40 photos is 28 MB, so the PDF should embed downscaled copies instead of the full 2048 px photos.
"""

SITE_QUERIES = r"""
site-q01 | tech-stack | 2025-05-26T09:10 | site-01-t2 | Which backend services and framework versions is the inspection app built on?
site-q02 | tech-stack | 2025-03-01T10:00 | site-04-t4 site-04-t6 | Which packages handle the offline picture queue and the background retries?
site-q03 | tech-stack | 2025-05-26T14:40 | site-13-t4 | What do we use to produce the inspection report documents and get them to site managers?
site-q04 | tech-stack | 2025-05-27T10:20 | site-01-t6 | Which lint rule set are we on for the Dart code?
site-q05 | tech-stack | 2025-05-27T15:05 | site-07-t2 site-07-t4 | Which packages deliver push messages, and what shows them while the app is open?
site-q06 | architecture | 2025-05-28T09:30 | site-03-t2 | How is the Firestore data laid out for sites, inspections and pictures?
site-q07 | architecture | 2025-05-28T13:55 | site-01-t2 | How are the dev and prod builds kept apart on the Firebase side?
site-q08 | architecture | 2025-02-05T11:00 | site-03-t6 | Who is allowed to read which sites, and where is that enforced?
site-q09 | architecture | 2025-05-29T10:45 | site-07-t2 | How does the backend work out whom to alert when a site gets assigned?
site-q10 | architecture | 2025-05-29T16:10 | site-08-t4 site-08-t6 | How does the inspection list stay cheap -- what does the query look like and how long does the listener live?
site-q11 | preference | 2025-05-30T09:00 | site-01-t3 site-05-t3 | What did I say about build_runner and generated code?
site-q12 | preference | 2025-05-30T14:25 | site-03-t3 | What naming and time-stamping rules do we follow for documents?
site-q13 | preference | 2025-06-02T10:10 | site-01-t3 | How did I want the Dart source folders organized?
site-q14 | preference | 2025-06-02T15:40 | site-09-t3 | Where did I want each picture's location recorded?
site-q15 | preference | 2025-06-03T09:20 | site-13-t3 | For the report document, did I want it made on the phone or server-side?
site-q16 | error-solution | 2025-06-03T13:45 | site-02-t3 site-02-t4 | Why did Google login fail only on Android, and what fixed it?
site-q17 | error-solution | 2025-02-25T09:40 | site-04-t2 site-04-t6 | Why did inspectors lose pictures when the phone killed the app?
site-q18 | error-solution | 2025-06-04T10:30 | site-10-t3 site-10-t4 | What was the App Store rejection about, and how did we get past it?
site-q19 | error-solution | 2025-06-04T16:00 | site-11-t1 site-11-t2 site-11-t4 | What was the top crash after launch, and how was it fixed?
site-q20 | error-solution | 2025-06-05T09:15 | site-07-t3 site-07-t4 | Why didn't assignment alerts appear on iPhones while the app was in front?
site-q21 | knowledge-update | 2025-06-05T14:35 | site-05-t6 | Which state management approach does the app use?
site-q22 | knowledge-update | 2025-06-06T10:00 | site-11-t6 | What size and quality are pictures shrunk to before upload?
site-q23 | knowledge-update | 2025-06-06T15:20 | site-12-t4 site-13-t4 | Which region do our Cloud Functions run in?
site-q24 | knowledge-update | 2025-06-09T09:45 | site-12-t6 | What's the oldest iOS version we support?
site-q25 | knowledge-update | 2025-04-01T11:00 | site-06-t2 | Which iOS deployment target did we settle on?
site-q26 | session-continuity | 2025-06-09T14:10 | site-13-t6 | Catch me up on the mobile app: where did we leave off, and what's still open?
site-q27 | session-continuity | 2025-04-17T09:00 | site-10-t6 | What was left before the store launch when we last talked about it?
site-q28 | session-continuity | 2025-06-10T10:25 | site-07-t6 site-13-t6 | What's the status of notifying inspectors when an admin rejects their submission?
site-q29 | session-continuity | 2025-01-22T09:00 | site-02-t6 | Picking up from the sign-in work -- where are we, and what's pending?
site-q30 | session-continuity | 2025-06-10T15:50 | site-02-t6 site-10-t6 | Remind me what we noted about the production signing fingerprints, and did that get done?
site-q31 | cross-session-synthesis | 2025-06-11T09:30 | site-08-t4 site-08-t6 site-09-t4 site-09-t6 | Everything we've done to cut Firebase costs or data transfer.
site-q32 | cross-session-synthesis | 2025-06-11T14:00 | site-06-t2 site-06-t4 site-12-t6 | All the changes to the iOS Podfile and minimum OS version over time.
site-q33 | cross-session-synthesis | 2025-06-12T10:15 | site-03-t6 site-07-t2 site-08-t4 site-12-t4 site-13-t4 | List every Cloud Function we have and what each one does.
site-q34 | cross-session-synthesis | 2025-06-12T15:30 | site-02-t2 site-03-t6 site-09-t4 | Every security rule we've written or changed, for both Firestore and Storage.
site-q35 | cross-session-synthesis | 2025-06-13T09:50 | site-04-t4 site-05-t3 site-09-t6 site-13-t2 site-13-t3 | What options have we tried or considered and then ruled out along the way?
site-q36 | temporal | 2025-06-13T14:20 | site-10-t1 site-10-t3 site-10-t4 site-10-t6 | What did we work on during the week before the store launch?
site-q37 | temporal | 2025-06-16T10:00 | site-05-t4 site-06-t2 | Which happened first: the move to Riverpod or the CocoaPods version problem?
site-q38 | temporal | 2025-05-28T17:00 | site-12-t1 site-12-t4 site-12-t6 | What did we get done in the first half of May?
site-q39 | temporal | 2025-06-16T15:30 | site-10-t1 site-11-t6 | How long after launch did we raise the picture quality?
site-q40 | temporal | 2025-03-20T09:30 | site-06-t1 site-06-t4 | What did we tackle in the first week of March?
"""

project("site", "sitecheck-app", SITE_SESSIONS, SITE_QUERIES)

# ---------------------------------------------------------------------------------------------------------------
# Project 4: docclass-serving -- Python FastAPI + Celery backend serving a document classifier (April to August 2025)
# ---------------------------------------------------------------------------------------------------------------
MLS_SESSIONS = r"""
## 01 2025-04-07T09:00
U1: We need a backend to serve our document classification model: a sync API for single documents and batch jobs for bulk imports. Python, FastAPI, Celery. Help me set it up.
A2: Proposed stack: Python 3.12; FastAPI with pydantic v2 and pydantic-settings for configuration; Celery 5.4 for batch work, with Redis as both broker and result backend since we already run Redis and it's the simplest setup; SQLAlchemy 2.0 with asyncpg for the job metadata in Postgres and Alembic for migrations; ONNX Runtime for inference. For packaging and dependency locking the two serious candidates are Poetry and uv; uv is much faster and handles Python versions too. Lint and type checking we should settle now rather than retrofit later.
U3: uv, not Poetry. And I want ruff for linting and formatting plus mypy in strict mode from day one -- type hints on everything.
A4: Set up: pyproject.toml managed by uv (uv init, uv add ...), uv.lock committed; code under src/docclass with api/, worker/, models/, db/ and settings.py. ruff with line-length 100 and rule sets E, F, I, UP, B, SIM and RUF, also used as the formatter; mypy with strict = true and the pydantic mypy plugin. pre-commit runs ruff check --fix, ruff format and mypy on every commit, and CI runs the same three. The Dockerfile copies uv from the ghcr.io/astral-sh/uv image and installs with `uv sync --frozen --no-dev`, so the image contains exactly the locked versions.
U5: How do we handle settings and secrets from the environment?
A6: settings.py defines class Settings(BaseSettings) read once at startup and injected as a dependency: DATABASE_URL (postgresql+asyncpg://...), REDIS_URL used for the Celery broker and result backend, MODEL_PATH pointing at a local model.onnx for now, and LOG_LEVEL defaulting to INFO. Invalid or missing values fail at startup with pydantic's full error list. docker-compose.yml runs Postgres 16 and Redis 7 for local work. Status: the skeleton runs, GET /healthz returns ok, a dummy Celery task round-trips. Left: the inference path and the batch task design.

## 02 2025-04-10T14:20
U1: How should the sync endpoint and the batch jobs be structured? A single document should answer in under 200 ms; batches can be 100k documents.
A2: POST /v1/classify tokenizes the text and runs the ONNX session inside the API process, returning labels with scores. POST /v1/batches accepts a list of S3 document URIs or an uploaded JSONL file, creates a batch row in Postgres with status queued, splits the work into chunks of 500 documents and enqueues one Celery task per chunk (classify_chunk) as a group with a chord callback that marks the batch done. GET /v1/batches/{id} reports progress from Postgres. For inference we use ONNX Runtime on CPU instead of PyTorch: the image is about 600 MB instead of 3 GB and cold starts are much faster. The training team exports model.onnx plus tokenizer.json, which we load with the tokenizers library, not transformers.
U3: Sounds right, but skip the chord -- I don't trust chords on Redis. Each chunk task should update the counters itself.
A4: Agreed, no chord. classify_chunk increments the batch counters with UPDATE batches SET processed = processed + :n, failed = failed + :f in its own transaction, and the same statement's RETURNING tells the task whether processed + failed now equals total; the task that completes the last chunk sets status done. That check is atomic, so exactly one task finishes the batch. Per-document results go into a batch_results table. Tasks are idempotent per (batch_id, chunk_no): result rows are upserted with ON CONFLICT DO NOTHING and counters only move when rows were actually inserted, so a redelivered chunk can't double-count.
U5: And what runs the API process in production? Gunicorn, I assume?
A6: Gunicorn with uvicorn workers (uvicorn.workers.UvicornWorker), 4 workers per pod. Each worker loads the ONNX model once in the FastAPI lifespan handler and keeps the session on app.state, so there is no per-request loading; the model takes about 450 MB of RAM per worker. Celery workers use the prefork pool with concurrency 8 to start with, to be tuned once we see real batch sizes. Both run from the same image with different commands, the API as gunicorn docclass.api.main:app and the worker as celery -A docclass.worker worker.

## 03 2025-04-22T10:40
U1: Celery workers hang on their first task. No error at all, the task just stays in STARTED forever. It works with --pool=solo.
A2: The worker module creates the onnxruntime.InferenceSession at import time, which means in the parent process before the prefork pool forks its children. ONNX Runtime's thread pools, and the OpenMP runtime underneath, don't survive fork: the children inherit mutexes that were held by threads which no longer exist in the child, so the first session.run() blocks forever. The solo pool doesn't fork, which is why it works there. This is a well-known class of problem with any library that starts threads at import time.
U3: So we just load the model after the fork happens?
A4: Yes. Model loading moved into a worker_process_init signal handler in worker/model.py, so each forked child creates its own session after the fork. Session options for workers: intra_op_num_threads=2 and inter_op_num_threads=1, and OMP_NUM_THREADS=1 in the worker environment; otherwise eight children each spawning a thread per core oversubscribe the CPU badly. Tasks complete now: a 500-document chunk takes about 11 seconds, and the same code path still works with --pool=solo for local debugging, where the signal fires once in the single process.
U5: Memory per worker pod is 5.1 GB now. That seems a lot.
A6: It's the eight children each loading their own copy: roughly 450 MB of model plus the tokenizer and buffers per child, about 4 GB, plus the parent and Python overhead. Options: fewer processes with more threads each, or a threads pool. For now I kept prefork with concurrency 8, since the nodes have 16 GB, and noted it for revisiting. I also considered loading the model in the parent before forking so children share its memory copy-on-write, and ruled it out: that is exactly what caused the hang, and ONNX Runtime's allocations aren't copy-on-write friendly anyway.

## 04 2025-05-02T15:00
U1: /v1/classify p99 is 2.3 s under load while p50 is 90 ms. Even /healthz gets slow during load tests.
A2: The classify endpoint is declared async def but calls session.run() directly. That's a synchronous, CPU-bound call of about 80 ms, and while it runs it blocks the event loop, so every other request on that worker, including /healthz, waits behind it; under load the waits stack up into the 2.3 s tail. Options: declare the endpoint as plain def, so FastAPI runs it in its threadpool, but that pool has 40 threads and would allow far too many concurrent inference runs; or keep async def and offload the call with anyio.to_thread.run_sync using a CapacityLimiter to bound concurrency explicitly.
U3: Offload with a limiter. How many concurrent runs should we allow per worker?
A4: inference.py now creates limiter = anyio.CapacityLimiter(4) in the lifespan and calls await anyio.to_thread.run_sync(run_model, encoded, limiter=limiter). API sessions use intra_op_num_threads=1, so with 4 gunicorn workers that's at most 16 concurrent single-threaded runs on the pod's 8 vCPUs, which benchmarked best. Result: p99 310 ms, p50 85 ms, and /healthz stays under 5 ms during load tests. I also looked at micro-batching, collecting requests for a few milliseconds and running them as one batch; postponed, since we're within the target now.
U5: Put the limiter value in settings, I'll tune it myself.
A6: New setting INFERENCE_CONCURRENCY, default 4, documented in the README's configuration table. Requests waiting more than 2 seconds for a free slot now get 503 with a Retry-After header instead of queueing indefinitely, using anyio.fail_after around the acquire, which protects the pod when it's overloaded. The load test lives in loadtest/locustfile.py with a realistic mix of short and long documents, and `make loadtest` runs it against staging.

## 05 2025-05-12T11:30
U1: The training team now publishes models to MLflow. Instead of MODEL_PATH I want to load whichever version they mark for production.
A2: MLflow's model registry supports aliases (stages are deprecated), so the training team points an alias such as champion at a version, and we load models:/docclass@champion. At startup: mlflow.artifacts.download_artifacts for that URI into /models/cache/{version}, then build the ONNX session from model.onnx and tokenizer.json in that directory. Configuration: MLFLOW_TRACKING_URI, MODEL_NAME (docclass) and MODEL_ALIAS (champion) replace MODEL_PATH. Every response and every result row should also carry the model version that produced it, so results stay traceable after the alias moves.
U3: Yes. And I want to switch models without redeploying anything.
A4: Added POST /admin/reload, protected by an admin key, which resolves the alias again and, if the version changed, downloads it, builds a new session and swaps an atomic reference; the old session stays alive until in-flight requests finish. With gunicorn, though, a request reaches only one worker, so the endpoint alone can't reload everyone. Implemented two mechanisms: every process polls the alias every five minutes (MODEL_POLL_INTERVAL=300), and /admin/reload publishes a model-reload message on a Redis pub/sub channel that all API workers and Celery children subscribe to, forcing an immediate check.
U5: Polling every five minutes is fine. What about the Celery side?
A6: Celery children check the alias before starting a chunk if the last check is older than 300 seconds. A batch pins the model version at creation time in batches.model_version, so all chunks of one batch use the same version even if the alias moves mid-batch; children load the pinned version, cached on disk per version, so switching between versions costs only the load, not another download. Left: cleaning up /models/cache, which grows with every version; plan is to keep the last two.

## 06 2025-05-20T09:50
U1: Redis memory alert: 6 GB used, it was 300 MB last week. Is that Celery?
A2: Yes, it's the result backend. Celery stores every task's return value under a celery-task-meta-<id> key, and classify_chunk returned the full list of results for its 500 documents, around 40 KB per task, kept for result_expires, which defaults to one day. With last week's imports that's roughly 150k tasks in a day, about 6 GB. Nothing ever reads those values through AsyncResult: the results are already written to Postgres by the task itself, so Redis holds a useless second copy.
U3: Then don't store them at all, we never read them.
A4: Set task_ignore_result=True globally in celeryconfig.py and removed result_backend from the configuration entirely, so REDIS_URL is only used as the broker now. classify_chunk returns just a small summary for logging anyway. Cleared the existing keys with redis-cli --scan --pattern 'celery-task-meta-*' piped into xargs redis-cli unlink. Redis memory is back at 280 MB. Batch status and results come solely from Postgres, which was already the source of truth for the API.
U5: Good. Is there any other Redis risk I should know about?
A6: One. With Redis as the broker, Celery emulates acknowledgements with a visibility_timeout, one hour by default: a task not acknowledged within that time is redelivered to another worker. Our chunks take about 11 seconds, so today it doesn't matter, but if we add long-running tasks with acks_late they will be delivered twice or more. Noted as a risk in docs/operations.md. I also set maxmemory-policy noeviction on the broker Redis, so under memory pressure it refuses writes instead of silently evicting queued messages.

## 07 2025-05-29T13:30
U1: Added a cancel endpoint for batches. In staging: sqlalchemy.exc.DataError: invalid input value for enum batch_status: "cancelled". The migration ran fine, though.
A2: The migration ran fine because it didn't contain the change. Alembic's autogenerate doesn't detect changes to the values of a Postgres native ENUM: the model's Enum got 'cancelled', but the generated migration had nothing for it, and the database type batch_status still only has queued, running, done and failed. Inserting or updating a row with 'cancelled' then fails with exactly this DataError.
U3: Write the migration by hand then. Anything special about adding an enum value?
A4: Migration 0006_batch_status_cancelled runs op.execute("ALTER TYPE batch_status ADD VALUE IF NOT EXISTS 'cancelled'") inside `with op.get_context().autocommit_block():`. The new value can't be used in the same transaction that adds it, and older Postgres versions refuse ALTER TYPE ... ADD VALUE inside a transaction block at all; autocommit_block takes it out of Alembic's migration transaction. Downgrade is a documented no-op, because Postgres can't remove a value from an enum without recreating the type and rewriting every column that uses it.
U5: Let's not use native Postgres enums for new columns then.
A6: Agreed convention, written in docs/db.md together with the autocommit_block recipe: new status-like columns are VARCHAR with a CHECK constraint, declared as sa.Enum(..., native_enum=False, create_constraint=True). Changing the allowed values means dropping and recreating the constraint in an ordinary migration; autogenerate doesn't detect that either, but it's plain transactional DDL. Also added `alembic check` to CI, which fails when the models and the migrations have drifted apart, so a forgotten migration shows up in the pull request.

## 08 2025-06-10T10:00
U1: We added the re-embed task for the new search feature; it runs two to three hours. Now the same chunk gets processed by three workers at once.
A2: That's the visibility-timeout risk from May: with the Redis broker, a task not acknowledged within visibility_timeout, one hour, is redelivered, and with acks_late=True the acknowledgement only happens at the end of the task, so every long task gets handed out again each hour. Options: raise visibility_timeout to six hours, but then a task from a genuinely crashed worker also waits six hours to be retried, and the setting applies to all queues; split re-embedding into short tasks, a bigger refactor; or move to RabbitMQ, which has real acknowledgements and redelivers only when the consumer's connection drops, though its consumer_timeout (30 minutes by default) must be raised.
U3: Move to RabbitMQ. Platform already runs it for other teams.
A4: The Celery broker is now RabbitMQ, configured through a new BROKER_URL (amqp://...), which replaces REDIS_URL for Celery. celeryconfig.py: task_acks_late=True, worker_prefetch_multiplier=1 so a worker reserves one task at a time and long tasks don't hoard messages, and task_reject_on_worker_lost=True. Two queues, classify for the short chunks and reembed for the long tasks, each with its own worker deployment. Platform raised consumer_timeout for our vhost to four hours. A three-hour test run produced no duplicates.
U5: Do we still need Redis for anything at all then?
A6: Only for the model-reload pub/sub nudge, so REDIS_URL stays but is used by that alone; all Celery broker settings for Redis are removed, including visibility_timeout. Flower now points at the RabbitMQ management API for queue lengths. If we later add per-client rate limiting, Redis would be the natural place for those counters too, so I'd keep it rather than move pub/sub elsewhere.

## 09 2025-06-19T14:45
U1: Reembed workers keep getting OOMKilled in Kubernetes. Their memory limit is 6Gi.
A2: The reembed workers inherit concurrency 8 from the shared Celery configuration. Each child loads the embedding model, about 1.1 GB, plus batch buffers, so eight children need well over 6 Gi; the classify workers fit because their model is only about 450 MB per child, roughly 4.5 GB total. Options: raise the memory limit, lower the concurrency for reembed, or add worker_max_memory_per_child so children that grow too large get recycled.
U3: Lower the concurrency, and make it configurable per worker deployment.
A4: Concurrency now comes from a CELERY_CONCURRENCY environment variable that the worker command passes as --concurrency. Helm values: reembed workers run with CELERY_CONCURRENCY=3, classify workers keep 8. As a safety net worker_max_memory_per_child is set to 1.5 GB, so a child that leaks gets replaced after its current task instead of taking the whole pod down. No OOMKills in 48 hours since the change.
U5: Another one: API pods receive traffic before the model has finished loading.
A6: Added proper probes. Readiness is /healthz/ready, which returns 503 until the lifespan handler has loaded the model and set app.state.ready; liveness is /healthz/live, which only proves the event loop responds. A startupProbe with failureThreshold 30 and periodSeconds 10 gives a pod five minutes, because downloading the model from MLflow can take two minutes on a cold node. Celery workers have no HTTP server, so their liveness probe is an exec of celery inspect ping against the pod's own node name every 60 seconds.

## 10 2025-06-30T09:30
U1: GA for the internal clients is Monday, July 7. What do we still need? Authentication is the big one.
A2: Checklist: an API key per client, per-key rate limits, published OpenAPI docs, SLOs with alerts, a load test at twice the expected traffic, and a runbook. For auth: clients send an X-API-Key header; keys are stored hashed in an api_keys table, never in plain text, with a short prefix kept so a key can be identified in support conversations; a verify_api_key dependency in api/deps.py resolves the caller and its scopes on every request.
U3: Store only the hash, yes. And I want keys prefixed with dc_live_ or dc_test_ so they're recognizable in leaked logs and by secret scanners.
A4: Implemented. Keys are generated as dc_live_ or dc_test_ followed by 32 random URL-safe characters. Table api_keys: id, client_name, prefix (the first 12 characters), key_hash (SHA-256 hex), scopes, created_at and revoked_at. Lookup is an indexed equality on the hash of the presented key, so no plain key is ever stored or compared. The CLI command `uv run docclass keys create --client billing --env live` prints a new key exactly once. Scopes: classify, batches and admin. Rate limiting is a token bucket per key in Redis, implemented as a small Lua script, 60 requests per second on classify by default.
U5: And how did the load test at twice the traffic go?
A6: Locust at twice the expected load, 120 requests per second on classify plus 20 batch submissions per minute, for 30 minutes: p99 340 ms, no errors, and the HPA scaled the API from 3 to 5 pods. Left for before Monday: publishing the OpenAPI document on the internal developer portal, alert rules (classify p99 above 500 ms for 10 minutes, oldest queued batch older than 15 minutes), and the runbook covering reloads, key revocation and rollback.

## 11 2025-07-14T10:10
U1: After GA: Prometheus metrics from the API look like nonsense -- request counters jump up and down between scrapes.
A2: With gunicorn running 4 worker processes, each process has its own prometheus_client registry, and each scrape of /metrics lands on whichever worker accepts the connection. So you see a different process's counters on every scrape, and they appear to go up and down. The fix is prometheus_client's multiprocess mode: set PROMETHEUS_MULTIPROC_DIR to a shared emptyDir volume, expose /metrics through a MultiProcessCollector, call multiprocess.mark_process_dead(worker.pid) from a child_exit hook in gunicorn.conf.py, and wipe the directory when the container starts.
U3: Do it. And what metrics do we actually have for the Celery side?
A4: API metrics are fixed: prometheus-fastapi-instrumentator now uses the multiprocess registry, and gauges use multiprocess_mode='livesum' so they add up across workers. For Celery we run danihodovic's celery-exporter as a sidecar, reading task events from RabbitMQ, with task_send_sent_event and worker_send_task_events enabled. Custom metrics: docclass_inference_seconds, a histogram labelled by model_version and endpoint, and docclass_batch_docs_total by status. The Grafana dashboard docclass shows classify p50 and p99, queue depth per queue, and batch throughput.

## 12 2025-07-24T15:00
U1: Training promoted model v3 to champion. After the reload every classify call fails: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid Feed Input Name:token_type_ids
A2: v3 is a DistilBERT-based export, and its graph only has two inputs, input_ids and attention_mask. Our run_model builds the feed dictionary with a hard-coded token_type_ids entry, which the BERT-based v2 accepted, so ONNX Runtime rejects the unknown input. Permanent fix: build the feed from session.get_inputs() and pass only the names the model declares. Immediate mitigation: point the champion alias back at v2 in the MLflow UI; the pub/sub nudge or the next poll reloads v2 within minutes.
U3: I rolled the alias back. Now fix the code, and make sure this can't reach prod again.
A4: run_model now builds the feed as {i.name: encodings[i.name] for i in session.get_inputs()}, and loading a model raises ModelContractError if it declares an input the tokenizer can't produce. Reloads validate the candidate before swapping: load it, run a smoke test on the five golden documents in tests/golden/, and compare its label set with the current model's. Only if that passes is the reference swapped; otherwise the old model stays, the failure is logged and docclass_model_reload_failures_total is incremented. v3 reloaded cleanly on staging with the fix.
U5: Batch results should record which model version produced each row. Right now only the batches table has it.
A6: Alembic migration 0009_results_model_version adds a nullable batch_results.model_version VARCHAR(32). The backfill from batches.model_version runs in chunks of 50,000 rows with UPDATE ... FROM batches in a loop, but as a separate script, scripts/backfill_model_version.py, not inside the migration, so migrations stay fast and the backfill can be paused. A follow-up migration 0010 sets NOT NULL once the backfill is complete. On staging both are done; for prod, the backfill and 0010 are scheduled for next week.

## 13 2025-08-05T11:20
U1: Classify workers sit idle at night and are swamped during the morning imports. Can we scale them on queue length?
A2: Yes, with KEDA: a ScaledObject with the RabbitMQ trigger on the classify queue, targeting 20 messages per replica. Scaling works better with small pods, so I'd change the classify workers from one big pod with 8 processes to small pods with concurrency 2, each with 2 CPUs and 2Gi of memory, and let KEDA add replicas. Reembed has predictable load and stays fixed at 2 replicas with concurrency 3.
U3: Do it for the classify workers and leave reembed alone.
A4: Done: classify workers run with CELERY_CONCURRENCY=2 on 2 CPU and 2Gi pods, scaled by a KEDA ScaledObject with minReplicaCount 1, maxReplicaCount 20, queueLength 20 and cooldownPeriod 300 seconds. The morning import on staging cleared in 14 minutes instead of 50, and at night it runs on a single pod. worker_max_memory_per_child stays at 1.5 GB. Reembed is untouched: two replicas with CELERY_CONCURRENCY=3, since its load is steady and its pods need the larger memory limit.
U5: On the API side too: drop gunicorn, run one uvicorn process per pod and let the HPA handle replicas. Then the multiprocess metrics hack goes away.
A6: The API container now runs a single process, uvicorn docclass.api.main:app on port 8000, in pods with 2 CPUs, and the HPA scales between 3 and 12 replicas at 60 percent CPU. Removed gunicorn.conf.py, PROMETHEUS_MULTIPROC_DIR and the multiprocess collector; metrics use the default registry again. INFERENCE_CONCURRENCY is lowered from 4 to 2 to match the 2 CPUs per pod. The model-reload pub/sub is simpler too, with one process per pod. Running in production since this morning.
U7: Please summarize the current status and the open items for me.
A8: Status: KEDA scaling for classify workers and the single-process API are both live in production. The model_version backfill and migration 0010 ran in prod on July 30, so every result row now carries its model version. Open items: cleanup of /models/cache, still growing since May (plan: keep the last two versions); micro-batching for /v1/classify, postponed since May; per-client rate limit overrides for the billing client; and an alert on docclass_model_reload_failures_total.
"""

MLS_QUERIES = r"""
mls-q01 | tech-stack | 2025-08-11T09:15 | mls-01-t2 mls-01-t4 | What's the core Python stack of the classification service?
mls-q02 | tech-stack | 2025-05-01T10:00 | mls-02-t2 | What executes the model at request time, and why not the framework it was trained in?
mls-q03 | tech-stack | 2025-08-11T14:30 | mls-05-t2 | Where do the model files come from when a process starts?
mls-q04 | tech-stack | 2025-08-12T10:40 | mls-11-t4 | What exports metrics for the background workers?
mls-q05 | tech-stack | 2025-08-12T15:50 | mls-04-t6 mls-10-t6 | What do we use to generate load against staging?
mls-q06 | architecture | 2025-04-15T09:30 | mls-02-t2 mls-02-t4 | How does a bulk job get split up and tracked to completion?
mls-q07 | architecture | 2025-08-13T09:05 | mls-05-t4 mls-05-t6 | How do all processes pick up a newly promoted model without a redeploy?
mls-q08 | architecture | 2025-08-13T14:20 | mls-10-t2 mls-10-t4 | How are API callers authenticated and throttled per client?
mls-q09 | architecture | 2025-08-14T10:00 | mls-09-t6 | How do the Kubernetes health checks decide a pod can take traffic?
mls-q10 | architecture | 2025-08-14T15:35 | mls-12-t4 | What guards a model swap against a broken export these days?
mls-q11 | preference | 2025-08-15T09:45 | mls-01-t3 | Which tooling did I insist on for packaging and code quality?
mls-q12 | preference | 2025-08-15T13:10 | mls-02-t3 | How did I want batch completion detected -- did I trust Celery's built-in fan-in?
mls-q13 | preference | 2025-08-18T10:25 | mls-07-t5 mls-07-t6 | What did we agree about Postgres native enum types for new columns?
mls-q14 | preference | 2025-08-18T15:00 | mls-10-t3 | What format did I want for client keys, and how should they be kept?
mls-q15 | preference | 2025-08-19T09:30 | mls-05-t5 | How often did I say it's acceptable for processes to check for a new model?
mls-q16 | error-solution | 2025-04-28T09:00 | mls-03-t2 mls-03-t4 | Why did workers get stuck on their first task, and how was it resolved?
mls-q17 | error-solution | 2025-08-19T14:15 | mls-04-t2 mls-04-t4 | What made single-document requests slow at the tail, and what fixed it?
mls-q18 | error-solution | 2025-08-20T10:05 | mls-06-t2 mls-06-t4 | Why did Redis memory balloon in May?
mls-q19 | error-solution | 2025-08-20T15:40 | mls-12-t1 mls-12-t2 mls-12-t4 | What broke when model v3 got promoted, and what did we change?
mls-q20 | error-solution | 2025-08-21T09:20 | mls-11-t2 mls-11-t4 | Why were request counts in Grafana jumping around after GA?
mls-q21 | knowledge-update | 2025-08-21T14:00 | mls-08-t4 | Which message broker does Celery use?
mls-q22 | knowledge-update | 2025-08-22T10:30 | mls-13-t4 | How many processes does each classify worker pod run?
mls-q23 | knowledge-update | 2025-08-22T15:15 | mls-06-t4 | Are task return values still kept in Redis?
mls-q24 | knowledge-update | 2025-08-25T09:40 | mls-13-t6 | How is the API server process set up inside its container now?
mls-q25 | knowledge-update | 2025-05-05T10:00 | mls-03-t6 | How many child processes does a Celery worker run?
mls-q26 | session-continuity | 2025-08-25T14:10 | mls-13-t8 | Catch me up: what's the state of the service and the open items?
mls-q27 | session-continuity | 2025-07-03T09:00 | mls-10-t6 | What was left to do right before GA?
mls-q28 | session-continuity | 2025-08-26T10:20 | mls-12-t6 mls-13-t8 | Where did we end up with recording the model version on each result row?
mls-q29 | session-continuity | 2025-05-14T09:10 | mls-05-t6 | Remind me where we stopped on the model registry work and what was pending.
mls-q30 | session-continuity | 2025-08-26T15:30 | mls-05-t6 mls-13-t8 | What happened with cleaning up the downloaded model files on disk?
mls-q31 | cross-session-synthesis | 2025-08-27T09:50 | mls-07-t2 mls-07-t4 mls-12-t6 | Every database migration issue or unusual migration we've dealt with.
mls-q32 | cross-session-synthesis | 2025-08-27T14:45 | mls-01-t6 mls-04-t6 mls-05-t2 mls-05-t4 mls-08-t4 mls-08-t6 mls-09-t4 mls-13-t6 | All the environment variables the service reads today.
mls-q33 | cross-session-synthesis | 2025-08-28T10:15 | mls-02-t6 mls-03-t4 mls-06-t4 mls-08-t4 mls-09-t4 mls-13-t4 | Everything we've changed about the Celery configuration over time.
mls-q34 | cross-session-synthesis | 2025-08-28T15:00 | mls-02-t3 mls-03-t6 mls-04-t2 mls-04-t4 mls-08-t2 | What approaches did we consider and decide against?
mls-q35 | cross-session-synthesis | 2025-08-29T09:30 | mls-08-t6 mls-10-t4 | What do we still use Redis for these days?
mls-q36 | temporal | 2025-08-29T14:00 | mls-10-t1 mls-10-t2 mls-10-t4 mls-10-t6 | What were we doing the week before GA?
mls-q37 | temporal | 2025-09-01T10:00 | mls-07-t2 mls-08-t4 | Did the enum migration problem come before or after we moved task queuing off Redis?
mls-q38 | temporal | 2025-08-12T11:30 | mls-11-t1 mls-11-t4 mls-12-t1 mls-12-t4 mls-12-t6 | What did we work on in July?
mls-q39 | temporal | 2025-09-01T15:20 | mls-03-t1 mls-04-t1 | How many days after the worker hang did the latency problem show up?
mls-q40 | temporal | 2025-06-25T09:30 | mls-08-t1 mls-08-t4 | What did we do in the first half of June?
"""

project("mls", "docclass-serving", MLS_SESSIONS, MLS_QUERIES)

# ---------------------------------------------------------------------------------------------------------------
# Parsing, validation, output
# ---------------------------------------------------------------------------------------------------------------
USER_WORDS = (10, 60)
ASSISTANT_WORDS = (60, 250)
SESSIONS_PER_PROJECT = (12, 14)
TURNS_PER_SESSION = (4, 10)


def ts(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M").replace(tzinfo=timezone.utc)


def rfc3339(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def words(text):
    return len(text.split())


def parse_sessions(p, errors):
    prefix, name = p["prefix"], p["project"]
    sessions = []
    cur = None
    for lineno, raw in enumerate(p["sessions"].strip().splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            parts = line.split()
            if len(parts) != 3:
                errors.append(f"{name}: bad session header line {lineno}: {line}")
                continue
            cur = {"num": parts[1], "start": ts(parts[2]), "turns": []}
            sessions.append(cur)
            continue
        m = re.match(r"^([UA])(\d+): (.+)$", line)
        if not m or cur is None:
            errors.append(f"{name}: unparsable line {lineno}: {line[:60]}")
            continue
        role = "user" if m.group(1) == "U" else "assistant"
        n = int(m.group(2))
        if n != len(cur["turns"]) + 1:
            errors.append(f"{name} session {cur['num']}: turn numbered {n}, expected {len(cur['turns']) + 1}")
        cur["turns"].append((role, m.group(3).strip()))

    memories = []
    lo, hi = SESSIONS_PER_PROJECT
    if not lo <= len(sessions) <= hi:
        errors.append(f"{name}: {len(sessions)} sessions, want {lo}-{hi}")
    prev_end = None
    for si, s in enumerate(sessions, 1):
        conv = f"{prefix}-{s['num']}"
        if s["num"] != f"{si:02d}":
            errors.append(f"{name}: session {s['num']} out of sequence (expected {si:02d})")
        if not s["start"].year == 2025:
            errors.append(f"{conv}: not in 2025")
        if prev_end is not None and s["start"] <= prev_end:
            errors.append(f"{conv}: starts before the previous session ended")
        tlo, thi = TURNS_PER_SESSION
        if not tlo <= len(s["turns"]) <= thi:
            errors.append(f"{conv}: {len(s['turns'])} turns, want {tlo}-{thi}")
        for ti, (role, text) in enumerate(s["turns"], 1):
            expected = "user" if ti % 2 == 1 else "assistant"
            if role != expected:
                errors.append(f"{conv}-t{ti}: role {role}, expected {expected} (roles must alternate, user first)")
            wlo, whi = USER_WORDS if role == "user" else ASSISTANT_WORDS
            wc = words(text)
            if not wlo <= wc <= whi:
                errors.append(f"{conv}-t{ti}: {role} turn has {wc} words, want {wlo}-{whi}")
            jitter = (int(s["num"]) * 13 + ti * 29) % 45
            created = s["start"] + timedelta(minutes=2 * (ti - 1), seconds=jitter)
            prev_end = created
            memories.append(
                {
                    "id": f"{conv}-t{ti}",
                    "project": name,
                    "conversationId": conv,
                    "role": role,
                    "content": text,
                    "createdAt": rfc3339(created),
                    "topics": [name],
                    "_created": created,
                }
            )
    return sessions, memories


def parse_queries(p, errors):
    out = []
    for lineno, raw in enumerate(p["queries"].strip().splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        parts = [x.strip() for x in line.split(" | ", 4)]
        if len(parts) != 5:
            errors.append(f"{p['project']}: bad query line {lineno}: {line[:60]}")
            continue
        qid, qtype, asked, gold, text = parts
        out.append(
            {
                "id": qid,
                "project": p["project"],
                "query": text,
                "askedAt": ts(asked),
                "goldIds": gold.split(),
                "type": qtype,
            }
        )
    return out


def main():
    errors = []
    all_memories, all_queries = [], []
    last_session_start = {}
    for p in PROJECTS:
        sessions, mems = parse_sessions(p, errors)
        all_memories.extend(mems)
        last_session_start[p["project"]] = sessions[-1]["start"] if sessions else None
        all_queries.extend(parse_queries(p, errors))

    by_id = {}
    for m in all_memories:
        if m["id"] in by_id:
            errors.append(f"duplicate memory id {m['id']}")
        by_id[m["id"]] = m

    seen_qid, seen_text = set(), {}
    for q in all_queries:
        if q["id"] in seen_qid:
            errors.append(f"duplicate query id {q['id']}")
        seen_qid.add(q["id"])
        norm = " ".join(q["query"].lower().split())
        if norm in seen_text:
            errors.append(f"{q['id']}: same question text as {seen_text[norm]}")
        seen_text[norm] = q["id"]
        if q["type"] not in TYPES:
            errors.append(f"{q['id']}: unknown type {q['type']}")
        if not q["goldIds"]:
            errors.append(f"{q['id']}: no gold ids")
        if len(set(q["goldIds"])) != len(q["goldIds"]):
            errors.append(f"{q['id']}: repeated gold id")
        if q["askedAt"].year != 2025:
            errors.append(f"{q['id']}: askedAt not in 2025")
        convs = []
        for g in q["goldIds"]:
            m = by_id.get(g)
            if m is None:
                errors.append(f"{q['id']}: gold id {g} does not exist")
                continue
            if m["project"] != q["project"]:
                errors.append(f"{q['id']}: gold id {g} is in project {m['project']}, not {q['project']}")
            if m["_created"] >= q["askedAt"]:
                errors.append(f"{q['id']}: gold id {g} ({m['createdAt']}) does not predate askedAt")
            if m["conversationId"] not in convs:
                convs.append(m["conversationId"])
        q["goldConversations"] = convs
        for c in convs:
            if not any(by_id[g]["conversationId"] == c for g in q["goldIds"] if g in by_id):
                errors.append(f"{q['id']}: gold conversation {c} holds no gold id")

    # every gold id must sit in one of the query's gold conversations (true by construction, checked anyway)
    for q in all_queries:
        for g in q["goldIds"]:
            if g in by_id and by_id[g]["conversationId"] not in q["goldConversations"]:
                errors.append(f"{q['id']}: gold id {g} outside goldConversations")

    if errors:
        print(f"{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        sys.exit(1)

    all_memories.sort(key=lambda m: (m["project"], m["_created"]))
    with open(os.path.join(HERE, "memories.jsonl"), "w", encoding="utf-8") as f:
        for m in all_memories:
            row = {k: m[k] for k in ("id", "project", "conversationId", "role", "content", "createdAt", "topics")}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w", encoding="utf-8") as f:
        for q in all_queries:
            row = {
                "id": q["id"],
                "project": q["project"],
                "query": q["query"],
                "askedAt": rfc3339(q["askedAt"]),
                "goldIds": q["goldIds"],
                "goldConversations": q["goldConversations"],
                "type": q["type"],
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    # ---- report ----
    print(f"memories: {len(all_memories)}   queries: {len(all_queries)}")
    print()
    header = f"{'project':<18}{'sessions':>9}{'turns':>7}{'first':>12}{'last':>12}{'queries':>9}{'mid-way':>9}"
    print(header)
    for p in PROJECTS:
        name = p["project"]
        mems = [m for m in all_memories if m["project"] == name]
        convs = sorted({m["conversationId"] for m in mems})
        qs = [q for q in all_queries if q["project"] == name]
        mid = sum(1 for q in qs if q["askedAt"] < last_session_start[name])
        first = min(m["_created"] for m in mems).strftime("%Y-%m-%d")
        last = max(m["_created"] for m in mems).strftime("%Y-%m-%d")
        print(f"{name:<18}{len(convs):>9}{len(mems):>7}{first:>12}{last:>12}{len(qs):>9}{mid:>9}")
    print()
    names = [p["project"] for p in PROJECTS]
    print(f"{'type':<26}" + "".join(f"{n[:14]:>16}" for n in names) + f"{'total':>8}")
    for t in TYPES:
        row = [sum(1 for q in all_queries if q["project"] == n and q["type"] == t) for n in names]
        print(f"{t:<26}" + "".join(f"{c:>16}" for c in row) + f"{sum(row):>8}")
    tot = [sum(1 for q in all_queries if q["project"] == n) for n in names]
    print(f"{'total':<26}" + "".join(f"{c:>16}" for c in tot) + f"{sum(tot):>8}")
    print()
    for role in ("user", "assistant"):
        wc = [words(m["content"]) for m in all_memories if m["role"] == role]
        print(f"{role:<10} turns {len(wc):>4}  mean words {sum(wc) / len(wc):6.1f}  min {min(wc)}  max {max(wc)}")
    gold_sizes = [len(q["goldIds"]) for q in all_queries]
    conv_sizes = [len(q["goldConversations"]) for q in all_queries]
    print(f"gold ids per query: mean {sum(gold_sizes) / len(gold_sizes):.2f}, max {max(gold_sizes)}; "
          f"gold conversations per query: mean {sum(conv_sizes) / len(conv_sizes):.2f}, max {max(conv_sizes)}")
    user_gold = sum(1 for q in all_queries for g in q["goldIds"] if by_id[g]["role"] == "user")
    all_gold = sum(gold_sizes)
    print(f"gold turns written by the user: {user_gold} of {all_gold}")
    stop = set(
        "a an the and or of to in on for with what which how did do does we our us i my me is are was were it its "
        "this that there these those be been by as at from about any all every each when where why who than then now "
        "still so up out over you your have has had get got into after before between just only not no can could "
        "should would will also some more most".split()
    )
    shares = []
    for q in all_queries:
        qw = [w for w in re.findall(r"[a-z0-9_.]+", q["query"].lower()) if w not in stop and len(w) > 2]
        gw = set(re.findall(r"[a-z0-9_.]+", " ".join(by_id[g]["content"].lower() for g in q["goldIds"])))
        shares.append(sum(1 for w in qw if w in gw) / max(1, len(qw)))
    print(f"share of a question's content words that occur in its gold turns: mean {sum(shares) / len(shares):.2f}")
    mid = sum(1 for q in all_queries if q["askedAt"] < last_session_start[q["project"]])
    print(f"queries asked before their project's last session: {mid} of {len(all_queries)} "
          f"({100 * mid / len(all_queries):.0f}%)")


if __name__ == "__main__":
    main()
