//! Query expansion with a small developer-technology taxonomy: a question names a category ("which web framework",
//! "what caching layer", "package manager", "how is it containerized") while the memory that answers it names the
//! instance ("FastAPI", "Redis", "bun", "Docker"). Lexical search cannot bridge that gap on its own and mx has no
//! embeddings model, so the categories developers ask about are mapped to the tools that fill them.
//!
//! Expansion terms are added to the query with a low weight ([`EXPANSION_WEIGHT`] of the category word's weight),
//! so a memory that repeats the question's own words still wins, and a memory that names a fitting tool is pulled
//! into the candidates and ranks above ones that share only a common word. A trigger is one word, or several that
//! must all appear in the query ("package manager"); it and its expansions go through the same analyser as
//! documents, so stemming and compound splitting match the index.
//!
//! The same gap exists in conversations about people's lives ("what is my diet" → "I'm pescatarian now"), so a few
//! everyday categories are mapped too, and units to their abbreviations.
//!
//! The table is deliberately generic (well-known tools of each category across ecosystems, common everyday words),
//! not a list of the tools of any one dataset.

use std::sync::OnceLock;

use crate::analyze::{self, Mode};

/// Weight of an expansion term relative to the weight of the query word that triggered it.
pub const EXPANSION_WEIGHT: f32 = 0.25;

/// Weight of an expansion when its category is what the question asks for ("**what database** does it use?",
/// [`crate::intent::question_focus`]): the answer names the instance ("PostgreSQL"), and a memory that only repeats
/// the category word ("database migrations") is not the answer, so the instance counts as much as the word.
pub const FOCUS_EXPANSION_WEIGHT: f32 = 1.0;

