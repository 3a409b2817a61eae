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


def more(p, n, items):
    """Memories saved later in session n of project p (appended after the session's first ones)."""
    PROJECTS[p]["sessions"][n - 1][1].extend(items)


def replaced(p, old, new):
    REPLACED.append((p, mid(p, old), mid(p, new)))



def ts(start, minutes):
    t = datetime.strptime(start, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc) + timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    errors = []
    mems, by_id = [], {}
    notes_seen = 0
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
                if kind == "note":
                    notes_seen += 1
                if kind and not (kind == "note" and notes_seen % 3 == 0):  # every third note: kind left to inference
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
        if qq["type"] != "temporal":  # a gold memory must still be current when the question is asked
            for g in qq["gold"]:
                m = by_id.get(g)
                newer = [x for x in mems if m and x is not m and x["project"] == p and x["createdAt"] < qq["asked"]
                         and x["createdAt"] > m["createdAt"] and (x["id"] == m.get("replacedBy") or
                                                                  ("name" in m and x.get("name") == m["name"]))]
                if newer:
                    errors.append(f"{qid}: gold {g} is superseded by {newer[0]['id']} before askedAt")
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
q(P, "decision", "why do we keep money as integers instead of a decimal library?", "1.2", asked="2025-04-20")
q(P, "decision", "how do payouts get to Adyen without calling it in the request?", "5.1", asked="2025-05-02")
q(P, "decision", "how do we book a conversion between two currencies?", "7.1")
q(P, "ruled-out", "did we consider an ORM for the ledger?", "1.5", asked="2025-03-10")
q(P, "ruled-out", "why not store every balance in euros?", "7.2")
q(P, "ruled-out", "was change data capture an option for payouts?", "5.1")
q(P, "constraint", "how fast can we hit the Adyen payout API?", "5.2")
q(P, "constraint", "which permissions does the app have on the audit table?", "14.3")
q(P, "convention", "what's the rule for opening a database transaction in Go code?", "8.2 12.6")
q(P, "convention", "how should I write a migration that adds an index?", "12.2 12.1 12.5")
q(P, "convention", "where do error codes get documented, and can I reuse one?", "3.3 14.6")
q(P, "debugging", "the export endpoint that took the whole service down in February, what happened?", "4.1", asked="2025-03-05")
q(P, "debugging", "why did recon think all the yen payouts were wrong?", "10.2")
q(P, "debugging", "the outbox ordering test that failed now and then", "6.3")
q(P, "gotcha", "webhook arrives before the payout row exists", "5.4", asked="2025-06-12")
q(P, "gotcha", "pagination cursor returns the same row twice", "11.3")
q(P, "gotcha", "statement cache errors after the pooler change", "12.3")
q(P, "progress", "where are we with the archive of old entries?", "15.2 15.6", sup="13.3")
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

# ---------------------------------------------------------------------------------------------------------------
P = "ios-app"
S = project(P, "Swift 5.10 / 6, SwiftUI, async/await, SPM modules, GRDB, Fastlane, Xcode Cloud → GitHub Actions", "Hana (lead), Tom")
S += [
    ("2025-01-13 10:00", [  # s01
        ("note", "architecture, stack", "Package.swift|App/WalletApp.swift", "ios-app: a SwiftUI app (Swift 5.10) that talks to mobile-backend. It is split into local SPM packages: Core, Networking, Features/*, DesignKit. Hana leads it, Tom works on it too."),
        ("decision", "architecture, state", "Features/Home/HomeViewModel.swift", "Each screen gets a plain @Observable view model with async methods. The Composable Architecture was too much ceremony for a two-person team, and MVVM with Observation is enough."),
        ("constraint", "ios-version", "Project.swift", "Minimum deployment target is iOS 16, because about 9% of users are still on 16."),
        ("convention", "networking", "Networking/Sources/APIClient.swift", "Every network call goes through APIClient.send(_ endpoint: Endpoint<T>) async throws -> T. No URLSession calls in feature code."),
    ]),
    ("2025-01-22 14:30", [  # s02
        ("decision", "persistence, offline", "Core/Sources/Database.swift", "Offline cache uses GRDB (SQLite), with migrations registered in Database.swift. We ruled out Core Data because of the threading rules and the untyped NSManagedObject pain. SwiftData requires iOS 17, so it was not an option while we support iOS 16."),
        ("convention", "git, commits", "", "Commits follow Conventional Commits (feat:, fix:, chore:). Release notes are built from them."),
        ("gotcha", "swiftui, lists", "Features/Activity/ActivityList.swift", "A SwiftUI List with ForEach over an array of structs whose ids change on every refresh re-creates every row and loses scroll position. Use the server id as the Identifiable id, not a UUID() made on decode."),
    ]),
    ("2025-02-04 09:00", [  # s03
        ("debugging", "keychain, auth", "Core/Sources/TokenStore.swift", "Users were logged out after a phone restart, before they unlocked the phone. A background refresh read the token from the keychain while the device was locked, got errSecInteractionNotAllowed (-25308), and our code took any error to mean 'no token' and wiped the session. Fix: keychain items use kSecAttrAccessibleAfterFirstUnlock, and -25308 is treated as 'try later', not as logged out."),
        ("convention", "auth, tokens", "Core/Sources/TokenStore.swift", "Tokens are stored only in the keychain through TokenStore, never in UserDefaults."),
        ("progress", "status", "", "Login, home and the activity list are done. Next: card management, then push notifications."),
    ]),
    ("2025-02-19 16:00", [  # s04
        ("note", "release, testflight, xcode-cloud", "ci_scripts/ci_post_clone.sh", "Release process: Xcode Cloud builds every push to main and sends it to internal TestFlight. For an App Store release Hana bumps the version in Project.swift, tags vX.Y.Z and submits for review from App Store Connect by hand.", {"name": "release-process"}),
        ("debugging", "ui-tests, ci, flaky, auth", "UITests/LoginUITests.swift", "LoginUITests.testLoginWithPassword failed intermittently on Xcode Cloud: 'Failed to get matching snapshot: No matches found for SecureTextField'. The password autofill sheet from the simulator's saved passwords covered the field. Fix: the test launches the app with -UITestDisableAutofill, which sets textContentType to nil, and resets the simulator keychain in setUp."),
        ("gotcha", "ui-tests", "", "XCUITest waits: use waitForExistence(timeout:) instead of sleep(). Xcode Cloud simulators are about 3x slower than a local M2."),
    ]),
    ("2025-03-05 11:00", [  # s05
        ("decision", "errors, api, problem-json", "Networking/Sources/APIError.swift", "mobile-backend now returns RFC 7807 problem+json (the format ledger-api introduced). APIClient decodes it into APIError.problem(code:title:detail:) and the UI maps `code` to localized messages in Localizable.xcstrings. Raw server text is never shown."),
        ("convention", "localization", "App/Resources/Localizable.xcstrings", "All user-facing strings go into the String Catalog (Localizable.xcstrings), and keys are English sentences. No NSLocalizedString with made-up keys."),
        ("ruled-out", "errors", "", "We decided against showing the server's `detail` field to users. It is written for developers and it is English only."),
    ]),
    ("2025-03-20 10:00", [  # s06
        ("decision", "push, notifications", "App/PushRegistration.swift", "Push notifications go through APNs directly with token-based auth (a .p8 key) from mobile-backend. We ruled out Firebase Cloud Messaging for iOS: one more SDK, and we don't need Android-parity topics."),
        ("gotcha", "push, simulator", "", "To test push on the simulator, drag a .apns file onto it or run `xcrun simctl push booted com.acme.wallet payload.apns`. The payload needs the 'Simulator Target Bundle' key when you drag and drop it."),
        ("debugging", "push, environments", "", "TestFlight builds never received pushes. The backend sent to the sandbox APNs host, but TestFlight builds use production APNs. Fix: mobile-backend picks the APNs host from the aps-environment the app reports at registration."),
        ("progress", "status", "", "Card management has shipped in 2.3. Push works on TestFlight. Next: Face ID unlock, and the insights screen (charts)."),
    ]),
    ("2025-04-08 15:00", [  # s07
        ("decision", "biometrics, auth", "Features/Lock/LockViewModel.swift", "Face ID unlock uses LAContext with .deviceOwnerAuthenticationWithBiometrics and falls back to the app passcode, not the device passcode, because compliance wants an app-specific second factor. The app locks after 5 minutes in the background."),
        ("gotcha", "biometrics, info-plist", "App/Info.plist", "Without NSFaceIDUsageDescription in Info.plist, evaluatePolicy crashes the app on the first Face ID prompt, and only on a real device."),
        ("decision", "charts", "Features/Insights/SpendingChart.swift", "Insights charts use Swift Charts (iOS 16+). We turned down DGCharts, a large dependency with a UIKit bridge."),
    ]),
    ("2025-04-24 09:30", [  # s08
        ("debugging", "keychain, auth", "Core/Sources/TokenStore.swift", "The logout-after-reboot bug came back in 2.4.0. The new widget extension reads the token through a keychain access group, and that item was created with the default accessibility (WhenUnlocked). Fix: TokenStore.migrateAccessibility() rewrites old items as AfterFirstUnlock on launch, and the widget uses the same TokenStore."),
        ("convention", "keychain, extensions", "", "Targets that share the keychain (app, widget, notification service extension) use the access group $(AppIdentifierPrefix)com.acme.wallet.shared, and every item is written with AfterFirstUnlock."),
        ("note", "widget", "Widgets/BalanceWidget.swift", "The balance widget refreshes through a WidgetKit timeline every 30 minutes, and also from a silent push when a transaction comes in."),
    ]),
    ("2025-05-14 13:00", [  # s09
        ("note", "release, github-actions, fastlane", ".github/workflows/ios-release.yml|fastlane/Fastfile", "Release process (May): we left Xcode Cloud for GitHub Actions macOS runners with Fastlane. `fastlane beta` on every merge to main uploads to TestFlight. `fastlane release` runs on a vX.Y.Z tag, uploads and submits for review with phased release on. Signing uses match, with certificates in the private acme/ios-certs repo.", {"name": "release-process"}),
        ("ruled-out", "ci, xcode-cloud", "", "We left Xcode Cloud because the 25 free compute hours ran out by mid-month, its logs cannot be searched, and it can't share caches with the rest of the team's GitHub Actions."),
        ("gotcha", "ci, fastlane, match", "fastlane/Matchfile", "On CI, match needs MATCH_PASSWORD and readonly: true. Otherwise it tries to create new certificates and fails with 'Could not create another Distribution certificate, reached the maximum number'."),
    ]),
    ("2025-06-10 10:00", [  # s10
        ("constraint", "ios-version", "Project.swift", "We raised the minimum to iOS 17 in release 2.6, after iOS 16 usage fell to 3%. That opens up SwiftData and the Observation-only APIs, but we are staying on GRDB."),
        ("decision", "persistence", "", "With iOS 17 as the minimum we looked at SwiftData again and kept GRDB. Our migrations and queries already work, SwiftData has no good way to run a raw query for the insights sums, and moving now would only mean risk."),
        ("debugging", "crash, concurrency", "Features/Activity/ActivityViewModel.swift", "The top crash in 2.5 (EXC_BAD_ACCESS in ActivityViewModel.reload) was a data race: two overlapping refresh tasks mutated `items` from a detached Task. Fix: the view model is @MainActor, the previous task is cancelled before a new one starts, and strict concurrency checking is on for the Features package."),
    ]),
    ("2025-07-01 14:00", [  # s11
        ("convention", "concurrency, swift6", "Package.swift", "New packages use Swift 6 language mode. Existing ones move one at a time after they compile warning-free with -strict-concurrency=complete. Networking and Core are done."),
        ("gotcha", "swift6, sendable", "", "In Swift 6 mode, types from GRDB's Record subclasses are not Sendable. Wrap reads in `dbQueue.read { }` and return plain structs that conform to Sendable, not Record objects."),
        ("progress", "status", "", "ios-app status (July): 2.6 is live with iOS 17 minimum, Face ID, widget and insights. In progress: Swift 6 migration (Networking and Core done), the new onboarding flow (Tom). Open: accessibility audit findings.", {"name": "current-status"}),
    ]),
    ("2025-08-12 11:00", [  # s12
        ("debugging", "ui-tests, ci, flaky, auth", "UITests/LoginUITests.swift", "The intermittent login UI test failure returned on the GitHub Actions macOS-14 runners, this time as a timeout waiting for the home screen. The mock server (started in the test plan's pre-action) sometimes was not listening yet when the app launched. Fix: setUp polls the mock server's /health for up to 10 s before app.launch()."),
        ("decision", "accessibility", "DesignKit/Sources/Typography.swift", "Accessibility audit: every text style goes through DesignKit.Typography, which uses Dynamic Type (Font.TextStyle). Fixed font sizes are banned, and custom controls need an accessibilityLabel. The audit came from the design-system team's WCAG checklist."),
        ("note", "onboarding", "Features/Onboarding", "The new onboarding (Tom) is behind the remote flag onboarding_v2 and goes to 10% of new installs on Aug 20."),
    ]),
    ("2025-09-16 10:30", [  # s13
        ("debugging", "keychain, auth", "NotificationService/NotificationService.swift", "A third logout report: the notification service extension wiped tokens. It had its own copy of the old keychain code, which still read 'item not found' as logged out. Fix: the extension now links Core and uses TokenStore too. Nothing outside Core may call SecItem*."),
        ("progress", "onboarding", "", "onboarding_v2 got 14% better completion at 10%, so it goes to 100% in 2.8."),
        ("note", "release, phased", "", "Phased release for 2.7 was paused on day 2 because of a crash on iPadOS 17.0 (missing column in the GRDB migration for iPad-only layout data). 2.7.1 fixed it and the phased rollout started again."),
        ("gotcha", "app-store, review", "", "App Review rejected 2.7 under guideline 5.1.1 because the delete-account link was buried. It has to be reachable from Settings in at most two taps."),
    ]),
    ("2025-10-21 15:00", [  # s14
        ("note", "release, github-actions, fastlane", ".github/workflows/ios-release.yml", "Release process (October): still Fastlane on GitHub Actions, but releases are cut every two weeks from a release/X.Y branch on Tuesday. The QA sign-off checklist lives in the release PR, Hana or Tom runs `fastlane release`, and a phased rollout can be paused with `fastlane pause_phased`.", {"name": "release-process"}),
        ("convention", "release, branching", "", "Fixes after a release branch is cut go to main first and are cherry-picked into release/X.Y (never the other way round)."),
        ("progress", "status", "", "ios-app status (October): Swift 6 migration is done in all packages. onboarding_v2 is at 100%. In progress: iOS 26 Liquid Glass adjustments in DesignKit. Open: iPad split view for insights.", {"name": "current-status"}),
    ]),
    ("2025-11-18 09:00", [  # s15
        ("decision", "design, ios26", "DesignKit/Sources/Surfaces.swift", "For iOS 26 we keep our own card surfaces and use the system glass only on the tab bar and navigation bars. Full glass made the balance numbers hard to read in the contrast tests."),
        ("debugging", "crash, widget", "Widgets/BalanceWidget.swift", "The widget showed a blank white box on iOS 26. The timeline provider threw while decoding a cached balance from the old format, and WidgetKit shows nothing on error. Fix: fall back to the placeholder entry, and version the cached payload."),
        ("note", "team", "", "Tom moves to the design-system team in December. Hana owns the ios-app release train alone until the new hire starts.", {"role": "user"}),
    ]),
]
replaced(P, "1.3", "10.1")
replaced(P, "4.1", "9.1")
replaced(P, "9.1", "14.1")
replaced(P, "3.3", "6.4")
replaced(P, "6.4", "11.3")
q(P, "decision", "why no Composable Architecture?", "1.2", asked="2025-03-15")
q(P, "decision", "how are pushes delivered to iPhones?", "6.1")
q(P, "decision", "what happens when Face ID fails, which code do they type?", "7.1")
q(P, "ruled-out", "did we ever think about Core Data?", "2.1", asked="2025-02-20")
q(P, "ruled-out", "why not Firebase for notifications?", "6.1")
q(P, "ruled-out", "why did we move off Apple's CI?", "9.2")
q(P, "ruled-out", "after dropping iOS 16, why didn't we switch to SwiftData?", "10.2")
q(P, "constraint", "what's the lowest iOS version we support?", "10.1", sup="1.3")
q(P, "constraint", "what does App Review require for deleting an account?", "13.4")
q(P, "convention", "can I call URLSession from a feature module?", "1.4")
q(P, "convention", "where do UI strings go?", "5.2")
q(P, "convention", "which keychain settings must shared items use?", "8.2")
q(P, "convention", "a hotfix after the release branch is cut, where does it land first?", "14.2")
q(P, "debugging", "the flaky sign-in test on CI", "4.2 12.1 12.6")
q(P, "debugging", "users logged out after restarting their phone", "3.1 8.1 13.1")
q(P, "debugging", "TestFlight builds got no notifications", "6.3", asked="2025-04-10")
q(P, "debugging", "top crash in the activity screen in 2.5", "10.3")
q(P, "gotcha", "app crashes the first time biometrics are requested", "7.2", asked="2025-05-20")
q(P, "gotcha", "match tries to create certificates on the runner", "9.3")
q(P, "gotcha", "the list jumps to the top after pull to refresh", "2.3")
q(P, "progress", "where did we leave the Swift 6 migration?", "14.3", sup="11.3")
q(P, "progress", "what were we doing on ios-app in late July?", "11.3", asked="2025-07-28")
q(P, "progress", "what was next after card management shipped?", "6.4", asked="2025-04-01")
q(P, "knowledge-update", "how do we ship an App Store release?", "14.1", sup="4.1 9.1")
q(P, "knowledge-update", "how do we get a build to TestFlight?", "9.1", asked="2025-08-01", sup="4.1")
q(P, "temporal", "how were releases built before we moved to GitHub Actions?", "4.1")
q(P, "temporal", "what broke in the 2.7 rollout in September?", "13.3 13.4")
q(P, "multi-session", "how many times has the keychain logout bug come back, and why each time?", "3.1 8.1 13.1")
q(P, "multi-session", "everything we decided about staying on GRDB", "2.1 10.2")
q(P, "paraphrase", "UI automation could not type the password because a system sheet was in the way", "4.2")
q(P, "paraphrase", "app looks washed out with the new translucent material", "15.1")

