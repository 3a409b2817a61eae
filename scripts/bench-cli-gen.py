#!/usr/bin/env python3
"""Generates a realistic mx store as JSONL (the eval datasets' record format, which `mx import` reads).

Usage: bench-cli-gen.py COUNT > memories.jsonl

Varied kinds (given for 70%, inferred from the text for the rest), topics from a developer vocabulary, lengths from a
one-liner to a long debugging write-up, 50 projects, ~20 memories per conversation, dates spread over two years.
Deterministic (fixed seed) so runs compare."""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

rng = random.Random(42)
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
PROJECTS = [f"github.com/acme/{name}" for name in (
    "shop-api billing-service auth-gateway search-indexer mobile-app web-frontend data-pipeline ml-ranker "
    "notification-hub inventory ledger reporting admin-console cli-tools infra-terraform k8s-operators "
    "payments-sdk checkout catalog recommendations analytics-etl feature-flags docs-site design-system "
    "chat-service media-transcoder geo-service pricing-engine fraud-detector email-renderer scheduler "
    "identity-provider audit-log config-service rate-limiter webhooks-relay search-ui crm-sync "
    "warehouse-bridge tax-calculator loyalty-program support-portal status-page observability "
    "release-tooling sandbox-env load-tester backup-agent secrets-broker queue-router").split()]
assert len(PROJECTS) == 50
TOPICS = ("payments stripe retries idempotency auth oauth jwt sessions database postgres sqlite migrations "
          "caching redis performance latency testing ci flaky-tests deployment kubernetes docker terraform "
          "logging tracing metrics api-design graphql grpc rest webhooks queue kafka rabbitmq search tantivy "
          "frontend react css accessibility i18n security secrets rate-limiting billing invoices refunds "
          "onboarding email notifications mobile ios android release versioning dependencies rust python "
          "typescript go memory-leak concurrency deadlock timeouts").split()
SUBJECTS = ["the checkout flow", "the refund job", "session refresh", "the webhook consumer", "the search index",
            "the nightly ETL", "the rate limiter", "the migration runner", "the invoice renderer", "the auth middleware",
            "the cache warmer", "the retry wrapper", "the GraphQL resolver", "the Kafka consumer", "the CI pipeline",
            "the deploy script", "the feature flag client", "the image resizer", "the tax calculator", "the cron scheduler"]
TECH = ["Redis", "Postgres", "SQLite", "Kafka", "RabbitMQ", "tantivy", "Stripe", "OAuth2 PKCE", "JWT", "gRPC",
        "protobuf", "Terraform", "Helm", "OpenTelemetry", "Prometheus", "tokio", "FastAPI", "React Query", "Vite", "esbuild"]
FILES = ["src/payments/stripe.rs", "src/auth/session.ts", "api/handlers/checkout.py", "internal/queue/consumer.go",
         "migrations/0042_add_index.sql", "web/src/components/Cart.tsx", "deploy/helm/values.yaml", ".github/workflows/ci.yml"]

TEMPLATES = {
    "decision": [
        "Decided to use {tech} for {subj} instead of {tech2}: {why}.",
        "We chose {tech} over {tech2} for {subj} because {why}.",
    ],
    "ruled-out": [
        "Tried {tech2} for {subj}; it didn't work because {why}. Ruled out.",
        "Ruled out caching {subj} in {tech2}: {why}.",
    ],
    "constraint": [
        "{subj} must finish within {n} ms at p95; {why}.",
        "Never call {tech} from {subj} without an idempotency key; {why}.",
    ],
    "convention": [
        "Convention: every change to {subj} ships behind a feature flag and a {tech} dashboard.",
        "We name {tech} queues after the owning service, e.g. {subj} uses billing.{n}.",
    ],
    "debugging": [
        "Root cause of the {subj} outage: {tech} connection pool exhausted after {n} concurrent requests; {why}.",
        "Debugged flaky {subj}: a race between the {tech} client and the shutdown hook; fixed by awaiting drain.",
    ],
    "gotcha": [
        "Gotcha: {tech} silently truncates payloads over {n} KB in {subj}.",
        "Watch out: {subj} reads the clock in UTC but {tech} returns local time.",
    ],
    "progress": [
        "End of session. Implemented {subj} on {tech}. Next: wire up {tech2} and add tests ({n} left).",
        "Progress: {subj} migrated to {tech}; blocked on review of the {tech2} change. Next: load test.",
    ],
    "note": [
        "Note: {subj} logs go to the {tech} cluster; dashboards live in the ops folder.",
        "Meeting notes: agreed to revisit {subj} after the {tech} upgrade lands.",
    ],
}
WHYS = ["it keeps p99 latency predictable", "the team already operates it", "it avoids double charges on retries",
        "the vendor limits us to 100 requests per second", "it failed under load in staging",
        "compliance requires an audit trail", "it halves the memory footprint", "the old client leaked connections"]
FILLER = ("We measured it twice in staging and once in production. The trace showed the slow span in the serializer, "
          "and the flame graph pointed at repeated allocations. Follow-ups are tracked in the issue. ")

start = datetime(2024, 11, 25, tzinfo=timezone.utc)
span = timedelta(days=730).total_seconds()
kinds = list(TEMPLATES)
for i in range(COUNT):
    kind = rng.choice(kinds)
    text = rng.choice(TEMPLATES[kind]).format(
        tech=rng.choice(TECH), tech2=rng.choice(TECH), subj=rng.choice(SUBJECTS), why=rng.choice(WHYS),
        n=rng.randint(2, 900))
    r = rng.random()
    if r > 0.7:
        text += " " + FILLER * rng.randint(1, 3)
    if r > 0.97:
        text += " " + FILLER * rng.randint(5, 12)
    if r < 0.2:
        text += f" See {rng.choice(FILES)}."
    # One project per conversation; a few projects are much busier than the rest, as in real use.
    crng = random.Random(i // 20)
    project = PROJECTS[min(int(crng.paretovariate(1.2)) - 1, 49)] if crng.random() < 0.5 else crng.choice(PROJECTS)
    created = start + timedelta(seconds=rng.random() * span)
    rec = {
        "id": f"bench-{i:07d}",
        "project": project,
        "conversationId": f"conv_bench_{i // 20:06d}",
        "content": text,
        "createdAt": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "role": rng.choice(["assistant", "assistant", "user"]),
        "topics": rng.sample(TOPICS, rng.randint(1, 4)),
    }
    if rng.random() < 0.7:
        rec["kind"] = kind
    sys.stdout.write(json.dumps(rec) + "\n")
