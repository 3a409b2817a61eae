#!/usr/bin/env python3
"""Builds eval/team-months/{memories,queries}.jsonl: a held-out, blind retrieval set.

A product team's coding-assistant memories over eleven months (January to November 2025) on eight projects with
different stacks: a Go ledger service, a SwiftUI iOS app, Terraform/AWS infrastructure, a Python/Airflow/dbt data
pipeline, a TypeScript/React design system, a Rust search service, a Kotlin/Spring mobile backend and a Python
learning-to-rank model. Several developers appear in the texts. Each session saves 2-8 memories the way an assistant
saves them (decisions and why, ruled-out approaches, constraints, conventions, bug root causes, gotchas, progress).
Facts change: named memories get new versions (deploy-process, current-status), and unnamed memories are replaced in
other words (`replacedBy`). Conventions travel between projects, bugs recur across months, progress goes stale,
and sessions repeat notes in other words.

Questions are asked the way a developer asks weeks or months later, scoped to one project, with gold chosen by
reading. Written blind: the author did not read the ranking code (core/, host/), EVAL.md or other sets' questions.

Run: python3 eval/team-months/build.py  (stdlib only, deterministic; rewrites the two files next to this script)."""

import json
import os
import sys
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
END = "2025-12-01T09:00:00Z"  # default askedAt: after everything

PROJECTS = {}  # name -> {"stack": str, "team": str, "sessions": [(start "YYYY-MM-DD HH:MM", [memory tuple])]}
QUERIES = []   # dicts, see q()
REPLACED = []  # (project, old ref, new ref): the newer memory states the fact in other words

# A memory tuple is (kind, topics, files, text) or (kind, topics, files, text, extra). kind "" = no kind field;
# topics "a, b"; files "path|path" or ""; extra: {"name": ..., "role": ...}. Session n (from 1) of project p has
# conversationId f"{p}-s{n:02d}", its k-th memory (from 1) the id f"{p}-s{n:02d}-m{k}"; refs in queries are "n.k".


def project(name, stack, team):
    PROJECTS[name] = {"stack": stack, "team": team, "sessions": []}
    return PROJECTS[name]["sessions"]


def mid(p, ref):
    n, k = ref.split(".")
    return f"{p}-s{int(n):02d}-m{int(k)}"


def q(p, typ, text, gold, asked=None, sup=""):
    """gold / sup: space-separated refs "n.k"; asked "YYYY-MM-DD" (09:00 UTC) or None for END."""
    QUERIES.append({"project": p, "type": typ, "query": text, "gold": [mid(p, r) for r in gold.split()],
                    "asked": f"{asked}T09:00:00Z" if asked else END, "sup": [mid(p, r) for r in sup.split()]})


def replaced(p, old, new):
    REPLACED.append((p, mid(p, old), mid(p, new)))