# ---------------------------------------------------------------------------------------------------------------
P = "infra"
S = project(P, "Terraform 1.9 / OpenTofu, AWS (EKS, RDS, S3), Helm, Argo CD, GitHub Actions", "Sven (lead), Priya")
S += [
    ("2025-01-07 09:00", [  # s01
        ("note", "architecture, aws", "README.md", "infra repo: Terraform for the AWS accounts (prod, staging, shared) plus Helm values and Argo CD apps for the EKS clusters. Sven owns it, and Priya reviews database changes."),
        ("convention", "terraform, layout", "modules|envs", "Layout: reusable modules in modules/<name>, one root per environment and component in envs/<env>/<component>. Each root has its own state file in S3 (bucket acme-tfstate) and a DynamoDB lock table tf-locks."),
        ("convention", "tagging, aws", "modules/tags/main.tf", "Every resource carries the tags owner, service, env and cost-center through the provider's default_tags. The tags module builds them, so don't tag resources by hand."),
        ("decision", "terraform, ci", ".github/workflows/terraform.yml", "terraform plan runs in GitHub Actions on every PR and posts the plan as a comment. Apply runs only from main after merge, with an approval in the 'prod' environment. We chose this over Atlantis so we don't run and patch one more server."),
    ]),
    ("2025-01-21 14:00", [  # s02
        ("ruled-out", "terraform, tfc", "", "Terraform Cloud was ruled out. Per-resource pricing at our size (~4k resources) was more than an engineer's tooling budget, and state would leave our AWS account."),
        ("debugging", "terraform, state-lock", "", "A plan in CI hung and then failed with `Error acquiring the state lock: ConditionalCheckFailedException`. A cancelled workflow run had left the lock in DynamoDB. Fix: check in the Actions UI that no other run is active, then `terraform force-unlock <LOCK_ID>` from the same root."),
        ("constraint", "aws, accounts", "", "Production changes only run from CI using the OIDC role gha-terraform-prod. Nobody has standing admin credentials in prod. Break-glass access goes through the SSO AdministratorAccess permission set and is audited."),
    ]),
    ("2025-02-04 10:00", [  # s03
        ("decision", "eks, kubernetes", "envs/prod/eks/main.tf", "The EKS clusters run Kubernetes 1.30 with managed node groups: general is m7g.large Graviton, and a separate search node group uses r7g.xlarge for the search service's memory. Karpenter was deferred until after the 1.31 upgrade."),
        ("convention", "images, arm64", "", "Every service image is built for linux/arm64 (Graviton nodes). Multi-arch only where developers need to run it locally on x86."),
        ("gotcha", "eks, aws-auth", "", "Editing the aws-auth ConfigMap by hand once locked everyone out of the cluster. We now use EKS access entries (the access_entries block in the eks module) and the ConfigMap is no longer used."),
    ]),
    ("2025-02-18 15:00", [  # s04
        ("decision", "postgres, pgbouncer, rds", "helm/pgbouncer/values.yaml", "PgBouncer runs as a Deployment in front of RDS Postgres for ledger-api and mobile-backend, in session pooling mode for now, with 100 server connections per database. A direct RDS Proxy was rejected: it pins connections as soon as you use prepared statements, and it is billed per vCPU."),
        ("note", "rds", "envs/prod/rds/main.tf", "RDS: Postgres 15 on db.r6g.large, Multi-AZ, 14-day backups, Performance Insights on. Storage autoscaling caps at 1 TB."),
        ("progress", "status", "", "Done: VPC, EKS, RDS, PgBouncer. Next: secrets management and the observability stack."),
    ]),
    ("2025-03-04 11:00", [  # s05
        ("decision", "secrets, kubernetes", "helm/external-secrets/values.yaml", "Secrets live in AWS Secrets Manager and get into pods through External Secrets Operator (ClusterSecretStore aws-sm). We ruled out Sealed Secrets, because rotating meant re-encrypting and committing, and SOPS, because developers would need KMS access to edit."),
        ("convention", "secrets, naming", "", "Secret names in Secrets Manager follow /<env>/<service>/<name>, for example /prod/ledger-api/database-url."),
        ("debugging", "terraform, state-lock", "", "Another stuck state lock (Mar 3), same ConditionalCheckFailedException. Two PRs touching envs/prod/eks planned at the same moment, and one run was killed by the job timeout. We raised the plan job timeout to 30 min and added a concurrency group per root in terraform.yml, so runs on the same root queue instead of racing."),
    ]),
    ("2025-03-25 09:30", [  # s06
        ("decision", "observability, metrics", "helm/monitoring/values.yaml", "Observability: kube-prometheus-stack with Prometheus (15 days retention), Grafana and Alertmanager to PagerDuty. Logs go to Loki with a 30-day retention. We did not pick Datadog: the quote was about $9k per month for our host and log volume."),
        ("convention", "alerts", "helm/monitoring/rules", "Alert rules live next to the service in helm/monitoring/rules/<service>.yaml. Every paging alert needs a runbook_url annotation pointing to docs/runbooks/."),
        ("note", "cost", "", "NAT gateway data processing was 31% of the February bill. Cause: image pulls from ECR and S3 traffic went through NAT. Added VPC endpoints for ECR api/dkr and an S3 gateway endpoint."),
    ]),
    ("2025-04-15 14:00", [  # s07
        ("note", "eks, upgrade", "envs/prod/eks/main.tf", "EKS upgrade runbook: 1. staging control plane, 2. managed add-ons (vpc-cni, coredns, kube-proxy) to the versions listed for the release, 3. node groups with max_unavailable 1, 4. one day of soak, then prod. Check deprecated APIs with `kubent` before step 1.", {"name": "eks-upgrade-runbook"}),
        ("debugging", "eks, upgrade, dns", "", "After the 1.31 upgrade on staging, pods timed out on DNS lookups. The coredns add-on was still on the 1.30 version and crashlooped because of a changed Corefile. Fix: update the add-on with resolve_conflicts_on_update = OVERWRITE. The runbook now has the add-on step before the node groups."),
        ("decision", "eks, version", "", "Both clusters run Kubernetes 1.31 since Apr 17."),
    ]),
    ("2025-05-06 10:00", [  # s08
        ("decision", "autoscaling, karpenter", "modules/karpenter", "Karpenter replaces the managed node groups for general workloads. NodePools 'general' (arm64, spot and on-demand mixed) and 'search' (r7g, on-demand only). The managed node group stays only for system pods (karpenter, coredns)."),
        ("constraint", "spot, stateful", "", "Stateful or long indexing workloads (the search indexer, Airflow workers) must not run on spot. They carry the karpenter.sh/capacity-type: on-demand nodeSelector."),
        ("gotcha", "karpenter, pdb", "", "Karpenter consolidation could not drain nodes because the PodDisruptionBudget for mobile-backend had minAvailable equal to replicas. Use maxUnavailable: 1 in service charts."),
    ]),
    ("2025-06-03 15:00", [  # s09
        ("debugging", "terraform, state-lock", ".github/workflows/terraform.yml", "Third stuck state lock, on Jun 2. This time a developer ran terraform apply from a laptop against staging, and their VPN dropped mid-apply. Besides force-unlock, local applies are now blocked: the state bucket policy allows writes only from the CI roles."),
        ("convention", "terraform, modules, versioning", "modules", "Modules are versioned with git tags (modules/<name>/vX.Y.Z), and roots pin `?ref=`. Bump the tag in a separate PR from the consumer change."),
        ("note", "cost", "", "The Savings Plan (compute, 1 year, no upfront) bought on Jun 1 covers about 70% of the steady EC2 usage."),
    ]),
    ("2025-07-01 10:00", [  # s10
        ("ruled-out", "terraform, opentofu", "", "We looked at OpenTofu when Terraform's license changed. Not moving yet: our providers work with both, and the team doesn't want two migrations (state encryption, CI) in the same quarter. We'll look again in Q4."),
        ("decision", "pgbouncer, postgres", "helm/pgbouncer/values.yaml", "PgBouncer moves from session to transaction pooling on Aug 1 (announced to ledger-api and mobile-backend). Apps must stop relying on session state, and pgx and Hikari need prepared statements off or describe-only."),
        ("progress", "status", "", "infra status (July): Karpenter is live, observability is live, External Secrets is live. Open: PgBouncer transaction mode (Aug 1), EKS 1.32, OpenTofu evaluation in Q4.", {"name": "current-status"}),
    ]),
    ("2025-08-04 16:00", [  # s11
        ("note", "pgbouncer, incident", "", "PgBouncer transaction mode went live on Aug 1. ledger-api hit 'prepared statement already exists' and fixed it with cache_describe. mobile-backend had set prepareThreshold=0 beforehand. Server connections at peak went from 96 to 31."),
        ("convention", "changes, announcements", "", "Changes that affect other teams (pooler modes, cluster upgrades, DNS) get an announcement in #eng-changes at least a week ahead, with the date and what each app must do."),
        ("debugging", "dns, route53", "", "Staging certificates stopped renewing: cert-manager's DNS01 challenge failed with AccessDenied on route53:ChangeResourceRecordSets. The IRSA role policy was scoped to the old hosted zone ID after the zone was recreated. Fix: reference the zone ID from the route53 module's output, not a hardcoded string."),
    ]),
    ("2025-09-09 10:00", [  # s12
        ("note", "eks, upgrade", "", "EKS upgrade runbook (September): as before, but the add-ons move through the eks-addons module's version map, nodes are replaced by Karpenter drift (no node group step), and the system node group is upgraded last. Still kubent first and one day of soak on staging.", {"name": "eks-upgrade-runbook"}),
        ("decision", "eks, version", "", "Both clusters are on Kubernetes 1.32 since Sep 11. Staging went first, on Sep 9."),
        ("gotcha", "karpenter, drift", "", "Karpenter drift replaces every node at once if the NodePool budget allows it. Set disruption.budgets to nodes: '10%' before an AMI or version change."),
    ]),
    ("2025-10-14 14:00", [  # s13
        ("decision", "terraform, opentofu", ".github/workflows/terraform.yml", "We're moving to OpenTofu 1.8 after all, root by root, starting with staging. State encryption with the KMS key alias/tofu-state is the main reason, and Terraform 1.10+ would need a commercial licence for our internal platform use. Sven and Priya decided this on Oct 14."),
        ("gotcha", "opentofu, providers", "", "OpenTofu reads providers from registry.opentofu.org. Pin providers the same way and run `tofu init -upgrade` once per root, or the lock file keeps the hashes from registry.terraform.io and init fails with checksum errors."),
        ("progress", "status", "", "infra status (October): EKS 1.32 on both clusters. OpenTofu migration started (staging network and eks roots done). Open: prod roots, retiring the last managed node group to Karpenter only.", {"name": "current-status"}),
    ]),
    ("2025-11-11 09:00", [  # s14
        ("debugging", "terraform, state-lock", "", "A fourth stuck lock, now with OpenTofu: `Error acquiring the state lock` after a runner was preempted. Runbook as before (confirm no active run, then `tofu force-unlock`). We also set `-lock-timeout=5m` so that queued runs wait instead of failing right away."),
        ("progress", "opentofu", "", "OpenTofu: all staging roots and prod network are migrated. The prod eks and rds roots are planned for the week of Nov 24, after the Black Friday freeze."),
        ("constraint", "freeze, black-friday", "", "Change freeze Nov 26 to Dec 2 (Black Friday/Cyber Monday): no applies to prod and no cluster changes. Only Sven or Priya can lift it, for incidents."),
    ]),
]
replaced(P, "7.3", "12.2")
replaced(P, "10.1", "13.1")
replaced(P, "13.3", "14.2")
q(P, "decision", "why do we run plans in Actions instead of a dedicated server?", "1.4")
q(P, "decision", "how do app secrets get into the pods?", "5.1")
q(P, "decision", "why are we moving to OpenTofu?", "13.1", sup="10.1")
q(P, "ruled-out", "did we price Terraform Cloud?", "2.1", asked="2025-04-01")
q(P, "ruled-out", "what other secrets tools were on the table?", "5.1")
q(P, "ruled-out", "why don't we use RDS Proxy?", "4.1")
q(P, "ruled-out", "why not Datadog?", "6.1")
q(P, "constraint", "can I apply to prod from my laptop?", "2.3 9.1 9.5")
q(P, "constraint", "which workloads must stay off spot instances?", "8.2")
q(P, "constraint", "is there a freeze around the holidays?", "14.3")
q(P, "convention", "how should I name a new secret?", "5.2", asked="2025-05-12")
q(P, "convention", "what tags do resources need?", "1.3")
q(P, "convention", "what does a paging alert need before it merges?", "6.2")
q(P, "convention", "how do roots reference module versions?", "9.2")
q(P, "debugging", "certificates stopped renewing on staging", "11.3")
q(P, "debugging", "DNS timeouts after the cluster upgrade", "7.2", asked="2025-05-05")
q(P, "gotcha", "nodes won't drain during consolidation", "8.3")
q(P, "gotcha", "checksum errors after switching to tofu", "13.2")
q(P, "gotcha", "how did we lock ourselves out of the cluster?", "3.3", asked="2025-03-18")
q(P, "progress", "where is the OpenTofu migration at?", "14.2", sup="13.3")
q(P, "progress", "what was still open in infra in mid-July?", "10.3", asked="2025-07-20")
q(P, "knowledge-update", "what Kubernetes version are the clusters on?", "12.2", sup="7.3")
q(P, "knowledge-update", "what Kubernetes version were we on in the summer?", "7.3", asked="2025-08-15", sup="3.1")
q(P, "knowledge-update", "which pooling mode does PgBouncer use?", "10.2 11.1 11.5", sup="4.1")
q(P, "knowledge-update", "what are the steps to upgrade EKS?", "12.1", sup="7.1")
q(P, "temporal", "what did we change to cut costs in the spring?", "6.3 8.4")
q(P, "temporal", "what happened in the first days after the pooler switch in August?", "11.1")
q(P, "multi-session", "every time the terraform lock got stuck, what caused it?", "2.2 5.3 9.1 14.1")
q(P, "multi-session", "all the things we did to reduce the AWS bill", "6.3 8.4 9.3")
q(P, "paraphrase", "why was the February invoice so high for network traffic?", "6.3")
q(P, "paraphrase", "heads-up rule before breaking other teams' stuff", "11.2")

# ---------------------------------------------------------------------------------------------------------------
P = "data-pipeline"
S = project(P, "Python 3.11, Airflow 2.9/2.10 on EKS, dbt-core, Snowflake, Great Expectations → dbt tests", "Aisha (lead), Leo")
S += [
    ("2025-01-10 10:00", [  # s01
        ("note", "architecture, stack", "dags|dbt_project.yml", "data-pipeline: Airflow 2.9 (Helm chart on the shared EKS cluster) runs the ingestion DAGs, and dbt-core transforms everything inside Snowflake. Sources: ledger-api's Postgres (replica), mobile-backend's event stream (Kinesis → S3), and Adyen settlement files. Aisha leads it, Leo works on it too."),
        ("convention", "dbt, naming", "models", "dbt layers and prefixes: stg_<source>__<table> (one per source table, renames and casts only), int_ for joins and business logic, fct_ and dim_ for marts. Marts are the only models the BI tool may read."),
        ("convention", "sql, style", ".sqlfluff", "SQL style is enforced by sqlfluff (dialect snowflake) in pre-commit: lowercase keywords, trailing commas, CTEs instead of subqueries, and no SELECT * in marts."),
        ("decision", "warehouse, snowflake", "", "Snowflake over BigQuery. Finance already has Snowflake for the ERP data, and the data share with the accountants works natively. BigQuery's on-demand pricing also made cost hard to predict with our ad-hoc analysts."),
        ("constraint", "pii, compliance", "", "No raw PII (names, emails, IBANs) in the analytics schemas. Staging models hash or drop them. The raw schema is readable only by the LOADER and TRANSFORMER roles."),
    ]),
    ("2025-01-24 14:00", [  # s02
        ("decision", "ingestion, postgres", "dags/ingest_ledger.py", "Ledger data is loaded incrementally by updated_at from the read replica every hour into raw.ledger_*, with MERGE on the primary key. We rejected full reloads (entries is already at 180M rows) and Fivetran (priced per monthly active row, our entries churn too much)."),
        ("gotcha", "airflow, timezones", "", "Airflow's data_interval_start is the start of the interval being processed, not the run time. The hourly ingest must filter updated_at >= data_interval_start and < data_interval_end, never on now()."),
        ("convention", "airflow, dags", "dags", "One DAG per source, with the file name equal to the dag_id. Default args come from dags/common/defaults.py (retries 3, retry_delay 5 min, owner set). No top-level DB calls in DAG files, because the scheduler parses them every 30 s."),
        ("progress", "status", "", "Ledger ingestion and stg_ledger__* models are done. Next: mobile events from S3, then the daily finance marts."),
    ]),
    ("2025-02-07 11:00", [  # s03
        ("decision", "events, ingestion", "dags/ingest_events.py", "Mobile events land in S3 as gzipped JSON lines from Kinesis Firehose, partitioned by hour. A Snowflake external stage plus Snowpipe auto-ingest loads them into raw.events (a VARIANT column). Airflow only monitors lag."),
        ("debugging", "events, schema", "models/staging/stg_events__app_events.sql", "stg_events__app_events failed with `Numeric value 'null' is not recognized`. mobile-backend had started sending amount_cents as the string \"null\" for some event types. Fix: TRY_TO_NUMBER in staging, plus a dbt test that alerts when the share of unparseable amounts goes above 0.1%."),
        ("note", "contacts", "", "Event schema questions go to Jonas on mobile-backend. The event catalogue lives in mobile-backend's docs/events.md.", {"role": "user"}),
    ]),
    ("2025-02-21 09:30", [  # s04
        ("decision", "orchestration, schedule", "dags/dbt_daily.py", "The daily dbt build runs at 02:00 UTC, after the last hourly ledger load, as `dbt build --select +marts` through the dbt_daily DAG (KubernetesPodOperator with the dbt image)."),
        ("decision", "data-quality", "", "Data tests: Great Expectations suites on the raw tables, dbt tests (unique, not_null, relationships, accepted_values) on the models. Failures page the data on-call during working hours only."),
        ("gotcha", "snowflake, merge", "", "A MERGE fails with `Duplicate row detected during DML action` when the source batch contains the same key twice, which happens when a row is updated twice within an hour. Dedupe in the source CTE with QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY updated_at DESC) = 1."),
    ]),
    ("2025-03-11 10:00", [  # s05
        ("debugging", "dst, timezones, duplicates", "models/marts/fct_daily_payouts.sql", "After the US DST switch on Mar 9, fct_daily_payouts had duplicate rows for Mar 9 and the finance dashboard double-counted about $40k. Cause: the mart bucketed days with CONVERT_TIMEZONE('America/New_York', ...) and then joined to a calendar generated in UTC, so the 23-hour day matched two calendar rows. Fix: bucket in UTC and convert only for display, and the calendar dim now holds local_date per business timezone."),
        ("convention", "timezones", "", "Store and join in UTC. Convert to a business timezone only in the final SELECT of a mart, and name the column with a suffix, e.g. payout_date_ny."),
        ("note", "finance", "", "Finance (Olga) confirmed the corrected March numbers on Mar 12. The dashboard annotation explains the restated day."),
    ]),
    ("2025-03-28 15:00", [  # s06
        ("note", "backfill, dbt, airflow", "docs/backfill.md", "Backfill procedure: 1. pause dbt_daily, 2. `airflow dags backfill ingest_ledger -s <start> -e <end>` with max_active_runs 4, 3. `dbt build --select <model>+ --full-refresh` only for incremental models whose logic changed, otherwise `--vars '{start: ..., end: ...}'`, 4. unpause, 5. post in #data the range and the models.", {"name": "backfill-procedure"}),
        ("ruled-out", "orchestration, dagster", "", "Leo proposed Dagster (asset lineage, better local dev). Not now: we'd rewrite 23 DAGs, the platform team supports only the Airflow chart, and dbt's own lineage covers most of what we need."),
        ("constraint", "snowflake, cost", "", "The Snowflake budget is $6k/month. TRANSFORM_WH is Medium with auto-suspend at 60 s, and ad-hoc analysts use ANALYST_WH (Small) with a resource monitor that suspends at 100% of its quota."),
    ]),
    ("2025-04-16 11:00", [  # s07
        ("decision", "dbt, incremental", "models/marts/fct_ledger_entries.sql", "fct_ledger_entries is incremental with merge on entry_id and a 3-day lookback (updated_at > max - 3 days), so late updates from ledger corrections are picked up. Full refresh takes 40 min on Medium."),
        ("debugging", "airflow, kubernetes, oom", "dags/dbt_daily.py", "dbt_daily pods were OOMKilled at 02:20 most nights. dbt's manifest parse with 400 models plus 4 threads went over the 1Gi limit. Fix: memory request and limit 3Gi, and partial parsing is on, with target/ cached in a PVC."),
        ("note", "schedule", "", "The dbt daily build now starts at 04:00 UTC instead of 2am: the Adyen settlement file arrives between 02:30 and 03:30 and the payout marts need it."),
    ]),
    ("2025-05-07 10:00", [  # s08
        ("decision", "data-quality, dbt", "models/schema.yml", "We dropped Great Expectations. The suites duplicated dbt tests, the GE upgrade to 1.0 broke every suite, and nobody maintained the data docs site. Raw-table checks are now dbt source tests plus dbt-expectations macros."),
        ("convention", "git, commits", "", "Like the app teams, the repo now uses Conventional Commits. dbt model changes use the scope of the mart, e.g. `feat(payouts): ...`."),
        ("gotcha", "dbt, tests, severity", "", "dbt test severity: set `severity: warn` with `error_if: '>100'` on noisy tests. Otherwise one bad event row fails the whole daily build and blocks finance."),
        ("progress", "status", "", "Marts done: fct_ledger_entries, fct_daily_payouts, dim_accounts, fct_app_sessions. Open: the ML feature tables for ml-ranker, and the Snowflake cost review."),
    ]),
    ("2025-05-27 14:00", [  # s09
        ("decision", "features, ml", "models/features", "Feature tables for ml-ranker live in the features schema as dbt models (feat_user_7d, feat_item_30d), rebuilt daily. ml-ranker reads them through a Snowflake share. We ruled out a Feast feature store: the online serving path is already Redis on the search side, and we only need offline features."),
        ("constraint", "features, leakage", "", "Feature models must be point-in-time correct: every aggregate filters event_ts < as_of_date. ml-ranker builds training sets by joining labels to features on as_of_date, so nothing from the label day may leak in."),
        ("gotcha", "snowflake, time-travel", "", "Snowflake time travel on the features schema is set to 1 day (DATA_RETENTION_TIME_IN_DAYS = 1) to save storage. It is not a backup: to reproduce an old training set, use the dated snapshot tables feat_*_snap."),
    ]),
    ("2025-06-18 10:30", [  # s10
        ("debugging", "snowpipe, ingestion, lag", "", "Events stopped arriving for 6 hours on Jun 17 and the lag monitor fired. The Snowpipe's SQS notification had been removed when infra recreated the S3 bucket notification config with Terraform (only the Firehose lambda was declared). Fix: the Snowpipe SQS ARN is now in infra's bucket module, and we ran ALTER PIPE ... REFRESH for the missed files (they must be less than 7 days old)."),
        ("note", "cost", "", "Snowflake cost review: TRANSFORM_WH went to Small for the hourly jobs (Medium only for dbt_daily through a per-model `snowflake_warehouse` config). Expected saving about $1.4k/month."),
        ("note", "airflow, upgrade", "", "Airflow upgraded from 2.9 to 2.10.2 on Jun 18 (Helm chart 1.15). The DAG code needed no changes, except that the deprecated `schedule_interval` became `schedule`."),
    ]),
    ("2025-07-15 15:00", [  # s11
        ("convention", "errors, alerts", "", "Failed task alerts go to Slack #data-alerts with the DAG, the task and a link to the log. Pages only for dbt_daily and ingest_ledger between 07:00 and 20:00 Europe/Berlin."),
        ("decision", "retention, pii", "models/staging/stg_events__app_events.sql", "raw.events keeps 400 days. After that a monthly task deletes the rows, and the hashed user id in staging is enough for the marts. Legal approved this (GDPR storage limitation) on Jul 14."),
        ("progress", "status", "", "data-pipeline status (July): all finance marts and ML features are live, and Airflow 2.10 is live. In progress: migrating the Adyen file ingest from SFTP to the new S3 drop (Leo). Open: a dbt semantic layer for finance metrics.", {"name": "current-status"}),
    ]),
    ("2025-08-26 09:00", [  # s12
        ("note", "backfill, dbt, airflow", "docs/backfill.md", "Backfill procedure (August): pause dbt_daily; since Airflow 2.10 the backfill runs from the UI (Trigger DAG w/ config, with start and end) or with `airflow dags backfill` as before, max_active_runs 4; then `dbt build --select <model>+ --event-time-start ... --event-time-end ...` (microbatch models) instead of --vars; unpause; post the range in #data.", {"name": "backfill-procedure"}),
        ("decision", "dbt, microbatch", "models/marts/fct_app_sessions.sql", "fct_app_sessions moved to dbt's microbatch incremental strategy (event_time = session_start, batch_size day), so backfills of one day no longer rescan the whole lookback window."),
        ("debugging", "adyen, ingestion", "dags/ingest_adyen.py", "The new Adyen S3 drop produced doubled settlement rows. Adyen writes a file and then rewrites it with the same name when a batch is corrected, and our sensor picked up both versions. Fix: key the raw table on (file_name, line_number), keep the latest by S3 last_modified, and delete the older version's rows."),
    ]),
    ("2025-09-23 11:00", [  # s13
        ("ruled-out", "semantic-layer", "", "dbt's semantic layer (MetricFlow) for finance metrics is ruled out for now. It needs dbt Cloud for the APIs our BI tool would call, and the team only has dbt-core. The metrics are defined as views in the marts_metrics schema instead."),
        ("gotcha", "snowflake, case", "", "Snowflake uppercases unquoted identifiers. A model with a quoted alias \"payoutDate\" creates a case-sensitive column that the BI tool can't find as PAYOUTDATE. Never quote identifiers in models."),
        ("note", "team", "", "Leo is out Sep 29 to Oct 10. Aisha covers on-call for the pipeline.", {"role": "user"}),
        ("progress", "adyen", "", "The Adyen SFTP ingest is switched off. The S3 drop has been the only source since Sep 22."),
    ]),
    ("2025-10-14 10:00", [  # s14
        ("constraint", "snowflake, cost", "", "The Snowflake budget was raised to $8k/month from October, because the ML features and the events volume grew. The resource monitor on ANALYST_WH stays as it is."),
        ("decision", "ci, dbt", ".github/workflows/dbt-ci.yml", "dbt CI uses slim CI: `dbt build --select state:modified+ --defer --state prod-manifest/` against a PR schema (pr_<number>). The prod manifest is uploaded to S3 by dbt_daily."),
        ("gotcha", "dbt, defer", "", "With --defer, a model that is new in the PR but referenced by another new model must be selected too, or the ref resolves to nothing in prod and CI fails with 'Object does not exist'. state:modified+ covers that only if both files changed."),
    ]),
    ("2025-11-04 14:00", [  # s15
        ("debugging", "dst, timezones, duplicates", "models/marts/fct_app_sessions.sql", "DST again: after the Nov 2 switch, fct_app_sessions showed a 25-hour Nov 2 with sessions counted twice in the 1am hour for New York users. The microbatch model bucketed by local hour. Fix: event_time and batches in UTC, local hour only in the reporting view. It was the same class of bug as March's payout duplicates."),
        ("note", "dst, checklist", "docs/dst-checklist.md", "We added docs/dst-checklist.md: before each DST change (second Sunday of March and first Sunday of November in the US, last Sundays of March and October in the EU), run the dst_audit dbt test selection on the last year of data."),
        ("progress", "status", "", "data-pipeline status (November): all marts are on UTC bucketing. Slim CI is live. Open: the Airflow 3 upgrade (Q1), and moving the events ingest to Snowpipe Streaming.", {"name": "current-status"}),
    ]),
]
replaced(P, "4.1", "7.3")
replaced(P, "4.2", "8.1")
q(P, "decision", "why Snowflake and not BigQuery?", "1.4", asked="2025-02-25")
q(P, "decision", "how do the ledger tables get into the warehouse?", "2.1")
q(P, "decision", "how does ml-ranker get its features?", "9.1")
q(P, "ruled-out", "why not Fivetran for the Postgres source?", "2.1")
q(P, "ruled-out", "did we consider moving off Airflow?", "6.2", asked="2025-07-07")
q(P, "ruled-out", "why don't we use a feature store?", "9.1")
q(P, "ruled-out", "what was wrong with the metrics layer from dbt?", "13.1")
q(P, "constraint", "how much can we spend on Snowflake per month?", "14.1", sup="6.3")
q(P, "constraint", "what's the rule for PII in analytics schemas?", "1.5")
q(P, "constraint", "how do we avoid leaking the label into training features?", "9.2")
q(P, "convention", "what prefix should a new join model get?", "1.2")
q(P, "convention", "which timezone do we join in?", "5.2 11.5")
q(P, "convention", "can a DAG file query the database at import time?", "2.3")
q(P, "debugging", "finance saw doubled numbers after the clocks changed", "5.1 15.1")
q(P, "debugging", "events stopped showing up for hours in June", "10.1")
q(P, "debugging", "the nightly dbt job kept getting killed", "7.2", asked="2025-06-01")
q(P, "debugging", "settlement rows appeared twice after moving to the S3 drop", "12.3")
q(P, "gotcha", "MERGE complains about duplicate rows", "4.3", asked="2025-04-02")
q(P, "gotcha", "BI tool can't find a column we just added", "13.2")
q(P, "gotcha", "can I use time travel to rebuild an old training set?", "9.3")
q(P, "progress", "what's still open on data-pipeline?", "15.3", sup="11.3")
q(P, "progress", "where was the Adyen ingest migration in the summer?", "11.3", asked="2025-08-10")
q(P, "knowledge-update", "what time does the daily dbt build start?", "7.3", sup="4.1")
q(P, "knowledge-update", "which Airflow version are we running?", "10.3", sup="1.1")
q(P, "knowledge-update", "how do we run a backfill?", "12.1", sup="6.1")
q(P, "knowledge-update", "what do we use for data quality checks on raw tables?", "8.1", sup="4.2")
q(P, "temporal", "what did we change right after the March clock change?", "5.1 5.2")
q(P, "temporal", "what did we originally use for data tests?", "4.2")
q(P, "multi-session", "how many times has daylight saving time broken our numbers?", "5.1 15.1")
q(P, "multi-session", "everything we did to lower the Snowflake bill", "6.3 10.2")
q(P, "paraphrase", "someone's quotes made a column lowercase and now dashboards break", "13.2")
q(P, "paraphrase", "testing only the models a pull request touched", "14.2")

