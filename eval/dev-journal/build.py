#!/usr/bin/env python3
"""Builds eval/dev-journal/{memories,queries}.jsonl: a held-out set of coding-assistant memories (decisions and why,
ruled-out approaches, conventions, bug root causes, gotchas, progress, setup commands, performance numbers) saved at
the end of work sessions on six projects with different stacks, January to June 2025, and questions a developer asks
weeks later. Facts change over time (a library replaced, a version bumped, a decision reversed, a number re-measured):
the newer memory is written later and is the gold answer for the current state; the older one is not. Some memories
restate a fact from an earlier session; some name another project. Gold is at the memory level (goldIds, every one
chosen by reading the memory: it states the answer) and at the session level (goldConversations).

Written for mx; nobody tuned ranking against it when it was added (held out).
Run: python3 eval/dev-journal/build.py  (rewrites the two files next to this script; deterministic, stdlib only)."""

import json
import os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))

# project key -> (project id, session id prefix)
PROJECTS = {
    "android": ("github.com/pawcare/pawcare-android", "and"),
    "web": ("github.com/pawcare/pawcare-web", "web"),
    "front": ("github.com/pawcare/pawcare-frontend", "fe"),
    "live": ("github.com/boardly/boardly-live", "live"),
    "lake": ("github.com/gridlytics/meterlake", "lake"),
    "cook": ("github.com/emberforge/ember-cook", "cook"),
}