def ts(start, minutes):
    t = datetime.strptime(start, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc) + timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    errors = []
    mems, by_id = [], {}
    for p, meta in PROJECTS.items():
        last = None
        for n, (start, items) in enumerate(meta["sessions"], 1):
            if last and start <= last:
                errors.append(f"{p} s{n:02d}: sessions out of order")
            last = start
            if not 2 <= len(items) <= 8:
                errors.append(f"{p} s{n:02d}: {len(items)} memories")
            for k, item in enumerate(items, 1):
                kind, topics, files, text = item[:4]
                extra = item[4] if len(item) > 4 else {}
                m = {"id": f"{p}-s{n:02d}-m{k}", "project": p, "conversationId": f"{p}-s{n:02d}",
                     "content": text, "createdAt": ts(start, 6 * k), "role": extra.get("role", "assistant")}
                if kind:
                    m["kind"] = kind
                m["topics"] = [t.strip() for t in topics.split(",") if t.strip()]
                if files:
                    m["files"] = files.split("|")
                if "name" in extra:
                    m["name"] = extra["name"]
                if m["id"] in by_id:
                    errors.append(f"duplicate id {m['id']}")
                by_id[m["id"]] = m
                mems.append(m)
    for p, old, new in REPLACED:
        if old not in by_id or new not in by_id:
            errors.append(f"replacedBy: unknown {old} or {new}")
            continue
        if by_id[new]["createdAt"] <= by_id[old]["createdAt"] or by_id[new]["project"] != by_id[old]["project"]:
            errors.append(f"replacedBy: {new} is not newer than {old} in the same project")
        by_id[old]["replacedBy"] = new
    queries, seen = [], set()
    counters = Counter()
    for i, qq in enumerate(QUERIES):
        p = qq["project"]
        counters[p] += 1
        qid = f"{p}-q{counters[p]:02d}"
        if qq["query"] in seen:
            errors.append(f"{qid}: duplicate question")
        seen.add(qq["query"])
        convs = []
        for g in qq["gold"]:
            m = by_id.get(g)
            if not m:
                errors.append(f"{qid}: unknown gold {g}")
                continue
            if m["project"] != p:
                errors.append(f"{qid}: gold {g} in another project")
            if m["createdAt"] >= qq["asked"]:
                errors.append(f"{qid}: gold {g} written after askedAt")
            if m["conversationId"] not in convs:
                convs.append(m["conversationId"])
        if qq["type"] == "knowledge-update" and not qq["sup"]:
            errors.append(f"{qid}: knowledge update without superseded ids")
        for s in qq["sup"]:
            m = by_id.get(s)
            if not m or m["project"] != p:
                errors.append(f"{qid}: superseded {s} unknown or in another project")
                continue
            if s in qq["gold"] or any(m["createdAt"] >= by_id[g]["createdAt"] for g in qq["gold"] if g in by_id):
                errors.append(f"{qid}: superseded {s} is not older than the gold")
        if qq["type"] == "multi-session" and len(convs) < 2:
            errors.append(f"{qid}: multi-session gold in one session")
        queries.append({"id": qid, "project": p, "query": qq["query"], "askedAt": qq["asked"],
                        "goldIds": qq["gold"], "goldConversations": convs, "type": qq["type"]})
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    with open(os.path.join(HERE, "memories.jsonl"), "w") as f:
        for m in mems:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for x in queries:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    per_p = Counter(m["project"] for m in mems)
    per_q = Counter(x["project"] for x in queries)
    print(f"{'project':16} sessions memories questions")
    for p, meta in PROJECTS.items():
        print(f"{p:16} {len(meta['sessions']):8} {per_p[p]:8} {per_q[p]:9}")
    print(f"{'total':16} {sum(len(v['sessions']) for v in PROJECTS.values()):8} {len(mems):8} {len(queries):9}")
    print("types:", dict(sorted(Counter(x["type"] for x in queries).items())))
    mid_way = sum(1 for x in queries if x["askedAt"] != END)
    print(f"asked mid-way: {mid_way}; replacedBy: {len(REPLACED)}; named: {sum(1 for m in mems if 'name' in m)};"
          f" kinds: {dict(Counter(m.get('kind', '-') for m in mems))}")