# ---------------------------------------------------------------------------------------------------------------
P = "design-system"
S = project(P, "TypeScript, React 18/19, Radix primitives, vanilla-extract, Storybook 8, Vite library mode, Changesets, pnpm", "Chloe (lead), Nadia; Tom from December")
S += [
    ("2025-01-14 10:00", [  # s01
        ("note", "architecture, stack", "packages/ui/package.json", "design-system: a pnpm monorepo with @acme/tokens (design tokens), @acme/ui (React components) and @acme/icons. The web dashboard and the admin app use it. Chloe leads it and Nadia works on it too."),
        ("decision", "styling, css", "packages/ui/src/button/button.css.ts", "Styling uses vanilla-extract (zero-runtime CSS-in-TS with typed themes). We ruled out styled-components and Emotion because runtime style injection hurts SSR streaming in the dashboard's Next.js app, and Tailwind because consumers would need our config and class names would leak into their code."),
        ("decision", "primitives, accessibility", "", "Interactive components (Dialog, Popover, Select, Tabs, Tooltip) wrap Radix primitives. Focus management and ARIA come from Radix, and we only style them."),
        ("convention", "components, api", "packages/ui/src", "Every component is in its own folder: index.ts, Component.tsx, component.css.ts, Component.stories.tsx, Component.test.tsx. Props extend the native element's props and forward refs."),
        ("convention", "pnpm", "", "pnpm only (the lockfile is pnpm-lock.yaml). CI installs with `pnpm install --frozen-lockfile`."),
    ]),
    ("2025-01-28 14:00", [  # s02
        ("decision", "tokens", "packages/tokens/tokens.json|packages/tokens/build.ts", "Design tokens are kept in packages/tokens/tokens.json (W3C design tokens format) and Style Dictionary builds CSS variables, a TS theme contract for vanilla-extract, and Swift/Kotlin constants for the mobile apps."),
        ("convention", "tokens, naming", "", "Token names are semantic, not literal: color.bg.surface, color.text.muted, space.3. Never use blue-500 in components. Raw palette tokens exist only inside tokens.json."),
        ("gotcha", "vanilla-extract, vite", "packages/ui/vite.config.ts", "vanilla-extract needs @vanilla-extract/vite-plugin in the library build and in Storybook's viteFinal. Without it, the .css.ts files are bundled as JS and styles silently do nothing."),
        ("progress", "status", "", "Button, Input, Checkbox, Dialog and Tokens v0 are done. Next: Select, Table, Toast, then the first release."),
    ]),
    ("2025-02-12 11:00", [  # s03
        ("decision", "release, versioning", ".changeset/config.json", "Releases use Changesets. Every PR that changes a published package adds a changeset (`pnpm changeset`), and the release workflow opens a 'Version Packages' PR. Merging it publishes to GitHub Packages."),
        ("ruled-out", "release, semantic-release", "", "We looked at semantic-release and ruled it out for the monorepo. It versions from commit messages per repo, and independent package versions with a human-written changelog fit Changesets better."),
        ("convention", "git, commits", "", "We still write Conventional Commits (as the app repos do), but the changelog comes from the changeset text, not from commit messages."),
        ("note", "release, process", "", "Release process: merge feature PRs with changesets, then a maintainer (Chloe or Nadia) merges the Version Packages PR, CI publishes @acme/* to GitHub Packages and tags <pkg>@<version>.", {"name": "release-process"}),
    ]),
    ("2025-02-27 10:00", [  # s04
        ("debugging", "ssr, hydration", "packages/ui/src/tooltip/Tooltip.tsx", "The dashboard showed `Warning: Prop `id` did not match. Server: \"radix-:R1:\" Client: \"radix-:R2:\"` and tooltips lost their aria-describedby after hydration. Two copies of React were bundled, because @acme/ui listed react in dependencies. Fix: react and react-dom are peerDependencies only (>=18.2), plus a check in CI that `pnpm why react` shows one version in the dashboard."),
        ("convention", "packaging, peer-deps", "packages/ui/package.json", "React, react-dom and Radix's shared context packages are peerDependencies of @acme/ui, never dependencies."),
        ("gotcha", "storybook, vite", ".storybook/main.ts", "Storybook 8 with Vite: stories that import a package by its published name resolve to dist/ unless the alias in viteFinal points to src. Otherwise you edit a component and the story doesn't change."),
    ]),
    ("2025-03-18 15:00", [  # s05
        ("decision", "testing, visual-regression", ".github/workflows/chromatic.yml", "Visual regression runs in Chromatic on every PR with TurboSnap, so only stories affected by the change are snapshotted. We rejected Percy (more expensive per snapshot) and self-hosted Playwright screenshots (font rendering differed between macOS and CI and gave constant false diffs)."),
        ("convention", "testing", "packages/ui/src/**/*.test.tsx", "Unit tests use Vitest and Testing Library: query by role and accessible name, never by class or test-id when a role exists. Each component also gets an axe check (vitest-axe)."),
        ("debugging", "tests, ci, flaky", "packages/ui/src/select/Select.test.tsx", "Select.test.tsx failed now and then in CI with 'Unable to find role=\"option\"'. Radix Select opens on pointerdown, which jsdom doesn't fire for user.click in every case, and the animation delayed mounting. Fix: open it with keyboard (user.keyboard('{ArrowDown}')) and wait with findByRole."),
    ]),
    ("2025-04-03 11:00", [  # s06
        ("decision", "dark-mode, theming", "packages/tokens/themes", "Dark mode: one theme contract and two themes (light, dark) as vanilla-extract createTheme classes on <html>. We follow prefers-color-scheme by default, and the dashboard can force one. Components never check the theme in JS."),
        ("gotcha", "dark-mode, ssr", "", "To avoid a flash of the light theme, the theme class must be set by an inline script in <head> before the body renders. Setting it in a React effect is too late."),
        ("constraint", "accessibility, contrast", "", "Text colors must reach a WCAG AA contrast of 4.5:1 on their surface token in both themes. tokens build fails when a pair listed in contrast-pairs.json is below that."),
    ]),
    ("2025-04-22 10:00", [  # s07
        ("debugging", "bundle-size, tree-shaking", "packages/ui/package.json", "The admin app grew by 180 kB after adopting @acme/ui 1.4. @acme/icons was re-exported through a barrel index and marked \"sideEffects\": true by default, so every icon was bundled. Fix: \"sideEffects\": [\"**/*.css\"] in package.json and per-icon entry points (@acme/icons/ChevronDown)."),
        ("constraint", "bundle-size", ".size-limit.cjs", "size-limit in CI: @acme/ui core (Button, Input, Dialog) must stay under 25 kB gzipped, and a PR that goes over fails."),
        ("progress", "status", "", "1.4 is out with Select, Table, Toast and dark mode. Next: the DataGrid (dashboard needs sorting, column resize), and DatePicker."),
    ]),
    ("2025-05-13 14:00", [  # s08
        ("decision", "datagrid, table", "packages/ui/src/datagrid", "DataGrid is built on TanStack Table (headless) with our own styling and virtualization through TanStack Virtual. AG Grid was ruled out: its enterprise licence is needed for column grouping, and its theming fights our tokens."),
        ("gotcha", "datagrid, virtualization", "", "Virtualized rows need a fixed estimateSize and `measureElement` for variable-height rows. Without it, scrolling fast in Safari shows blank gaps."),
        ("convention", "accessibility, tables", "", "DataGrid keeps real <table> semantics (role grid only when cells are editable) so screen readers announce row and column headers."),
    ]),
    ("2025-06-04 10:30", [  # s09
        ("decision", "react19", "packages/ui/package.json", "Support React 19 alongside 18 (peer range ^18.2 || ^19). forwardRef stays for now, because removing it would break React 18 consumers. We'll drop 18 when both apps are on 19."),
        ("debugging", "react19, types", "", "With React 19 types, our polymorphic `as` prop broke with 'JSX element type ... does not have any construct or call signatures'. The global JSX namespace is gone in @types/react 19. Fix: use React.JSX.IntrinsicElements and ComponentPropsWithRef<T> in the polymorphic helper types."),
        ("note", "release, process", "", "Release process (June): same Changesets flow, but releases also publish a canary to the `next` dist-tag on every merge to main (`0.0.0-next-<sha>`), so the apps can try a change before the Version Packages PR is merged.", {"name": "release-process"}),
    ]),
    ("2025-07-01 09:00", [  # s10
        ("decision", "datepicker", "packages/ui/src/datepicker", "DatePicker uses react-aria's useDatePicker and useCalendar hooks with our styling, because of locale-aware formatting and keyboard support. We ruled out react-day-picker: no segment-based input, and its ARIA for the grid needed patches."),
        ("gotcha", "dates, timezones", "", "DatePicker values are @internationalized/date CalendarDate objects, not JS Date. Converting with toDate(timeZone) is required at the app boundary, or a date picked in Berlin arrives a day early in UTC."),
        ("progress", "status", "", "design-system status (July): 1.7 with DataGrid and DatePicker, React 19 support. Open: mobile token export for ios-app and the Android app, the docs site migration.", {"name": "current-status"}),
    ]),
    ("2025-07-29 14:00", [  # s11
        ("decision", "tokens, mobile", "packages/tokens/build.ts", "Mobile token export: Style Dictionary writes DesignTokens.swift (a Color and CGFloat enum) for ios-app's DesignKit and a Compose Tokens.kt for Android. They're published as a release artifact, not committed to the app repos."),
        ("constraint", "tokens, breaking", "", "Renaming or removing a token is a breaking change (a major bump of @acme/tokens) because the mobile apps compile against the names. Deprecate first with $deprecated in tokens.json for one minor version."),
        ("note", "accessibility, checklist", "docs/accessibility-checklist.md", "We published the WCAG 2.2 AA checklist in docs/accessibility-checklist.md: contrast, focus visible, target size 24x24, labels, reduced motion. ios-app used it for their audit."),
    ]),
    ("2025-08-19 10:00", [  # s12
        ("decision", "docs", "apps/docs", "The docs site moved from Storybook Docs to a Next.js site in apps/docs that embeds stories through composeStories. Storybook stays for development and Chromatic. Designers wanted usage guidance pages that Storybook MDX made awkward."),
        ("debugging", "ci, chromatic, flaky", "", "Chromatic reported changes on every PR in the DataGrid stories even without changes. The stories used `new Date()` for sample data, so dates moved. Fix: fixed dates in fixtures, and `chromatic: { pauseAnimationAtEnd: true }` for the skeleton shimmer."),
        ("gotcha", "fonts, chromatic", "", "Chromatic snapshots rendered fallback fonts when Inter loaded from Google Fonts too slowly. Self-host the font in .storybook/public and preload it in preview-head.html."),
    ]),
    ("2025-09-10 15:00", [  # s13
        ("ruled-out", "styling, tailwind", "", "Tailwind came up again (the admin team uses it). Still no for the library itself: components must stay independent of the consumer's Tailwind config. We do publish a tailwind preset with our tokens for apps that want utility classes."),
        ("decision", "tailwind, tokens", "packages/tailwind-preset", "New package @acme/tailwind-preset maps our CSS variables into Tailwind's theme (colors, spacing, radius), so apps using Tailwind get the same tokens."),
        ("progress", "release", "", "2.0 is planned for October: drop React 18, remove forwardRef, rename the deprecated tokens (color.bg.default → color.bg.surface)."),
    ]),
    ("2025-10-08 10:00", [  # s14
        ("note", "release, 2.0", "", "2.0.0 released Oct 7: React 19 only, ref as a normal prop (forwardRef gone), deprecated tokens removed. There's a codemod in packages/codemods (`pnpm dlx @acme/codemods v2`) for consumers."),
        ("debugging", "release, publish", ".github/workflows/release.yml", "The 2.0 publish failed halfway: @acme/tokens 2.0.0 was published but @acme/ui failed with `E403 ... cannot publish over the previously published versions`, because a canary run had already published that version under next. Fix: the canary uses snapshot versions (`changeset version --snapshot next`), and the release job publishes in topological order and retries."),
        ("constraint", "react19", "", "@acme/ui 2.x requires React 19. Apps still on 18 must stay on 1.x, which gets security fixes only until March 2026."),
    ]),
    ("2025-11-12 14:00", [  # s15
        ("note", "release, process", ".github/workflows/release.yml", "Release process (November): Changesets as before, canaries as snapshot versions under `next`. Releases are batched on Wednesdays: the Version Packages PR is merged on Wednesday after the Chromatic review, and any maintainer including Tom (joining in December) can merge it.", {"name": "release-process"}),
        ("progress", "status", "", "design-system status (November): 2.1 out, both apps on 2.x. Open: Liquid Glass-style surfaces for the iOS token export (with Hana), and a Combobox component.", {"name": "current-status"}),
        ("note", "team", "", "Tom joins from ios-app in December and takes over the mobile token export.", {"role": "user"}),
    ]),
]
replaced(P, "2.4", "7.3")
replaced(P, "7.3", "13.3")
replaced(P, "9.1", "14.3")
q(P, "decision", "why zero-runtime CSS in the component library?", "1.2", asked="2025-03-01")
q(P, "decision", "what is the grid component built on?", "8.1")
q(P, "decision", "how do the phone apps get our colors and spacing?", "11.1")
q(P, "ruled-out", "why not AG Grid?", "8.1")
q(P, "ruled-out", "why didn't we use semantic-release?", "3.2", asked="2025-05-06")
q(P, "ruled-out", "why not take screenshots with Playwright ourselves?", "5.1")
q(P, "ruled-out", "why doesn't the library use Tailwind?", "1.2 13.1")
q(P, "constraint", "how big can the core bundle be?", "7.2")
q(P, "constraint", "can I rename a token in a minor release?", "11.2")
q(P, "constraint", "which React versions does ui 2.x support?", "14.3", sup="9.1")
q(P, "convention", "how should tokens be named?", "2.2 11.5")
q(P, "convention", "what files does a new component need?", "1.4")
q(P, "convention", "how should tests find elements?", "5.2")
q(P, "debugging", "ids mismatched between server and client and tooltips lost their description", "4.1", asked="2025-04-10")
q(P, "debugging", "the admin bundle grew a lot after upgrading", "7.1")
q(P, "debugging", "the 2.0 publish blew up halfway", "14.2")
q(P, "debugging", "the Select test that fails sometimes on CI", "5.3")
q(P, "gotcha", "styles don't apply at all in the library build", "2.3")
q(P, "gotcha", "light theme flashes before dark loads", "6.2", asked="2025-06-20")
q(P, "gotcha", "date picked in Berlin shows up as the previous day", "10.2")
q(P, "progress", "what's next for the design system?", "15.2", sup="10.3")
q(P, "progress", "what was planned for 2.0 back in September?", "13.3", asked="2025-09-25")
q(P, "progress", "what were we building after 1.4?", "7.3", asked="2025-05-01")
q(P, "knowledge-update", "how do we release packages now?", "15.1", sup="3.4 9.3")
q(P, "knowledge-update", "what happens on every merge to main, release-wise?", "9.3", asked="2025-08-01", sup="3.4")
q(P, "temporal", "what changed in the release that dropped React 18?", "14.1")
q(P, "temporal", "what did the docs look like before the Next.js site?", "12.1")
q(P, "multi-session", "every time screenshot tests flagged changes that were not real", "5.1 12.2 12.3")
q(P, "multi-session", "every reason we gave for not using Tailwind", "1.2 13.1")
q(P, "paraphrase", "icons pulled in wholesale even if we use one", "7.1")
q(P, "paraphrase", "screen readers and the big table", "8.3")