/// (trigger words, all required; tools and terms of that category).
const TAXONOMY: &[(&str, &str)] = &[
    (
        "framework",
        "fastapi django flask express nestjs next.js nextjs rails spring laravel gin chi echo actix axum fiber phoenix sinatra koa hapi svelte sveltekit nuxt remix astro angular vue react",
    ),
    (
        "stack",
        "python typescript javascript go rust java kotlin ruby node fastapi django flask express nestjs next.js rails spring react vue postgresql mysql sqlite mongodb redis docker kubernetes",
    ),
    ("web server", "nginx caddy apache traefik uvicorn gunicorn"),
    ("reverse proxy", "nginx caddy traefik haproxy envoy"),
    (
        "database",
        "postgresql postgres mysql mariadb sqlite mongodb dynamodb cassandra snowflake bigquery redshift cockroachdb supabase",
    ),
    ("datastore", "postgresql postgres mysql sqlite mongodb dynamodb redis"),
    ("cache", "redis memcached varnish"),
    ("caching", "redis memcached varnish"),
    ("orm", "sqlalchemy prisma tortoise typeorm drizzle sequelize gorm hibernate activerecord diesel sqlx pgx"),
    ("migration", "alembic aerich goose atlas flyway liquibase"),
    ("package manager", "npm yarn pnpm bun pip uv poetry pipenv conda cargo"),
    ("testing", "pytest jest vitest mocha playwright cypress maestro detox unittest rspec junit"),
    ("test framework", "pytest jest vitest mocha unittest rspec junit"),
    ("test data", "faker factory fixtures"),
    ("containerized", "docker compose dockerfile kubernetes podman"),
    ("container", "docker compose dockerfile kubernetes podman"),
    ("payment", "stripe paypal braintree adyen paymentintent"),
    ("chart", "recharts chart.js d3 highcharts plotly echarts visx"),
    ("charting", "recharts chart.js d3 highcharts plotly echarts visx"),
    ("logging", "structlog loguru winston pino logrus zap log4j serilog"),
    ("data fetching", "swr tanstack react-query axios fetch"),
    ("orchestrates", "airflow dagster prefect luigi argo"),
    ("orchestration", "airflow dagster prefect luigi argo kubernetes"),
    ("state management", "redux zustand mobx jotai recoil pinia vuex"),
    ("authentication", "jwt oauth oauth2 nextauth auth0 cookie login"),
    ("auth", "jwt oauth oauth2 nextauth auth0 cookie login"),
    ("email", "sendgrid postmark mailgun ses smtp resend"),
    ("queue", "celery river sidekiq rq bullmq asynq sqs kafka rabbitmq"),
    ("background job", "celery river sidekiq rq bullmq asynq create_task"),
    ("continuous integration", "github actions gitlab circleci jenkins buildkite"),
    ("deployment", "docker nginx kubernetes helm vercel netlify heroku fly ecs terraform"),
    ("hosting", "vercel netlify heroku fly aws gcp azure render"),
    ("monitoring", "prometheus grafana sentry datadog opentelemetry newrelic"),
    ("observability", "prometheus grafana sentry datadog opentelemetry tracing metrics structlog logging"),
    ("tracing", "opentelemetry jaeger tempo zipkin"),
    ("rate limiting", "slowapi throttle limiter"),
    ("infrastructure", "terraform pulumi cloudformation ansible kubernetes helm"),
    ("scales", "autoscaler karpenter hpa"),
    ("secrets", "vault sops secrets"),
    ("language", "python typescript javascript go golang rust java kotlin ruby"),
    ("bug", "error fix fixed issue crash broken wrong failing"),
    ("bugs", "error fix fixed issue crash broken wrong failing"),
    ("offline storage", "sqlite watermelondb realm indexeddb asyncstorage"),
    ("crash reporting", "sentry crashlytics bugsnag"),
    // Everyday facts people tell an assistant about themselves: the question names the category ("my diet", "which
    // city", "my job title"), the conversation named the instance ("pescatarian", "moving to Manchester",
    // "promoted to senior analyst").
    ("diet", "vegan vegetarian pescatarian keto paleo gluten-free dairy-free halal kosher"),
    ("city", "moving moved move town live living flat apartment"),
    ("live", "moving moved move flat apartment house home"),
    ("job", "work working company employer engineer developer analyst manager designer nurse teacher promoted hired"),
    ("employer", "work working company job hired"),
    ("title", "promoted promotion senior junior lead principal staff head"),
    ("partner", "girlfriend boyfriend wife husband spouse fiance fiancee"),
    ("pet", "cat dog puppy kitten rabbit hamster adopted"),
    ("doctor", "physio physiotherapist gp dentist vet clinic appointment"),
    ("exercise", "running run gym cycling swimming yoga workout training"),
    ("commute", "train bus drive driving walk walking cycle bike"),
    ("cost", "price budget paid pounds dollars euros quote"),
    ("budget", "cost price pounds dollars euros"),
    ("trip", "travel flight flights hotel visit holiday vacation"),
    ("vacation", "travel flight hotel visit holiday trip"),
    ("kilometres", "km"),
    ("kilometers", "km"),
    ("km", "kilometres kilometers"),
    ("miles", "mi mile"),
    ("kilograms", "kg kilos"),
    ("weight", "kg kilograms pounds lbs"),
    // Paraphrases: the word a question uses for a state ("what has **shipped**", "is it **resolved**") and the words
    // the work was reported in ("done", "fixed"). Measured one by one on every eval set; "prefer" → "like/want",
    // "pending" → "todo/remaining", "improve" and "changed" cost as many questions as they won and were left out.
    ("resolved", "fixed fix solved"),
    ("fixed", "resolved solved"),
    ("shipped", "complete completed done deployed released"),
    ("implemented", "added built done completed"),
    ("performance", "latency speedup faster slow"),
];

/// Weight of an abbreviation's expansion (and the reverse) relative to the word that triggered it: they mean the same
/// thing, so nearly full weight.
pub const ABBREVIATION_WEIGHT: f32 = 0.8;