# ---------------------------------------------------------------------------------------------------------------
P = "ledger-api"
S = project(P, "Go 1.22, chi, pgx v5, sqlc, goose, Postgres 15 behind PgBouncer, Argo CD on EKS", "Priya (lead), Marco")
S += [
    ("2025-01-09 10:00", [  # s01
        ("note", "architecture, stack", "go.mod|cmd/ledger-api/main.go", "ledger-api: Go 1.22 service with the chi router, pgx v5 and sqlc against Postgres 15. Double-entry: every transfer writes a debit and a credit entry in one transaction and balances are derived from entries. Priya leads it, Marco works on it too."),
        ("decision", "money, amounts", "internal/money/money.go", "Amounts are stored as bigint minor units plus a char(3) currency and handled in Go as int64 inside a Money struct (internal/money). Never float. We did not take shopspring/decimal: every currency we support has a fixed number of minor units and integer math is exact and fast."),
        ("convention", "sql, sqlc", "db/queries/transfers.sql|sqlc.yaml", "All SQL lives in db/queries/*.sql and `make sqlc` regenerates internal/db. No hand-written SQL strings in Go code."),
        ("convention", "migrations", "db/migrations", "Migrations use goose in db/migrations with timestamp prefixes. Every migration has to stay compatible with the previous release (expand, then contract later), because deploys roll pods one by one."),
        ("ruled-out", "orm, sql", "", "We looked at GORM and said no. It hides the queries, handles pgx types badly, and the ledger needs explicit SQL that auditors can read."),
    ]),
    ("2025-01-16 14:00", [  # s02
        ("decision", "idempotency, api", "internal/httpx/idempotency.go", "POST /transfers requires an Idempotency-Key header. The key goes into idempotency_keys (key unique, request_hash, response, created_at). Same key with the same body replays the stored response; same key with a different body returns 422."),
        ("constraint", "idempotency, retention", "", "Idempotency keys are kept for 72 hours, then a cron deletes them."),
        ("debugging", "concurrency, postgres, tests", "internal/store/tx.go", "TestTransfer_Concurrent failed with `ERROR: could not serialize access due to concurrent update (SQLSTATE 40001)`. Transfers run at REPEATABLE READ, so concurrent debits on the same account conflict. Fix: internal/store/tx.go retries the transaction up to 3 times with jitter on 40001 and 40P01."),
        ("convention", "locking, deadlocks", "internal/store/transfers.go", "Balance updates lock the account rows with SELECT ... FOR UPDATE, always ordered by account id, so two transfers between the same pair of accounts never deadlock."),
        ("gotcha", "pgx, numeric", "", "pgx decodes numeric columns into pgtype.Numeric, not a string or float. This was one more reason to keep money as bigint."),
    ]),
    ("2025-01-29 11:00", [  # s03
        ("decision", "errors, api, problem-json", "internal/httpx/problem.go", "Error responses are RFC 7807 problem+json (type, title, status, detail, instance) plus our own `code` extension such as `insufficient_funds`. The helper is internal/httpx/problem.go. Marco proposed it, and we will suggest it to the mobile-backend and search-service teams."),
        ("ruled-out", "errors, api", "", "We dropped the old `{\"error\": {\"message\": ...}}` envelope because every client had to handle each service's error shape separately."),
        ("convention", "errors, docs", "docs/errors.md", "Error codes are snake_case and listed in docs/errors.md. Never change what an existing code means; add a new code instead."),
        ("progress", "status", "", "Transfers, accounts and idempotency are done. Next up: payouts to bank accounts through Adyen, then reconciliation."),
    ]),
    ("2025-02-11 09:30", [  # s04
        ("debugging", "incident, postgres, pool", "internal/reports/export.go", "Production returned 502s for about 10 minutes on Feb 10, and the logs were full of `failed to acquire connection: context deadline exceeded` from pgxpool. Cause: the reconciliation CSV export held a pool connection while it streamed 200k rows to a slow client, and 8 concurrent exports emptied the pool (MaxConns 10). Fix: the export writes a temp file first and then streams it, and report endpoints use their own pool with MaxConns 3."),
        ("constraint", "postgres, pgbouncer, pool", "", "PgBouncer (owned by infra) allows 100 server connections per database. ledger-api runs 6 pods with pgxpool MaxConns 10 each, plus 3 for reports, so the total has to stay under 100."),
        ("note", "metrics, pool", "internal/store/metrics.go", "Added pgxpool stats (acquired, idle, wait duration) to /metrics as ledger_db_pool_*."),
    ]),
    ("2025-02-25 15:00", [  # s05
        ("decision", "payouts, outbox, architecture", "cmd/outbox-relay/main.go|db/migrations/20250225_outbox.sql", "Payouts use a transactional outbox: the transfer and an outbox row are written in one transaction, and a worker (cmd/outbox-relay) sends them to Adyen. We rejected calling Adyen inside the request, because that puts an external call inside a DB transaction and a timeout leaves the state unknown. We also rejected Debezium CDC: a whole extra system for one table."),
        ("constraint", "adyen, rate-limit", "cmd/outbox-relay/limiter.go", "The Adyen payout API allows 10 requests/s per merchant account in test and 50 in live. The relay uses a token bucket set to 40/s."),
        ("convention", "outbox", "", "The relay never deletes outbox rows. It sets sent_at, and a nightly job purges rows older than 30 days."),
        ("gotcha", "adyen, webhooks", "internal/psp/webhook.go", "Adyen can send the payout webhook before our own API call has returned, so the webhook handler upserts by psp_reference instead of expecting the row to exist."),
    ]),
    ("2025-03-12 10:00", [  # s06
        ("note", "deploy, argo", ".github/workflows/release.yml|deploy/argo/ledger-api.yaml", "Deploy process: a merge to main makes GitHub Actions build the image and push it to ECR, and Argo CD syncs staging automatically. Production is a manual Sync in Argo CD by Priya or Marco once the staging smoke test (`make smoke ENV=staging`) passes. Migrations run as an Argo PreSync hook job.", {"name": "deploy-process"}),
        ("gotcha", "deploy, migrations, argo", "deploy/argo/migrate-job.yaml", "When the PreSync migration job fails, the sync stops but the job stays behind. Run `kubectl delete job ledger-migrate -n ledger` before you retry the sync."),
        ("debugging", "tests, ci, flaky, outbox", "cmd/outbox-relay/relay.go", "TestOutboxRelay_Order failed about 1 run in 10 on CI with `expected [t1 t2 t3] got [t1 t3 t2]`. The relay selected outbox rows without ORDER BY, and Postgres returns them in physical order, which changes after updates. Fix: ORDER BY id together with FOR UPDATE SKIP LOCKED."),
    ]),
    ("2025-03-27 13:00", [  # s07
        ("decision", "fx, currency, ledger", "internal/ledger/fx.go", "Multi-currency: a single journal entry never mixes currencies. An FX conversion is booked as two transfers through an FX clearing account for each currency pair, and the rate is stored on the journal as a numeric(18,8) string. Marco and Priya agreed on this on Mar 27."),
        ("ruled-out", "fx, currency", "", "We ruled out keeping every balance in one base currency (EUR) and converting on read. It causes rounding drift, and the auditors need the original currency."),
        ("constraint", "currency, money", "internal/money/currencies.go", "Never assume 2 decimals: JPY and KRW have 0 minor units, BHD and KWD have 3. Money reads the ISO 4217 exponent table in internal/money/currencies.go."),
        ("progress", "fx", "", "FX clearing accounts are migrated. Still open: where to get FX rates from."),
    ]),
    ("2025-04-15 09:00", [  # s08
        ("debugging", "incident, postgres, pool", "internal/psp/webhook.go", "On Apr 14 we saw `failed to acquire connection: context deadline exceeded` again, for 4 minutes. This time the payout webhook handler called pool.Begin and returned early on a validation error without calling Rollback, so connections leaked until the pod restarted. Fix: the handler now goes through store.WithTx, and every Begin is followed by `defer tx.Rollback(ctx)`."),
        ("convention", "postgres, transactions", "internal/store/tx.go", "Never call pool.Begin directly. Use store.WithTx(ctx, func(q *db.Queries) error), which commits on nil and rolls back otherwise. A golangci-lint forbidigo rule flags pool.Begin outside internal/store."),
        ("note", "alerts, pool", "deploy/prometheus/ledger-rules.yaml", "New alert: ledger_db_pool_wait_seconds p99 above 1s for 2 minutes pages on-call."),
    ]),
    ("2025-05-06 16:00", [  # s09
        ("note", "deploy, argo, canary", "deploy/argo/rollout.yaml", "Deploy process (May): production uses an Argo Rollouts canary: 10% for 10 minutes with analysis on the 5xx rate and p99 latency from Prometheus, then 50%, then 100%. No manual sync any more, and anyone on the team can promote. Abort with `kubectl argo rollouts abort ledger-api -n ledger`. Migrations still run in PreSync.", {"name": "deploy-process"}),
        ("gotcha", "migrations, canary", "", "The canary and stable pods run side by side for up to 30 minutes, so a migration must work with two app versions, not just the current one."),
        ("decision", "fx, rates", "cmd/fx-rates/main.go", "FX rates come from the ECB daily reference rates: the fx-rates cron stores them in the fx_rates table. We decided against a paid provider (OpenExchangeRates) because we only need daily rates for reporting, and the booking rate comes from the PSP."),
        ("constraint", "idempotency, retention", "", "Idempotency keys are now kept for 7 days instead of 3, because Adyen retries payout callbacks for up to 5 days and partners replay requests after their own outages."),
    ]),
    ("2025-06-03 10:30", [  # s10
        ("decision", "reconciliation, adyen", "cmd/recon/main.go", "A reconciliation job runs daily at 06:00 UTC and compares our payouts with Adyen's settlement report (CSV over SFTP). Mismatches go into recon_exceptions and post to Slack #ledger-recon."),
        ("debugging", "reconciliation, currency", "cmd/recon/parse.go", "Recon flagged every JPY payout as a mismatch. The settlement CSV has amounts in major units with a decimal point, and we always multiplied by 100. Fix: parse with the currency exponent from internal/money, so JPY uses x1 and BHD x1000."),
        ("progress", "reconciliation", "", "Reconciliation is live for EUR, GBP and JPY. USD waits on Adyen's US entity."),
        ("note", "team", "", "Marco is on vacation until June 20, and Priya handles recon exceptions until then.", {"role": "user"}),
    ]),
    ("2025-07-08 14:00", [  # s11
        ("ruled-out", "graphql, api", "", "The partner team asked for GraphQL for account history, and we said no for now. Our pagination is keyset-based, auditors want stable, cacheable REST URLs, and a read-only GraphQL gateway would duplicate the authorization rules."),
        ("decision", "pagination, api", "internal/api/entries.go", "GET /accounts/{id}/entries uses keyset pagination on (created_at, id) with an opaque cursor. We removed offset pagination because it skipped rows while new entries were being inserted."),
        ("gotcha", "pagination, time", "internal/api/cursor.go", "The cursor encodes created_at. Postgres stores microseconds but Go's time.Time carries nanoseconds, so truncate to microseconds before encoding, or the next page repeats a row."),
        ("note", "performance, load-test", "loadtest/transfers.js", "k6 load test on staging: 1200 transfers/s at p99 85 ms with 6 pods."),
    ]),
    ("2025-08-05 11:00", [  # s12
        ("debugging", "incident, migrations, pool", "db/migrations/20250804_entries_idx.sql", "Third pool timeout, on Aug 4, during the migration that added an index on entries. CREATE INDEX without CONCURRENTLY locked the entries table, and requests queued up while holding connections. Fix: index migrations use CREATE INDEX CONCURRENTLY in a goose migration marked `-- +goose NO TRANSACTION`."),
        ("convention", "migrations, review", ".github/pull_request_template.md", "Every migration that creates an index uses CONCURRENTLY together with NO TRANSACTION. This is a checkbox in the PR template."),
        ("gotcha", "pgbouncer, pgx", "internal/store/pool.go", "Infra switched PgBouncer to transaction pooling on Aug 1. Right after that we got `prepared statement \"stmtcache_...\" already exists`. Fix: default_query_exec_mode=cache_describe in DATABASE_URL, so pgx no longer keeps named prepared statements."),
        ("constraint", "pgbouncer, postgres", "", "With PgBouncer in transaction mode there are no session-level features: no SET without LOCAL, no session advisory locks, no LISTEN/NOTIFY through the pooler. The outbox relay connects directly to Postgres on port 5432 for LISTEN."),
    ]),
    ("2025-09-02 15:30", [  # s13
        ("ruled-out", "graphql, api, mobile", "", "GraphQL came up again at Q3 planning (Tom asked for the iOS app), and the answer is still no. Nested resolvers over entries would cause N+1 queries that bypass our keyset indexes, and query cost limits would be extra work. We offered a batch endpoint instead."),
        ("decision", "api, mobile", "internal/api/batch.go", "Added POST /v2/accounts:batchGet (up to 100 ids per call) for the mobile clients."),
        ("progress", "status", "", "ledger-api status (September): transfers, FX, payouts and reconciliation (EUR, GBP, JPY, USD) are live. Open: audit log export for SOC 2, and archiving entries older than 2 years.", {"name": "current-status"}),
        ("note", "pool, capacity", "", "After the PgBouncer change, pgxpool MaxConns went from 10 to 20 per pod. Transaction pooling means server connections are no longer held by idle clients."),
    ]),
    ("2025-10-07 10:00", [  # s14
        ("decision", "postgres, partitioning, archive", "db/migrations/20251007_partition_entries.sql", "The entries table is partitioned by month with declarative partitioning managed by pg_partman. Partitions older than 24 months are detached and exported to S3 as Parquet for the archive."),
        ("gotcha", "partitioning, postgres", "", "On a partitioned table the primary key has to include created_at. We dropped the foreign key from entry_links to entries and check the link inside WithTx instead."),
        ("constraint", "soc2, audit", "db/migrations/20251007_audit_grants.sql", "SOC 2: audit_log is append-only. The app role has only INSERT and SELECT on it (UPDATE and DELETE revoked), and nobody is allowed to grant them back."),
    ]),
    ("2025-11-04 09:30", [  # s15
        ("note", "deploy, migrations, github-actions", ".github/workflows/release.yml", "Deploy process (November): the canary is unchanged, but migrations no longer run in the Argo PreSync hook. They are a separate ledger-migrate step in GitHub Actions that someone must approve in the 'prod-db' environment, and Argo only rolls out the app.", {"name": "deploy-process"}),
        ("progress", "status", "", "ledger-api status (November): the SOC 2 audit log export is done and monthly partitioning is live. Marco is building the S3 archive job, about half done. Open: remove v1 offset pagination for the last partner (Dec 15).", {"name": "current-status"}),
        ("debugging", "tests, ci, flaky, time", "internal/api/cursor_test.go", "TestEntriesCursor failed on CI only at month boundaries. The fixture created entries with time.Now() and the partition for the next month did not exist yet in the test DB. Fix: the test DB runs partman's run_maintenance() in the setup, and fixtures use a fixed clock."),
    ]),
]
replaced(P, "2.2", "9.4")
replaced(P, "4.2", "13.4")
replaced(P, "9.1", "15.1")  # named too
q(P, "decision", "why do we keep money as integers instead of a decimal library?", "1.2")
q(P, "decision", "how do payouts get to Adyen without calling it in the request?", "5.1")
q(P, "decision", "how do we book a conversion between two currencies?", "7.1")
q(P, "ruled-out", "did we consider an ORM for the ledger?", "1.5")
q(P, "ruled-out", "why not store every balance in euros?", "7.2")
q(P, "ruled-out", "was change data capture an option for payouts?", "5.1")
q(P, "constraint", "how fast can we hit the Adyen payout API?", "5.2")
q(P, "constraint", "which permissions does the app have on the audit table?", "14.3")
q(P, "convention", "what's the rule for opening a database transaction in Go code?", "8.2")
q(P, "convention", "how should I write a migration that adds an index?", "12.2 12.1")
q(P, "convention", "where do error codes get documented, and can I reuse one?", "3.3")
q(P, "debugging", "the export endpoint that took the whole service down in February, what happened?", "4.1")
q(P, "debugging", "why did recon think all the yen payouts were wrong?", "10.2")
q(P, "debugging", "the outbox ordering test that failed now and then", "6.3")
q(P, "gotcha", "webhook arrives before the payout row exists", "5.4")
q(P, "gotcha", "pagination cursor returns the same row twice", "11.3")
q(P, "gotcha", "statement cache errors after the pooler change", "12.3")
q(P, "progress", "where are we with the archive of old entries?", "15.2", sup="13.3")
q(P, "progress", "what was left open on ledger-api in early September?", "13.3", asked="2025-09-20")
q(P, "knowledge-update", "how long do we keep idempotency keys?", "9.4", sup="2.2")
q(P, "knowledge-update", "what is the pgxpool MaxConns per pod now?", "13.4", sup="4.2")
q(P, "knowledge-update", "how do migrations run during a production deploy?", "15.1", sup="6.1 9.1")
q(P, "knowledge-update", "who can promote a release to production?", "9.1", asked="2025-07-01", sup="6.1")
q(P, "temporal", "how did we originally deploy to production before the canary?", "6.1")
q(P, "temporal", "what changed in the month after infra moved PgBouncer to transaction pooling?", "12.3 12.4 13.4")
q(P, "multi-session", "every time we ran out of database connections, what was the cause?", "4.1 8.1 12.1")
q(P, "multi-session", "all the reasons we keep saying no to GraphQL", "11.1 13.1")
q(P, "multi-session", "which currency exponent problems have we hit?", "7.3 10.2")
q(P, "paraphrase", "retries when two debits collide", "2.3")
q(P, "paraphrase", "same request sent twice by a partner", "2.1")