# ---------------------------------------------------------------------------------------------------------------
P = "search-service"
S = project(P, "Rust (tokio, axum, tantivy), Redis, Kafka consumer, EKS r7g nodes", "Dmitri (lead), Marco")
S += [
    ("2025-01-15 10:00", [  # s01
        ("note", "architecture, stack", "Cargo.toml|src/main.rs", "search-service: Rust (tokio, axum 0.7) serving merchant and product search for the apps, with a tantivy index per shard on local NVMe. Documents come from the catalogue Kafka topic. Dmitri leads it, and Marco helps with the API."),
        ("decision", "search-engine", "", "We embed tantivy instead of running Elasticsearch or OpenSearch. Our index is small (~12M docs), we need custom scoring in the same process as ml-ranker's re-ranking features, and a managed OpenSearch cluster was quoted at ~$2.5k/month for the needed memory."),
        ("ruled-out", "search-engine, meilisearch", "", "Meilisearch was ruled out: no control over the ranking function beyond its ranking rules, and at the time no sharding for our document count."),
        ("convention", "rust, errors", "src/error.rs", "Library crates use thiserror enums. The binary and handlers use anyhow only at the edges and convert to AppError, which implements IntoResponse. No unwrap() outside tests and main()."),
        ("convention", "rust, lint", ".cargo/config.toml|clippy.toml", "CI runs `cargo clippy --all-targets -- -D warnings` and `cargo fmt --check`. Allowing a lint needs a comment explaining why."),
    ]),
    ("2025-01-30 14:00", [  # s02
        ("decision", "indexing, kafka", "src/indexer/consumer.rs", "The indexer consumes catalogue-updates with rdkafka. It commits offsets only after the tantivy commit that contains those documents, so a crash replays at most one batch (at-least-once, and upserts by doc id make the replay harmless)."),
        ("constraint", "latency, slo", "", "SLO: p99 under 120 ms for /search at 300 rps per pod, measured at the ingress. Ranking features must fit inside that budget."),
        ("gotcha", "tantivy, commit", "", "Searchers see new documents only after the IndexReader reloads (ReloadPolicy::OnCommitWithDelay). Tests that index and then search immediately must call reader.reload() or they see nothing."),
        ("progress", "status", "", "Indexer and /search with BM25 are working in staging. Next: filters and facets, then the problem+json errors."),
    ]),
    ("2025-02-13 11:00", [  # s03
        ("decision", "errors, api, problem-json", "src/error.rs", "Errors now follow ledger-api's problem+json convention: AppError renders application/problem+json with type, title, status, detail and our code field (e.g. `query_too_long`). The codes are listed in docs/errors.md like in ledger-api."),
        ("decision", "facets, filters", "src/query/filters.rs", "Filters (category, city, price range) use tantivy fast fields. Facets come from a FacetCollector on the category path (/food/bakery). Price is stored as u64 cents, the same minor-units rule as ledger-api."),
        ("gotcha", "tantivy, schema", "", "Changing a field's options (e.g. making a field FAST) needs a full reindex. tantivy won't change the schema of an existing index."),
    ]),
    ("2025-03-04 09:00", [  # s04
        ("debugging", "oom, reindex, memory", "src/indexer/reindex.rs", "The first full reindex on prod got the pod OOMKilled at ~14 GiB. Each of the 8 indexing threads had a 1 GiB writer heap, the old index's mmap pages were still resident, and the pod limit was 12Gi. Fix: writer heap 300 MB per thread with 4 threads, the reindex builds into a fresh directory and switches an atomic symlink, and the old reader is dropped before merge."),
        ("note", "reindex, runbook", "docs/reindex.md", "Reindex runbook: 1. scale the indexer to 0, 2. run the reindex job (k8s Job reindex-full, on-demand node), 3. check doc counts against the catalogue DB, 4. flip the symlink with `searchctl activate <dir>`, 5. scale the indexer back up. It takes about 50 min for 12M docs.", {"name": "reindex-runbook"}),
        ("constraint", "nodes, memory", "", "Search pods run on the r7g.xlarge search node group (32 GiB), one search pod per node, with memory limit 24Gi. The index must fit in page cache."),
    ]),
    ("2025-03-19 15:00", [  # s05
        ("decision", "api, versioning", "src/routes/mod.rs", "The API is versioned in the path (/v1/search). Breaking changes go to /v2 and /v1 stays for 6 months. We chose this over header versioning because the iOS app and CDN logs are easier to reason about."),
        ("debugging", "tests, ci, flaky", "tests/search_it.rs", "tests/search_it.rs failed randomly in CI with 'expected 3 hits, got 0'. Tests ran in parallel on the same temp index directory (a fixed /tmp/search-test path). Fix: tempfile::tempdir() per test, and an explicit reader.reload() after commit."),
        ("convention", "tests", "", "Integration tests build their own index in a tempdir through TestIndex::with_docs(...). Never use shared paths, because cargo test runs tests in parallel threads."),
    ]),
    ("2025-04-09 10:00", [  # s06
        ("decision", "ranking, ml, onnx", "src/rank/mod.rs", "Ranking is two-stage: tantivy BM25 picks the top 200, then ml-ranker's LightGBM model re-ranks them in-process. The model is exported to ONNX and run with the ort crate. Features come from the doc's fast fields and from per-user features in Redis."),
        ("ruled-out", "ranking, remote", "", "We ruled out calling ml-ranker over HTTP for each query: an extra ~25 ms network hop at p99 and one more service on the hot path. The model file is shipped to search-service instead."),
        ("constraint", "ranking, model-size", "", "A re-rank model must score 200 candidates in under 8 ms p99 on one core. ml-ranker checks this in its export step."),
    ]),
    ("2025-04-29 14:00", [  # s07
        ("debugging", "oom, reindex, memory", "", "A second OOM during a reindex, on Apr 28. The reindex job and the serving pod landed on the same node after the search node group was scaled down, so page cache and two heaps competed. Fix: pod anti-affinity between reindex-full and search pods, and the job requests 16Gi."),
        ("gotcha", "onnx, ort, arm64", "", "The ort crate's prebuilt onnxruntime for linux-aarch64 needs glibc 2.35. Our distroless base (debian 11) failed with `GLIBC_2.33 not found`. Switched to gcr.io/distroless/cc-debian12."),
        ("note", "performance", "", "With re-ranking: p99 96 ms at 300 rps per pod, p50 21 ms. Re-rank is 6 ms of that."),
    ]),
    ("2025-05-20 10:00", [  # s08
        ("decision", "autocomplete", "src/routes/suggest.rs", "Autocomplete (/v1/suggest) uses a separate FST built with the fst crate from the top 500k queries and merchant names, rebuilt hourly. We rejected prefix queries on the main index: too slow on single letters (~80 ms)."),
        ("gotcha", "unicode, normalization", "src/text/normalize.rs", "Queries and documents must be NFKC-normalized and lowercased with the same function (text::normalize). Before that, 'Café' from iOS (decomposed é) did not match the catalogue's composed é."),
        ("convention", "text, analyzers", "", "All text fields use the `acme_text` tokenizer: simple tokenizer, lowercase, ASCII folding, and a language stemmer chosen by the document's locale field. Register it in one place, src/text/mod.rs."),
    ]),
    ("2025-06-10 11:00", [  # s09
        ("note", "reindex, runbook", "docs/reindex.md", "Reindex runbook (June): the reindex now runs as a blue/green index. `searchctl reindex --target green` builds it on the dedicated reindex node (anti-affinity with search pods), the indexer keeps consuming into blue, then `searchctl catchup green --from-offset <saved>` replays Kafka from the offset saved at the start, and `searchctl activate green` switches. No need to scale the indexer to 0 anymore.", {"name": "reindex-runbook"}),
        ("decision", "indexing, kafka", "", "The Kafka consumer group for the indexer is now one per index color (search-indexer-blue/green), so a reindex can replay from a saved offset without touching the live consumer."),
        ("progress", "status", "", "search-service status (June): /v1/search with re-ranking, /v1/suggest, blue/green reindex. Open: a geo filter for 'near me', a synonyms list, and /v2 with cursor pagination.", {"name": "current-status"}),
    ]),
    ("2025-07-02 15:00", [  # s10
        ("decision", "geo", "src/query/geo.rs", "The 'near me' filter uses a geohash prefix (precision 6, about 1.2 km cells) stored as a fast field, plus a distance re-check on the top candidates. tantivy had no native geo queries in our version, and a separate R-tree was more code than it's worth."),
        ("debugging", "geo, results", "", "'Near me' returned nothing for users near cell borders. A single geohash prefix misses neighbours. Fix: query the cell plus its 8 neighbours (geohash::neighbors) and then filter by haversine distance."),
        ("note", "synonyms", "config/synonyms.txt", "Synonyms live in config/synonyms.txt (one group per line, comma separated). They're applied at query time only, so changing them doesn't need a reindex."),
    ]),
    ("2025-08-06 10:00", [  # s11
        ("debugging", "oom, memory, allocator", "src/main.rs", "Serving pods slowly grew to 20 GiB and got OOMKilled after ~5 days, with no reindex involved this time. Glibc malloc fragmentation from many short-lived per-query allocations across tokio worker threads. Fix: jemalloc as the global allocator (tikv-jemallocator) with background threads. RSS now stays flat around 9 GiB."),
        ("note", "metrics", "", "Added process_resident_memory_bytes and jemalloc stats (allocated, resident) to /metrics. The alert fires when resident memory is above 18 GiB for 30 min."),
        ("gotcha", "jemalloc, arm64", "", "tikv-jemallocator on arm64 needs the page size configured for 64k-page kernels. Our Graviton AMIs use 4k pages, so the default works, but don't switch AMIs without checking."),
    ]),
    ("2025-09-03 14:00", [  # s12
        ("decision", "api, pagination, v2", "src/routes/v2.rs", "/v2/search uses cursor pagination: the cursor is the score plus the doc address of the last hit, encoded and signed with HMAC so clients can't forge it. Offset (from/size) stays in /v1 only, capped at 1000."),
        ("ruled-out", "graphql, api", "", "Tom (ios-app) asked whether search could be part of a GraphQL gateway. No: the search response is one flat list, and caching at the CDN by URL is what keeps the p99 down. The same reasoning as ledger-api."),
        ("note", "deprecation", "", "/v1/search deprecation: the Sunset header was added on Sep 3, with the date 2026-03-01. The apps are asked to move to /v2 by January."),
    ]),
    ("2025-10-01 10:00", [  # s13
        ("debugging", "ranking, model, features", "src/rank/features.rs", "After ml-ranker shipped model v7, click-through dropped 4%. The feature order in the ONNX input did not match: v7 added `distance_km` in the middle of the feature list, and our feature vector builder used positional order from the old list. Fix: the model export now writes feature_names.json and search-service builds the vector by name, refusing to load a model with unknown names."),
        ("constraint", "ranking, contract", "", "The contract with ml-ranker: every model artifact ships with feature_names.json and a version. search-service rejects a model whose features it can't produce, and rolls back to the previous artifact automatically."),
        ("progress", "status", "", "search-service status (October): /v2 with cursor pagination is live, geo filter and synonyms are live, and the v7 model is live (after the feature order fix). Open: moving the apps off /v1, and per-city relevance tuning.", {"name": "current-status"}),
    ]),
    ("2025-11-05 11:00", [  # s14
        ("note", "reindex, runbook", "docs/reindex.md", "Reindex runbook (November): blue/green as before, but `searchctl reindex` now also checks doc counts against the catalogue DB and refuses to activate below 99.5%. It runs on a weekly schedule (Sunday 03:00 UTC) as a CronJob, and manual runs are only needed after schema changes.", {"name": "reindex-runbook"}),
        ("debugging", "oom, reindex, memory", "", "The weekly reindex CronJob was OOMKilled on its first run (Nov 2). The CronJob template had been copied from an old manifest with the 12Gi limit and without the anti-affinity. Fix: both the Job and the CronJob now use the same Helm template (templates/reindex-job.yaml)."),
        ("note", "adoption", "", "The iOS app moved to /v2 in 2.9 and the Android app in 5.3. The web dashboard is still on /v1 (Nadia says December)."),
    ]),
]
replaced(P, "9.3", "13.3")
q(P, "decision", "why do we embed the index library instead of running a search cluster?", "1.2")
q(P, "decision", "how does the re-ranking model run in the service?", "6.1")
q(P, "decision", "how does the 'near me' filter work?", "10.1")
q(P, "decision", "how do typeahead suggestions work?", "8.1")
q(P, "ruled-out", "was Meilisearch an option?", "1.3", asked="2025-03-01")
q(P, "ruled-out", "why not call the ranker service over the network?", "6.2")
q(P, "ruled-out", "why not just use prefix queries for autocomplete?", "8.1")
q(P, "constraint", "what's our latency target for search?", "2.2")
q(P, "constraint", "how fast does a ranking model have to be?", "6.3")
q(P, "constraint", "what does a model artifact need to include?", "13.2")
q(P, "convention", "how should errors be handled in Rust code here?", "1.4", asked="2025-02-20")
q(P, "convention", "where do I register a text analyzer?", "8.3")
q(P, "convention", "how should integration tests set up an index?", "5.3")
q(P, "debugging", "click-through fell after a new model shipped", "13.1")
q(P, "debugging", "near me finds nothing at the edge of an area", "10.2")
q(P, "debugging", "pods slowly eat memory over several days", "11.1")
q(P, "debugging", "search integration test with zero hits on CI", "5.2", asked="2025-04-15")
q(P, "gotcha", "I indexed a doc in a test and search doesn't find it", "2.3")
q(P, "gotcha", "accented words from iPhones don't match", "8.2", asked="2025-07-15")
q(P, "gotcha", "binary fails on arm with a glibc error", "7.2")
q(P, "progress", "which clients still use the old search endpoint?", "14.3")
q(P, "progress", "what was open on search in the summer?", "9.3", asked="2025-08-20")
q(P, "knowledge-update", "how do I do a full reindex?", "14.1", sup="4.2 9.1")
q(P, "temporal", "what were the reindex steps in spring?", "4.2", asked="2025-05-15")
q(P, "temporal", "what changed after the v7 model launch?", "13.1 13.2")
q(P, "temporal", "how did the first full reindex on prod go?", "4.1")
q(P, "multi-session", "every time the reindex ran out of memory, and why", "4.1 7.1 14.2")
q(P, "multi-session", "all memory problems we've had in the serving pods and the jobs", "4.1 7.1 11.1 14.2")
q(P, "multi-session", "what did we copy from ledger-api, in conventions or reasoning?", "3.1 3.2 3.5 12.2")
q(P, "paraphrase", "cursor that clients can't tamper with", "12.1")
q(P, "paraphrase", "when is the old API version switched off?", "12.3")

# ---------------------------------------------------------------------------------------------------------------
P = "mobile-backend"
S = project(P, "Kotlin 2.0, Spring Boot 3.3 (WebMVC, later virtual threads), Postgres via PgBouncer, Flyway, Kafka, Testcontainers", "Jonas (lead), Hana, Priya (reviews)")
S += [
    ("2025-01-08 10:00", [  # s01
        ("note", "architecture, stack", "build.gradle.kts|src/main/kotlin/com/acme/mobile/Application.kt", "mobile-backend: Kotlin 2.0 on Spring Boot 3.3 (WebMVC), JDK 17, Postgres via Spring Data JDBC (not JPA), Flyway migrations, and Kafka for app events. It is the backend-for-frontend of ios-app and the Android app, and calls ledger-api and search-service. Jonas leads it."),
        ("decision", "persistence, jdbc", "", "Spring Data JDBC over JPA/Hibernate: no lazy loading surprises, no dirty checking, and the aggregates are small. Complex reads use JdbcClient with handwritten SQL in src/main/resources/sql/."),
        ("convention", "kotlin, style", ".editorconfig", "ktlint via the Spotless Gradle plugin (`./gradlew spotlessApply`). Data classes for DTOs, no !! outside tests, and constructor injection only (no @Autowired fields)."),
        ("convention", "api, json", "", "JSON is camelCase, timestamps are ISO-8601 UTC strings with a Z, and money is { amountMinor: Long, currency: String }, matching ledger-api's minor units."),
    ]),
    ("2025-01-20 14:00", [  # s02
        ("decision", "auth, tokens", "src/main/kotlin/com/acme/mobile/auth/TokenService.kt", "Auth: the apps get a short-lived JWT access token (15 minutes, ES256) and an opaque refresh token (30 days, rotated on every use, stored hashed in refresh_tokens). Reusing an already rotated refresh token revokes the whole token family."),
        ("ruled-out", "auth, sessions", "", "We ruled out server-side sessions with cookies for the apps (sticky state, CSRF handling in native clients) and third-party auth (Auth0) because of cost per MAU and data residency."),
        ("constraint", "auth, keys", "", "JWT signing keys live in AWS Secrets Manager under /prod/mobile-backend/jwt-signing and rotate every 90 days. JWKS publishes the current and the previous key."),
    ]),
    ("2025-02-03 09:30", [  # s03
        ("debugging", "tests, ci, flaky, auth", "src/test/kotlin/com/acme/mobile/auth/RefreshTokenIT.kt", "Intermittent auth spec failure in CI: RefreshTokenIT.rotatesToken failed about 1 run in 8 with `expected 200 but was 401`. The test issued a token and refreshed it within the same second, and the new JWT had the same iat and jti seed, so the family check saw a 'reuse'. Fix: jti is a random UUID instead of being derived from user+iat, and the test uses a fixed Clock bean advanced explicitly."),
        ("convention", "tests, time", "", "Never call Instant.now() in services. Inject java.time.Clock (the bean is Clock.systemUTC()), and tests use a MutableClock."),
        ("decision", "tests, testcontainers", "src/test/kotlin/com/acme/mobile/IntegrationTest.kt", "Integration tests run against Testcontainers Postgres 15 and Kafka (one shared container per JVM through a singleton base class IntegrationTest). H2 was ruled out because our SQL uses Postgres features (jsonb, ON CONFLICT)."),
    ]),
    ("2025-02-17 11:00", [  # s04
        ("decision", "errors, api, problem-json", "src/main/kotlin/com/acme/mobile/web/ErrorHandler.kt", "Errors use RFC 7807 problem+json like ledger-api: Spring's ProblemDetail (spring.mvc.problemdetails.enabled=true) and a @RestControllerAdvice that adds our `code` property. Codes are in docs/errors.md. Errors from ledger-api calls are passed through with their code when the app can act on it (insufficient_funds)."),
        ("convention", "errors", "", "Never return a 200 with an error body. Validation errors are 422 with a field list in `errors` (pointer, code)."),
        ("progress", "status", "", "Auth, profile, the accounts view (through ledger-api) and problem+json are done. Next: push notification registration and the activity feed."),
    ]),
    ("2025-03-06 15:00", [  # s05
        ("decision", "push, apns", "src/main/kotlin/com/acme/mobile/push/ApnsSender.kt", "Pushes go straight to APNs over HTTP/2 with token auth using the pushy library, and to FCM for Android. Device tokens are stored per user with the aps-environment the app reports, so TestFlight builds go to the production APNs host and debug builds to sandbox."),
        ("gotcha", "push, apns", "", "APNs answers 410 Unregistered with a timestamp when a token is dead. Delete the device token only if the timestamp is newer than the token's updated_at, or you delete a token that was just re-registered."),
        ("note", "events, schema", "docs/events.md", "App event catalogue is docs/events.md. Every event has name, version, and typed properties. data-pipeline (Aisha, Leo) reads it for their staging models."),
    ]),
    ("2025-03-21 10:00", [  # s06
        ("debugging", "events, schema, data-pipeline", "src/main/kotlin/com/acme/mobile/events/EventMapper.kt", "data-pipeline reported amount_cents arriving as the string \"null\". EventMapper used `amount?.toString() ?: \"null\"` when building the property map. Fix: omit absent properties, make the map values typed (Long?), and a contract test validates every event against the JSON schema in docs/events/."),
        ("convention", "events, versioning", "", "Changing an event's properties means a new version (card_added v2). Never change the type of an existing property. data-pipeline has to be told in #data before the release."),
        ("decision", "activity-feed", "src/main/kotlin/com/acme/mobile/feed/FeedService.kt", "The activity feed merges ledger entries (from ledger-api's /accounts/{id}/entries) with app-side events (card frozen, limit changed) in mobile-backend. The cursor wraps ledger-api's cursor plus our own last event id."),
    ]),
    ("2025-04-10 14:00", [  # s07
        ("debugging", "performance, http-client", "src/main/kotlin/com/acme/mobile/clients/LedgerClient.kt", "The activity feed p99 jumped to 2.4 s under load. The RestClient to ledger-api used the JDK HttpClient with default settings, and a new connection per request hit TLS handshakes and the ingress limit. Fix: Apache HttpClient 5 connection pool (max 50 per route, keep-alive 30 s) and 2 s timeouts."),
        ("constraint", "timeouts", "", "Every outbound call has an explicit connect and read timeout (2 s for ledger-api, 500 ms for search-service, 5 s for APNs). The app gives up on the whole request after 8 s, so backend timeouts must be shorter."),
        ("decision", "resilience", "", "Resilience4j circuit breaker around search-service calls: on open circuit, search returns an empty list with a `degraded: true` flag instead of a 503, because the app's home screen must load."),
    ]),
    ("2025-05-05 10:00", [  # s08
        ("decision", "runtime, jdk21, virtual-threads", "build.gradle.kts", "Moved to JDK 21 and turned on virtual threads (spring.threads.virtual.enabled=true). The feed calls fan out to ledger-api and search-service, and blocking calls on virtual threads keep the code simple without coroutines or WebFlux."),
        ("ruled-out", "webflux, coroutines", "", "WebFlux and Kotlin coroutines were ruled out for the whole service: rewriting the JDBC layer to R2DBC was too much, and virtual threads give the same concurrency for blocking IO."),
        ("gotcha", "virtual-threads, pinning", "", "Virtual threads get pinned inside synchronized blocks. The old Postgres driver (42.6) used synchronized in the connection, so upgrade pgjdbc to 42.7+, and watch jdk.VirtualThreadPinned events in JFR."),
    ]),
    ("2025-05-27 15:00", [  # s09
        ("debugging", "tests, ci, flaky, auth", "src/test/kotlin/com/acme/mobile/auth/LoginIT.kt", "The auth integration tests started failing intermittently again after the JDK 21 move. LoginIT.lockoutAfterFiveAttempts expected a 429 and got 401, because the attempts counter lived in a ConcurrentHashMap on a @Component that was not reset between tests, and the test order is random on JDK 21's JUnit config. Fix: the counter moved to Redis with the key per test user, and @DirtiesContext is not used (slow). Each test gets a fresh username."),
        ("convention", "tests, isolation", "", "Integration tests must not depend on order: unique users or ids per test (TestData.uniqueEmail()), and no state in singleton beans that tests share."),
        ("note", "oncall", "", "On-call rotation for mobile-backend: Jonas and Hana alternate weekly, handover Monday 10:00. PagerDuty schedule 'mobile-backend'.", {"name": "oncall-rotation"}),
    ]),
    ("2025-06-16 11:00", [  # s10
        ("decision", "auth, tokens", "", "Access tokens now live 10 minutes instead of 15 (security review finding), and refresh tokens 60 days for users with Face ID or fingerprint unlock turned on."),
        ("decision", "rate-limiting", "src/main/kotlin/com/acme/mobile/web/RateLimitFilter.kt", "Rate limiting with bucket4j on Redis: 20 req/s per user and 5 login attempts per 15 min per email. Over the limit returns 429 problem+json with Retry-After."),
        ("gotcha", "redis, lettuce", "", "Lettuce's default command timeout is 60 s. When Redis failed over, requests hung for a minute. Set spring.data.redis.timeout=500ms and make the rate limiter fail open."),
    ]),
    ("2025-07-22 10:00", [  # s11
        ("decision", "postgres, pgbouncer", "src/main/resources/application.yml", "Ahead of infra's PgBouncer move to transaction pooling on Aug 1: the JDBC URL sets prepareThreshold=0, and Hikari's maximumPoolSize goes from 10 to 20 because idle clients no longer hold server connections."),
        ("gotcha", "pgbouncer, advisory-locks", "", "The scheduled jobs used pg_try_advisory_lock (session level) for leader election, which breaks with transaction pooling. Switched to ShedLock with a JDBC lock table."),
        ("progress", "status", "", "mobile-backend status (July): auth v2 (10-minute tokens), rate limiting and virtual threads are live. In progress: account deletion flow (App Review requirement), and the PgBouncer change. Open: GraphQL request from the app teams (undecided).", {"name": "current-status"}),
    ]),
    ("2025-08-19 14:00", [  # s12
        ("decision", "account-deletion, gdpr", "src/main/kotlin/com/acme/mobile/account/DeletionService.kt", "Account deletion: the request marks the user deleted at once (login blocked, tokens revoked), and a job erases personal data after 30 days, except ledger records that we must keep for 10 years (AML). Those are pseudonymised through ledger-api's anonymize endpoint."),
        ("ruled-out", "graphql, api", "", "The app teams asked for GraphQL in the BFF. Ruled out for now: the BFF already shapes responses per screen, ledger-api and search-service are REST with keyset cursors that GraphQL connections would wrap awkwardly, and we'd need query cost limits. Screen-specific endpoints stay."),
        ("note", "oncall", "", "On-call rotation (August): Jonas, Hana and Priya rotate weekly (Priya joined the rotation for the ledger-facing endpoints), handover Monday 10:00, PagerDuty schedule 'mobile-backend'.", {"name": "oncall-rotation"}),
    ]),
    ("2025-09-15 10:00", [  # s13
        ("debugging", "auth, tokens, incident", "scripts/rotate-jwt-key.sh", "On Sep 14 about 3% of users were logged out right after the JWT signing key rotation. The rotation script replaced the secret instead of appending the new key, so JWKS no longer contained the old key and every access token signed before the rotation failed validation. Fix: the script appends the new key, signs with it, and removes the old key only after twice the access token lifetime."),
        ("convention", "runbooks", "docs/runbooks/jwt-rotation.md", "Key rotations follow docs/runbooks/jwt-rotation.md. Dry run on staging first, the day before."),
        ("note", "apps", "", "ios-app 2.8 and Android 5.2 use /v2 of the feed. /v1/feed can be removed once Android 5.1 falls under 2% of sessions."),
    ]),
    ("2025-10-20 15:00", [  # s14
        ("decision", "feature-flags", "src/main/kotlin/com/acme/mobile/flags/Flags.kt", "Remote feature flags for the apps (onboarding_v2 etc.) are served by mobile-backend from Unleash (self-hosted on EKS) through /v1/config. We stopped using the Firebase Remote Config the Android app had, so iOS and Android see the same flags."),
        ("progress", "status", "", "mobile-backend status (October): account deletion is live, PgBouncer transaction mode is live, flags come from Unleash. Open: removing /v1/feed, and the passkeys login (WebAuthn) spike.", {"name": "current-status"}),
        ("gotcha", "unleash", "", "Unleash client SDK caches toggles and refreshes every 15 s. A flag change is not instant, and integration tests must use the FakeUnleash bean, not the real client."),
    ]),
    ("2025-11-17 10:00", [  # s15
        ("decision", "auth, passkeys", "", "Passkeys spike result: we'll add WebAuthn as a second login method with the webauthn4j library, keeping password plus OTP as the fallback. Credentials are stored in webauthn_credentials. Target release is January."),
        ("debugging", "tests, ci, flaky, auth", "src/test/kotlin/com/acme/mobile/auth/PasskeyIT.kt", "The new PasskeyIT failed on CI only: 'origin mismatch'. The test's relying party origin was http://localhost:8080 but Testcontainers ran the app on a random port. Fix: build the origin from the @LocalServerPort."),
        ("note", "oncall", "", "On-call rotation (November): Hana moved to release duty on ios-app, so the rotation is Jonas and Priya weekly, plus a new backend hire from January. Handover is still Monday 10:00.", {"name": "oncall-rotation"}),
    ]),
]
replaced(P, "4.3", "11.3")
replaced(P, "11.3", "14.2")
q(P, "decision", "why JDBC and not Hibernate?", "1.2", asked="2025-03-20")
q(P, "decision", "how do refresh tokens work?", "2.1")
q(P, "decision", "what happens to a user's data when they delete their account?", "12.1")
q(P, "decision", "what does the home screen get when search is down?", "7.3")
q(P, "ruled-out", "did we think about using Auth0?", "2.2")
q(P, "ruled-out", "why not WebFlux?", "8.2")
q(P, "ruled-out", "why don't we use H2 for tests?", "3.3")
q(P, "constraint", "what timeout should I use calling search-service?", "7.2 10.5")
q(P, "constraint", "how often do the JWT keys rotate?", "2.3")
q(P, "convention", "how do I get the current time in a service?", "3.2", asked="2025-04-03")
q(P, "convention", "how should money look in API responses?", "1.4")
q(P, "convention", "what if I need to change an event property?", "6.2")
q(P, "debugging", "the flaky login test", "3.1 9.1 15.2")
q(P, "debugging", "users logged out right after the key rotation", "13.1")
q(P, "debugging", "feed got really slow under load in April", "7.1", asked="2025-05-12")
q(P, "debugging", "the warehouse got the string null for amounts", "6.1", asked="2025-04-28")
q(P, "gotcha", "requests hung for a minute when Redis failed over", "10.3")
q(P, "gotcha", "leader election broke with the pooler change", "11.2")
q(P, "gotcha", "we deleted a device token that had just been re-registered", "5.2")
q(P, "gotcha", "virtual threads stuck on the database driver", "8.3")
q(P, "progress", "what's still open on the BFF?", "14.2", sup="11.3")
q(P, "progress", "what was next after the error format work?", "4.3", asked="2025-03-01")
q(P, "knowledge-update", "how long do access tokens live?", "10.1", sup="2.1")
q(P, "knowledge-update", "who is on call for mobile-backend?", "15.3", sup="9.3 12.3")
q(P, "knowledge-update", "who was in the on-call rotation in September?", "12.3", asked="2025-09-30", sup="9.3")
q(P, "temporal", "what did we change the week before PgBouncer went to transaction mode?", "11.1 11.2")
q(P, "temporal", "which JDK did we start on?", "1.1")
q(P, "multi-session", "every time the auth integration tests flaked, what was it?", "3.1 9.1 15.2")
q(P, "multi-session", "all the places mobile-backend follows ledger-api's conventions", "1.4 4.1")
q(P, "paraphrase", "one phone OS got one set of toggles and the other another", "14.1")
q(P, "paraphrase", "too many password guesses", "10.2")