# project key -> [(session number, start "YYYY-MM-DD HH:MM", [(topics, text)])].
# Session id = f"{prefix}-s{nn}", memory id = f"{session id}-{n}" with n from 1. A text starting with "U: " was written
# by the developer (role "user", prefix stripped); everything else is the assistant's own note.
SESSIONS = {
    "android": [
        (1, "2025-01-08 10:00", [
            ("setup architecture", "pawcare-android: Kotlin 2.1, Jetpack Compose with Material 3, single activity + Navigation Compose. DI with Hilt, local cache in Room, networking with Retrofit + OkHttp + kotlinx.serialization. The backend is pawcare-web (Django) under /api/v2/."),
            ("modules convention", "Module layout: :app, :core:data, :core:ui, :core:model and one module per feature (:feature:booking, :feature:pets, :feature:records). Feature modules may depend on :core:* but never on each other; navigation between features goes through routes declared in :core:ui/Routes.kt."),
            ("build", "Dependency versions live only in gradle/libs.versions.toml (version catalog). Don't hardcode versions in module build.gradle.kts files; convention plugins are in build-logic/."),
            ("setup", "minSdk 26, targetSdk 35. Debug builds point at https://staging.pawcare.app; override with `./gradlew installDebug -Papi.base=http://10.0.2.2:8000` to hit a local pawcare-web runserver from the emulator."),
            ("setup", "Emulator tip: use a Pixel 7 API 34 image; API 35 images kept failing Google sign-in for Play services."),
        ]),
        (2, "2025-01-15 14:30", [
            ("auth", "Sign-in uses OAuth2 authorization code + PKCE against pawcare-web's django-oauth-toolkit, via the AppAuth library. Access tokens live 15 min, refresh tokens 30 days."),
            ("auth gotcha", "AppAuth gotcha: the redirect URI com.pawcare.app:/oauth2redirect must match the manifestPlaceholders['appAuthRedirectScheme'] in app/build.gradle.kts exactly, otherwise the browser tab never returns to the app and there is no error at all."),
            ("auth networking", "Token refresh runs in an OkHttp Authenticator (core/data/auth/TokenAuthenticator.kt) guarded by a Mutex so that five parallel 401s trigger one refresh, not five. Without it the backend revoked the refresh token on the second concurrent use (rotation)."),
            ("auth storage", "Tokens are stored in EncryptedSharedPreferences (androidx.security:security-crypto), file name pawcare_secure_prefs."),
            ("auth", "Login screen is a Compose screen that only launches the AppAuth intent; no username/password fields in the app at all."),
            ("auth testing", "Unit tests fake the token endpoint with MockWebServer; AppAuth flows themselves are only covered by the manual QA checklist in docs/qa-login.md."),
        ]),
        (3, "2025-01-27 09:15", [
            ("booking bug timezone", "Bug: appointment slots showed 3 hours off for some owners. Root cause: we formatted kotlinx-datetime Instants with TimeZone.currentSystemDefault(); owners travelling or with a wrong device zone saw shifted times. Fix: format with the clinic's zone from Clinic.timezone (IANA id from the API), and show the zone abbreviation next to the time."),
            ("booking decision", "Decision: booking always displays clinic local time, never device local time, because the appointment happens at the clinic. Documented in feature/booking/README.md."),
            ("booking", "Slot picker is a LazyRow of days + FlowRow of chips; slots come from GET /api/v2/clinics/{id}/slots?date=YYYY-MM-DD and are cached for 60 s only, since they go stale fast."),
            ("booking", "Booking flow is three steps: pick pet → pick slot → confirm. State is one BookingUiState in BookingViewModel (SavedStateHandle-backed so process death keeps the selection)."),
            ("booking api", "POST /api/v2/appointments/ returns 409 with code slot_taken when someone else got the slot first; the app refreshes slots and shows a snackbar."),
        ]),
        (4, "2025-02-05 16:00", [
            ("offline data", "Offline: pets and upcoming appointments are cached in Room and exposed as Flow from repositories; screens render the cache first and refresh in the background (stale-while-revalidate)."),
            ("data ruled-out", "Ruled out Paging 3 for the appointments list: an owner has fewer than 50 appointments, and Paging's RemoteMediator added a lot of code for nothing. Plain Flow<List<Appointment>> instead."),
            ("offline sync", "Cancelling an appointment offline enqueues a unique WorkManager job (CancelAppointmentWorker, ExistingWorkPolicy.KEEP, network constraint) so it goes through once the phone is back online."),
            ("offline", "U: Don't allow creating new bookings offline. Cancelling is fine, but booking needs live slot availability."),
            ("offline", "Room database is pawcare.db, schema version 7 now; exportSchema = true and schemas are committed under core/data/schemas so migrations can be tested with MigrationTestHelper."),
            ("offline", "Pull-to-refresh on the pets screen forces a network refresh; errors keep showing the cached list with a 'last updated' timestamp."),
        ]),
        (5, "2025-02-18 11:20", [
            ("notifications", "Push: Firebase Cloud Messaging. The FCM token is registered with pawcare-web via POST /api/v2/devices/ {token, platform:'android'} after login and whenever onNewToken fires."),
            ("notifications gotcha", "Android 13+ needs the POST_NOTIFICATIONS runtime permission. We ask for it right after the first successful booking (when reminders make sense), not on first launch — asking on launch got ~40% denials in the beta."),
            ("notifications", "Two notification channels: 'reminders' (default importance) and 'messages' (high importance). Channel ids can't be changed once shipped, only deleted and recreated."),
            ("notifications", "Tapping a reminder deep-links to pawcare://appointments/{id}; the deep link is declared on the appointment detail route in Navigation Compose."),
            ("notifications testing", "To test push locally send a data message from the Firebase console to the debug token printed in logcat with tag FcmToken."),
        ]),
        (6, "2025-03-04 13:40", [
            ("performance startup", "Cold start on a Pixel 4a was 2.8 s. Added a Baseline Profile (module :baselineprofile) and made Hilt init lazy for analytics and Firebase; cold start is now 1.6 s median."),
            ("performance benchmark", "Startup benchmark: `./gradlew :benchmark:connectedBenchmarkAndroidTest` on a physical device with the screen on. Emulators give useless numbers."),
            ("performance", "Regenerate the baseline profile with `./gradlew :app:generateBaselineProfile` whenever the startup path changes (new DI graph, new first screen)."),
            ("performance", "Startup trace showed Firebase init alone at 420 ms on the main thread; it is now initialized with App Startup lazily after the first frame."),
            ("performance", "Scrolling jank on the pets list came from decoding full-size photos; Coil now requests thumbnails sized to the item (size(Dimension(96.dp)))"),
        ]),
        (7, "2025-03-19 10:10", [
            ("kmp decision networking", "Decision: move :core:data to Kotlin Multiplatform so the planned iOS app can share the API client and models. Retrofit is Android-only, so the API client is being rewritten with Ktor client (OkHttp engine on Android)."),
            ("kmp networking", "Ktor client setup: ContentNegotiation with kotlinx.serialization json { ignoreUnknownKeys = true }, HttpTimeout 15 s, and Auth plugin with bearer tokens replacing the OkHttp Authenticator."),
            ("kmp progress", "Progress: pets and clinics endpoints ported to Ktor; booking and records still on Retrofit. Both clients coexist behind the ApiClient interface for now."),
            ("kmp", "KMP module :core:data has androidMain and commonMain source sets; iosMain exists but only compiles, nothing ships yet."),
            ("kmp ruled-out", "Ruled out SQLDelight to replace Room during the KMP move: Room 2.7 supports KMP now and rewriting our 7 migrations was not worth it."),
        ]),
        (8, "2025-04-02 15:30", [
            ("bug compose", "Crash: IllegalArgumentException 'Key ... was already used' in the appointments LazyColumn. Cause: AppointmentRepository.merge concatenated cached and remote lists, so a rescheduled appointment appeared twice with the same id. Fix: merge by id (remote wins) with associateBy; added a unit test."),
            ("ci", "CI is GitHub Actions: gradle/actions/setup-gradle with the configuration cache, then `./gradlew lint testDebugUnitTest assembleRelease`. Internal builds go to Firebase App Distribution from main."),
            ("kmp progress networking", "Retrofit is gone: booking and records now use the Ktor client too. Removed retrofit and converter dependencies from libs.versions.toml."),
            ("ci", "CI also runs `./gradlew detekt` with the compose rules; the baseline file detekt-baseline.xml must not grow — fix new findings instead."),
            ("ci", "U: Internal testers should only get builds from main, never from feature branches."),
        ]),
        (9, "2025-04-22 09:50", [
            ("auth storage", "Token storage changed: security-crypto's EncryptedSharedPreferences is deprecated, so tokens now live in a DataStore file encrypted with a Tink AEAD keyset that is wrapped by an Android Keystore key (core/data/auth/TokenStore.kt). A one-time migration reads the old prefs and deletes them."),
            ("build", "minSdk raised from 26 to 28: Play Console shows under 1.5% of our users on API 26-27, and 28 gives us the biometric APIs without compat shims."),
            ("auth", "Biometric unlock (BiometricPrompt, BIOMETRIC_STRONG) now gates opening medical records, not the whole app."),
            ("auth", "Reminder: tokens are no longer in EncryptedSharedPreferences; the DataStore + Tink TokenStore is the only place, and the pawcare_secure_prefs file is deleted on upgrade."),
            ("build", "Reminder for release planning: minSdk is 28 now, not 26; drop any API 26/27 compat code you come across."),
        ]),
        (10, "2025-05-13 14:00", [
            ("records data", "Medical records can have hundreds of entries for older pets, so the records list now uses Paging 3 with a RemoteMediator backed by Room (records_remote_keys table). Appointments stay a plain Flow list."),
            ("records gotcha", "Paging gotcha: RemoteMediator.initialize must return SKIP_INITIAL_REFRESH when the cache is fresher than 1 hour, otherwise every open of the records tab hit the API and the list jumped to the top."),
            ("records", "Record attachments (PDF lab results) open with an ACTION_VIEW intent on a FileProvider uri; authority is ${applicationId}.files, paths in res/xml/file_paths.xml."),
            ("records", "Records list item shows type icon, date in clinic time and vet name; tapping opens RecordDetailScreen, which needs biometric unlock."),
        ]),
        (11, "2025-06-03 11:30", [
            ("release", "Releases: Play staged rollout 10% → 50% → 100% over a week, halted if the crash-free rate in Crashlytics drops below 99.5%. versionCode is yyMMddNN."),
            ("release gotcha build", "R8 full mode stripped kotlinx.serialization serializers of classes only referenced through Ktor, crashing release builds with 'Serializer for class ... is not found'. Added keep rules for @Serializable classes in app/proguard-rules.pro; release builds are now smoke-tested on CI with `./gradlew :app:connectedReleaseAndroidTest`."),
            ("auth progress", "Progress: passkey sign-in via Credential Manager works against pawcare-web staging, hidden behind the remote-config flag passkeys_enabled."),
            ("release", "Play Console release notes come from fastlane/metadata/android/en-US/changelogs/<versionCode>.txt; CI fails if the file is missing."),
            ("release", "Crashlytics crash-free users for 2.4.0 at 100% rollout: 99.82%."),
        ]),
        (12, "2025-06-19 16:45", [
            ("kmp decision", "The iOS team decided on a native Swift app, so the Kotlin Multiplatform plan is paused: :core:data stays a KMP module (already done) but we stop adding iOS targets. Ktor stays as the HTTP client."),
            ("notifications", "Appointment reminders are now sent 24 h and 2 h before the slot (pawcare-web changed the schedule); the app only displays what FCM sends, no local alarms."),
            ("progress", "Where things stand: passkeys at 10% rollout, Paging for records shipped, next up is the pet weight chart on the pet profile (Vico charts library picked)."),
            ("charts", "Picked Vico for the pet weight chart over MPAndroidChart: Vico is Compose-native and MPAndroidChart is View-based and barely maintained."),
            ("release", "U: Keep passkeys at 10% until the support team has the FAQ ready."),
        ]),
    ],
    "web": [
        (1, "2025-01-06 09:30", [
            ("setup architecture", "pawcare-web is a Django 4.2 LTS monolith on Python 3.12 with PostgreSQL 16. Apps: clinics, pets, appointments, records, billing. DRF serves /api/v2 for pawcare-android and the staff UI; Celery + Redis run background jobs."),
            ("setup", "Local setup: `uv sync`, `docker compose up -d db redis`, `uv run python manage.py migrate`, `uv run python manage.py loaddata demo_clinic` (creates vet@demo.local / demo1234)."),
            ("convention architecture", "Convention: business logic goes in <app>/services.py functions (e.g. appointments.services.book_slot). Views and serializers stay thin, and nothing important happens in Model.save() or signals."),
            ("convention", "U: No new signals please. They made the old billing code impossible to follow."),
            ("setup", "Settings are split: config/settings/base.py, local.py, test.py, production.py; DJANGO_SETTINGS_MODULE defaults to config.settings.local in manage.py."),
            ("admin", "Django admin is only for support staff at /support-admin/ (not /admin/), behind the is_support_staff check and 2FA via django-otp."),
        ]),
        (2, "2025-01-14 15:00", [
            ("auth", "OAuth provider for the mobile app: django-oauth-toolkit with PKCE required (PKCE_REQUIRED=True), access token 900 s, refresh token rotation on (ROTATE_REFRESH_TOKEN=True) so a reused refresh token is rejected."),
            ("auth", "Staff users of the clinic UI (pawcare-frontend) log in with Django sessions + CSRF, not OAuth; the SPA is served from the same domain so cookies just work."),
            ("auth gotcha", "Gotcha: with refresh token rotation, concurrent refreshes from one device revoke each other. pawcare-android must serialize refreshes; told the Android side."),
            ("auth", "OAuth application for the Android app is client type public, grant type authorization-code, redirect com.pawcare.app:/oauth2redirect."),
            ("auth", "Password hashing: Argon2 (argon2-cffi) is first in PASSWORD_HASHERS; old PBKDF2 hashes are upgraded on login."),
        ]),
        (3, "2025-01-29 11:10", [
            ("appointments bug database", "Bug: two owners booked the same vet slot at 10:30. Cause: book_slot checked availability and inserted in two steps without a lock. Fix: a Postgres exclusion constraint on appointments (vet_id WITH =, during WITH &&) using tstzrange and the btree_gist extension; the losing insert raises IntegrityError and the API returns 409 slot_taken."),
            ("appointments ruled-out", "Ruled out select_for_update for double booking: slots are computed from vet schedules, not stored rows, so there is nothing to lock. A serializable transaction was also rejected — retries everywhere for one constraint."),
            ("appointments", "Migration 0014_appointment_no_overlap adds the btree_gist extension with BtreeGistExtension() before the constraint; on RDS the extension must be allow-listed, it is."),
            ("appointments", "Appointment.during is a DateTimeRangeField (tstzrange, '[)' bounds) so back-to-back slots 10:00-10:30 and 10:30-11:00 don't overlap."),
        ]),
        (4, "2025-02-10 10:00", [
            ("reminders celery bug", "Bug: some owners got the same SMS reminder 2-3 times. Cause: reminders were Celery tasks scheduled with eta 24 h ahead, and Redis' visibility_timeout (1 h) redelivered unacked eta tasks. Fix: no long eta tasks; a beat task send_due_reminders runs every 5 minutes and marks appointments.reminder_sent_at in the same transaction."),
            ("reminders", "SMS goes through Twilio (TWILIO_* env vars); a reminder is sent 24 hours before the appointment."),
            ("database gotcha", "We run pgbouncer in transaction pooling mode in front of Postgres. Required DISABLE_SERVER_SIDE_CURSORS = True in DATABASES, otherwise .iterator() fails with 'cursor ... does not exist'."),
            ("celery", "Celery beat schedule lives in config/celery.py (CELERY_BEAT_SCHEDULE); django-celery-beat is not used, the schedule is code."),
            ("reminders", "Reminder SMS text is translated per clinic language (de, en, fr) with gettext; templates in reminders/templates/sms/."),
        ]),
        (5, "2025-02-24 14:20", [
            ("performance api", "GET /api/v2/appointments/ for a busy clinic ran 380 queries (N+1 on pet, vet, owner). Added select_related('pet', 'vet', 'clinic') and prefetch_related('pet__owner'): 1.2 s → 140 ms."),
            ("testing convention", "Convention: every list endpoint test uses django_assert_max_num_queries so N+1 regressions fail in CI."),
            ("testing", "Tests: pytest + pytest-django + factory_boy; run `uv run pytest -n auto --reuse-db` (pytest-xdist). Factories live in <app>/tests/factories.py."),
            ("performance", "Reminder to self: N+1 on the appointment list was fixed with select_related/prefetch_related; keep the django_assert_max_num_queries(8) assertion in test_appointment_list."),
        ]),
        (6, "2025-03-10 09:45", [
            ("upgrade decision", "Decision: stay on Django 4.2 LTS and skip 5.0/5.1; upgrade straight to 5.2 LTS once it is out (April) and DRF supports it."),
            ("billing", "Invoices are rendered to PDF with WeasyPrint from templates/billing/invoice.html. Gotcha: the slim Docker image needs libpango-1.0-0 and libpangoft2-1.0-0 apt packages or WeasyPrint fails at import with an OSError about 'pango'."),
            ("billing convention", "Invoice totals are Decimal with quantize(Decimal('0.01'), ROUND_HALF_UP) applied once per line, never on floats; VAT rate comes from the clinic's country."),
            ("billing", "Invoice numbers are per clinic and per year (e.g. BER-2025-00042), allocated with select_for_update on the InvoiceCounter row."),
        ]),
        (7, "2025-03-25 16:10", [
            ("api openapi", "OpenAPI schema from drf-spectacular at /api/schema/. pawcare-frontend generates its TypeScript client from the committed schema.yml; CI regenerates it with `uv run python manage.py spectacular --file schema.yml` and fails on any diff."),
            ("api convention", "API errors always have the shape {\"code\": \"slot_taken\", \"detail\": \"...\"}; custom exception handler in core/api/exceptions.py. Codes are snake_case and never change once released because the Android app switches on them."),
            ("api versioning", "/api/v1 is frozen and only used by Android app versions below 2.0; it will be removed once they are under 1% of traffic."),
            ("api", "Pagination on list endpoints is cursor-based (CursorPagination ordered by -created_at), page size 50, max 200."),
            ("api", "API docs (Swagger UI) at /api/docs/ are only enabled when DEBUG or for staff users."),
        ]),
        (8, "2025-04-08 13:00", [
            ("celery infrastructure", "Switched the Celery broker from Redis to RabbitMQ (Amazon MQ). Redis kept running out of memory with large result payloads and the visibility-timeout redeliveries kept biting; RabbitMQ acks are per message. Redis stays as the cache only."),
            ("celery", "Celery settings after the switch: task_acks_late=True, worker_prefetch_multiplier=1, result backend disabled (we never read results)."),
            ("records storage", "Lab result PDFs are uploaded to S3 through django-storages; downloads use presigned URLs that expire after 10 minutes."),
            ("celery", "Queues: 'default' and 'sms'; the sms queue has its own worker with concurrency 2 so Twilio rate limits can't starve other tasks."),
        ]),
        (9, "2025-05-06 10:30", [
            ("upgrade", "Upgraded to Django 5.2 LTS and Python 3.13. All 1,840 tests green; `pytest -n 4` takes 3 min 10 s on CI."),
            ("upgrade gotcha", "Django 5.x gotcha: DEFAULT_FILE_STORAGE and STATICFILES_STORAGE settings are gone; replaced with the STORAGES dict ('default': S3Storage, 'staticfiles': ManifestStaticFilesStorage). The app booted but uploads silently went to local disk until we fixed it."),
            ("upgrade", "django-oauth-toolkit bumped to 3.0 with the upgrade; its migration hashes client secrets, so existing plain client secrets had to be re-issued to pawcare-android's CI."),
            ("upgrade", "Upgrade done: we are on Django 5.2 LTS now (no longer 4.2); next LTS jump is years away."),
            ("testing", "Test settings use MD5PasswordHasher and an in-memory email backend to keep the suite fast."),
        ]),
        (10, "2025-05-20 15:40", [
            ("reminders notifications", "Reminder schedule changed: owners now get a reminder 24 hours AND 2 hours before the appointment, by SMS and by push to their pawcare-android devices (fcm-django, FCMDevice rows created by POST /api/v2/devices/)."),
            ("api rate-limit", "Rate limits: DRF ScopedRateThrottle, scope 'booking' at 10/min per user and 'login' at 5/min per IP. Throttle state is in Redis (the cache)."),
            ("reminders", "Both reminders are tracked separately: reminder_24h_sent_at and reminder_2h_sent_at replace the single reminder_sent_at column (migration 0031)."),
            ("notifications", "Push payloads carry appointment_id and type ('reminder_24h' / 'reminder_2h'); pawcare-android builds the notification text locally from them."),
        ]),
        (11, "2025-06-09 11:00", [
            ("performance database", "DB CPU hit 95% every 5 minutes: send_due_reminders did a sequential scan on appointments. Added partial indexes on start_at WHERE reminder_24h_sent_at IS NULL (and the same for 2h). The query went from 900 ms to 4 ms."),
            ("database decision", "Removed pgbouncer: Django 5.2 with psycopg 3 has a native connection pool (DATABASES OPTIONS {'pool': {'min_size': 2, 'max_size': 10}}). With the pool in-process we could turn server-side cursors back on."),
            ("database", "Postgres max_connections is 200; 6 web containers x 10 + 4 workers x 10 = 100 pooled connections, leaving headroom for migrations and psql."),
            ("database", "The pool is per process: each web container runs one gunicorn process with 8 gthread threads sharing a single psycopg pool, which is why max_size is 10."),
            ("performance", "Reminder query after the index: 4 ms even on the largest clinic; EXPLAIN shows an index scan on appointments_reminder_24h_pending."),
        ]),
        (12, "2025-06-24 14:15", [
            ("progress organizations", "Progress: multi-clinic organizations (Organization model, clinics.organization FK) are merged behind the waffle flag org_accounts; billing per organization is not started."),
            ("feature-flags", "Feature flags use django-waffle; flags are created in data migrations, never by hand in the admin, so every environment has the same set."),
            ("deploy", "U: Never run migrate against production from a laptop. Migrations run in the release step of the deploy pipeline only."),
            ("organizations", "Organization admins can see all clinics of their organization; permission checks go through organizations.permissions.can_manage_clinic(user, clinic)."),
        ]),
    ],
    "front": [
        (1, "2025-01-20 10:20", [
            ("setup monorepo", "pawcare-frontend is a pnpm 9 workspace driven by Turborepo 2 on Node 22. apps/staff is the clinic staff UI (Vite + React 19 + TanStack Router), apps/docs is Storybook for the design system, packages/ui is the component library (Radix primitives + Tailwind), packages/api-client wraps the pawcare-web API, packages/config holds shared tsconfig/lint config."),
            ("setup", "Getting started: `corepack enable && pnpm install`, then `pnpm dev --filter staff` (expects pawcare-web on localhost:8000; Vite proxies /api and /accounts to it so cookies stay same-origin)."),
            ("monorepo convention", "Convention: internal packages are 'just-in-time' — package.json exports point at src/*.ts and the consuming app's Vite compiles them. Only packages/ui has a build step (tsup) because Storybook and external consumers need dist/."),
            ("setup", "Node version is pinned in .nvmrc (22) and engines.node; CI uses actions/setup-node with node-version-file: .nvmrc."),
            ("monorepo", "Package scope is @pawcare/*: @pawcare/ui, @pawcare/api-client, @pawcare/config. Apps are private packages named staff and docs."),
        ]),
        (2, "2025-01-28 14:00", [
            ("api-client", "API types are generated from pawcare-web's schema.yml with openapi-typescript into packages/api-client/src/schema.d.ts (`pnpm --filter @pawcare/api-client gen`); requests go through openapi-fetch, so paths and bodies are type-checked."),
            ("api-client auth gotcha", "Gotcha: Django rejects POST/PATCH/DELETE with 403 'CSRF token missing' unless the X-CSRFToken header carries the csrftoken cookie value. Added an openapi-fetch middleware in packages/api-client/src/csrf.ts that copies it on unsafe methods."),
            ("api-client", "Error handling: API errors come back as {code, detail}; api-client maps code to an ApiError subclass, and the UI switches on code, never on detail text."),
            ("api-client", "Regenerate the client whenever pawcare-web's schema.yml changes: copy it into packages/api-client/schema.yml (a CI job opens a PR automatically when the backend's schema changes)."),
        ]),
        (3, "2025-02-11 09:30", [
            ("ci turbo cache", "Turborepo remote cache is self-hosted (ducktors/turborepo-remote-cache on S3), configured in CI via TURBO_API, TURBO_TEAM and TURBO_TOKEN secrets. Full CI went from 14 min to about 4 min on cache hits."),
            ("ci turbo bug", "Bug: production staff app called the staging API after a deploy. Cause: VITE_API_URL was not listed in turbo.json tasks.build.env, so Turbo served a cached build that had been produced with the staging value. Every VITE_* variable used at build time must be in the env list."),
            ("ci", "CI runs `pnpm turbo run lint typecheck test build --filter=...[origin/main]` so only packages affected since main are checked on PRs; main runs everything."),
            ("ci", "turbo.json: build depends on ^build, test depends on ^build, lint has no deps; outputs dist/** and storybook-static/**."),
            ("ci", "Remote cache artifacts are signed (TURBO_REMOTE_CACHE_SIGNATURE_KEY) so a poisoned cache entry is rejected."),
        ]),
        (4, "2025-02-25 16:30", [
            ("testing", "Unit/component tests with Vitest + Testing Library (jsdom); end-to-end with Playwright in apps/staff/e2e against pawcare-web started from its docker compose with the demo_clinic fixture."),
            ("testing ruled-out", "Ruled out Cypress for e2e: much slower in CI, and we need two browser contexts (vet and receptionist) in one test, which Playwright does natively."),
            ("testing convention", "Convention: no data-testid selectors. Tests query by role and accessible name (getByRole('button', { name: 'Check in' })), which also keeps the UI accessible."),
            ("testing", "Playwright runs Chromium and WebKit in CI (Firefox dropped: clinics use Chrome and iPads); traces are uploaded as artifacts on failure."),
            ("testing", "Component tests mock the API with MSW handlers in apps/staff/src/test/handlers.ts built from the generated schema types."),
        ]),
        (5, "2025-03-12 11:00", [
            ("lint", "Linting: ESLint 9 flat config exported from packages/config/eslint.config.js (typescript-eslint strict + react-hooks), Prettier for formatting; `pnpm lint` runs both through turbo."),
            ("lint convention", "Rule we care about: no default exports in packages/ (named exports only), so renames are caught by the type checker."),
            ("lint", "Prettier config: printWidth 100, singleQuote, trailingComma all."),
        ]),
        (6, "2025-03-26 13:20", [
            ("calendar performance", "Vet day calendar rendered 400 appointment cards in ~900 ms on a clinic laptop. Virtualized the rows with @tanstack/react-virtual and memoized AppointmentCard: ~60 ms now."),
            ("calendar bug timezone", "Bug: Safari showed 'Invalid Date' on the calendar. new Date('2025-03-30 10:00') (space, no zone) isn't parsed by Safari. All date parsing now goes through parseISO and the clinic zone with @date-fns/tz (TZDate); a lint rule bans new Date(string)."),
            ("calendar", "Times are shown in the clinic's timezone (clinic.timezone from the API), never the browser's, same rule as pawcare-android."),
            ("calendar", "The calendar polls every 30 s for changes with TanStack Query refetchInterval; live updates via websocket were deferred."),
            ("calendar", "Drag-to-reschedule on the calendar uses dnd-kit; a drop sends PATCH /api/v2/appointments/{id}/ and rolls back optimistically on 409 slot_taken."),
        ]),
        (7, "2025-04-09 10:45", [
            ("release ui", "packages/ui is versioned with Changesets and published to GitHub Packages as @pawcare/ui; apps are not versioned. Add a changeset (`pnpm changeset`) in every PR that touches packages/ui."),
            ("typescript", "tsconfig: every package extends @pawcare/config/tsconfig.base.json (strict, noUncheckedIndexedAccess, moduleResolution 'bundler'). Typecheck runs per package with `tsc --noEmit`, not project references."),
            ("storybook", "Every component in packages/ui has a story; Chromatic visual tests run on PRs that touch packages/ui."),
        ]),
        (8, "2025-04-23 15:10", [
            ("ui tailwind upgrade", "Upgraded Tailwind CSS 3 → 4. tailwind.config.js is gone; the design tokens are CSS variables in an @theme block in packages/ui/src/theme.css."),
            ("ui tailwind gotcha", "Tailwind 4 gotcha: classes used only inside packages/ui disappeared from the staff app build. v4 auto-detects sources relative to the app only; apps/staff/src/index.css needs @source \"../../../packages/ui/src\"."),
            ("ui", "Dark mode is a data-theme='dark' attribute on <html>; tokens switch in theme.css, components never check the theme themselves."),
            ("ui", "Icon set is lucide-react, tree-shaken per icon import; no icon fonts."),
        ]),
        (9, "2025-05-07 09:20", [
            ("lint decision", "Replaced ESLint + Prettier with Biome 2 (biome.json at the repo root). Lint + format of the whole repo went from 48 s to 1.9 s in CI. The React hooks checks are covered by Biome's useExhaustiveDependencies."),
            ("lint", "Removed packages/config/eslint.config.js and all eslint/prettier devDependencies; editors should use the Biome extension. `pnpm lint` now runs `biome check .`."),
            ("lint", "Formatting settings moved to biome.json: lineWidth 100, quoteStyle single, trailingCommas all — same output as the old Prettier config."),
        ]),
        (10, "2025-05-21 14:30", [
            ("tooling upgrade gotcha", "Upgraded pnpm 9 → 10. Gotcha: pnpm 10 no longer runs dependencies' postinstall scripts by default, so esbuild and sharp had no binaries and Vite crashed. Fixed by listing them in pnpm.onlyBuiltDependencies in the root package.json."),
            ("tooling", "packageManager in the root package.json pins pnpm@10.11.0; corepack picks it up, so nobody needs a global pnpm."),
            ("tooling", "pnpm 10 also made `pnpm install` strict about the lockfile in CI (frozen-lockfile is the default with CI=true)."),
            ("tooling", "Reminder: we're on pnpm 10 now; if a new dependency needs a postinstall (native binary), add it to pnpm.onlyBuiltDependencies."),
        ]),
        (11, "2025-06-04 11:40", [
            ("routing data", "Data loading: each TanStack Router route has a loader calling queryClient.ensureQueryData, so navigation waits for data and the components read it with useSuspenseQuery. No fetching in useEffect."),
            ("progress organizations", "Progress: invoices screen done. The organization switcher for pawcare-web's multi-clinic org_accounts is in progress (UI done, waiting for the /api/v2/organizations/ endpoint)."),
            ("routing", "Auth guard: the root route's beforeLoad calls /api/v2/me/ and redirects to /accounts/login/?next=... on 401, which is pawcare-web's Django login page."),
        ]),
        (12, "2025-06-18 16:00", [
            ("performance bundle", "Staff app main chunk was 1.1 MB (380 KB gzipped). Lazy route chunks + dropping moment (pulled in by an old chart library, replaced with Recharts) brought it to 420 KB raw."),
            ("performance ci", "Added size-limit to CI: apps/staff fails the build if the main chunk exceeds 450 KB (config in apps/staff/.size-limit.json)."),
            ("performance", "Use `pnpm --filter staff build && pnpm --filter staff analyze` (vite-bundle-visualizer) to see what is in a chunk before adding a dependency."),
            ("performance", "Recharts is loaded only on the reports route (lazy import), so it doesn't count toward the main chunk."),
            ("performance", "U: Ask before adding any dependency over 30 KB gzipped to the staff app."),
        ]),
    ],
    "live": [
        (1, "2025-01-13 10:00", [
            ("setup architecture", "boardly-live is the realtime service behind Boardly's collaborative whiteboards: Elixir 1.17 / OTP 27, Phoenix 1.7 Channels over WebSocket, Ecto + Postgres. Clients join the topic \"board:<board_id>\". Deployed on Fly.io in ams, iad and sin, clustered with dns_cluster."),
            ("setup", "Local: `mix setup` (deps, DB, seeds), then `iex -S mix phx.server`. Two-node cluster locally: `PORT=4001 elixir --sname a -S mix phx.server` and `PORT=4002 elixir --sname b -S mix phx.server`."),
            ("presence", "Phoenix.Presence tracks who is on a board (user id, name, color) so the avatars row updates live."),
            ("setup", "Fly app names: boardly-live-staging and boardly-live; secrets (SECRET_KEY_BASE, DATABASE_URL, JWKS_URL) via `fly secrets set`."),
            ("setup", "U: Keep the service stateless apart from the BoardServers; no local disk state on the machines."),
        ]),
        (2, "2025-01-22 14:45", [
            ("sync architecture decision", "Each open board is a BoardServer GenServer under a DynamicSupervisor. It validates incoming ops, assigns a monotonically increasing seq and broadcasts them; clients apply ops in seq order and rebase their pending local ops."),
            ("sync ruled-out", "Ruled out CRDTs (Yjs / Automerge) for board state: we need server-side validation (permissions per shape, size limits) and a total order makes undo and history simple. Our shapes rarely conflict at the field level."),
            ("sync registry", "BoardServers are registered cluster-wide with Horde.Registry + Horde.DynamicSupervisor so a board runs on exactly one node."),
            ("sync persistence", "BoardServer snapshots the board to Postgres (boards.snapshot jsonb) every 50 ops or 10 seconds, whichever comes first; ops since the last snapshot are in board_ops."),
            ("sync", "Op format: {seq, client_id, client_seq, kind: create|update|delete, shape_id, patch}; the server acks with {client_seq, seq} so the client can drop it from pending."),
            ("sync", "Board size limits: 5,000 shapes and 2 MB of shape data per board; ops beyond that are rejected with 'board_full'."),
            ("sync", "Ops are appended to board_ops (board_id, seq, op jsonb) in batches every 200 ms; the client ack is sent only after the batch is committed."),
        ]),
        (3, "2025-02-04 09:10", [
            ("presence performance gotcha", "Gotcha: we first sent cursor positions through Presence.update at 60 Hz. Every update is a CRDT diff replicated to all nodes, and a 40-person board saturated the cluster. Cursors now use Endpoint.broadcast_from on \"cursors:<board_id>\" (not persisted, not replicated state), throttled client side to 20 Hz. Presence is only for who is online."),
            ("presence", "Idle users (no input for 5 min) get presence meta status 'away' instead of being removed, so the avatar greys out."),
            ("presence", "Reminder: don't put cursors into Presence again; cursors are plain broadcasts on the cursors:<board_id> topic at 20 Hz max."),
        ]),
        (4, "2025-02-17 16:20", [
            ("bug deploy persistence", "Bug: boards lost the last few seconds of edits after each deploy. Cause: on SIGTERM the BoardServer was killed before its pending ops were snapshotted. Fix: Process.flag(:trap_exit, true) in init, flush in terminate/2, child spec shutdown: 30_000, and kill_timeout = 30 in fly.toml."),
            ("deploy", "Deploy: `fly deploy --strategy rolling`; clients reconnect with exponential backoff (1 s up to 30 s with jitter) and re-join with their last seen seq to fetch missed ops."),
            ("deploy", "Health check endpoint is GET /healthz (returns 200 once the node has joined the cluster); configured as an http_service check in fly.toml."),
        ]),
        (5, "2025-03-03 11:30", [
            ("registry decision", "Replaced Horde with deterministic placement: boards are routed to a node with a consistent hash ring (libring) over the connected nodes, and the owner takes a Postgres advisory lock pg_try_advisory_lock(board_id) before starting. After a netsplit Horde had two BoardServers for one board and resolved the conflict by killing one, dropping its ops."),
            ("registry", "When the ring changes (node up/down), boards whose owner changed hand off: the old owner flushes a snapshot, releases the advisory lock and stops; clients reconnect and re-join."),
            ("registry", "U: Losing edits is the one thing we can't ship. Prefer a board being briefly unavailable over two copies of it."),
            ("registry", "Ring membership follows :net_kernel.monitor_nodes; a node joining triggers rebalancing of only the boards whose hash moves (~1/N of them)."),
        ]),
        (6, "2025-03-18 15:00", [
            ("auth", "Socket auth: the client passes a short-lived JWT (5 min) from boardly-api (the Rails app) in the connect params; UserSocket.connect verifies it with Joken against boardly-api's JWKS, cached for 10 min."),
            ("auth", "Long sessions: the client pushes 'token:refresh' with a new JWT before expiry; if the token expires the server sends 'auth_expired' and closes the socket instead of silently keeping it."),
            ("auth gotcha", "Gotcha: JWKS fetch on cold start could take 2 s from sin and timed out the first connects. The JWKS is now fetched at boot and refreshed by a periodic task; connect never fetches it."),
            ("auth", "Board permissions (viewer/editor/owner) come in the JWT claims as board_roles; viewers can join and see cursors but their ops are rejected with 'forbidden'."),
            ("auth", "Tokens from boardly-api carry sub (user id), board_roles and exp; no refresh tokens ever reach boardly-live."),
        ]),
        (7, "2025-04-01 13:15", [
            ("performance load-test", "Load test with k6 (websocket scenario in loadtest/board.js): 20,000 sockets on one shared-cpu-4x 8 GB machine, 200 boards, p99 op broadcast latency 45 ms."),
            ("performance", "Bottleneck found during the load test: BoardServer pushed each op to every socket via send/2 and each channel process re-encoded the JSON. Switched to Endpoint.broadcast, which encodes once per node (fastlane). CPU per op dropped about 6x."),
            ("performance", "Memory per idle socket is about 40 KB; a BoardServer with a 5,000-shape board holds ~6 MB."),
            ("load-test", "Run the load test with `k6 run -e HOST=wss://boardly-live-staging.fly.dev loadtest/board.js`; never against production."),
        ]),
        (8, "2025-04-15 10:40", [
            ("testing convention", "Testing convention: channel tests use BoardlyLiveWeb.ChannelCase and start the BoardServer with start_supervised!; tests are async: true except the ones touching the hash ring (tagged :cluster)."),
            ("testing ci", "CI runs `mix check` (ex_check): format --check-formatted, credo --strict, dialyzer, tests with --warnings-as-errors. Dialyzer PLTs are cached by the Elixir/OTP version + mix.lock hash."),
            ("testing", "External calls (JWKS) are behind a behaviour with a Mox mock in tests; never hit boardly-api from tests."),
            ("testing", "Property tests (StreamData) check that applying ops and their inverses in any order returns the original board."),
        ]),
        (9, "2025-04-29 09:00", [
            ("upgrade", "Upgraded to Elixir 1.18 / OTP 27.2. The new type checker flagged two real bugs (a map key typo in Shape.normalize and a dead clause in BoardServer.handle_call)."),
            ("persistence performance", "Snapshot cadence changed to every 200 ops or 30 seconds (was 50 ops / 10 s): Postgres write IOPS were at 80% during busy hours, mostly snapshot writes. Worst case on a crash is still replayed from board_ops, so nothing is lost."),
            ("upgrade", "Also upgraded Phoenix to 1.7.21 and Bandit replaced Cowboy as the HTTP server (Phoenix default now); websocket behaviour unchanged in our tests."),
            ("ci", "Dialyzer run time went from 6 min to 40 s once the PLT cache key was fixed to include the OTP version."),
        ]),
        (10, "2025-05-14 14:20", [
            ("undo", "Undo/redo: each client keeps its own undo stack; every op carries its inverse, and undo is sent as a normal op so others see it. The server rejects an inverse if the shape changed since (returns 'undo_conflict')."),
            ("rate-limit", "Per-socket rate limit: 100 ops/s with Hammer (ETS backend). Over the limit the channel replies {error, rate_limited}; three strikes in a minute disconnect the socket."),
            ("undo", "Undo history is not persisted: reloading the page clears your undo stack. Product agreed that's fine."),
            ("rate-limit", "Ops from the same client are coalesced client-side (drag moves sent at most every 50 ms), which keeps normal users far below the 100 ops/s limit."),
        ]),
        (11, "2025-06-02 11:50", [
            ("persistence storage", "Board snapshots moved from the boards.snapshot jsonb column to S3 (Tigris on Fly) as zstd-compressed JSON; Postgres keeps only snapshot_key and snapshot_seq. Boards over 1 MB made the jsonb updates and WAL volume heavy."),
            ("deploy", "Added the syd region, so we run in ams, iad, sin and syd now. A board's owner node is still chosen by the hash ring regardless of region."),
            ("progress", "Progress: comments on shapes work end to end; mentions and notifications for comments are not started."),
            ("persistence", "Snapshot cadence is still 200 ops / 30 s; only the storage location changed (S3 via Tigris instead of jsonb)."),
            ("progress", "Next: comment mentions need notifications from boardly-api; boardly-live will publish comment events to it over the existing NATS subject boards.events."),
        ]),
    ],
    "lake": [
        (1, "2025-02-03 09:00", [
            ("setup architecture", "meterlake ingests smart-meter readings for Gridlytics: Databricks on AWS (DBR 15.4 LTS, Spark 3.5), Delta tables in Unity Catalog catalog `meter`, medallion layout bronze / silver / gold. Source is the MSK Kafka topic meter.readings.v1 (Avro, Confluent schema registry)."),
            ("setup deploy", "Code is a Python package (src/meterlake) deployed with Databricks Asset Bundles: `databricks bundle validate`, `databricks bundle deploy -t dev`, `databricks bundle run silver_readings -t dev`. Targets dev, staging, prod in databricks.yml."),
            ("scale", "Scale: about 3 million meters reporting 15-minute interval readings, roughly 290 million rows a day into bronze."),
            ("setup", "Local dev: `uv sync` then `uv run pytest`; databricks-connect is used only for ad-hoc runs against the dev workspace, tests use local Spark."),
            ("governance", "Unity Catalog: schemas meter.bronze, meter.silver, meter.gold, meter.quality; only the meterlake-jobs service principal can write, analysts get SELECT on gold."),
        ]),
        (2, "2025-02-12 13:30", [
            ("bronze streaming decision", "Bronze ingestion is Structured Streaming from Kafka with trigger(availableNow=True), run by a job every 15 minutes instead of a continuously running stream: a 24/7 cluster cost ~4x more and nobody needs sub-minute freshness."),
            ("bronze streaming", "Checkpoints live in the Unity Catalog volume /Volumes/meter/bronze/_checkpoints/readings_v1/. Bronze keeps the raw Avro payload plus kafka partition/offset/timestamp columns."),
            ("streaming gotcha", "Streaming gotcha: adding columns to the select of an existing stream is fine with the old checkpoint, but changing the Kafka source (topic name, subscribe pattern) requires a new checkpoint directory; the job otherwise fails with an offsets mismatch. Bump the _vN suffix."),
            ("bronze", "Avro decoding happens in bronze with from_avro against the schema registry (schemaRegistryAddress option); undecodable records go to bronze.readings_dead_letter with the error."),
            ("streaming", "maxOffsetsPerTrigger is 5,000,000 so a backlog after an outage is worked off in several micro-batches instead of one huge one."),
            ("bronze", "Kafka auth to MSK is IAM (SASL_SSL with AWS_MSK_IAM); the instance profile of the job cluster carries the permission, no secrets in the job config."),
        ]),
        (3, "2025-02-24 10:15", [
            ("silver dedup bug", "Bug: silver.readings had duplicate (meter_id, reading_ts) rows. Meters resend a whole day after a modem reconnect, sometimes with corrected values, and our dropDuplicatesWithinWatermark only covered 2 days. Fix: silver is written with MERGE on (meter_id, reading_ts); a matched row is updated only when the source ingest_ts is newer."),
            ("silver", "Silver readings are typed and validated: kWh as DECIMAL(12,4), reading_ts as TIMESTAMP in UTC, quality_flag from the meter (0 ok, 1 estimated, 2 missing)."),
            ("silver", "U: Corrected readings from the meter must always win, even weeks later. Billing disputes depend on it."),
            ("silver", "MERGE source is the bronze micro-batch deduplicated first (row_number over meter_id, reading_ts order by ingest_ts desc), otherwise MERGE fails with 'multiple source rows matched'."),
        ]),
        (4, "2025-03-06 15:00", [
            ("performance silver", "The silver MERGE took ~40 min per run. Partitioned silver.readings by reading_date and added OPTIMIZE ZORDER BY (meter_id) nightly; file pruning now skips most files and the MERGE takes ~6 min."),
            ("convention silver", "Never partition by meter_id (3M values → millions of tiny files). Partition columns must have at most a few thousand values."),
            ("performance", "OPTIMIZE ZORDER runs nightly at 02:00 UTC as its own job on silver.readings; it takes ~25 min."),
        ]),
        (5, "2025-03-20 11:20", [
            ("gold timezone gotcha", "Timezone gotcha: readings are UTC but billing days are Europe/Berlin days, and DST days have 23 or 25 hours. Sessions set spark.sql.session.timeZone=UTC and gold converts explicitly with from_utc_timestamp(reading_ts, 'Europe/Berlin') before grouping by day. A test covers 2025-03-30 (23 h)."),
            ("gold", "gold.daily_consumption (per meter per Berlin day) and gold.substation_load_15m (sum per substation per 15 min) are rebuilt incrementally for the dates touched by the last silver MERGE."),
            ("testing convention", "Convention: transformations live in src/meterlake/transforms as functions DataFrame -> DataFrame, tested with pytest on a local SparkSession and chispa's assert_df_equality. Notebooks are for exploration only, never scheduled."),
            ("gold", "Substation mapping comes from the grid topology export (bronze.meter_substation, SCD2); gold joins on the mapping valid at reading time."),
            ("gold", "gold.daily_consumption has one row per meter per Berlin calendar day with kwh_total, reading_count (92, 96 or 100 on DST days) and a completeness ratio."),
        ]),
        (6, "2025-04-02 14:10", [
            ("bug vacuum retention", "Bug: the gold job failed with FileNotFoundException after being paused for 9 days. VACUUM had removed silver files older than the default 7-day retention that its streaming read still needed. Set delta.deletedFileRetentionDuration = 'interval 30 days' on silver.readings."),
            ("retention", "Time travel on silver now reaches 30 days back; bronze keeps the default 7 days since it can be replayed from Kafka (retention 14 days)."),
            ("retention", "Reminder: silver.readings keeps 30 days of deleted files (VACUUM retention), so pausing a downstream stream for up to 30 days is safe."),
        ]),
        (7, "2025-04-16 09:40", [
            ("performance silver decision", "Switched silver.readings from partitioning + Z-ORDER to liquid clustering: CLUSTER BY (meter_id, reading_date). The table was recreated with CTAS. The MERGE now takes ~3.5 min and the nightly OPTIMIZE is incremental."),
            ("silver", "With liquid clustering there is no partition column on silver any more; queries still filter on reading_date and get data skipping from the clustering."),
            ("performance", "Liquid clustering reminder: don't add ZORDER or partitionBy to silver.readings any more; OPTIMIZE without arguments clusters incrementally."),
            ("silver", "CTAS rebuild of silver.readings with liquid clustering took 2 h 10 min on a 16-worker cluster; done on a Sunday with the jobs paused."),
        ]),
        (8, "2025-04-30 16:25", [
            ("schema evolution", "Avro schema v2 of meter.readings.v1 adds voltage_l1/l2/l3 (nullable). Schema registry compatibility is BACKWARD, so new consumers read old records. Bronze stores the payload as is; silver gets the columns through an explicit migration."),
            ("schema convention", "Convention: silver schema changes go through src/meterlake/schemas/silver_readings.py plus an ALTER TABLE in migrations/NNN_*.sql run by the bundle's migrate job. No mergeSchema on silver or gold writes."),
            ("schema", "Old Avro v1 records have null voltage columns in silver; gold ignores voltage until v2 firmware is rolled out everywhere."),
        ]),
        (9, "2025-05-14 10:00", [
            ("cost", "Cost work: job clusters use spot instances with on-demand fallback (first_on_demand = 1 driver), and Photon is enabled only for the MERGE and gold jobs. Monthly DBUs down about 35%."),
            ("bronze streaming", "Bronze job frequency changed from every 15 minutes to every 5 minutes: the outage-detection team needs readings within 10 minutes. Still availableNow, still not a continuous stream."),
            ("cost", "Spot interruptions: ~2 per week on r6gd.xlarge; the jobs retry the task automatically and MERGE is idempotent, so no data issues."),
            ("bronze", "Reminder: bronze runs every 5 minutes now (availableNow trigger), no longer every 15."),
        ]),
        (10, "2025-05-28 13:45", [
            ("quality ruled-out", "Ruled out Delta Live Tables for data quality: harder to unit test locally, ties the pipeline to DLT pricing, and we already have MERGE logic it would not express well."),
            ("quality", "Data quality: src/meterlake/quality checks run after each silver MERGE and append to quality.results; an alert fires in #meter-data when more than 0.5% of a day's readings are quality_flag 2 (missing)."),
            ("quality", "Quality checks: null kWh, negative consumption deltas, readings in the future (> now + 1 h), and meters silent for more than 24 h."),
            ("quality", "Expectation thresholds live in src/meterlake/quality/thresholds.yml so analysts can adjust them in a PR without touching code."),
        ]),
        (11, "2025-06-11 11:10", [
            ("orchestration", "Jobs are defined in resources/*.yml of the bundle: silver_readings depends on bronze_readings, gold tasks depend on silver; failure notifications go to #meter-data."),
            ("progress", "Progress: gold.substation_features (weather-joined features for the load forecast) is started; weather comes from the DWD open data feed landed in bronze.weather_hourly."),
            ("performance", "Current numbers: bronze run ~2 min per 5-minute batch, silver MERGE ~3.5 min, gold ~4 min; end-to-end freshness about 9-10 minutes."),
            ("progress", "U: Forecast features must only use data available at forecast time, no leakage from later corrected readings."),
        ]),
    ],
    "cook": [
        (1, "2025-01-09 10:30", [
            ("setup architecture", "ember-cook is the asset cooker CLI of the Ember engine: C++20, CMake 3.28 + Ninja, dependencies via vcpkg manifest mode (vcpkg.json). It turns source assets (glTF, PNG/EXR textures, HLSL shaders) into engine-ready .ember packages."),
            ("setup build", "Build: `cmake --preset dev && cmake --build --preset dev`; presets in CMakePresets.json (dev, release, asan). Run `./build/dev/ember-cook cook --project samples/forest --platform pc`."),
            ("dependencies", "Main libraries: cgltf (glTF parsing), meshoptimizer, stb_image, tinyexr, DirectXShaderCompiler (DXC), CLI11, fmt, spdlog."),
            ("setup", "vcpkg baseline is pinned in vcpkg.json (builtin-baseline); update it deliberately in its own PR, since a new baseline can change cooked output."),
            ("cli", "CLI: `ember-cook cook`, `ember-cook inspect <package>`, `ember-cook cache stats`; --jobs N overrides the worker count (default: hardware threads)."),
        ]),
        (2, "2025-01-17 14:00", [
            ("cache architecture", "Incremental cooking: every cooked artifact is keyed by an XXH3-128 hash of (source bytes + cook settings + cooker version) in .cookcache/; unchanged inputs are copied from the cache instead of re-cooked."),
            ("cache shaders bug", "Bug: editing an included .hlsli file didn't re-cook the shaders that include it, since only the top-level file was hashed. Shader cooking now records every include through a custom IDxcIncludeHandler and the cache key covers all of them."),
            ("cache", "COOKER_VERSION in src/version.h must be bumped whenever output format or cooking logic changes; it invalidates the whole cache on purpose."),
            ("cache", "The cache is local per machine; a shared network cache was discussed and postponed until the cache key is proven stable across platforms."),
            ("cache", "Cache hit rate on an unchanged forest project: 100% and the no-op cook takes 11 s (hashing 14 GB of sources with XXH3)."),
        ]),
        (3, "2025-01-30 09:45", [
            ("textures decision", "Texture formats: BC7 (bc7enc_rdo) for PC albedo/masks, BC5 for normal maps, ASTC 6x6 (astcenc) for mobile. Mips are filtered in linear space: sRGB albedo is converted to linear, downsampled, and converted back."),
            ("textures bug", "Bug: alpha-tested foliage got thin and vanished at distance. Cause: plain mip averaging lowers alpha coverage. Fix: coverage-preserving mips (scale each mip's alpha so the fraction above the 0.5 cutoff matches mip 0), enabled by alpha_test: true in the .texmeta file."),
            ("textures", "Per-texture settings live in a .texmeta JSON next to the source (format, srgb, alpha_test, max_size); defaults come from the folder's _defaults.texmeta."),
            ("textures", "Normal maps: BC5 stores only X and Y; the shader reconstructs Z. Never mark normal maps srgb."),
        ]),
        (4, "2025-02-12 11:15", [
            ("performance parallelism", "Parallel cooking with Taskflow: each asset is a task, dependencies (material → textures) are edges. Full cook of samples/forest went from 41 min to 6 min on a 16-core workstation."),
            ("textures gotcha parallelism", "Gotcha: an astcenc context must not be shared between threads (astcenc_compress_image on one context from two threads corrupts blocks). Each worker thread owns its context via thread_local."),
            ("ruled-out parallelism", "Ruled out a process-per-asset model (like a distributed build): per-process startup + DXC init cost ~300 ms, which dominated for small assets."),
            ("performance", "Thread count default is hardware_concurrency(); on 64-core build servers memory becomes the limit, so CI passes --jobs 24."),
        ]),
        (5, "2025-02-26 15:30", [
            ("bug windows paths", "Bug on Windows: assets with non-ASCII names (e.g. 'böden_01.png') failed to cook. path.string() converted to the ANSI code page. Manifest paths now go through path.generic_u8string()."),
            ("convention paths", "Convention: paths in .ember manifests are UTF-8, forward slashes, relative to the project root. Never store absolute paths or backslashes in cooked output."),
            ("toolchains", "Supported toolchains: MSVC 17.12 on Windows and clang 18 on Linux; gcc is not tested."),
            ("windows", "Also on Windows: long paths need the manifest <longPathAware>true</longPathAware> in ember-cook.exe.manifest; the forest sample has paths over 260 chars."),
            ("convention", "U: Treat any difference between the Windows and Linux cook output as a bug, even if it looks harmless."),
        ]),
        (6, "2025-03-12 10:00", [
            ("textures decision performance", "Replaced bc7enc_rdo with Intel's ISPC Texture Compressor (ispc_texcomp) for BC7: about 4x faster on the forest sample. We lose rate-distortion optimisation, but packages are zstd-compressed and the size grew only 3%."),
            ("textures", "ISPC texcomp is built from source with ISPC 1.25 through a vcpkg overlay port in ports/ispc-texcomp."),
            ("textures", "Reminder: BC7 now comes from ispc_texcomp, not bc7enc_rdo; the bc7enc_rdo port was removed from vcpkg.json."),
        ]),
        (7, "2025-03-26 13:40", [
            ("meshes", "Mesh pipeline with meshoptimizer: optimizeVertexCache, optimizeOverdraw (threshold 1.05), optimizeVertexFetch. LODs at 50%, 25% and 12.5% of indices with meshopt_simplify target error 1e-2."),
            ("meshes gotcha", "Gotcha: meshopt_simplify tore UV seams apart on LOD2. Switched to meshopt_simplifyWithAttributes with UV and normal weights plus meshopt_SimplifyLockBorder; seams stay closed."),
            ("meshes", "Meshlets for the GPU-driven renderer are built with meshopt_buildMeshlets (64 vertices, 124 triangles) and stored next to the LODs."),
        ]),
        (8, "2025-04-09 16:00", [
            ("bug textures memory", "Crash: cooking a 16k x 16k EXR heightmap ran out of memory (~9 GB) because tinyexr decodes the whole image at once. Replaced tinyexr with OpenEXR 3 and process scanline blocks; peak memory is 1.2 GB."),
            ("textures", "EXR inputs are read through src/io/exr_reader.cpp (OpenEXR 3.3 via vcpkg); PNG/TGA still go through stb_image."),
            ("memory", "Peak memory per worker is now logged at the end of a cook (--stats); anything above 2 GB per asset is flagged as a warning."),
            ("textures", "tinyexr is gone from vcpkg.json; if you see it in an old branch, rebase."),
        ]),
        (9, "2025-04-23 09:30", [
            ("ci", "CI: GitHub Actions matrix windows-2022 (MSVC) and ubuntu-24.04 (clang 18), sccache for compiler output."),
            ("ci gotcha", "vcpkg binary caching: the x-gha provider was removed from vcpkg, so CI broke with 'unknown binary provider type: x-gha'. Now VCPKG_BINARY_SOURCES='clear;files,<workspace>/.vcpkg-bincache,readwrite' with that folder saved by actions/cache, keyed on vcpkg.json + baseline."),
            ("ci", "Clean CI build time: 38 min on Windows without caches, 9 min with sccache and the vcpkg binary cache warm."),
            ("ci", "Release artifacts: ember-cook-<version>-windows-x64.zip and -linux-x64.tar.gz attached to GitHub Releases by the tag workflow."),
        ]),
        (10, "2025-05-07 14:20", [
            ("testing", "Tests: Catch2 v3. Golden tests cook tests/assets/* and compare XXH3 hashes of the outputs with tests/golden/*.json; update them deliberately with `./build/dev/ember-cook-tests --update-golden` and review the diff."),
            ("determinism convention", "Convention: cooked output must be bit-identical on Windows and Linux. No iteration over std::unordered_map into output (sort keys first), no float printing with printf/iostreams (fmt only), and no timestamps in packages."),
            ("determinism bug", "Found by the golden tests: material parameter blocks differed between MSVC and clang because they were written by iterating an unordered_map. Now sorted by parameter name."),
            ("testing", "Run one test: `./build/dev/ember-cook-tests \"[textures]\"` (Catch2 tags); asan preset for memory bugs: `cmake --preset asan`."),
        ]),
        (11, "2025-05-21 11:00", [
            ("shaders ruled-out", "Evaluated Slang as a replacement for DXC + HLSL: ruled out for now. Our HLSL compiles but the reflection output differs enough to rewrite the material binding code, and the Vulkan SPIR-V we need already works through DXC -spirv."),
            ("textures", "Mobile environment maps now use ASTC 8x8 instead of 6x6 (lower bits per pixel); albedo and UI textures stay ASTC 6x6."),
            ("shaders", "Shader permutations are capped at 256 per material; beyond that the cook fails and the material must use dynamic branches instead."),
            ("shaders", "DXC flags: -HV 2021 -enable-16bit-types, -spirv -fspv-target-env=vulkan1.3 for the Vulkan backend."),
        ]),
        (12, "2025-06-04 15:45", [
            ("cache cli", "New command: `ember-cook cache gc --max-size 20G` trims .cookcache/ least-recently-used first."),
            ("cache gotcha", "Gotcha: LRU by file atime did nothing on build machines mounted with noatime, so the cache grew past 200 GB. The cooker now records last-use times itself in .cookcache/index.sqlite and gc reads those."),
            ("progress", "Progress: cooking for the Switch platform is stubbed (formats decided, ASTC 6x6 everywhere) but not wired up; everything else on the roadmap for Q2 is done."),
            ("cache", "index.sqlite in .cookcache/ stores key, size, last_used; `ember-cook cache stats` prints the total size and hit rate of the last cook."),
        ]),
    ],
}