/// Abbreviations developers write for the same thing, both ways ("JS/TS projects" answers "JavaScript and TypeScript
/// projects").
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("js", "javascript"),
    ("ts", "typescript"),
    ("py", "python"),
    ("k8s", "kubernetes"),
    ("pg", "postgres postgresql"),
    ("postgres", "postgresql pg"),
    ("db", "database"),
    ("env", "environment"),
    ("config", "configuration"),
    ("repo", "repository"),
    ("deps", "dependencies"),
    ("auth", "authentication authorization"),
    ("ci", "continuous integration"),
    ("e2e", "end-to-end"),
    ("gh", "github"),
];

/// One taxonomy entry, analysed: the trigger's terms and the expansions' terms.
struct Entry {
    trigger: Vec<String>,
    expansions: Vec<String>,
    weight: f32,
    /// A tool or everyday category (not an abbreviation): its weight rises when the question asks for it.
    category: bool,
}

fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let categories = TAXONOMY.iter().map(|(trigger, expansions)| Entry {
            trigger: analyze::query_terms(trigger),
            expansions: terms_of(expansions),
            weight: EXPANSION_WEIGHT,
            category: true,
        });
        let abbreviations = ABBREVIATIONS.iter().flat_map(|(short, long)| {
            let forward = Entry {
                trigger: analyze::query_terms(short),
                expansions: terms_of(long),
                weight: ABBREVIATION_WEIGHT,
                category: false,
            };
            // Backwards from each long form (several long forms are alternatives, not words of one phrase).
            let backward = long.split(' ').map(move |l| Entry {
                trigger: analyze::query_terms(l),
                expansions: terms_of(short),
                weight: ABBREVIATION_WEIGHT,
                category: false,
            });
            std::iter::once(forward).chain(backward)
        });
        categories.chain(abbreviations).collect()
    })
}

/// The distinct document terms of `text` (what the index holds for it), compounds whole: `next.js` expands to
/// `next.js`, not also to `next` and `js`, which would match every message that says "next" or mentions JavaScript.
fn terms_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // The span of the last whole word; the analyser emits a compound's parts right after it, inside its span.
    let mut whole = (0, 0);
    analyze::analyze_with(text, Mode::Document, |t| {
        let part = t.offset_from >= whole.0 && t.offset_to <= whole.1;
        if part {
            return;
        }
        whole = (t.offset_from, t.offset_to);
        if !out.contains(&t.text) {
            out.push(t.text.clone());
        }
    });
    out
}

/// Adds the taxonomy's expansions of the query's category words to weighted query terms. An expansion that is
/// already a query term keeps the query's weight; one reached from several triggers keeps the largest weight.
pub fn expand(terms: &[(String, f32)]) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::new();
    for (t, w, _) in expand_grouped(terms, &[]) {
        match out.iter_mut().find(|(s, _)| *s == t) {
            Some((_, seen)) => *seen = seen.max(w),
            None => out.push((t, w)),
        }
    }
    out
}