# ---------------------------------------------------------------------------------------------------------------
P = "ml-ranker"
S = project(P, "Python 3.11, LightGBM (LambdaMART), pandas/Polars, MLflow, ONNX export, Snowflake features, GitHub Actions", "Aisha, Dmitri; Leo helps with data")
S += [
    ("2025-02-05 10:00", [  # s01
        ("note", "architecture, stack", "pyproject.toml|ranker/train.py", "ml-ranker: a learning-to-rank model that re-ranks search-service's top 200 candidates. Python 3.11 with LightGBM (lambdarank objective), training data from Snowflake (data-pipeline's features schema and click logs), experiments tracked in MLflow. The model ships to search-service as ONNX. Aisha and Dmitri work on it."),
        ("decision", "model, lightgbm", "", "We start with LightGBM LambdaMART. Gradient-boosted trees are strong on our tabular features, train in minutes, and export to ONNX for the Rust service. XGBoost's ranker was close offline but slower to train on our data and its ONNX conversion needed more workarounds."),
        ("convention", "python, tooling", "pyproject.toml|.pre-commit-config.yaml", "uv for environments and locking (uv.lock committed), ruff for lint and format, mypy --strict on ranker/. Notebooks live in notebooks/ and never get imported by the package."),
        ("constraint", "latency, model-size", "", "search-service's budget: score 200 candidates in under 8 ms p99 on one core. With 120 features that means at most ~500 trees of depth 6, so check it in the export step."),
    ]),
    ("2025-02-20 14:00", [  # s02
        ("decision", "labels, clicks", "ranker/labels.py", "Labels come from search sessions: 0 for a skipped result, 1 for a click, 2 for a click followed by an order or payment within 30 minutes. Sessions without any click are dropped."),
        ("gotcha", "position-bias", "", "Raw clicks are position-biased: the top result gets clicks just for being first. We weight training pairs with inverse propensity weights estimated from the 5% randomized-top-10 traffic (RandPair bucket)."),
        ("decision", "evaluation, metrics", "ranker/evaluate.py", "Offline metric: NDCG@10 on the last 7 days held out by time, not a random split, because a random split leaks the same session's queries into train and test."),
        ("progress", "status", "", "Label pipeline and baseline v1 (BM25 only features) are done: NDCG@10 0.412. Next: user features from data-pipeline, then the ONNX export."),
    ]),
    ("2025-03-13 11:00", [  # s03
        ("decision", "export, onnx", "ranker/export.py", "Export: onnxmltools converts the LightGBM booster to ONNX (opset 15), and the export checks that ONNX scores match LightGBM's within 1e-5 on 10k rows and that 200 rows score under 8 ms on one core."),
        ("gotcha", "onnx, categorical", "", "onnxmltools doesn't support LightGBM's native categorical splits. Categorical features must be one-hot or target-encoded before training, or the export fails with 'Unable to convert categorical split'."),
        ("convention", "features, naming", "ranker/features.py", "Feature names are snake_case with a prefix per source: q_ (query), d_ (document), u_ (user), qd_ (query-document). They must match the column names in data-pipeline's feat_* tables."),
    ]),
    ("2025-04-02 10:00", [  # s04
        ("debugging", "leakage, features", "ranker/dataset.py", "v3 looked great offline (NDCG@10 0.51) but was flat in the A/B test. u_orders_7d was computed with event_ts <= as_of_date, so it included the order from the labelled session itself: label leakage. Fix: data-pipeline's feature models now filter event_ts < as_of_date, and dataset.py asserts that no feature timestamp is on or after the label timestamp."),
        ("note", "prod-model, model", "", "Production model: v2 (BM25 + document popularity features, 180 trees), live in search-service since Apr 1. NDCG@10 offline 0.447.", {"name": "prod-model"}),
        ("constraint", "ab-testing", "", "A/B tests run at least 14 days and need 95% confidence on CTR@10 and conversion before shipping. The experiment split is by user id hash in search-service (experiment service)."),
    ]),
    ("2025-04-24 15:00", [  # s05
        ("decision", "experiment-tracking, mlflow", "ranker/tracking.py", "MLflow tracking server on EKS (backed by RDS and S3). Every training run logs params, NDCG@10 per segment, the feature list and the ONNX artifact. A model is promoted with the registry alias 'production'."),
        ("ruled-out", "experiment-tracking, wandb", "", "Weights & Biases was ruled out: per-seat pricing, and the finance data in feature names can't leave our accounts."),
        ("note", "segments", "", "Segments we always report: new users (<7 days), city (Berlin, Hamburg, Munich, other), and query length (1 token, 2-3, 4+). A model must not lose more than 1% NDCG in any segment."),
    ]),
    ("2025-05-15 10:00", [  # s06
        ("note", "prod-model, model", "", "Production model: v5 (user features added after the leakage fix, 320 trees, 118 features), live since May 14 after a 14-day A/B: +3.1% CTR@10, +1.8% conversion.", {"name": "prod-model"}),
        ("ruled-out", "model, two-tower", "", "Dmitri's two-tower neural model (sentence-transformers query and doc towers) was ruled out for now: +0.6% NDCG@10 offline only, needs a GPU to train and embeddings served from another store, and the re-rank budget of 8 ms doesn't allow a transformer at query time."),
        ("debugging", "training, memory", "ranker/dataset.py", "Training crashed with MemoryError on the 90-day dataset (pandas, 41M rows x 118 features as float64). Fix: load with Polars, cast features to float32, and build the LightGBM Dataset from numpy with free_raw_data=True. Peak RAM went from 58 GB to 19 GB."),
    ]),
    ("2025-06-05 14:00", [  # s07
        ("decision", "training, schedule", ".github/workflows/retrain.yml", "Retraining runs weekly (Monday 05:00 UTC) on a GitHub Actions self-hosted runner with 64 GB RAM. The new model is registered as a candidate and never auto-promoted. Promotion needs an A/B test or, for same-feature retrains, an offline check within 0.5% of production."),
        ("gotcha", "snowflake, features, timing", "", "The weekly retrain must start after data-pipeline's dbt daily build, which now finishes around 05:00 UTC since their build moved to 04:00. The retrain waits on the features_ready marker table instead of a fixed time."),
        ("progress", "status", "", "ml-ranker status (June): v5 in production, weekly retrain live. Next: geo features for 'near me' (distance), then a per-city model experiment.", {"name": "current-status"}),
    ]),
    ("2025-07-09 10:00", [  # s08
        ("decision", "features, geo", "ranker/features.py", "Geo features: qd_distance_km (haversine between the user's location and the merchant) and qd_distance_bucket. search-service computes them at query time, because the user's location is not in Snowflake."),
        ("ruled-out", "model, per-city", "", "Per-city models were ruled out: Hamburg and Munich have too little data (NDCG fell 2-3% there), and four models quadruple the A/B and monitoring work. A city feature in one model does as well."),
        ("gotcha", "features, serving-skew", "", "Training-serving skew risk: distance in training comes from the logged location in click logs (rounded to 3 decimals), while serving uses the raw one. Round the same way in search-service, or the distance buckets differ at the edges."),
    ]),
    ("2025-08-13 15:00", [  # s09
        ("note", "prod-model, model", "", "Production model: v6 (v5 plus the city feature, 340 trees), promoted Aug 12 after an offline check (same feature family, +0.7% NDCG@10) instead of a full A/B.", {"name": "prod-model"}),
        ("debugging", "monitoring, drift", "ranker/monitor.py", "The drift monitor flagged u_sessions_30d as shifted (PSI 0.4). It was not a real drift: data-pipeline's fct_app_sessions moved to microbatch and counted sessions in UTC days, so the feature shifted slightly. We confirmed with Aisha, accepted it, and reset the reference distribution."),
        ("convention", "monitoring", "", "Drift checks: PSI per feature weekly against the training reference. Above 0.2 means a warning in #ranker, above 0.3 means looking at it before the next promotion."),
    ]),
    ("2025-09-24 10:00", [  # s10
        ("note", "prod-model, model", "", "Production model: v7 (v6 plus geo features qd_distance_km and qd_distance_bucket, 360 trees, 121 features), live since Sep 23 after a 14-day A/B: +4.4% CTR@10 for 'near me' queries, neutral elsewhere.", {"name": "prod-model"}),
        ("decision", "export, contract", "ranker/export.py", "The export writes feature_names.json (the ordered feature list) and a model_version next to the ONNX file in S3 (s3://acme-ml-models/ranker/<version>/). search-service loads features by name."),
        ("note", "incident", "", "v7 rollout problem (Oct 1): search-service built the feature vector in the old positional order, so distance landed in the wrong slot and CTR fell 4% until they fixed it. The model was fine. The feature_names.json contract now prevents this."),
    ]),
    ("2025-10-22 14:00", [  # s11
        ("decision", "evaluation, metrics", "ranker/evaluate.py", "The offline gate now also uses counterfactual evaluation: an IPS-weighted CTR estimate on the RandPair traffic next to NDCG@10, because NDCG on biased clicks overrated v3-style models."),
        ("gotcha", "mlflow, aliases", "", "MLflow 2.9+ deprecated model stages. Use registry aliases ('production', 'candidate'). The old transition_model_version_stage calls in promote.py silently did nothing after the upgrade."),
        ("progress", "status", "", "ml-ranker status (October): v7 in production, IPS evaluation added. In progress: the LightGBM 4.5 upgrade and a freshness feature (d_hours_since_update). Open: the quarterly segment report.", {"name": "current-status"}),
    ]),
    ("2025-11-19 10:00", [  # s12
        ("debugging", "export, onnx, upgrade", "ranker/export.py", "After upgrading LightGBM to 4.5, the ONNX export parity check failed: max abs diff 3e-3. LightGBM 4.x writes a different default for `zero_as_missing` handling of missing values, and onnxmltools mapped NaN differently. Fix: set use_missing=true and zero_as_missing=false explicitly in the params, and fill nulls with NaN before scoring."),
        ("progress", "freshness", "", "Freshness feature d_hours_since_update is trained into candidate v8 (+0.4% NDCG@10 offline). A/B planned for December, after the change freeze."),
        ("note", "team", "", "Aisha will present the 2025 ranker results at the Dec 10 all-hands. Numbers come from MLflow's production runs, not the notebooks.", {"role": "user"}),
    ]),
]
replaced(P, "2.4", "7.3")
q(P, "decision", "why did we go with gradient boosted trees?", "1.2", asked="2025-03-20")
q(P, "decision", "how are clicks turned into relevance grades?", "2.1")
q(P, "decision", "how often is the ranker retrained and who promotes it?", "7.1")
q(P, "ruled-out", "why not the neural two-tower model?", "6.2")
q(P, "ruled-out", "did we try separate models for each city?", "8.2")
q(P, "ruled-out", "why not Weights and Biases?", "5.2")
q(P, "constraint", "how long must an A/B test run?", "4.3 10.5")
q(P, "convention", "how should I name a new user feature?", "3.3")
q(P, "convention", "when do we act on feature drift?", "9.3")
q(P, "debugging", "the model that was great offline but did nothing in the experiment", "4.1 4.6")
q(P, "debugging", "training ran out of RAM on three months of data", "6.3", asked="2025-06-25")
q(P, "debugging", "parity check failed after the library upgrade", "12.1")
q(P, "gotcha", "export fails on categorical splits", "3.2", asked="2025-04-18")
q(P, "gotcha", "promote script did nothing after the tracking server upgrade", "11.2")
q(P, "progress", "where is the freshness feature?", "12.2 12.6")
q(P, "progress", "what was next on the ranker in early summer?", "7.3", asked="2025-06-30")
q(P, "knowledge-update", "which model version is serving in production?", "10.1", sup="4.2 6.1 9.1")
q(P, "knowledge-update", "which ranker was live in July?", "6.1", asked="2025-07-31", sup="4.2")
q(P, "temporal", "what changed in the model two months after v5?", "9.1")
q(P, "temporal", "how did we split data for evaluation at the start?", "2.3")
q(P, "multi-session", "all the ways we've fought click position bias", "2.2 11.1")
q(P, "multi-session", "every time a data-pipeline change affected the ranker", "4.1 7.2 9.2")
q(P, "paraphrase", "why the distance feature might not match between training and live", "8.3")
q(P, "paraphrase", "where do the files for search-service go?", "10.2")

# ---------------------------------------------------------------------------------------------------------------
# Memories saved later in the same sessions (ids continue after the session's first memories).
P = "ledger-api"
more(P, 1, [
    ("note", "local-dev", "docker-compose.yml|Makefile", "Local setup: `make dev` starts Postgres 15 and PgBouncer in docker compose, runs goose up and serves the API on :8080 with air for hot reload."),
    ("convention", "go, packages", "internal", "Package layout: cmd/ for binaries and internal/ for everything else, with no pkg/ directory. Handlers in internal/api depend on small interfaces declared where they are used."),
])
more(P, 2, [
    ("note", "testing, postgres", "internal/store/store_test.go", "Store tests use a real Postgres through testcontainers-go. Each test gets its own schema built from the migrations and dropped on cleanup."),
])
more(P, 3, [
    ("convention", "logging", "internal/log/log.go", "Logging uses log/slog with the JSON handler. Every request log carries request_id, account_id when known, and idempotency_key. Never log a full IBAN; mask it to the last 4 characters."),
    ("note", "api, openapi", "api/openapi.yaml", "api/openapi.yaml is the source of truth for the API. oapi-codegen generates the server interfaces and the Go client that other services use."),
])
more(P, 4, [
    ("note", "incident, postmortem", "docs/postmortems/2025-02-10-pool.md", "The postmortem for the Feb 10 outage is in docs/postmortems/2025-02-10-pool.md. Action items: a separate report pool (done), pool metrics (done), a load test for exports (open)."),
    ("gotcha", "pgxpool, context, timeouts", "", "pgxpool.Acquire waits until the request context's deadline. With chi's 60 s Timeout middleware, an empty pool shows up as 60-second hangs before the 502, not as quick errors."),
])
more(P, 5, [
    ("note", "adyen, sandbox", "", "The Adyen test merchant account is AcmeLedgerTEST, and its API key is in /staging/ledger-api/adyen-api-key. For test IBANs, use the ones in Adyen's docs, e.g. NL13TEST0123456789."),
    ("decision", "payouts, states", "internal/payouts/state.go", "Payout states are pending → submitted → confirmed | failed | returned, and internal/payouts/state.go rejects any other transition. A returned payout books a reversing transfer and never deletes entries."),
])
more(P, 6, [
    ("convention", "ci, tests", "Makefile", "CI runs `go test -race -count=1 ./...`. The race detector is mandatory, and -count=1 turns off the test cache so flaky tests show up."),
    ("note", "smoke-test", "scripts/smoke.sh", "`make smoke ENV=staging` creates two accounts, sends the same 1.00 EUR transfer twice with a fixed idempotency key, and checks that the balance moved only once."),
])
more(P, 7, [
    ("note", "fx, review", "internal/api/accounts.go", "Priya asked in review to keep the FX clearing accounts out of customer balance queries. internal/api/accounts.go now filters out account type 'clearing'."),
    ("gotcha", "json, javascript", "", "JavaScript clients lose precision on numbers above 2^53. Amounts stay JSON numbers because they are far below that, but journal ids are sent as strings."),
])
more(P, 8, [
    ("note", "incident, postmortem", "docs/postmortems/2025-04-14-pool.md", "The Apr 14 postmortem is in docs/postmortems/2025-04-14-pool.md. Priya added 'connections released on every path' to the code review checklist."),
    ("note", "pool, timeouts", "internal/store/pool.go", "store now wraps Acquire in a 2 s timeout, so an empty pool quickly returns a 503 `pool_exhausted` problem instead of hanging until the 60 s request timeout."),
])
more(P, 9, [
    ("note", "canary, analysis", "deploy/argo/analysis.yaml", "The canary analysis template fails the rollout if the 5xx rate is above 1% or p99 is above 300 ms over two 5-minute windows. The Prometheus queries are in deploy/argo/analysis.yaml."),
    ("gotcha", "canary, metrics", "", "Canary analysis needs traffic. At night 10% is about 2 rps, the p99 query returns NaN, and Argo marks the step inconclusive and pauses. Release during the day, or promote by hand."),
    ("note", "money, review", "", "Reminder from a review: a PR used float64 for FX amounts. Money is integer minor units everywhere, including FX legs, and only the rate is a decimal string."),
])
more(P, 10, [
    ("note", "reconciliation, sftp", "cmd/recon/sftp.go", "Adyen settlement reports come over SFTP from sftp.adyen.com as settlement_detail_report_batch_<n>.csv, using the key in /prod/ledger-api/adyen-sftp-key. They arrive between 02:30 and 03:30 UTC."),
    ("convention", "reconciliation", "", "A recon exception can only be closed with a reason code (timing, fx_rounding, psp_error, our_bug), and 'our_bug' needs a linked issue."),
])
more(P, 11, [
    ("note", "partners, api", "", "What the partner team actually needed was entries with the merchant name, so we added merchant_name to the entries response. That covered their use case without a new API."),
    ("note", "load-test", "loadtest/README.md", "Run load tests with `k6 run loadtest/transfers.js -e BASE_URL=...`, against staging only and never prod. Tell #ledger first, because the runs fill the staging ledger."),
])
more(P, 12, [
    ("note", "migrations, lint", ".github/workflows/ci.yml", "squawk now lints SQL migrations in CI. It flags CREATE INDEX without CONCURRENTLY, NOT NULL columns added without a default, and table rewrites."),
])
more(P, 13, [
    ("note", "api, batch", "internal/api/batch.go", "batchGet returns accounts in the order of the requested ids, with null for ids the caller can't see, so the client can zip the two lists."),
    ("note", "mobile", "", "Tom confirmed the iOS app only needs balances and the last 20 entries per account. batchGet covers the balances."),
])
more(P, 14, [
    ("note", "archive, parquet", "cmd/archive/main.go", "The archive writes one zstd Parquet file per monthly partition with parquet-go to s3://acme-ledger-archive/entries/yyyy=2023/mm=01/. The bucket has Object Lock in compliance mode for 10 years."),
    ("constraint", "retention, aml", "", "AML rules require keeping ledger entries for 10 years. The S3 archive counts as retention, but nothing may be deleted from it before then, which is why Object Lock is on."),
])
more(P, 15, [
    ("gotcha", "partitioning, locks", "", "Creating a monthly partition briefly takes an ACCESS EXCLUSIVE lock on the parent table. pg_partman's premake=4 creates partitions 4 months ahead, so this never happens at midnight on the 1st."),
    ("note", "pagination, partners", "", "The last partner on v1 offset pagination is Fyndra. They confirmed they will move by Dec 15, and after that /v1/accounts/{id}/entries returns 410."),
])