# project key -> [(question, asked on "YYYY-MM-DD", gold memory ids, type, superseded ids)]. Query id =
# f"dj-{prefix}-q{nn}". Every gold id states the answer. For knowledge updates the last field lists the older memories
# that state the outdated answer: they are NOT gold, and the build checks that each is older than every gold memory.
QUERIES = {
    "android": [
        ("how is the android app split into gradle modules, can booking import from pets?", "2025-02-20", ["and-s01-2"], "convention", []),
        ("where do I put the version of a new library in the android build?", "2025-03-01", ["and-s01-3"], "convention", []),
        ("run the debug build on the emulator against my local backend", "2025-02-10", ["and-s01-4"], "setup", []),
        ("after signing in the browser tab never returns to the app and nothing is logged", "2025-03-05", ["and-s02-2"], "gotcha", []),
        ("why did the server revoke the refresh token when several requests got 401 at the same time?", "2025-02-15", ["and-s02-3"], "debugging", []),
        ("where are the auth tokens persisted on the phone?", "2025-06-01", ["and-s09-1", "and-s09-4"], "knowledge-update", ["and-s02-4"]),
        ("some owners saw their appointment times shifted by a few hours, what was wrong?", "2025-03-10", ["and-s03-1"], "debugging", []),
        ("should booking times follow the phone's time zone?", "2025-04-01", ["and-s03-1", "and-s03-2"], "decision", []),
        ("why isn't the appointments list paged?", "2025-03-01", ["and-s04-2"], "ruled-out", []),
        ("do we use Paging 3 anywhere in the app?", "2025-06-01", ["and-s10-1"], "knowledge-update", ["and-s04-2"]),
        ("can an owner book a visit with no connection?", "2025-03-15", ["and-s04-4"], "paraphrase", []),
        ("what happens when someone cancels a visit in airplane mode?", "2025-03-15", ["and-s04-3"], "paraphrase", []),
        ("why don't we prompt for notification permission at startup?", "2025-04-10", ["and-s05-2"], "decision", []),
        ("which pawcare-web endpoint gets the FCM token?", "2025-03-20", ["and-s05-1"], "cross-project", []),
        ("how fast is cold start now and what got us there?", "2025-04-15", ["and-s06-1"], "performance", []),
        ("how do I measure startup time?", "2025-04-15", ["and-s06-2"], "setup", []),
        ("I changed which screen opens first and launch got slower, is there something to regenerate?", "2025-05-01", ["and-s06-3"], "paraphrase", []),
        ("why are we moving the data layer to multiplatform?", "2025-04-01", ["and-s07-1"], "decision", []),
        ("is the plan to share the data layer with iOS still on?", "2025-06-25", ["and-s12-1"], "knowledge-update", ["and-s07-1"]),
        ("are booking and records on the new HTTP client yet?", "2025-03-25", ["and-s07-3"], "progress", []),
        ("is any screen still calling the API through Retrofit?", "2025-05-01", ["and-s08-3"], "knowledge-update", ["and-s07-3"]),
        ("crash in the appointments list saying a key was already used", "2025-05-01", ["and-s08-1"], "debugging", []),
        ("release build crashes with serializer for class not found", "2025-06-15", ["and-s11-2"], "gotcha", []),
        ("what's our minimum Android version?", "2025-05-10", ["and-s09-2", "and-s09-5"], "knowledge-update", ["and-s01-4"]),
        ("what did we change in the android data layer in March?", "2025-05-20", ["and-s07-1"], "temporal", []),
        ("did we consider SQLDelight instead of Room?", "2025-05-20", ["and-s07-5"], "ruled-out", []),
        ("how long before an appointment does pawcare-web send the reminder pushes now?", "2025-06-25", ["and-s12-2"], "cross-project", []),
        ("where do things stand with passkeys?", "2025-06-25", ["and-s12-3", "and-s12-5"], "progress", []),
        ("can I send my feature branch build to the testers?", "2025-05-01", ["and-s08-5"], "convention", []),
        ("which chart library for the weight graph, and why not MPAndroidChart?", "2025-06-25", ["and-s12-4"], "decision", []),
    ],
    "web": [
        ("how do I get pawcare-web running locally with demo data and a login?", "2025-02-01", ["web-s01-2"], "setup", []),
        ("should the booking logic live in the view or on the model?", "2025-03-01", ["web-s01-3"], "convention", []),
        ("is it ok to hook post_save to send the confirmation email?", "2025-03-01", ["web-s01-3", "web-s01-4"], "paraphrase", []),
        ("how do pawcare-frontend users authenticate?", "2025-02-20", ["web-s02-2"], "cross-project", []),
        ("how did we stop two people from getting the same vet at the same time?", "2025-03-01", ["web-s03-1"], "paraphrase", []),
        ("why not lock rows with select_for_update when booking?", "2025-04-01", ["web-s03-2"], "ruled-out", []),
        ("owners received the same text message reminder several times", "2025-03-01", ["web-s04-1"], "debugging", []),
        ("when are appointment reminders sent?", "2025-06-01", ["web-s10-1", "web-s10-3"], "knowledge-update", ["web-s04-2"]),
        ("originally, how long before the appointment did the SMS reminder go out?", "2025-06-01", ["web-s04-2"], "temporal", []),
        ("what message broker does Celery use?", "2025-05-01", ["web-s08-1"], "knowledge-update", ["web-s01-1"]),
        (".iterator() fails with cursor does not exist", "2025-03-15", ["web-s04-3"], "gotcha", []),
        ("are we still behind pgbouncer?", "2025-06-20", ["web-s11-2"], "knowledge-update", ["web-s04-3"]),
        ("how did the appointments list endpoint get fast?", "2025-04-01", ["web-s05-1", "web-s05-4"], "performance", []),
        ("how do the tests catch N+1 queries?", "2025-04-01", ["web-s05-2", "web-s05-4"], "convention", []),
        ("which Django version are we on?", "2025-05-20", ["web-s09-1", "web-s09-4"], "knowledge-update", ["web-s01-1", "web-s06-1"]),
        ("are we going to upgrade to Django 5.1?", "2025-03-20", ["web-s06-1"], "decision", []),
        ("invoice PDF generation fails in the container with an error about pango", "2025-04-10", ["web-s06-2"], "gotcha", []),
        ("how should invoice amounts be rounded?", "2025-05-01", ["web-s06-3"], "convention", []),
        ("how does pawcare-frontend get its TypeScript API client?", "2025-04-15", ["web-s07-1"], "cross-project", []),
        ("can I rename an error code the API returns?", "2025-05-01", ["web-s07-2"], "convention", []),
        ("when can we delete the old API that old pawcare-android versions still call?", "2025-05-01", ["web-s07-3"], "cross-project", []),
        ("after the upgrade uploaded files ended up on the local disk instead of S3", "2025-05-25", ["web-s09-2"], "debugging", []),
        ("database CPU spikes every five minutes", "2025-06-20", ["web-s11-1"], "debugging", []),
        ("how many connections can Postgres take and how close are we?", "2025-06-20", ["web-s11-3"], "paraphrase", []),
        ("where are we with multi-clinic organizations?", "2025-06-28", ["web-s12-1"], "progress", []),
        ("how do I add a feature flag?", "2025-06-28", ["web-s12-2"], "convention", []),
        ("can I just run the migrations on prod from my machine?", "2025-06-28", ["web-s12-3"], "paraphrase", []),
        ("what did we change about reminders in May?", "2025-06-05", ["web-s10-1", "web-s10-3"], "temporal", []),
        ("does pawcare-android need to do anything special when refreshing tokens?", "2025-02-20", ["web-s02-3"], "cross-project", []),
    ],
    "front": [
        ("what is the staff UI built with?", "2025-03-01", ["fe-s01-1"], "tech-stack", []),
        ("how do I run the staff app locally?", "2025-02-15", ["fe-s01-2"], "setup", []),
        ("do internal packages need their own build step?", "2025-03-01", ["fe-s01-3"], "convention", []),
        ("how are pawcare-web API types kept in sync in the frontend?", "2025-03-01", ["fe-s02-1", "fe-s02-4"], "cross-project", []),
        ("PATCH requests come back 403 from Django", "2025-03-10", ["fe-s02-2"], "gotcha", []),
        ("the production staff app was talking to the staging backend after a deploy, why?", "2025-04-01", ["fe-s03-2"], "debugging", []),
        ("how much time did the remote cache save in CI?", "2025-04-01", ["fe-s03-1"], "performance", []),
        ("why not Cypress for end-to-end tests?", "2025-04-01", ["fe-s04-2"], "ruled-out", []),
        ("should I add a data-testid to the new button for the e2e test?", "2025-05-01", ["fe-s04-3"], "convention", []),
        ("what do we lint and format the code with?", "2025-06-01", ["fe-s09-1", "fe-s09-2"], "knowledge-update", ["fe-s05-1"]),
        ("what did we use for linting originally?", "2025-06-10", ["fe-s05-1", "fe-s09-1", "fe-s09-2"], "temporal", []),
        ("the vet calendar was slow with hundreds of appointments, what fixed it?", "2025-05-01", ["fe-s06-1"], "performance", []),
        ("Invalid Date in Safari", "2025-05-01", ["fe-s06-2"], "debugging", []),
        ("does the staff UI show times the same way pawcare-android does?", "2025-05-01", ["fe-s06-3"], "cross-project", []),
        ("I changed a component in the shared ui package, what does the PR need?", "2025-05-15", ["fe-s07-1"], "convention", []),
        ("where are the design tokens defined now?", "2025-05-15", ["fe-s08-1"], "tech-stack", []),
        ("styles from the ui package are missing in the staff build", "2025-05-15", ["fe-s08-2"], "gotcha", []),
        ("vite crashes after the upgrade because the esbuild binary is missing", "2025-06-01", ["fe-s10-1", "fe-s10-4"], "gotcha", []),
        ("which pnpm version are we on?", "2025-06-10", ["fe-s10-1", "fe-s10-2", "fe-s10-4"], "knowledge-update", ["fe-s01-1"]),
        ("where should a page fetch its data?", "2025-06-20", ["fe-s11-1"], "convention", []),
        ("is the switcher for pawcare-web organizations done?", "2025-06-10", ["fe-s11-2"], "progress", []),
        ("how big is the staff main bundle now and is there a limit?", "2025-06-25", ["fe-s12-1", "fe-s12-2"], "performance", []),
        ("I want to pull a big charting package into the staff app, ok?", "2025-06-25", ["fe-s12-5"], "paraphrase", []),
        ("what stops a tampered artifact from being pulled out of the shared build cache?", "2025-04-01", ["fe-s03-5"], "paraphrase", []),
        ("what did we change in the frontend styling in late April?", "2025-05-20", ["fe-s08-1"], "temporal", []),
        ("why don't the browser tests run on Firefox?", "2025-04-01", ["fe-s04-4"], "decision", []),
    ],
    "live": [
        ("what is boardly-live built on and where does it run?", "2025-02-01", ["live-s01-1"], "tech-stack", []),
        ("how do I run two nodes locally?", "2025-03-01", ["live-s01-2"], "setup", []),
        ("why didn't we use Yjs for the board state?", "2025-03-01", ["live-s02-2"], "ruled-out", []),
        ("how do we make sure a board only runs on one node?", "2025-04-01", ["live-s05-1"], "knowledge-update", ["live-s02-3"]),
        ("what did we use to register boards across the cluster originally?", "2025-04-01", ["live-s02-3", "live-s05-1"], "temporal", []),
        ("two copies of the same board after a network blip", "2025-04-20", ["live-s05-1"], "debugging", []),
        ("the cluster got overloaded by people moving their mouse", "2025-03-01", ["live-s03-1"], "paraphrase", []),
        ("edits vanish after every deploy", "2025-03-10", ["live-s04-1"], "debugging", []),
        ("how often is a board snapshotted?", "2025-06-10", ["live-s09-2", "live-s11-4"], "knowledge-update", ["live-s02-4"]),
        ("where are board snapshots stored?", "2025-06-10", ["live-s11-1", "live-s11-4"], "knowledge-update", ["live-s02-4"]),
        ("how does boardly-live verify the tokens from boardly-api?", "2025-04-10", ["live-s06-1"], "cross-project", []),
        ("first connections after a cold start time out", "2025-04-10", ["live-s06-3"], "gotcha", []),
        ("how many sockets can one machine hold?", "2025-04-20", ["live-s07-1"], "performance", []),
        ("why was CPU per op so high in the load test?", "2025-04-20", ["live-s07-2"], "performance", []),
        ("is it ok to run the load test against the live environment?", "2025-05-01", ["live-s07-4"], "paraphrase", []),
        ("which channel tests can't run async?", "2025-05-01", ["live-s08-1"], "convention", []),
        ("what does CI check before merge?", "2025-05-01", ["live-s08-2"], "tech-stack", []),
        ("a client floods the socket with ops, what happens?", "2025-05-25", ["live-s10-2"], "paraphrase", []),
        ("does undo survive a page reload?", "2025-05-25", ["live-s10-3"], "decision", []),
        ("which Fly regions are we in?", "2025-06-10", ["live-s11-2"], "knowledge-update", ["live-s01-1"]),
        ("are comment notifications done?", "2025-06-10", ["live-s11-3", "live-s11-5"], "progress", []),
        ("what if a viewer tries to move a shape?", "2025-04-20", ["live-s06-4"], "paraphrase", []),
        ("what did the Elixir upgrade in April find?", "2025-05-20", ["live-s09-1"], "temporal", []),
        ("what matters more: a board being available or never losing edits?", "2025-04-20", ["live-s05-3"], "decision", []),
        ("how big can a board get?", "2025-03-01", ["live-s02-6"], "decision", []),
        ("how will comment mentions reach boardly-api?", "2025-06-10", ["live-s11-5"], "cross-project", []),
    ],
    "lake": [
        ("what is meterlake running on?", "2025-03-01", ["lake-s01-1"], "tech-stack", []),
        ("how do I deploy the jobs to dev?", "2025-03-01", ["lake-s01-2"], "setup", []),
        ("why isn't bronze a stream that runs all the time?", "2025-03-10", ["lake-s02-1"], "decision", []),
        ("how often does bronze ingestion run?", "2025-06-01", ["lake-s09-2", "lake-s09-4"], "knowledge-update", ["lake-s02-1"]),
        ("I changed the topic the stream subscribes to and now the job fails with an offsets mismatch", "2025-04-01", ["lake-s02-3"], "gotcha", []),
        ("why were there duplicate readings in silver?", "2025-03-15", ["lake-s03-1"], "debugging", []),
        ("if a meter sends a fixed value a month later, which one do we keep?", "2025-04-15", ["lake-s03-1", "lake-s03-3"], "paraphrase", []),
        ("MERGE fails with multiple source rows matched", "2025-04-15", ["lake-s03-4"], "gotcha", []),
        ("how is silver.readings laid out on disk, partitions or z-order?", "2025-05-01", ["lake-s07-1", "lake-s07-2", "lake-s07-3"], "knowledge-update", ["lake-s04-1"]),
        ("how long did the silver merge take before we tuned it in March?", "2025-05-01", ["lake-s04-1"], "temporal", []),
        ("how long does the silver merge take now?", "2025-06-20", ["lake-s07-1", "lake-s11-3"], "knowledge-update", ["lake-s04-1"]),
        ("can I partition a table by meter_id?", "2025-04-01", ["lake-s04-2"], "convention", []),
        ("daily totals look wrong on the day the clocks change", "2025-04-10", ["lake-s05-1"], "paraphrase", []),
        ("where do I put a new transformation and how do I test it?", "2025-04-10", ["lake-s05-3"], "convention", []),
        ("gold job died with FileNotFoundException after we paused it", "2025-05-01", ["lake-s06-1"], "debugging", []),
        ("how far back can we time travel on silver?", "2025-05-01", ["lake-s06-2", "lake-s06-3"], "decision", []),
        ("how do I add a column to the silver table?", "2025-05-15", ["lake-s08-2"], "convention", []),
        ("what compatibility mode does the schema registry use?", "2025-05-15", ["lake-s08-1"], "tech-stack", []),
        ("why not Delta Live Tables expectations?", "2025-06-05", ["lake-s10-1"], "ruled-out", []),
        ("when does someone get pinged about missing meter data?", "2025-06-05", ["lake-s10-2"], "paraphrase", []),
        ("what brought the Databricks bill down?", "2025-06-01", ["lake-s09-1"], "performance", []),
        ("status of the forecast features table?", "2025-06-20", ["lake-s11-2"], "progress", []),
        ("what did we do to the silver table in mid-April?", "2025-05-20", ["lake-s07-1", "lake-s07-4"], "temporal", []),
        ("how stale is the data by the time it reaches gold?", "2025-06-20", ["lake-s11-3"], "paraphrase", []),
        ("does the nightly OPTIMIZE still z-order?", "2025-05-10", ["lake-s07-1", "lake-s07-3"], "knowledge-update", ["lake-s04-3"]),
        ("can forecast features use corrected readings that arrive later?", "2025-06-20", ["lake-s11-4"], "convention", []),
    ],
    "cook": [
        ("what does ember-cook use for building and dependencies?", "2025-02-01", ["cook-s01-1"], "tech-stack", []),
        ("how do I build the cooker and cook the forest sample?", "2025-02-01", ["cook-s01-2"], "setup", []),
        ("when do I have to bump COOKER_VERSION?", "2025-03-01", ["cook-s02-3"], "convention", []),
        ("editing a shader include file didn't trigger a recook", "2025-03-01", ["cook-s02-2"], "debugging", []),
        ("foliage thins out and disappears in the distance", "2025-03-01", ["cook-s03-2"], "debugging", []),
        ("which encoder produces the BC7 textures?", "2025-04-01", ["cook-s06-1", "cook-s06-3"], "knowledge-update", ["cook-s03-1"]),
        ("what BC7 encoder did we start with?", "2025-05-01", ["cook-s03-1", "cook-s06-1", "cook-s06-3"], "temporal", []),
        ("how long does a full cook of the sample take with parallel cooking?", "2025-03-10", ["cook-s04-1"], "performance", []),
        ("corrupted ASTC blocks when cooking with many threads", "2025-03-10", ["cook-s04-2"], "gotcha", []),
        ("why not run one process per asset?", "2025-03-10", ["cook-s04-3"], "ruled-out", []),
        ("an asset with an umlaut in its name fails to cook on Windows", "2025-04-01", ["cook-s05-1"], "debugging", []),
        ("how should paths look in the package manifest?", "2025-04-01", ["cook-s05-2"], "convention", []),
        ("LOD meshes crack open along texture seams", "2025-04-20", ["cook-s07-2"], "gotcha", []),
        ("the cooker runs out of memory on a huge heightmap", "2025-05-01", ["cook-s08-1"], "debugging", []),
        ("which library reads EXR files?", "2025-05-01", ["cook-s08-1", "cook-s08-2"], "knowledge-update", ["cook-s01-3"]),
        ("CI fails with unknown binary provider type", "2025-05-10", ["cook-s09-2"], "gotcha", []),
        ("how long does CI take to build on Windows?", "2025-05-10", ["cook-s09-3"], "performance", []),
        ("how do I update the golden files?", "2025-05-20", ["cook-s10-1"], "convention", []),
        ("why were the MSVC and clang packages different bytes?", "2025-05-20", ["cook-s10-3"], "debugging", []),
        ("are we moving to Slang?", "2025-06-01", ["cook-s11-1"], "ruled-out", []),
        ("what ASTC block size do mobile environment maps use?", "2025-06-01", ["cook-s11-2"], "knowledge-update", ["cook-s03-1"]),
        ("cache gc doesn't shrink the cache on the build machines", "2025-06-15", ["cook-s12-2"], "gotcha", []),
        ("is cooking for Switch done?", "2025-06-15", ["cook-s12-3"], "progress", []),
        ("how do I keep the local asset cache from eating the disk?", "2025-06-15", ["cook-s12-1"], "paraphrase", []),
        ("what did we change in the mesh pipeline in late March?", "2025-05-01", ["cook-s07-1"], "temporal", []),
        ("should normal maps be marked sRGB?", "2025-04-01", ["cook-s03-4"], "gotcha", []),
        ("which compilers are supported?", "2025-03-01", ["cook-s05-3"], "tech-stack", []),
    ],
}


def stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def main() -> None:
    memories = []
    by_id = {}
    for key, sessions in SESSIONS.items():
        project, prefix = PROJECTS[key]
        last_start = None
        for n, start, notes in sessions:
            sid = f"{prefix}-s{n:02d}"
            t0 = datetime.strptime(start, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
            assert last_start is None or t0 > last_start, (sid, "sessions must be in date order")
            last_start = t0
            assert 2 <= len(notes) <= 8, (sid, len(notes))
            for i, (topics, text) in enumerate(notes, 1):
                mid = f"{sid}-{i}"
                assert mid not in by_id, mid
                role = "assistant"
                if text.startswith("U: "):
                    role, text = "user", text[3:]
                # Notes of one session are saved a few minutes apart at the end of the work, like an assistant does.
                memory = {"id": mid, "project": project, "conversationId": sid, "role": role, "content": text,
                          "createdAt": stamp(t0 + timedelta(minutes=7 * i)), "topics": topics.split()}
                by_id[mid] = memory
                memories.append(memory)
    queries = []
    for key, items in QUERIES.items():
        project, prefix = PROJECTS[key]
        for n, (question, asked_on, gold, kind, superseded) in enumerate(items, 1):
            qid = f"dj-{prefix}-q{n:02d}"
            asked = stamp(datetime.strptime(asked_on, "%Y-%m-%d").replace(hour=17, tzinfo=timezone.utc))
            assert gold and len(set(gold)) == len(gold), qid
            for g in gold:
                assert g in by_id, (qid, g)
                assert by_id[g]["project"] == project, (qid, g, "gold from another project")
                assert by_id[g]["createdAt"] < asked, (qid, g, "gold written after the question")
            for old in superseded:
                assert old in by_id and old not in gold, (qid, old)
                assert by_id[old]["project"] == project, (qid, old)
                assert all(by_id[old]["createdAt"] < by_id[g]["createdAt"] for g in gold), (qid, old, "not older")
            assert (kind == "knowledge-update") == bool(superseded), (qid, "knowledge updates name what they replace")
            queries.append({"id": qid, "project": project, "query": question, "askedAt": asked, "goldIds": gold,
                            "goldConversations": sorted({by_id[g]["conversationId"] for g in gold}), "type": kind})
    assert len({q["id"] for q in queries}) == len(queries)
    with open(os.path.join(HERE, "memories.jsonl"), "w") as f:
        for m in memories:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    sessions = {m["conversationId"] for m in memories}
    print(f"{len(memories)} memories in {len(sessions)} sessions over {len(PROJECTS)} projects "
          f"({sum(m['role'] == 'user' for m in memories)} by the user), {len(queries)} queries")
    for key, (project, _) in PROJECTS.items():
        print(f"  {project}: {sum(m['project'] == project for m in memories)} memories, "
              f"{sum(q['project'] == project for q in queries)} queries")
    kinds = {}
    for q in queries:
        kinds[q["type"]] = kinds.get(q["type"], 0) + 1
    print("  by type: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