/// [`expand`], with each term's group: the index in `terms` of the query term it stands for (itself for the query's
/// own terms; for an expansion, each word of its trigger, so an expansion of a multi-word trigger appears once per
/// word). The query's terms come first, in their order. A category
/// whose trigger lies wholly in `focus` (the analysed words the question asks for,
/// [`crate::intent::question_focus`]) expands at [`FOCUS_EXPANSION_WEIGHT`].
pub fn expand_grouped(terms: &[(String, f32)], focus: &[String]) -> Vec<(String, f32, usize)> {
    let mut out: Vec<(String, f32, usize)> = terms.iter().enumerate().map(|(i, (t, w))| (t.clone(), *w, i)).collect();
    let position = |t: &str| terms.iter().position(|(s, _)| s == t);
    for entry in entries() {
        if entry.trigger.is_empty() {
            continue;
        }
        let Some(positions) = entry.trigger.iter().map(|t| position(t)).collect::<Option<Vec<usize>>>() else {
            continue;
        };
        let trigger_weight = positions.iter().map(|&i| terms[i].1).fold(f32::INFINITY, f32::min);
        let asked_for = entry.category && entry.trigger.iter().all(|t| focus.contains(t));
        let w = trigger_weight * if asked_for { FOCUS_EXPANSION_WEIGHT } else { entry.weight };
        for e in &entry.expansions {
            if let Some((_, seen, _)) = out[..terms.len()].iter_mut().find(|(s, _, _)| s == e) {
                *seen = seen.max(w);
                continue;
            }
            // An expansion stands for every word of its trigger: "bun" answers "package" and "manager" alike.
            for &group in &positions {
                match out[terms.len()..].iter_mut().find(|(s, _, g)| s == e && *g == group) {
                    Some((_, seen, _)) => *seen = seen.max(w),
                    None => out.push((e.clone(), w, group)),
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(terms: &[(String, f32)], t: &str) -> Option<f32> {
        terms.iter().find(|(s, _)| s == t).map(|(_, w)| *w)
    }

    #[test]
    fn category_words_bring_in_their_tools_at_a_low_weight() {
        let q = analyze::weighted_query_terms("What web framework is the API built with?");
        let e = expand(&q);
        assert_eq!(weight(&e, "framework"), Some(1.0));
        assert_eq!(weight(&e, "fastapi"), Some(EXPANSION_WEIGHT));
        assert_eq!(weight(&e, "django"), Some(EXPANSION_WEIGHT));
        // next.js is searched whole: its parts ("next", "js") would match any message that says "next".
        assert_eq!(weight(&e, "next.js"), Some(EXPANSION_WEIGHT));
        assert_eq!(weight(&e, "next"), None);
        assert_eq!(weight(&e, "js"), None);
    }

    #[test]
    fn the_category_a_question_asks_for_expands_more_strongly() {
        let query = "What database does the ecommerce-api use?";
        let terms = analyze::weighted_query_terms(query);
        let asked = expand_grouped(&terms, &crate::intent::question_focus(query));
        let weight = |t: &str| asked.iter().find(|(s, _, _)| s == t).map(|(_, w, _)| *w);
        assert_eq!(weight("postgresql"), Some(FOCUS_EXPANSION_WEIGHT));
        // Mentioned, not asked for: the usual weight.
        let query = "Why did the database migration fail on deploy?";
        let terms = analyze::weighted_query_terms(query);
        let mentioned = expand_grouped(&terms, &crate::intent::question_focus(query));
        assert!(mentioned.iter().any(|(t, w, _)| t == "postgresql" && *w == EXPANSION_WEIGHT), "{mentioned:?}");
    }

    #[test]
    fn abbreviations_work_both_ways() {
        let long = expand(&analyze::weighted_query_terms("package manager for JavaScript projects"));
        assert!(weight(&long, "js").is_some_and(|w| w > EXPANSION_WEIGHT), "{long:?}");
        let short = expand(&analyze::weighted_query_terms("k8s upgrade runbook"));
        assert_eq!(weight(&short, "kubernet"), Some(ABBREVIATION_WEIGHT));
    }

    #[test]
    fn multi_word_triggers_need_every_word() {
        let manager = expand(&analyze::weighted_query_terms("Who is the project manager?"));
        assert_eq!(weight(&manager, "pnpm"), None);
        let package = expand(&analyze::weighted_query_terms("Which package manager do we use?"));
        assert_eq!(weight(&package, "pnpm"), Some(EXPANSION_WEIGHT));
        // An expansion of a two-word trigger stands for both words (conversation coverage counts it for each).
        let terms = analyze::weighted_query_terms("Which package manager do we use?");
        let groups: Vec<usize> =
            expand_grouped(&terms, &[]).iter().filter(|(t, _, _)| t == "pnpm").map(|(_, _, g)| *g).collect();
        assert_eq!(groups, [0, 1], "{terms:?}");
    }

    #[test]
    fn query_words_keep_their_weight_and_plain_questions_are_unchanged() {
        let e = expand(&analyze::weighted_query_terms("Which database, postgres or mysql?"));
        assert_eq!(weight(&e, "mysql"), Some(1.0));
        let plain = analyze::weighted_query_terms("Why did finalizing an invoice assign two numbers?");
        assert_eq!(expand(&plain), plain);
    }
}