P = "ios-app"
more(P, 1, [
    ("note", "tooling, tuist", "Project.swift|Tuist/Package.swift", "The Xcode project is generated with Tuist from Project.swift. Run `tuist generate` after pulling, and never commit the .xcodeproj."),
    ("convention", "swift, style", ".swiftlint.yml|.swiftformat", "SwiftFormat runs on pre-commit and SwiftLint in CI with the rules in .swiftlint.yml. Force unwraps are only allowed in tests and previews."),
])
more(P, 2, [
    ("note", "persistence, migrations", "Core/Sources/Migrations.swift", "GRDB migrations are registered in order in Migrations.swift, named v1_initial, v2_cards and so on. Never edit a shipped migration; add a new one."),
    ("convention", "previews", "", "Every SwiftUI view has a #Preview that uses the in-memory database and a mock APIClient (PreviewAPIClient), so previews never hit the network."),
])
more(P, 3, [
    ("note", "auth, refresh", "Networking/Sources/AuthInterceptor.swift", "AuthInterceptor refreshes the access token once on a 401 and replays the request. Concurrent 401s wait on the same refresh task (an actor), so the refresh token is used only once."),
    ("gotcha", "keychain, simulator", "", "The simulator's keychain survives app deletion, so a reinstall on the simulator still finds old tokens. Reset it with `xcrun simctl keychain booted reset` when testing first launch."),
])
more(P, 4, [
    ("note", "testflight, testers", "", "External TestFlight group 'Friends & Family' (about 60 people) gets every build that passes QA. Internal builds go to the team only."),
    ("note", "ui-tests, launch-arguments", "App/LaunchArguments.swift", "UI test launch arguments are parsed in LaunchArguments.swift: -UITestMockServer <port>, -UITestDisableAutofill, -UITestResetState. They're compiled out of release builds with #if DEBUG."),
])
more(P, 5, [
    ("note", "errors, mapping", "Networking/Sources/APIError+Messages.swift", "Known problem codes mapped to user messages so far: insufficient_funds, card_frozen, limit_exceeded, rate_limited. Unknown codes show the generic 'Something went wrong' with a retry."),
    ("gotcha", "localization, xcstrings", "", "Xcode only extracts strings into the String Catalog when they are passed as LocalizedStringKey. `Text(variable)` with a String is not localized, so use `Text(LocalizedStringKey(key))` or String(localized:)."),
])
more(P, 6, [
    ("note", "push, categories", "App/PushRegistration.swift", "Push categories: TRANSACTION (with an action to freeze the card), SECURITY (new device login), and MARKETING (opt-in only, off by default)."),
    ("convention", "push, permissions", "", "Never ask for notification permission on first launch. Ask after the first completed transaction with an explanation screen first, because iOS only shows the system prompt once."),
])
more(P, 7, [
    ("note", "charts, performance", "Features/Insights/SpendingChart.swift", "Insights aggregates are computed in SQL (GRDB) by month and category. The chart never gets more than 12 x 10 points, so Swift Charts stays smooth on an iPhone 11."),
    ("gotcha", "biometrics, simulator", "", "Face ID in the simulator: Features > Face ID > Enrolled, then 'Matching Face' or 'Non-matching Face' to test both paths. UI tests can't trigger it, so the lock screen has a test hook instead."),
])
more(P, 8, [
    ("gotcha", "widget, app-group", "Widgets/BalanceWidget.swift", "The widget reads the cached balance from the app group container group.com.acme.wallet through a shared GRDB database opened read-only. Opening it read-write from both processes caused 'database is locked' errors."),
    ("note", "release, 2.4", "", "2.4.0 shipped the balance widget. 2.4.1 was the hotfix for the logout after reboot."),
])
more(P, 9, [
    ("note", "ci, runners", ".github/workflows/ios-ci.yml", "iOS CI runs on GitHub's macos-14 runners with Xcode 15.4 selected through xcode-select. A PR build (build plus unit tests) takes about 11 minutes, and the UI tests run only on main."),
    ("convention", "ci, caching", "", "CI caches SPM packages (~/Library/Caches/org.swift.swiftpm) and Tuist's cache keyed by the hash of Package.resolved. Never cache DerivedData, because it broke incremental builds twice."),
])
more(P, 10, [
    ("note", "crash-reporting", "", "Crash reporting is Sentry (sentry-cocoa), with dSYMs uploaded by `fastlane release` through sentry-cli. The crash-free sessions target is 99.8%."),
    ("note", "ios-version, analytics", "", "iOS version share in May: 17.x 84%, 18 beta testers 13%, 16.x 3%. That was the basis for moving the minimum to 17."),
])
more(P, 11, [
    ("gotcha", "swift6, mainactor", "", "In Swift 6 mode, view models marked @MainActor can't be created in a nonisolated init of a View. Create them in @State with an initializer closure, or mark the factory @MainActor."),
    ("note", "accessibility, audit", "", "Accessibility audit findings (from design-system's checklist): 23 issues, mostly missing labels on icon buttons and fixed font sizes on the balance card."),
])
more(P, 12, [
    ("note", "flags, remote-config", "Core/Sources/FeatureFlags.swift", "Remote flags are read from mobile-backend's /v1/config at launch and cached for 1 hour. Flag names are snake_case and listed in FeatureFlags.swift."),
    ("progress", "accessibility", "", "Accessibility fixes: 19 of 23 done. Still open: VoiceOver order on the card carousel and reduced-motion alternatives for the onboarding animation."),
])
more(P, 13, [
    ("note", "release, hotfix", "", "2.7.1 was reviewed within 6 hours using an expedited review request. We ask for expedited review only for crashes or security issues."),
])
more(P, 14, [
    ("note", "release, calendar", "docs/release-calendar.md", "Release calendar: cut release/X.Y every second Tuesday, QA Wednesday and Thursday, submit Thursday evening, phased release from Monday. Calendar in docs/release-calendar.md."),
    ("gotcha", "design-kit, tokens", "DesignKit/Sources/DesignTokens.swift", "DesignTokens.swift is generated by design-system's token export and downloaded by `make tokens`. Don't edit it by hand, because the next download overwrites it."),
])
more(P, 15, [
    ("note", "ios26, testing", "", "iOS 26 checks run on an iPhone 16 simulator with Xcode 26. The snapshot tests have separate reference images for iOS 26 under __Snapshots__/ios26/."),
    ("progress", "status", "", "Open for ios-app after 2.10: iPad split view for insights, the passkeys login UI (backend in January), and handing the token export over to Tom on the design-system side."),
])

P = "infra"
more(P, 1, [
    ("note", "accounts, aws", "", "AWS accounts: acme-shared (ECR, Route 53, the state bucket), acme-staging, acme-prod, all in eu-central-1 under one AWS Organization with SSO through Google Workspace."),
    ("convention", "terraform, style", ".tflint.hcl", "`terraform fmt -check`, tflint (aws ruleset) and `terraform validate` run in pre-commit and CI. Variables need a description and a type, and outputs need a description."),
])
more(P, 2, [
    ("note", "ci, oidc", "envs/shared/iam/github-oidc.tf", "GitHub Actions gets AWS credentials through OIDC: the gha-terraform-plan role (read-only, any branch) and gha-terraform-prod (write, main branch and the 'prod' environment only)."),
    ("gotcha", "terraform, plan-comments", "", "Plans above 65k characters get truncated in the PR comment. The workflow uploads the full plan as an artifact and the comment links to it."),
])
more(P, 3, [
    ("note", "networking, vpc", "envs/prod/network/main.tf", "VPC layout per environment: a /16, three private subnets (/19) for nodes and pods, three public subnets (/22) for load balancers, and three isolated subnets (/24) for RDS. One NAT gateway per AZ in prod, a single one in staging."),
    ("gotcha", "eks, ips", "", "VPC CNI gives every pod a VPC IP, so a /19 per AZ fills faster than you'd think. We turned on prefix delegation (ENABLE_PREFIX_DELEGATION=true) so that nodes get /28 prefixes."),
])
more(P, 4, [
    ("note", "rds, access", "", "Developers reach RDS only through SSM port forwarding from the bastion-less 'db-access' task (`make db-tunnel ENV=staging`). No public endpoints, and prod needs a break-glass request."),
    ("gotcha", "rds, parameter-groups", "", "Changing a static RDS parameter (e.g. shared_preload_libraries for pg_partman and pg_cron) only takes effect after a reboot. Terraform shows it as applied but the status is pending-reboot, so schedule the reboot in the maintenance window."),
])
more(P, 5, [
    ("note", "secrets, rotation", "", "RDS master passwords are managed by RDS (manage_master_user_password) and rotated by Secrets Manager every 30 days. App users get their passwords from their own secrets, rotated by a Lambda."),
    ("gotcha", "external-secrets, refresh", "", "ExternalSecret refreshInterval is 1h by default, so a rotated secret reaches the pod Secret within an hour, but pods only see it after a restart unless they read the mounted file. Use Reloader's annotation on Deployments that read secrets from env."),
])
more(P, 6, [
    ("note", "grafana, dashboards", "helm/monitoring/dashboards", "Grafana dashboards are provisioned from JSON in helm/monitoring/dashboards. Changes made in the UI are lost on restart, so export them to the repo."),
    ("convention", "alerts, severity", "", "Alert severities: page (wakes someone, needs a runbook), ticket (creates a Linear issue), and info (Slack only). Most new alerts should start as ticket."),
])
more(P, 7, [
    ("note", "eks, upgrade, 1.31", "", "1.31 staging upgrade took 3 hours including the coredns fix, and prod took 1.5 hours on Apr 17. kubent found two deprecated HPA v2beta2 manifests in the monitoring chart, which we updated beforehand."),
])
more(P, 8, [
    ("note", "cost, karpenter", "", "After a month on Karpenter with the spot/on-demand mix, EC2 spend for general workloads fell about 28% compared with the managed node groups."),
    ("convention", "kubernetes, resources", "", "Every Deployment sets CPU and memory requests, plus a memory limit equal to the request. No CPU limits (they cause throttling); Karpenter sizes nodes from the requests."),
])
more(P, 9, [
    ("note", "state, bucket-policy", "envs/shared/state/main.tf", "The acme-tfstate bucket policy denies s3:PutObject for any principal except the gha-terraform-* roles. Versioning is on, and old state versions are kept for 90 days."),
    ("note", "terraform, drift", ".github/workflows/drift.yml", "A nightly drift detection workflow runs `terraform plan -detailed-exitcode` on every root and opens an issue when exit code 2 shows changes nobody applied."),
])
more(P, 10, [
    ("note", "opentofu, evaluation", "", "For the OpenTofu evaluation in Q4 we want to compare state encryption, provider-defined functions, and whether the terraform-aws-modules we use have any issues with tofu."),
])
more(P, 11, [
    ("note", "pgbouncer, metrics", "helm/pgbouncer/values.yaml", "pgbouncer-exporter runs as a sidecar now. The dashboard shows cl_waiting per database, and an alert fires when cl_waiting > 0 for 5 minutes."),
])
more(P, 12, [
    ("note", "eks, upgrade, 1.32", "", "1.32 upgrade: staging Sep 9 and prod Sep 11, no incidents. kubent found nothing, and the Karpenter drift replaced 41 nodes in about 40 minutes with the 10% budget."),
])
more(P, 13, [
    ("convention", "opentofu, ci", ".github/workflows/terraform.yml", "During the migration, each root says which binary it uses in a .tool-versions file (opentofu 1.8.x or terraform 1.9.x), and the CI workflow reads it. Never run tofu on a root still marked terraform."),
])
more(P, 14, [
    ("note", "freeze, announcement", "", "The freeze was announced in #eng-changes on Nov 12. App teams can still deploy their services behind flags, and only infra changes are frozen."),
    ("gotcha", "state-lock, runbook", "docs/runbooks/terraform-lock.md", "The stuck-lock runbook is now docs/runbooks/terraform-lock.md: 1. check that no Actions run on that root is in progress, 2. read the lock's Who/Created info, 3. force-unlock with the ID, 4. rerun the plan. Never force-unlock while a run is active."),
])

P = "data-pipeline"
more(P, 1, [
    ("note", "local-dev", "Makefile|profiles.yml", "Local dev: `make dbt-dev` runs dbt against your personal schema dev_<name> in Snowflake (profile target dev, ANALYST_WH). Airflow DAGs are tested with `pytest tests/dags` using DagBag import checks."),
])
more(P, 2, [
    ("note", "replica, access", "", "The ledger read replica user is analytics_reader with SELECT on the public schema only, and the password is in /prod/data-pipeline/ledger-replica. Priya approved the grants."),
    ("gotcha", "replica, lag", "", "The ledger replica can lag a few minutes behind the primary during heavy writes. The hourly load looks back 15 extra minutes (updated_at >= data_interval_start - 15 min), and the MERGE makes the overlap harmless."),
])
more(P, 3, [
    ("note", "events, volume", "", "Event volume: about 35M events a day from the apps, ~4 GB of gzipped JSON. Snowpipe costs are around $9 a day."),
    ("convention", "events, staging", "models/staging/stg_events__app_events.sql", "stg_events__app_events flattens the VARIANT with one column per catalogued property (event_name, event_version, user_id_hash, props:amount_cents::number ...). Uncatalogued properties stay in a props_extra VARIANT column."),
])
more(P, 4, [
    ("note", "dbt, packages", "packages.yml", "dbt packages: dbt_utils, dbt_expectations, and codegen for generating staging models (`dbt run-operation generate_base_model`). Versions are pinned in packages.yml."),
    ("convention", "dbt, docs", "", "Every mart model has a description and column descriptions in its .yml. A CI check (dbt-checkpoint) fails marts without them."),
])
more(P, 5, [
    ("note", "dst, calendar", "models/marts/dim_calendar.sql", "dim_calendar now has utc_date, local_date_ny, local_date_berlin and is_dst flags, and it is generated for 2020 to 2030."),
    ("gotcha", "snowflake, timezones", "", "Snowflake's TIMESTAMP_NTZ has no timezone, and CONVERT_TIMEZONE with two arguments assumes the session timezone (which was America/Los_Angeles by default on our account!). Always use the three-argument form, or TIMESTAMP_TZ."),
])
more(P, 6, [
    ("note", "backfill, history", "", "The first real backfill was 2023-01 to 2024-12 for fct_ledger_entries. It took 6 hours with max_active_runs 4 on TRANSFORM_WH Medium."),
    ("note", "dagster, followup", "", "Leo will revisit Dagster in 2026 if the platform team starts supporting it. Until then we borrow the idea of asset checks through dbt tests."),
])
more(P, 7, [
    ("note", "settlement, arrival", "", "Adyen's settlement file arrival times logged over March: earliest 02:31, latest 03:27 UTC, median 02:58."),
    ("gotcha", "kubernetespodoperator, logs", "", "KubernetesPodOperator logs only show up in the Airflow UI with get_logs=True, and they're lost when the pod is deleted. Keep on_finish_action='delete_succeeded_pod' so failed pods stay for debugging."),
])
more(P, 8, [
    ("note", "great-expectations, removal", "", "The GE removal PR deleted 14 suites. Each expectation was either already covered by a dbt test or moved to dbt_expectations (expect_column_values_to_be_between for amounts)."),
])
more(P, 9, [
    ("note", "features, share", "", "The Snowflake share acme_features_share gives ml-ranker's role read access to the features schema. Aisha manages the grants."),
    ("convention", "features, naming", "models/features", "Feature columns use ml-ranker's prefixes (u_ for user, d_ for document, q_ for query), so the names in feat_* tables are exactly the model's feature names."),
])
more(P, 10, [
    ("note", "snowpipe, monitoring", "dags/monitor_snowpipe.py", "The monitor_snowpipe DAG checks SYSTEM$PIPE_STATUS every 15 minutes and alerts when the newest file in raw.events is older than 30 minutes."),
])
more(P, 11, [
    ("note", "retention, implementation", "dags/purge_events.py", "The purge_events DAG runs on the 1st of each month and deletes raw.events rows older than 400 days in chunks of one day, to keep the warehouse time reasonable."),
])
more(P, 12, [
    ("gotcha", "microbatch, lookback", "", "Microbatch models take a `lookback` (we use 2 batches) to reprocess late-arriving events. Without it, events that arrive a day late never make it into fct_app_sessions."),
])
more(P, 13, [
    ("note", "metrics, views", "models/marts_metrics", "Finance metrics are in the marts_metrics schema: gross_payout_volume, net_revenue and active_accounts, one view each, with the definitions written in the view's comment."),
])
more(P, 14, [
    ("note", "ci, schemas", "", "PR schemas pr_<number> are dropped by a nightly cleanup job when the PR is closed. A PR older than 14 days gets its schema rebuilt on the next push."),
])
more(P, 15, [
    ("note", "dst, audit", "tests/dst_audit", "The dst_audit selection checks that no UTC day has more than 24 hourly buckets and that daily counts around DST changes are within 5% of the day before."),
    ("note", "airflow3", "", "Airflow 3 upgrade notes: the Task SDK replaces direct metadata DB access, and our custom sensor for the features_ready marker must be rewritten before we upgrade."),
])

P = "design-system"
more(P, 1, [
    ("note", "consumers", "", "Consumers: the web dashboard (Next.js 14, app router) and the admin app (Vite + React Router). The marketing site is on Webflow and doesn't use the library."),
])
more(P, 2, [
    ("note", "tokens, figma", "", "Designers keep tokens in Figma Variables. Tokens Studio exports them as JSON into a PR against packages/tokens/tokens.json, and Chloe reviews the diff."),
    ("gotcha", "style-dictionary", "packages/tokens/build.ts", "Style Dictionary v4 is ESM-only and its transforms are async. The build script must `await sd.buildAllPlatforms()`, or the process exits before the files are written and CI publishes empty dist/ files."),
])
more(P, 3, [
    ("gotcha", "github-packages, auth", ".npmrc", "Installing @acme/* from GitHub Packages needs an .npmrc with `@acme:registry=https://npm.pkg.github.com` and a token with read:packages. In CI use GITHUB_TOKEN with `packages: read` permission."),
    ("convention", "changesets, wording", "", "Changeset texts are written for consumers: what changed and what to do, in imperative mood. Internal refactors get an empty changeset or none."),
])
more(P, 4, [
    ("note", "packaging, exports", "packages/ui/package.json", "@acme/ui ships ESM only with an `exports` map (import and types per entry point). The CommonJS build was dropped because both consumers bundle ESM."),
    ("gotcha", "next, transpile", "", "The dashboard's Next.js needed `transpilePackages: ['@acme/ui']` while we still shipped untranspiled .css.ts files. Since 1.2 we ship compiled CSS and it's no longer needed."),
])
more(P, 5, [
    ("note", "chromatic, budget", "", "Chromatic plan: 35k snapshots a month. TurboSnap keeps us around 12k. Full builds only run on main."),
    ("convention", "stories", "", "Each component has stories for every variant and state (default, hover via play function, disabled, error, long text, RTL). Visual tests only see what the stories render."),
])
more(P, 6, [
    ("note", "dark-mode, tokens", "packages/tokens/themes/dark.json", "Dark theme tokens aren't an inverted light theme. Surfaces use elevated greys (bg.surface #121417, bg.raised #1B1E22) and text.muted was adjusted to pass contrast."),
])
more(P, 7, [
    ("note", "release, 1.4", "", "1.4.0 release notes: Select, Table (static, no sorting), Toast with a queue, the dark theme, and the size-limit check in CI."),
    ("gotcha", "toast, portal", "", "Toasts render in a Radix portal attached to document.body. In the admin app's iframe preview they appeared in the parent page until we passed `container` from a ToastProvider prop."),
])
more(P, 8, [
    ("note", "datagrid, features", "packages/ui/src/datagrid", "DataGrid v1 features: sorting, column resize, sticky header, row selection and virtualization. Column pinning and inline editing are deferred."),
    ("note", "datagrid, performance", "", "DataGrid renders 10k rows at 60 fps in Chrome on an M1 and about 45 fps in Safari. The dashboard's biggest table has 3k rows."),
])
more(P, 9, [
    ("note", "react19, consumers", "", "The dashboard moved to React 19 with Next 15 in June, and the admin app stays on React 18 until its router upgrade in September."),
])
more(P, 10, [
    ("note", "i18n, locales", "", "Components take locale from an <AcmeProvider locale> context (default en-US). The DatePicker and number formatting in DataGrid use it; strings inside components (e.g. 'Close') come from a small messages map per locale."),
])
more(P, 11, [
    ("note", "tokens, artifacts", "", "Mobile token files are attached to the @acme/tokens GitHub release as DesignTokens.swift and Tokens.kt. ios-app downloads them with `make tokens`."),
])
more(P, 12, [
    ("note", "docs, hosting", "apps/docs", "The docs site is deployed to Vercel at design.acme.dev with preview deployments per PR. It's password-protected with Vercel's deployment protection because it shows unreleased components."),
])
more(P, 13, [
    ("note", "tailwind-preset, usage", "packages/tailwind-preset/README.md", "How to use the preset: `presets: [require('@acme/tailwind-preset')]` in tailwind.config, and load @acme/tokens/css once, because the preset only refers to CSS variables."),
])
more(P, 14, [
    ("note", "codemods", "packages/codemods", "The v2 codemod (jscodeshift) removes forwardRef wrappers, renames deprecated token references in .css.ts files, and updates imports of the old Tooltip API. It fixed 94% of the dashboard's changes automatically."),
])
more(P, 15, [
    ("note", "combobox", "", "Combobox will build on react-aria's useComboBox like the DatePicker, with async loading and a 'create new' option. Design is ready in Figma."),
])

P = "search-service"
more(P, 1, [
    ("note", "local-dev", "Makefile|docker-compose.yml", "Local dev: `make dev` starts Redis and a Redpanda broker (Kafka API) in docker compose, seeds 50k sample docs from fixtures/catalogue.jsonl, and runs the service with cargo watch."),
])
more(P, 2, [
    ("note", "kafka, topic", "", "The catalogue-updates topic has 12 partitions keyed by merchant id, with 7 days of retention. One message is a full document (upsert) or a tombstone (delete)."),
    ("convention", "rust, async", "", "Blocking work (tantivy commits, merges, FST builds) runs in tokio::task::spawn_blocking, never on the async worker threads. Search itself is fast enough to stay on them."),
])
more(P, 3, [
    ("note", "api, limits", "src/routes/search.rs", "Query limits: q up to 200 characters (query_too_long above), at most 10 filters, page size up to 50. These are validated in the handler before touching the index."),
])
more(P, 4, [
    ("note", "reindex, duration", "", "Reindex timings: 12M docs in about 50 minutes with 4 threads and 300 MB heap each. The merge at the end takes a third of that time."),
    ("gotcha", "tantivy, merge-policy", "", "tantivy's default LogMergePolicy left 60+ segments after a day of updates, and the p99 went up 30%. Set the merge policy's min_num_segments to 8 and a max doc count per segment so merges keep up."),
])
more(P, 5, [
    ("note", "api, docs", "openapi/search.yaml", "openapi/search.yaml documents /v1. The iOS and Android clients generate their models from it, so change it in the same PR as the handler."),
])
more(P, 6, [
    ("note", "redis, user-features", "src/rank/user_features.rs", "Per-user features in Redis are hashes under uf:<user_id_hash>, written by ml-ranker's daily job with a 3-day TTL. Missing users get the cold-start defaults from the model's feature_defaults."),
    ("gotcha", "redis, latency", "", "Fetching user features was a separate Redis round trip per query (about 1 ms). We pipeline it with the BM25 search, starting the Redis future before the tantivy search and awaiting it after."),
])
more(P, 7, [
    ("note", "images, distroless", "Dockerfile", "Image: a multi-stage build with cargo-chef for dependency caching, the final stage gcr.io/distroless/cc-debian12 running as nonroot. Image size is 48 MB without the model, which is downloaded at startup from S3."),
])
more(P, 8, [
    ("note", "autocomplete, data", "", "The suggestion FST is built from data-pipeline's top_queries table (last 30 days, minimum 5 searches, PII filter) plus merchant names from the catalogue."),
])
more(P, 9, [
    ("note", "reindex, disk", "", "Blue/green needs twice the index disk: the search node's NVMe is 237 GB and the index is about 40 GB, so there's plenty of room."),
])
more(P, 10, [
    ("note", "synonyms, ownership", "", "The merchandising team owns the synonyms list and sends changes as PRs. Dmitri reviews them for loops (a,b and b,a in different groups)."),
    ("gotcha", "geo, precision", "", "Geohash precision 6 cells are about 1.2 x 0.6 km at the equator, but narrower in width the further north you go. In Hamburg a cell is about 0.7 km wide, so the radius check matters there."),
])
more(P, 11, [
    ("note", "allocator, benchmark", "", "Before and after jemalloc: p99 unchanged (94 vs 93 ms), RSS after 5 days 20 GiB vs 9 GiB. A longer soak on staging confirmed it stays flat."),
])
more(P, 12, [
    ("note", "v2, hmac", "", "The cursor HMAC key is in /prod/search-service/cursor-key. Rotating it invalidates open cursors, and clients get 400 cursor_invalid and restart from page one."),
])
more(P, 13, [
    ("note", "model, rollback", "src/rank/loader.rs", "The model loader keeps the previous artifact in memory and switches back when the new one fails to load or its feature names don't match. A metric ranker_model_version shows which one is active."),
])
more(P, 14, [
    ("note", "helm, templates", "helm/search-service/templates", "reindex-job.yaml is now the single template for both the manual Job and the weekly CronJob, with resources, anti-affinity and the on-demand nodeSelector defined once in values.yaml."),
])

P = "mobile-backend"
more(P, 1, [
    ("note", "local-dev", "compose.yaml", "Local dev: `./gradlew bootRun` with the `local` profile. Spring Boot's docker compose support starts Postgres, Redis and Kafka from compose.yaml, and ledger-api and search-service are WireMock stubs on ports 9001 and 9002."),
    ("convention", "packages", "src/main/kotlin/com/acme/mobile", "Packages by feature (auth, feed, account, push), not by layer. Each feature has web/, domain/ and data/ subpackages, and other features call only its domain services."),
])
more(P, 2, [
    ("note", "auth, otp", "src/main/kotlin/com/acme/mobile/auth/OtpService.kt", "New devices need a 6-digit OTP sent by SMS (MessageBird) or email, valid for 10 minutes, with 5 attempts. Known devices are remembered by a device key stored in the keychain on iOS."),
])
more(P, 3, [
    ("gotcha", "testcontainers, ci", "", "Testcontainers on GitHub Actions: enable container reuse locally only (testcontainers.reuse.enable in ~/.testcontainers.properties). In CI a fresh container per run is fine because the singleton base class starts it once per JVM."),
    ("note", "ci, gradle", ".github/workflows/ci.yml", "CI: `./gradlew check` (ktlint, detekt, unit and integration tests) takes about 9 minutes with the Gradle build cache in GitHub Actions cache."),
])
more(P, 4, [
    ("note", "openapi", "src/main/resources/static/openapi.yaml", "springdoc generates the OpenAPI document at /v3/api-docs. The app teams generate their clients from the committed openapi.yaml, which CI checks against the generated one."),
])
more(P, 5, [
    ("note", "push, fcm", "", "FCM uses the HTTP v1 API with a service account (the legacy server key API was shut down). The credentials JSON is in /prod/mobile-backend/fcm-service-account."),
])
more(P, 6, [
    ("note", "events, kafka", "src/main/kotlin/com/acme/mobile/events/EventPublisher.kt", "App events are published to the Kafka topic app-events (keyed by user id hash), and Firehose delivers them to S3 for data-pipeline. The producer uses idempotence=true and acks=all."),
])
more(P, 7, [
    ("note", "performance, feed", "", "After the connection pool fix: feed p99 310 ms at 400 rps on 4 pods, and ledger-api calls average 38 ms."),
])
more(P, 8, [
    ("note", "jdk21, memory", "", "JDK 21 container settings: -XX:MaxRAMPercentage=75 and ZGC generational (-XX:+UseZGC -XX:+ZGenerational). p99 GC pauses went from 40 ms with G1 to under 1 ms."),
])
more(P, 9, [
    ("note", "tests, random-order", "src/test/resources/junit-platform.properties", "junit-platform.properties sets junit.jupiter.testmethod.order.default=random on purpose, so hidden dependencies between tests show up early."),
])
more(P, 10, [
    ("note", "security-review", "", "Security review (June) findings: access token lifetime too long (fixed), no rate limit on OTP verification (fixed by bucket4j), and verbose stack traces in 500 responses in staging (fixed, ProblemDetail hides them)."),
])
more(P, 11, [
    ("note", "hikari, settings", "src/main/resources/application.yml", "Hikari settings after the pooler change: maximumPoolSize 20, minimumIdle 5, connectionTimeout 2 s, maxLifetime 25 min (below PgBouncer's server_lifetime of 30 min)."),
])
more(P, 12, [
    ("note", "account-deletion, app-review", "", "The deletion entry point is Settings > Account > Delete account in both apps (two taps, as App Review requires). It calls DELETE /v1/me with a fresh OTP."),
    ("note", "graphql, alternative", "", "Instead of GraphQL, each new screen gets an endpoint shaped for it (e.g. /v1/screens/home). The app teams agreed, and Tom asked to revisit it in 2026."),
])
more(P, 13, [
    ("note", "incident, postmortem", "docs/postmortems/2025-09-14-jwks.md", "Postmortem for the Sep 14 logouts in docs/postmortems/2025-09-14-jwks.md. Detection took 25 minutes because the 401 rate alert threshold was 10%, and it is now 2%."),
])
more(P, 14, [
    ("note", "unleash, hosting", "", "Unleash runs on EKS with its own Postgres database on the shared RDS instance. The admin UI is behind SSO at flags.acme.internal."),
])
more(P, 15, [
    ("note", "passkeys, ios", "", "Passkeys need the apple-app-site-association file to list webcredentials for the app id. It is served by mobile-backend at /.well-known/apple-app-site-association with content type application/json."),
])

P = "ml-ranker"
more(P, 1, [
    ("note", "repo, layout", "ranker", "Repo layout: ranker/ (package: dataset, features, labels, train, evaluate, export, promote), pipelines/ (the GitHub Actions entry points), notebooks/ (exploration only), and tests/ with small Parquet fixtures."),
    ("note", "data, access", "", "Snowflake access for training goes through the RANKER_TRAINING role with read access on the features share and the click logs in analytics.search_events. Leo set it up."),
])
more(P, 2, [
    ("note", "labels, volume", "", "Label volume: about 1.1M search sessions a week with at least one click, ~9% of them with an order within 30 minutes."),
    ("gotcha", "sessions, bots", "ranker/labels.py", "Bots and internal QA accounts inflated clicks for some merchants. labels.py drops sessions from the internal user list and from user agents flagged by mobile-backend's bot heuristic (more than 300 searches an hour)."),
])
more(P, 3, [
    ("note", "export, opset", "", "search-service's ort version supports ONNX opset up to 17, so the export pins opset 15 to leave room for upgrades on either side."),
    ("convention", "features, registry", "ranker/features.py", "Every feature is declared once in ranker/features.py with its name, source table, dtype and default for missing values. Training, export and the feature_defaults file are all generated from that list."),
])
more(P, 4, [
    ("note", "leakage, test", "tests/test_leakage.py", "tests/test_leakage.py builds a tiny dataset where the label day has an order and checks that u_orders_7d doesn't count it. It runs in CI against data-pipeline's feature SQL compiled by dbt."),
    ("note", "ab-testing, metrics", "", "A/B dashboards are in Grafana (ranker-experiments), fed by search-service's experiment logs in Snowflake. Conversion is attributed to the experiment bucket active at the search, not at purchase."),
])
more(P, 5, [
    ("convention", "mlflow, runs", "", "MLflow run names are <model>-<date>-<short description> (ranker-20250424-user-features), and every run is tagged with the git sha and the training data date range."),
    ("note", "mlflow, hosting", "", "MLflow UI at mlflow.acme.internal behind SSO. Artifacts go to s3://acme-ml-artifacts/mlflow, the backend store is a Postgres database on the shared RDS instance."),
])
more(P, 6, [
    ("note", "two-tower, followup", "", "Two-tower follow-up: Dmitri keeps the offline notebook in notebooks/two_tower.ipynb. We'd only revisit it if we add semantic retrieval before BM25, not as a re-ranker."),
    ("note", "polars, dataset", "ranker/dataset.py", "The dataset is now built with Polars lazy frames reading Parquet unloaded from Snowflake (COPY INTO @stage ... FILE_FORMAT parquet) instead of pandas.read_sql. A 90-day build takes 6 minutes."),
])
more(P, 7, [
    ("note", "runner, hardware", "", "The self-hosted runner 'ranker-train' is an r7g.2xlarge (64 GB) started by Karpenter on demand for the retrain workflow and stopped afterwards. A retrain costs about $1.20."),
    ("gotcha", "lightgbm, determinism", "", "LightGBM results differ slightly between runs with num_threads > 1 unless deterministic=true and force_row_wise=true are set. We set both so that retrains with the same data are reproducible."),
])
more(P, 8, [
    ("note", "geo, coverage", "", "Only about 40% of searches have a location (users who allowed location access). For the rest, qd_distance_km is missing and LightGBM's missing value handling takes over."),
])
more(P, 9, [
    ("note", "monitoring, psi", "ranker/monitor.py", "The drift monitor runs as a weekly job after the retrain. It computes PSI with 10 quantile bins from the training reference, and the report is posted in #ranker."),
])
more(P, 10, [
    ("note", "export, s3", "", "Artifact layout: s3://acme-ml-models/ranker/v7/model.onnx, feature_names.json, feature_defaults.json and metadata.json (training range, NDCG, git sha). The bucket is versioned and search-service has read access only."),
])
more(P, 11, [
    ("note", "ips, randpair", "", "The RandPair bucket (5% of traffic with the top 10 shuffled) costs about 0.3% CTR overall. We keep it because IPS evaluation and the propensity weights depend on it."),
])
more(P, 12, [
    ("note", "lightgbm, upgrade", "", "LightGBM 4.5 upgrade: training is 20% faster on the runner. The parity fix is in export.py, and all v7 retrains on 4.5 pass the 1e-5 check."),
    ("note", "report, quarterly", "", "Quarterly segment report for Q3 is done: v7 gained the most for 1-token queries in Berlin (+5% NDCG@10), and Munich is flat."),
])

# ---------------------------------------------------------------------------------------------------------------
P = "android-app"
S = project(P, "Kotlin 2.0, Jetpack Compose, Hilt, Room, Retrofit + kotlinx.serialization, Gradle version catalogs", "Ravi (lead), Jonas helps")
S += [
    ("2025-01-17 10:00", [  # s01
        ("note", "architecture, stack", "app/build.gradle.kts|gradle/libs.versions.toml", "android-app: Kotlin 2.0, Jetpack Compose with Material 3, Hilt for DI, Room for the offline cache, Retrofit with kotlinx.serialization against mobile-backend. Ravi leads it, and Jonas helps from the backend side."),
        ("convention", "gradle, dependencies", "gradle/libs.versions.toml", "All dependency versions live in the version catalog (gradle/libs.versions.toml). No versions in module build files. Renovate opens grouped PRs weekly."),
        ("constraint", "android-version", "app/build.gradle.kts", "minSdk 26 (Android 8.0) and targetSdk 34. Play requires targetSdk 34 for updates from August 31, 2024."),
        ("decision", "architecture, modules", "settings.gradle.kts", "Modules: :app, :core:network, :core:data, :core:designsystem, :feature:*. Features depend only on core modules, never on each other; navigation between features goes through routes in :app."),
    ]),
    ("2025-02-10 14:00", [  # s02
        ("decision", "auth, storage", "core/data/src/main/kotlin/TokenStore.kt", "Tokens are stored with EncryptedSharedPreferences backed by an Android Keystore key. We considered DataStore with Tink, but the migration path from EncryptedSharedPreferences was unclear and it works for two strings."),
        ("debugging", "auth, refresh, concurrency", "core/network/src/main/kotlin/AuthAuthenticator.kt", "Users got logged out when several requests failed with 401 at once: each OkHttp Authenticator call refreshed the token, and mobile-backend's rotation saw the second refresh as token reuse and revoked the family. Fix: the Authenticator refreshes under a Mutex and reuses the new token when another call already refreshed it."),
        ("convention", "errors, problem-json", "core/network/src/main/kotlin/ApiError.kt", "mobile-backend's problem+json errors are parsed into ApiError(code, title). The UI maps `code` to string resources, the same codes as ios-app, and never shows the server's text."),
    ]),
    ("2025-03-03 11:00", [  # s03
        ("decision", "flags, remote-config", "", "Feature flags come from Firebase Remote Config for now, because it was already in the app for Crashlytics. Defaults are in res/xml/remote_config_defaults.xml."),
        ("gotcha", "compose, recomposition", "", "Passing an unstable List<Transaction> to a composable made the whole activity list recompose on every scroll. Use kotlinx.collections.immutable's ImmutableList, or mark the UI model @Immutable."),
        ("progress", "status", "", "Login, home and activity are done on Android. Next: card management and push (FCM)."),
    ]),
    ("2025-03-24 10:00", [  # s04
        ("decision", "push, fcm", "app/src/main/kotlin/PushService.kt", "Push uses FCM with data messages only (no notification payload), so the app builds the notification itself with the right channel and a deep link. Channels are transactions, security and marketing, the same categories as iOS."),
        ("gotcha", "push, android13", "", "Android 13+ requires the POST_NOTIFICATIONS runtime permission. Like on iOS, we only ask after the first completed transaction, with a rationale screen first."),
        ("debugging", "push, doze", "", "Transaction pushes arrived up to 15 minutes late on some Xiaomi and Samsung phones. The data messages were sent with normal priority, and Doze batches those. Fix: mobile-backend sends transaction pushes with android.priority=high. Marketing stays normal."),
    ]),
    ("2025-04-22 15:00", [  # s05
        ("note", "release, play", ".github/workflows/android-release.yml", "Release process: GitHub Actions builds a signed AAB on tags vX.Y.Z and uploads it with Gradle Play Publisher to the internal track. Ravi promotes it to production in the Play Console with a 10% staged rollout.", {"name": "release-process"}),
        ("constraint", "signing", "", "The app signing key is held by Play App Signing. Our upload key is in GitHub secrets (base64 keystore), and the backup copy is in 1Password 'Android upload key'. Losing the upload key means a reset request to Google, which takes days."),
        ("debugging", "build, r8", "app/proguard-rules.pro", "The release build crashed on login with `SerializationException: Serializer for class 'LoginResponse' is not found`, while debug worked. R8 removed the generated serializers. Fix: keep rules for kotlinx.serialization @Serializable classes in proguard-rules.pro. Release builds now run the UI smoke test too."),
    ]),
    ("2025-05-20 10:00", [  # s06
        ("decision", "design-tokens", "core/designsystem/src/main/kotlin/Tokens.kt", "Colors, spacing and typography come from design-system's exported Tokens.kt (downloaded in CI from the @acme/tokens release). MaterialTheme's colorScheme is built from those tokens."),
        ("gotcha", "dark-theme, tokens", "", "Material 3 dynamic color (Android 12+) overrode our brand colors on some phones. dynamicColor = false in AcmeTheme, because brand colors must be exact."),
        ("ruled-out", "kmp, shared-code", "", "Kotlin Multiplatform for sharing the networking layer with iOS was ruled out for now. The iOS team is happy with Swift, and the shared part (API models) is generated from openapi.yaml on both sides anyway."),
    ]),
    ("2025-06-24 14:00", [  # s07
        ("debugging", "tests, ci, flaky", "app/src/androidTest/kotlin/LoginTest.kt", "LoginTest failed about 1 in 6 on the CI emulator: the keyboard covered the login button, and performClick hit the IME. Fix: close the soft keyboard (Espresso.closeSoftKeyboard) and use performScrollTo before the click, plus animations off in the emulator settings of the workflow."),
        ("convention", "tests, compose", "", "Compose UI tests find nodes by testTag only when there's no semantic text or contentDescription. Tags are constants in the feature's TestTags object."),
        ("progress", "status", "", "android-app status (June): 5.0 is out with cards, push and the new design tokens. Next: biometric unlock, the widget (Glance), and moving flags off Firebase.", {"name": "current-status"}),
    ]),
    ("2025-08-05 10:00", [  # s08
        ("decision", "biometrics", "feature/lock/src/main/kotlin/LockViewModel.kt", "Biometric unlock uses androidx.biometric with BIOMETRIC_STRONG and falls back to the app passcode (not the device PIN), the same compliance rule as on iOS. The app locks after 5 minutes in the background."),
        ("gotcha", "biometrics, fragment", "", "BiometricPrompt needs a FragmentActivity. MainActivity extended ComponentActivity for Compose, and the prompt crashed with IllegalStateException. MainActivity now extends FragmentActivity, which is still fine for setContent."),
        ("note", "release, play", "", "Release process (August): tags still build the AAB in GitHub Actions, but it now goes to the closed testing track 'beta' for 2 days before production. Staged rollout 10% → 50% → 100% over a week, and any of Ravi or Jonas can halt it in the Play Console.", {"name": "release-process"}),
    ]),
    ("2025-09-16 15:00", [  # s09
        ("decision", "flags, unleash", "core/data/src/main/kotlin/FeatureFlags.kt", "Flags moved from Firebase Remote Config to mobile-backend's /v1/config (Unleash behind it), so Android and iOS read the same flags. Remote Config is removed, and Crashlytics stays."),
        ("debugging", "flags, defaults", "", "After the flag move, onboarding_v2 showed to 100% of Android users for a day. Our default for unknown flags was true in the new FeatureFlags class (copied from a test helper). Fix: unknown flags default to false, and a unit test checks the defaults."),
        ("note", "widget, glance", "widget/src/main/kotlin/BalanceWidget.kt", "The balance widget is built with Jetpack Glance and refreshed by WorkManager every 30 minutes and by a data push when a transaction arrives, like the iOS widget."),
    ]),
    ("2025-10-28 10:00", [  # s10
        ("constraint", "android-version", "app/build.gradle.kts", "targetSdk is now 35 (Android 15), because Play requires it for app updates from August 31, 2025. That brought edge-to-edge by default, and every screen now handles WindowInsets. minSdk stays 26."),
        ("gotcha", "edge-to-edge", "", "With targetSdk 35, screens without Scaffold drew under the status bar. Use Modifier.safeDrawingPadding() or Scaffold's contentWindowInsets on every top-level screen."),
        ("progress", "status", "", "android-app status (October): 5.3 is out with biometric unlock, the Glance widget, Unleash flags and targetSdk 35. Open: passkeys (with the backend in January), and the tablet layout for insights.", {"name": "current-status"}),
    ]),
]
replaced(P, "1.3", "10.1")
replaced(P, "3.1", "9.1")
q(P, "constraint", "which Android API level do we target?", "10.1", sup="1.3")
q(P, "knowledge-update", "where do Android feature toggles come from?", "9.1", sup="3.1")
q(P, "debugging", "release build crashes but debug is fine", "5.3", asked="2025-06-10")
q(P, "temporal", "how did Android releases go out before the beta track?", "5.1")
q(P, "temporal", "what went wrong in the days after we changed where toggles come from?", "9.2")
q(P, "progress", "what's open on Android?", "10.3", sup="7.3")
q(P, "multi-session", "which behaviours did Android copy from the iPhone app?", "2.3 4.1 4.2 8.1 9.3")
q(P, "paraphrase", "pushes show up a quarter of an hour late on some phones", "4.3")
q(P, "paraphrase", "login screen button hidden behind the keyboard in tests", "7.1")
more(P, 1, [
    ("note", "local-dev", "local.properties", "Local setup: Android Studio Ladybug, JDK 17 from the IDE. The debug build talks to staging (BuildConfig.API_BASE_URL), and a `mock` flavor uses MockWebServer fixtures from app/src/mock/assets."),
    ("convention", "kotlin, style", ".editorconfig", "ktlint (via the Spotless plugin) and detekt run in CI. Composables are PascalCase nouns and preview functions end in Preview."),
])
more(P, 2, [
    ("gotcha", "keystore, backup", "app/src/main/res/xml/backup_rules.xml", "Auto Backup restored EncryptedSharedPreferences onto a new phone, but the Keystore key didn't come along, so decryption crashed on first launch. Fix: exclude the token prefs file in backup_rules.xml and data_extraction_rules.xml."),
    ("note", "auth, otp", "", "The OTP screen reads the SMS code with the SMS User Consent API (no READ_SMS permission). The user taps Allow and the code is filled in."),
])
more(P, 3, [
    ("note", "room, migrations", "core/data/src/main/kotlin/AppDatabase.kt", "Room schema is exported to core/data/schemas and migrations are tested with MigrationTestHelper. fallbackToDestructiveMigration is only allowed in debug builds."),
    ("convention", "viewmodels, state", "", "ViewModels expose one StateFlow<UiState> per screen (a sealed interface Loading, Content, Error) and take events through functions. No LiveData in new code."),
])
more(P, 4, [
    ("note", "push, deep-links", "app/src/main/AndroidManifest.xml", "Deep links: acme://card/{id} and https://app.acme.com/card/{id} (verified App Links through assetlinks.json served by mobile-backend)."),
])
more(P, 5, [
    ("note", "crash-reporting", "", "Crashlytics is the crash reporter on Android (Sentry on iOS). The crash-free users target is 99.5%, and mapping files are uploaded automatically by the Crashlytics Gradle plugin."),
    ("gotcha", "play, review", "", "The first production release was held 3 days in Play review because the Data safety form didn't mention the device identifiers we send to mobile-backend. The form is now in docs/play-data-safety.md and gets updated with every new SDK."),
])
more(P, 6, [
    ("note", "tokens, ci", ".github/workflows/android-ci.yml", "CI downloads Tokens.kt from the latest @acme/tokens release matching the version pinned in gradle.properties (acmeTokensVersion). Bumping tokens is a one-line PR."),
])
more(P, 7, [
    ("note", "ci, emulator", ".github/workflows/android-ci.yml", "Instrumented tests run on reactivecircus/android-emulator-runner (API 34, x86_64, KVM on ubuntu runners). It takes about 14 minutes, and the job only runs on main and on release tags."),
    ("note", "5.0, release", "", "5.0 staged rollout reached 100% on Jun 30 with a crash-free rate of 99.7%."),
])
more(P, 8, [
    ("gotcha", "biometrics, emulator", "", "To test biometrics on the emulator, enroll a fingerprint in Settings and trigger it with `adb -e emu finger touch 1`. Face unlock can't be emulated."),
])
more(P, 9, [
    ("note", "flags, caching", "", "Flags are cached in DataStore for 1 hour, and the last known values are used offline. On the first launch without network, every flag is false."),
])
more(P, 10, [
    ("note", "tablet, insights", "", "The tablet layout for insights uses a two-pane ListDetailPaneScaffold (Material 3 adaptive). It's blocked on design, and Nadia is asking the design team for the expanded breakpoint layout."),
    ("note", "team", "", "Ravi is on parental leave in December. Jonas covers Android releases, and only hotfixes are planned until January.", {"role": "user"}),
])

# Second pass: later notes in the same sessions, including restatements of earlier facts in other words.
P = "ledger-api"
more(P, 4, [("note", "oncall", "docs/runbooks", "Ledger on-call: Priya and Marco alternate weekly. The runbooks are in docs/runbooks/, and the pool exhaustion runbook is the first one.")])
more(P, 6, [("gotcha", "argo, image-tags", "deploy/argo/ledger-api.yaml", "Argo CD Image Updater writes the new tag into deploy/argo/ledger-api.yaml on the deploy branch. Never edit the tag by hand on main, or the two will keep overwriting each other.")])
more(P, 8, [("note", "lint", ".golangci.yml", "Linters enabled in .golangci.yml: errcheck, govet, staticcheck, gosec, forbidigo, rowserrcheck, sqlclosecheck.")])
more(P, 12, [("convention", "postgres, transactions", "internal/store/tx.go", "Reminder for new code: database work goes through store.WithTx and nothing else. Calling pool.Begin yourself is blocked by the forbidigo lint, because a forgotten Rollback is how connections leaked in April.")])
more(P, 14, [("convention", "errors, docs", "docs/errors.md", "Same as always for error codes: add the new code to docs/errors.md in the same PR, snake_case, and never change what an existing code means. Clients switch on them.")])
more(P, 15, [("progress", "archive", "cmd/archive/main.go", "Archive job dry run on staging: 14 monthly partitions were exported and the row counts match. Detaching partitions is not switched on yet.")])
P = "ios-app"
more(P, 3, [("note", "onboarding, backlog", "", "Tom's idea for a shorter signup (email first, identity check later) is parked in the backlog until after push.")])
more(P, 7, [("note", "insights, privacy", "", "Insights are computed on the device only. No spending categories are sent to analytics.")])
more(P, 10, [("note", "sentry, alerts", "", "Sentry alert: a new issue that affects more than 0.5% of a release's sessions posts to #ios and pages Hana during a phased rollout.")])
more(P, 11, [("note", "swift6, plan", "", "Swift 6 migration order: Networking, Core, DesignKit, then the Features one by one, and the App target last.")])
more(P, 12, [("debugging", "ui-tests, flaky, auth", "UITests/LoginUITests.swift", "Note for whoever touches LoginUITests: both intermittent failures came from the environment, not the app. First the simulator's password autofill covered the field, then the mock server wasn't up yet. Keep autofill disabled and keep the /health wait.")])
more(P, 13, [("convention", "keychain", ".swiftlint.yml", "After the third logout bug: only Core's TokenStore may call SecItem* APIs. The SwiftLint custom rule no_secitem_outside_core enforces it.")])
P = "infra"
more(P, 3, [("note", "ecr", "envs/shared/ecr/main.tf", "ECR repositories are in acme-shared. The lifecycle policy keeps the last 50 tagged images and expires untagged ones after 7 days, and cluster nodes pull through a cross-account repository policy.")])
more(P, 7, [("note", "eks, addons", "", "Add-on versions for 1.31: vpc-cni v1.18.x, coredns v1.11.1-eksbuild, kube-proxy v1.31.0-eksbuild.")])
more(P, 10, [("note", "karpenter", "", "Karpenter has run the general workloads for two months without a capacity incident. Spot interruptions average 3 a week, and the interruption queue handles them.")])
more(P, 11, [("note", "pgbouncer, reminder", "", "Reminder for any new service on the shared Postgres: PgBouncer does transaction pooling since Aug 1, so turn off server-side prepared statements and don't rely on session state.")])
more(P, 12, [("convention", "kubernetes, versions", "", "We stay at most one minor version behind the newest EKS release in standard support. Extended support costs 6x per cluster-hour.")])
more(P, 13, [("note", "opentofu, state-encryption", "", "State encryption config: key_provider aws_kms with alias/tofu-state, method aes_gcm, and a fallback block during the migration so unencrypted state can still be read.")])
P = "data-pipeline"
more(P, 4, [("note", "oncall", "docs/oncall.md", "Data on-call: Aisha and Leo alternate weekly. docs/oncall.md explains how to rerun a failed DAG run and how to tell finance about a delay.")])
more(P, 6, [("gotcha", "airflow, catchup", "", "Every DAG has catchup=False. Otherwise a DAG paused for days schedules every missed interval when it's unpaused. Backfills are always explicit.")])
more(P, 11, [("convention", "timezones, review", "", "Came up in review again: a new mart grouped by local dates in the middle of the model. Aggregate and join on UTC timestamps, and convert to the business timezone only in the final select.")])
more(P, 12, [("note", "adyen, s3-drop", "", "The Adyen drop bucket acme-adyen-drop is in the shared account. Adyen writes with their IAM role, and we read through the LOADER role's storage integration.")])
more(P, 14, [("note", "cost, monitoring", "", "The Snowflake cost dashboard in the BI tool reads ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY. We review it in the first Monday meeting of each month.")])
P = "design-system"
more(P, 6, [("note", "dark-mode, consumers", "", "The admin app forces the light theme until its custom charts support dark, and the dashboard follows the system setting.")])
more(P, 10, [("note", "datepicker, ranges", "", "DateRangePicker follows in 1.8 with the same react-aria hooks (useDateRangePicker). Presets like 'last 7 days' are passed in by the app.")])
more(P, 11, [("convention", "tokens, naming, mobile", "packages/tokens/build.ts", "For the mobile export too, token names stay semantic: color.text.muted becomes Tokens.colorTextMuted and DesignTokens.Color.textMuted. Raw palette names like blue-500 are never exported.")])
more(P, 12, [("note", "docs, content", "apps/docs", "Usage guideline pages have do/don't examples, content guidelines (sentence case for buttons), and accessibility notes for each component.")])
more(P, 14, [("note", "2.0, adoption", "", "The dashboard moved to 2.0 in two days with the codemod. The admin app follows after its React 19 move on Oct 20.")])
more(P, 15, [("note", "tokens, ios26", "", "For the iOS 26 look, the token export will add material tokens (surface.glass.*) for iOS only. Web keeps solid surfaces.")])
P = "search-service"
more(P, 3, [("convention", "errors, codes", "docs/errors.md", "Search error codes so far: query_too_long, invalid_filter, cursor_invalid, rate_limited. Like in ledger-api, a code never gets a new meaning.")])
more(P, 5, [("note", "api, clients", "", "/v1 consumers at launch: the iOS app, the Android app and the web dashboard. The apps go through mobile-backend, and the dashboard calls search directly.")])
more(P, 7, [("note", "ranking, ab", "config/experiments.toml", "search-service runs the ranker A/B split: bucket = hash(user_id_hash, experiment salt) % 100, configured in config/experiments.toml.")])
more(P, 8, [("note", "autocomplete, latency", "", "/v1/suggest p99 is 4 ms. The FST is 30 MB and memory-mapped.")])
more(P, 9, [("note", "kafka, lag", "", "Alert on indexer consumer lag: above 50k messages for 10 minutes. Normal lag is under 1k.")])
more(P, 11, [("note", "profiling", "", "Profiling the memory growth: heaptrack on staging showed most allocations in query parsing (Vec<Token>) and in the collectors' per-query buffers. They were freed correctly but fragmented the heap.")])
more(P, 12, [("note", "v2, counts", "", "/v2 also returns `total_estimate` (tantivy's count, capped at 10k), because the apps show '1,000+ results'.")])
more(P, 13, [("note", "relevance, cities", "", "Per-city relevance tuning plan: boost local merchants through a city match feature instead of per-city models, which ml-ranker ruled out.")])
P = "mobile-backend"
more(P, 2, [("gotcha", "jwt, clock-skew", "", "Allow 30 s of clock skew when validating JWT exp and nbf. Some Android phones have clocks that are minutes off, and they got a 401 right after login.")])
more(P, 4, [("note", "ledger-client", "ledger-client/build.gradle.kts", "LedgerClient is generated from ledger-api's openapi.yaml (openapi-generator, kotlin, jvm-spring-restclient) in the :ledger-client module.")])
more(P, 5, [("convention", "push, payloads", "", "SECURITY pushes never show amounts or merchant names in the visible text. Transaction pushes show the amount only if the user turned on 'show amounts in notifications'.")])
more(P, 8, [("note", "jdk21, rollout", "", "JDK 21 with virtual threads rolled out on May 7 as a canary (1 of 4 pods for a day). No regressions, and CPU went down 12%.")])
more(P, 9, [("note", "redis", "", "Redis is ElastiCache Redis 7 (cache.r7g.large, one replica, Multi-AZ), managed by infra. We use it for rate limits, OTP attempts and the login lockout counter.")])
more(P, 10, [("constraint", "timeouts, review", "", "Reminder from code review: a new HTTP client without explicit connect and read timeouts gets rejected. Budgets are 2 s for ledger-api, 0.5 s for search-service and 5 s for APNs, and the whole request must finish within 8 s.")])
more(P, 13, [("note", "jwt, schedule", "", "The next JWT key rotation is on Dec 12, with the staging dry run on Dec 11 as the runbook says.")])
more(P, 14, [("note", "feed, v1-removal", "", "/v1/feed traffic from Android 5.1 was 3.4% of sessions on Oct 20. Removal waits until it is under 2%.")])
more(P, 15, [("note", "passkeys, schema", "", "webauthn_credentials columns: credential_id (bytea, unique), public_key_cose, sign_count, transports, user_id, created_at, last_used_at.")])
P = "ml-ranker"
more(P, 3, [("note", "export, ci", "", "The export check runs in CI on every PR that touches ranker/export.py, with a 1k-row fixture. The full 10k-row parity check runs in the retrain pipeline.")])
more(P, 4, [("note", "leakage, lesson", "", "Lesson from v3: a big offline jump (+0.06 NDCG) points to label leakage, not a win. Check feature timestamps against the label time first.")])
more(P, 8, [("note", "geo, ab-plan", "", "The geo features A/B is planned for September as v7, because 'near me' launched in search-service in July.")])
more(P, 9, [("note", "city-feature", "", "d_city and u_home_city are target-encoded, not one-hot, because of the ONNX categorical limitation. The encodings ship with the model in feature_defaults.json.")])
more(P, 10, [("constraint", "ab-testing, reminder", "", "Reminder before the v7 test: at least two full weeks and 95% confidence on CTR@10 and conversion. No stopping early, even if it looks good after 5 days.")])
more(P, 11, [("note", "freshness, feature", "", "d_hours_since_update comes from the catalogue's updated_at through a search-service fast field. In training it is computed from the catalogue snapshot at search time.")])
more(P, 12, [("note", "v8, plan", "", "The v8 A/B starts Dec 8 if the freeze ends on Dec 2 as planned: a 50/50 split against v7 for 14 days.")])

# Late-November sessions.
P = "ml-ranker"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-27 10:00", [  # s13
        ("decision", "features, query-understanding", "ranker/features.py", "Next feature family after freshness: query intent (q_intent_merchant, q_intent_category, q_intent_dish) from a small logistic regression over query tokens, trained on the queries whose click landed on a merchant, a category page or a dish."),
        ("ruled-out", "features, llm", "", "We looked at using an LLM to label query intent offline and decided against it for now. 1.2M distinct queries a month would cost more than the gain, and the click-derived labels already agree with hand labels 91% of the time on a sample of 500."),
        ("note", "evaluation, hand-labels", "data/hand_labels_2025q4.csv", "Aisha and Dmitri hand-labelled 500 queries for intent (merchant, category, dish, other) in data/hand_labels_2025q4.csv. Cohen's kappa between them was 0.82."),
        ("gotcha", "polars, dtypes", "", "Polars reads Snowflake NUMBER(38,0) columns from Parquet as Decimal, not Int64, and LightGBM rejects them. Cast with .cast(pl.Int64) in dataset.py before building the Dataset."),
        ("note", "planning, 2026", "", "2026 ideas to discuss in January: semantic retrieval before BM25 (would revive the two-tower work), a per-user recency boost, and moving the retrain to a scheduled Karpenter job instead of the self-hosted runner."),
    ]),
]
P = "android-app"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-24 14:00", [  # s11
        ("decision", "passkeys, credential-manager", "feature/auth/src/main/kotlin/PasskeyLogin.kt", "Passkeys on Android will use the Jetpack Credential Manager API (androidx.credentials), which also covers saved passwords. The relying party id is acme.com, and assetlinks.json must list the app's signing certificate fingerprint for delegate_permission/common.get_login_creds."),
        ("gotcha", "passkeys, signing", "", "For assetlinks.json, use the SHA-256 fingerprint of the Play App Signing certificate from the Play Console, not the upload key's. Otherwise passkeys work in locally installed builds but fail in Play builds."),
        ("note", "baseline-profiles", "baselineprofile", "Added a baseline profile module (androidx.baselineprofile) that covers startup and scrolling the activity list. Cold start on a Pixel 6a went from 1.3 s to 0.9 s."),
        ("convention", "compose, previews", "", "Every screen composable gets previews for light and dark, plus a font scale of 1.5, using a shared @ScreenPreviews multipreview annotation."),
        ("note", "ci, build-time", "", "CI build time went down from 17 to 11 minutes after turning on the Gradle configuration cache and the remote build cache on S3 (the gradle-build-cache bucket in the shared account)."),
    ]),
]
P = "data-pipeline"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-25 10:00", [  # s16
        ("decision", "exports, finance", "dags/export_finance.py", "Finance asked for a monthly export of payouts for the auditors. The export_finance DAG unloads fct_daily_payouts for the closed month to s3://acme-finance-exports/ as CSV with a manifest and SHA-256 checksums on the 3rd of each month. We didn't use a Snowflake share because the auditors' firm has no Snowflake account."),
        ("constraint", "exports, audit", "", "Finance exports are immutable once delivered. If a month is restated, we deliver a new file with a _v2 suffix and a note in the manifest, and never overwrite."),
        ("note", "dbt, upgrade", "", "dbt-core upgraded from 1.8 to 1.9 for microbatch support (in August). dbt-snowflake pinned to 1.9.x in requirements-dbt.txt."),
        ("gotcha", "unload, csv", "", "COPY INTO @stage for CSV wraps numbers with more than 15 significant digits in scientific notation unless you cast them to VARCHAR. Cast amounts with TO_VARCHAR(amount_minor) in the export query."),
        ("note", "team, planning", "", "Q1 plan from Aisha: Airflow 3, Snowpipe Streaming for events, and a data contract with mobile-backend for the event schema (JSON schema checked in their CI).", {"role": "user"}),
    ]),
]
P = "search-service"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-26 11:00", [  # s15
        ("decision", "spelling, typos", "src/query/fuzzy.rs", "Typo tolerance: terms of 5+ characters get a FuzzyTermQuery with distance 1 (transpositions count as 1) when the exact query returns fewer than 5 hits. We decided against fuzzy matching on every query: it doubled p99 in the benchmark."),
        ("note", "benchmark", "benches/query_bench.rs", "criterion benchmarks in benches/query_bench.rs run against a 1M-doc fixture index. Compare with `cargo bench -- --baseline main` before merging query changes."),
        ("gotcha", "fuzzy, short-terms", "", "Fuzzy matching on short terms (3-4 letters) matched nonsense (pho → pro, who). That's why the 5-character minimum, plus no fuzzy matching on merchant-name fields."),
        ("note", "team", "", "Dmitri is out Dec 15 to Jan 5. Marco is the contact for search during that time, and the reindex CronJob keeps running.", {"role": "user"}),
    ]),
]
P = "infra"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-20 10:00", [  # s15
        ("decision", "backups, aws-backup", "envs/prod/backup/main.tf", "AWS Backup now copies the RDS snapshots and the critical S3 buckets (ledger archive, finance exports) to a separate backup account (acme-backup) in eu-west-1 every day, with vault lock on. A compromised prod account can't delete its own backups anymore."),
        ("note", "restore-test", "docs/runbooks/restore.md", "The first restore test from the backup account took 48 minutes for the ledger database (snapshot copy plus restore into a staging VPC). The steps are in docs/runbooks/restore.md, and we repeat the test every quarter."),
        ("gotcha", "kms, cross-account", "", "Copying encrypted RDS snapshots to another account needs a customer-managed KMS key shared with that account. Snapshots encrypted with the AWS-managed aws/rds key can't be shared at all, so the staging DB had to be re-encrypted first."),
        ("convention", "terraform, providers", "", "Cross-account resources use an aliased provider per account (provider = aws.backup). Never assume roles inside modules; the root passes providers in."),
        ("note", "cost, backup", "", "Backup account cost estimate: about $310/month, mostly cross-region snapshot storage."),
    ]),
]
P = "design-system"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-26 15:00", [  # s16
        ("decision", "combobox, api", "packages/ui/src/combobox", "Combobox API: controlled `value` and `onChange`, async `loadOptions(query, signal)` with an AbortSignal so stale requests are cancelled, and `onCreate` for the 'create new' row. Virtualization reuses the DataGrid's TanStack Virtual setup above 100 options."),
        ("gotcha", "combobox, ime", "", "Japanese and Chinese IME input fired onChange on each composition step and triggered searches for half-typed syllables. Ignore input events while isComposing is true and search on compositionend."),
        ("note", "contributions", "CONTRIBUTING.md", "CONTRIBUTING.md now describes how app teams can contribute components: open an RFC issue first, then build in their app under a `ds-candidate` folder, and Chloe or Nadia pull it into the library."),
        ("note", "usage-analytics", "scripts/usage-report.ts", "scripts/usage-report.ts scans the dashboard and admin repos for @acme/ui imports. Button, Dialog and DataGrid are used the most, and Tabs only twice."),
    ]),
]
P = "mobile-backend"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-28 11:00", [  # s16
        ("decision", "notifications, preferences", "src/main/kotlin/com/acme/mobile/push/Preferences.kt", "Notification preferences move to the server (notification_preferences table, one row per user and category) so they follow the user across devices. Until now each app stored them locally. The apps read and write them through /v1/me/notification-preferences."),
        ("gotcha", "kotlin, data-classes, jdbc", "", "Spring Data JDBC maps a Kotlin data class with a default value in the constructor through the full constructor, so a column missing from the SELECT makes it fail with 'no value for parameter'. List every column in handwritten queries."),
        ("note", "load-test", "loadtest/feed.js", "Black Friday load test on staging: 1,500 rps on the feed with 6 pods, p99 410 ms, no errors. HPA max replicas raised from 8 to 12 for the freeze week."),
        ("note", "dependencies", "", "Spring Boot 3.4 upgrade is planned for January. It brings structured logging (logging.structured.format.console=ecs), and we'll drop our logback JSON encoder."),
    ]),
]
P = "ios-app"
S = PROJECTS[P]["sessions"]
S += [
    ("2025-11-27 10:00", [  # s16
        ("decision", "notifications, preferences", "Features/Settings/NotificationSettingsView.swift", "Notification settings now read and write mobile-backend's /v1/me/notification-preferences instead of UserDefaults. On first launch after the update, the app uploads the local values once, then drops them."),
        ("gotcha", "snapshot-tests, ci", "", "Snapshot tests failed on CI after the runner image update because the simulator's default content size changed. Pin the simulator (iPhone 16, iOS 18.5) and the content size category in the snapshot helper."),
        ("note", "app-size", "", "App size audit: 2.10 is 61 MB to download. The biggest pieces are the Lottie onboarding animations (9 MB), which will be replaced with SwiftUI animations."),
        ("note", "handover", "docs/ios-handover.md", "Tom wrote docs/ios-handover.md before moving to design-system. It covers the release train steps, the match certificates repo, the Sentry project, and which flags are still live."),
    ]),
]
P = "android-app"
more(P, 6, [
    ("note", "tokens, typography", "", "Typography tokens map to Compose TextStyles in AcmeTypography. Font sizes use sp so system font scaling works, and line heights come from the token file too."),
])
more(P, 8, [
    ("note", "lock, background", "", "The 5-minute background lock uses ProcessLifecycleOwner's ON_STOP timestamp. Process death counts as locked, so the app always asks after it was killed."),
])
more(P, 10, [
    ("note", "5.3, release", "", "5.3 staged rollout: 10% on Oct 27, 50% on Oct 29, 100% on Nov 3. Crash-free users 99.6%."),
])
P = "ml-ranker"
more(P, 8, [("note", "geo, features, review", "", "Dmitri reviewed the geo features: qd_distance_bucket uses the buckets <0.5, 0.5-1, 1-2, 2-5, 5-10, >10 km, the same as the 'near me' radius options in the apps.")])
more(P, 9, [("note", "promotion, v6", "", "v6's offline-only promotion followed the rule from June: same feature family, within 0.5% or better than production offline, so no A/B was needed.")])
more(P, 11, [("note", "lightgbm, upgrade-plan", "", "The LightGBM 4.5 upgrade runs on a branch: retrain v7 with the same data on both versions and compare NDCG and the ONNX parity before switching the retrain workflow.")])
P = "android-app"
more(P, 3, [("note", "firebase, crashlytics", "", "Firebase is only used for Crashlytics and, for now, Remote Config. Analytics events go to mobile-backend's event API like on iOS, not to Firebase Analytics.")])
more(P, 9, [("note", "flags, tests", "core/data/src/test/kotlin/FeatureFlagsTest.kt", "FeatureFlagsTest lists every known flag with its expected default (all false), so adding a flag without a default breaks the build.")])

if __name__ == "__main__":
    main()
