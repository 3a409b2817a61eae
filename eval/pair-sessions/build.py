#!/usr/bin/env python3
"""Builds eval/pair-sessions/{memories,queries}.jsonl: a held-out, turn-level retrieval set written like DevMemBench.
44 pair-programming sessions between a developer and a coding assistant on four projects with different stacks and
domains (a SvelteKit + Supabase booking site, a Rails monolith, Rust/Embassy LoRaWAN firmware, a PyTorch defect
classifier), February to May 2025. One memory per conversation turn (user and assistant alternating), every memory in
one project scope ("pair-sessions") with the project's short name as its topic, as DevMemBench does. Sessions hold a
kick-off naming the stack, architecture decisions, bug hunts with error messages, root causes and fixes, preferences
stated once and applied later, knowledge updates (a tool or setting replaced in a later session), status check-ins,
a final status session and short acknowledgements.

Questions are phrased the way a developer types them weeks later, many sharing few words with the answer. Gold is at
the turn level (goldIds: the turns that state the answer, chosen by reading them) and at the session level
(goldConversations). For knowledge updates only the newest statement is gold; build.py lists the superseded turns and
checks they are older. Written for mx; nobody tuned ranking against it when it was added (held out): the author did
not read the ranking code, EVAL.md or DevMemBench's questions.

Run: python3 eval/pair-sessions/build.py  (rewrites the two files next to this script; deterministic, stdlib only)."""

import json
import os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = "pair-sessions"
U, A = "user", "assistant"

# short name (the memories' topic) -> session id prefix
PREFIXES = {"cragbook": "cb", "pantryshift": "ps", "soilmote": "sm", "tilecheck": "tc"}

# short name -> [(session number, start "YYYY-MM-DD HH:MM", [(role, text)])]. Session id = f"{prefix}-s{nn}",
# turn id = f"{session id}-t{n}" with n from 1. Turns alternate, the user first.
SESSIONS = {
    "cragbook": [
        (1, "2025-02-03 10:00", [
            (U, "New project: cragbook, the online booking site for Granite Loft, a bouldering gym. Members book intro classes and open climbing slots, buy 10-visit punch cards and monthly memberships. Stack: SvelteKit 2 with Svelte 5 and TypeScript, Supabase for Postgres, auth and storage, Tailwind for styling, deployed on Vercel."),
            (A, "Layout proposal: `src/routes/(public)` for the schedule and class pages, `src/routes/(app)` for logged-in pages, guarded in `hooks.server.ts`, and `src/lib/server/` for anything that touches the Supabase service-role key. The Supabase client comes from `@supabase/ssr`: `createServerClient` in `hooks.server.ts` puts `event.locals.supabase` and `event.locals.safeGetSession()` on every request. Local dev: `supabase start` (runs in Docker) and the Vite dev server."),
            (U, "Tables first. And keep your answers short: bullet points, no essays."),
            (A, "- `sessions`: starts_at, ends_at, kind ('class' | 'open'), capacity, instructor_id\n- `bookings`: session_id, member_id, status ('booked' | 'cancelled' | 'attended')\n- `members`: id = auth.users.id, display_name, phone, waiver_signed_at\n- `passes`: member_id, kind ('punch10' | 'monthly'), visits_left, valid_until\n- migrations via `supabase migration new`, types via `supabase gen types typescript --local > src/lib/database.types.ts`"),
            (U, "Use pnpm for everything, never npm or yarn."),
            (A, "Noted: pnpm everywhere, including the install command in the Vercel project settings (`pnpm install --frozen-lockfile`)."),
        ]),
        (2, "2025-02-06 14:00", [
            (U, "Members should log in with an email link, no passwords at all. Staff log in the same way but need admin rights."),
            (A, "Supabase Auth with OTP links: `supabase.auth.signInWithOtp({ email, options: { emailRedirectTo: `${url.origin}/auth/callback` } })`, and `src/routes/auth/callback/+server.ts` calls `exchangeCodeForSession(code)` (PKCE flow). Staff are rows in a separate `staff` table keyed by user id, not a flag on members, checked by a SQL function `is_staff()` that the RLS policies call."),
            (U, "How do we stop members from seeing each other's bookings?"),
            (A, "Row level security on every table. For bookings: `create policy \"own bookings\" on bookings for select using (member_id = auth.uid() or is_staff())`. There is no insert policy for the authenticated role at all: bookings are only created through an RPC running as security definer. The service-role key is imported only in `src/lib/server/admin.ts`, so it can never end up in the browser bundle."),
            (U, "Perfect."),
        ]),
        (3, "2025-02-11 09:30", [
            (U, "Login works locally but on the Vercel preview I click the email link, land on /auth/callback and get bounced back to /login. Console: AuthApiError: invalid request: both auth code and code verifier should be non-empty"),
            (A, "Root cause: the PKCE code verifier is stored in a cookie when signInWithOtp runs. You start the login on the preview domain, but the link in the email points at the Site URL (production), so the callback runs on another domain where that cookie doesn't exist. Fix: add `https://*-granite-loft.vercel.app/**` to Auth > URL Configuration > Redirect URLs, and build emailRedirectTo from `url.origin` instead of PUBLIC_SITE_URL."),
            (U, "That fixed it on the preview. Anything else in that area?"),
            (A, "One more: the `setAll` cookie handler in `hooks.server.ts` must set `path: '/'`. Without it the session cookie was scoped to /auth and pages under (app) saw no session after the redirect."),
            (U, "Thanks."),
        ]),
        (4, "2025-02-17 16:00", [
            (U, "Let's design the booking itself. Classes have 8 spots, open sessions 40. Two people clicking at the same moment must not both get the last spot."),
            (A, "Do it in Postgres in one function, `book_session(p_session uuid)`, security definer:\n1. `select capacity from sessions where id = p_session for update` locks the session row\n2. count bookings with status 'booked'; `raise exception 'session_full'` when count >= capacity\n3. check the member has a valid pass\n4. insert the booking and decrement `passes.visits_left` for punch cards\nAll in one transaction. The form action calls `supabase.rpc('book_session', { p_session })` and maps session_full to a 409 with a friendly message."),
            (U, "Why not just check the count in the form action?"),
            (A, "Two requests can both read 7 of 8 and both insert; the row lock makes the second one wait until the first commits. A partial unique index `bookings(session_id, member_id) where status = 'booked'` also stops a double click from booking the same member twice."),
            (U, "Good, go with that."),
        ]),
        (5, "2025-02-24 11:00", [
            (U, "Payments for punch cards and memberships. Stripe. I don't want card data anywhere near our server."),
            (A, "Stripe Checkout, the hosted page. `POST /api/checkout` creates a Checkout Session: mode 'payment' with the punch10 price, mode 'subscription' for monthly, `metadata: { member_id, pass_kind }`. The pass is created only in the webhook handler `src/routes/api/stripe/webhook/+server.ts` on `checkout.session.completed`, after verifying the event with `stripe.webhooks.constructEvent(body, signature, STRIPE_WEBHOOK_SECRET)`."),
            (U, "Stripe retries webhooks. Could a member end up with two punch cards for one payment?"),
            (A, "Yes, without a guard. I added a `stripe_events` table with event_id as primary key: the handler inserts the event id first, in the same transaction that creates the pass, and on a unique violation (SQLSTATE 23505) returns 200 without doing anything. The Checkout Session itself is created with an idempotency key `checkout-${member_id}-${cartHash}`, so a double submit doesn't open two sessions either."),
            (U, "How do I test the webhook locally?"),
            (A, "`stripe listen --forward-to localhost:5173/api/stripe/webhook` in one terminal, then `stripe trigger checkout.session.completed`. Put the whsec_ secret that stripe listen prints into `.env.local` as STRIPE_WEBHOOK_SECRET."),
        ]),
        (6, "2025-03-04 15:20", [
            (U, "Webhooks fail on Vercel with a 400: No signatures found matching the expected signature for payload. Locally with stripe listen they work."),
            (A, "Two suspects:\n- the body: the handler does `await request.json()` and passes `JSON.stringify(...)` to constructEvent; re-serialising changes the bytes, so the signature can't match. Pass `await request.text()` instead.\n- the secret: the production endpoint in the Stripe dashboard has its own signing secret, different from the CLI's whsec_. STRIPE_WEBHOOK_SECRET on Vercel must be the dashboard one."),
            (U, "It was both. Fixed, deployed, events come back 200 now."),
            (A, "Good. I added `webhook.test.ts` next to the handler: it signs a payload with `stripe.webhooks.generateTestHeaderString` and posts it, so going back to request.json() fails in CI."),
        ]),
        (7, "2025-03-12 10:40", [
            (U, "Where are we on cragbook?"),
            (A, "- done: email-link auth, RLS on all tables, schedule page, booking through book_session with the capacity lock, Stripe Checkout for punch cards and memberships, idempotent webhook\n- open: cancellation rules, staff check-in screen, waitlists, reminder emails\n- known issue: the schedule page takes ~1.8 s on throttled 4G because it loads six weeks of sessions at once"),
            (U, "Do cancellation next. Members can cancel up to 12 hours before; a later cancellation still uses up the visit."),
            (A, "`cancel_booking(p_booking)` in SQL: if `now() < starts_at - cutoff` it sets status 'cancelled' and gives the visit back to the punch card (visits_left + 1); otherwise it sets 'cancelled' with `late_cancel = true` and the visit stays used. The cutoff is a row in a `settings` table (cancel_cutoff_hours = 12), so the gym can change it without a deploy."),
            (U, "Ok."),
        ]),
        (8, "2025-03-25 09:10", [
            (U, "Members aren't getting their login emails on Saturday mornings. Supabase logs say: Email rate limit exceeded."),
            (A, "Supabase's built-in email sender is only meant for testing: a few messages per hour per project. Configure custom SMTP under Auth settings. I'd use Resend: host smtp.resend.com, port 465, user `resend`, the API key as password, sender no-reply@graniteloft.de after verifying the domain (SPF and DKIM records at the DNS provider). Then raise the auth email rate limit to 100 per hour."),
            (U, "Do it. And send the class reminders through Resend too."),
            (A, "Reminders: a Supabase Edge Function `send-reminders` (Deno) that pg_cron calls every 15 minutes through pg_net. It selects bookings starting in 2 to 2.25 hours with `reminder_sent_at is null`, sends through the Resend API and sets reminder_sent_at. Email templates live in `supabase/functions/send-reminders/templates.ts`."),
            (U, "Perfect."),
        ]),
        (9, "2025-04-08 13:30", [
            (U, "Vercel will cost us more once image optimisation kicks in, and the gym's DNS is already at Cloudflare. Can we move hosting to Cloudflare Pages?"),
            (A, "Yes. Swap `@sveltejs/adapter-vercel` for `@sveltejs/adapter-cloudflare`, build command `pnpm build`, output directory `.svelte-kit/cloudflare`. Secrets go into the Pages project's environment variables and are read through `$env/dynamic/private`. Stripe's Node SDK needs `httpClient: Stripe.createFetchHttpClient()` on Workers."),
            (U, "While we're at it: the schedule page is still slow."),
            (A, "It loaded six weeks with bookings joined. Now `+page.server.ts` loads one week (`?week=2025-W15`) and reads a view `session_availability` (starts_at, kind, capacity, booked_count) instead of joining bookings. 1.8 s → 420 ms on throttled 4G."),
            (U, "Deployed on Pages. Now webhooks fail: SubtleCryptoProvider cannot be used in a synchronous context."),
            (A, "That's constructEvent: on Workers there's no Node crypto, so it must be `await stripe.webhooks.constructEventAsync(body, signature, secret, undefined, Stripe.createSubtleCryptoProvider())`. Changed in the handler, and webhook.test.ts uses the async variant now."),
            (U, "Works."),
        ]),
        (10, "2025-04-22 17:00", [
            (U, "The gym wants waitlists for classes. And they changed their mind about cancelling: 6 hours before the class is enough now."),
            (A, "Cutoff: set cancel_cutoff_hours = 6 in the settings row; cancel_booking reads it, so no code change. Waitlist: a `waitlist` table (session_id, member_id, position, created_at). When cancel_booking frees a spot, it calls `promote_waitlist(session)` in the same transaction: the first person in line gets a booking and a \"You're in!\" email through the Resend client."),
            (U, "What if the first person in line has no visits left on their card?"),
            (A, "They're skipped and told by email that their pass ran out, and the next person is promoted. Promotion stops one hour before the class; after that the freed spot stays open for walk-ins."),
            (U, "Good."),
        ]),
        (11, "2025-05-06 10:15", [
            (U, "Staff check-in screen: a tablet at the front desk, staff look up a member and mark them as attended."),
            (A, "- route `/(app)/staff/checkin`, guarded by is_staff() in `+layout.server.ts`\n- search members by display_name with ilike, debounced 250 ms\n- `check_in(p_booking)` RPC sets status 'attended'; walk-ins for open sessions use `check_in_walkin(p_member)`, which books and checks in at once\n- a Supabase Realtime subscription on today's bookings keeps two tablets in sync"),
            (U, "Nice, that's exactly the format I want from you."),
        ]),
        (12, "2025-05-20 16:30", [
            (U, "Final status for cragbook before we hand it over to the gym?"),
            (A, "- live on Cloudflare Pages at book.graniteloft.de\n- email-link login, emails through Resend SMTP\n- weekly schedule, bookings with the capacity lock, class waitlists with automatic promotion\n- punch cards and memberships via Stripe Checkout, idempotent webhook\n- cancellation cutoff 6 hours, reminder emails 2 hours before\n- staff check-in with realtime sync\n- open: pausing a membership for a month, German translations of the emails, an attendance export for the gym's accountant"),
            (U, "Thanks, that's it for now."),
        ]),
    ],
    "pantryshift": [
        (1, "2025-02-05 09:00", [
            (U, "Starting pantryshift for Eastside Food Bank: volunteers sign up for warehouse and distribution shifts, coordinators manage the shifts. Rails 7.1 monolith, Ruby 3.3, Postgres 16, Hotwire. Server-rendered; no React or Vue, Stimulus only where a page really needs JavaScript."),
            (A, "Plan: models Volunteer (Devise for sign-in), Location, Shift (location, role, starts_at, ends_at, slots) and Signup (shift, volunteer, status). Coordinators are volunteers with `enum :role, { volunteer: 0, coordinator: 1 }`. Tailwind through tailwindcss-rails, background jobs with Sidekiq on Redis, tests with RSpec and FactoryBot. `bin/setup`, then `bin/dev` starts web, the CSS watcher and Sidekiq from Procfile.dev."),
            (U, "I always put business logic in service objects under app/services with a single public call method. Models and controllers stay thin."),
            (A, "Understood. For example `Signups::Create.call(shift:, volunteer:)` returns a Result struct (success?, signup, error); controllers only call services and render."),
            (U, "Good."),
        ]),
        (2, "2025-02-13 13:00", [
            (U, "Signup flow: a volunteer clicks Sign up on a shift card, and the free slots should update for everyone who has the page open."),
            (A, "Signups::Create locks the shift with `shift.with_lock` (SELECT ... FOR UPDATE), checks `shift.signups.confirmed.count < shift.slots`, creates the signup and commits. Signup has `after_create_commit -> { shift.broadcast_replace_later_to :shifts, partial: \"shifts/card\" }` and the calendar page subscribes with `turbo_stream_from :shifts`, so every open browser gets the new card over Action Cable (redis adapter in cable.yml)."),
            (U, "And if the shift filled up while they were looking at it?"),
            (A, "The service returns `Result(error: :full)`; the controller answers with a turbo_stream that replaces the card with its full state and flashes \"That shift just filled up\". A unique index on signups(shift_id, volunteer_id) stops double clicks from signing someone up twice."),
            (U, "Nice."),
        ]),
        (3, "2025-02-20 10:30", [
            (U, "When the coordinator's new-shift form has a validation error nothing happens at all. The browser console says: Error: Form responses must redirect to another location"),
            (A, "Turbo only renders a failed form submission if the response has a 4xx status. ShiftsController#create does `render :new`, which returns 200. Use `render :new, status: :unprocessable_entity`, and the same with :edit in update. Generated scaffolds do this already; this controller was written by hand."),
            (U, "That fixed it."),
        ]),
        (4, "2025-03-03 15:00", [
            (U, "Volunteers want a reminder email the day before their shift."),
            (A, "ShiftReminderJob, enqueued every hour by a sidekiq-cron entry: it finds confirmed signups for shifts starting in 23 to 24 hours with `reminded_at` nil, sends ShiftMailer.reminder and sets reminded_at. Mail goes through Postmark (postmark-rails, POSTMARK_API_TOKEN in the encrypted credentials)."),
            (U, "The first reminders went out and told people the 9 am shift starts at 3:00 PM."),
            (A, "Shift times are stored in UTC and the mailer formats them with `l(shift.starts_at)`, while Time.zone inside the Sidekiq thread is the default, UTC. Fix: `config.time_zone = \"America/Chicago\"` in application.rb, and the mailer uses `shift.starts_at.in_time_zone(shift.location.time_zone)` so a location in another zone would still be right. Spec added with travel_to."),
            (U, "Works now."),
        ]),
        (5, "2025-03-12 11:30", [
            (U, "The coordinator dashboard takes 3 seconds to load. Also, from now on always give me the RSpec spec together with any code change."),
            (A, "Will do. Dashboard: the bullet gem shows N+1 queries on signups → volunteer and shift → location. Now `Shift.upcoming.includes(:location, signups: :volunteer)` plus a counter cache `signups_count` on shifts (confirmed signups only, maintained by Signups::Create and Signups::Cancel). 3.1 s → 180 ms with 400 upcoming shifts. Spec: spec/requests/dashboard_spec.rb renders 50 shifts and asserts `expect { get dashboard_path }.to make_database_queries(count: ..10)` with db-query-matchers."),
            (U, "Good."),
        ]),
        (6, "2025-03-20 14:00", [
            (U, "Status of pantryshift?"),
            (A, "Done: Devise sign-in, shift calendar with live slot counts over Turbo Streams, signups with the row lock, coordinator CRUD, day-before reminder emails through Postmark, dashboard at 180 ms. Not done: recurring shifts, waivers, the volunteer hours report, and the deploy; there is no staging yet."),
            (U, "Deploy next. One Hetzner box, as cheap as possible."),
            (A, "Kamal 1.9: config/deploy.yml with a web role and a job role running `bundle exec sidekiq`, accessories for postgres and redis on the same CX32 host, Traefik with Let's Encrypt for TLS. `kamal setup` the first time, `kamal deploy` after that. Secrets in .env, filled from 1Password with `op inject`."),
            (U, "Ok, go."),
        ]),
        (7, "2025-04-01 09:45", [
            (U, "kamal deploy fails with: target failed to become healthy. The app container log has ActiveRecord::ConnectionNotEstablished: connection to server at \"localhost\" (127.0.0.1), port 5432 failed: Connection refused"),
            (A, "Inside the container, localhost is the container itself. DATABASE_URL has to name the postgres accessory: `postgres://pantryshift:...@pantryshift-postgres:5432/pantryshift_production`; Kamal puts the app and its accessories on the same `kamal` Docker network, so the accessory's container name resolves. The healthcheck hits /up, which is why the boot failure showed up as an unhealthy target."),
            (U, "Deployed. But production has no CSS at all."),
            (A, "The Dockerfile runs `SECRET_KEY_BASE_DUMMY=1 ./bin/rails assets:precompile`, and tailwindcss-rails hooks `tailwindcss:build` into that task, but the gem sat in the :development group of the Gemfile, so in the production image the hook didn't exist. Moved tailwindcss-rails to the default group and rebuilt."),
            (U, "CSS is back."),
        ]),
        (8, "2025-04-10 16:10", [
            (U, "Redis keeps eating memory on that small box, and it's one more thing to back up. Can we get rid of it?"),
            (A, "Yes. Jobs: replace Sidekiq with Solid Queue (`bin/rails solid_queue:install`, tables in the same Postgres), `config.active_job.queue_adapter = :solid_queue`, and the hourly reminder moves from sidekiq-cron to config/recurring.yml (shift_reminders: class ShiftReminderJob, schedule: every hour). Action Cable switches to the postgresql adapter; our broadcasts are tiny. Then the redis accessory leaves deploy.yml and the job role runs `bin/jobs`."),
            (U, "Do it."),
            (A, "Done, with specs: spec/jobs/shift_reminder_job_spec.rb uses the test adapter and perform_enqueued_jobs, and spec/config/recurring_spec.rb loads config/recurring.yml and checks the reminder schedule. Sidekiq, sidekiq-cron and redis are gone from the Gemfile and deploy.yml; memory used on the box went from 3.1 GB to 1.9 GB."),
            (U, "Perfect."),
        ]),
        (9, "2025-04-24 10:00", [
            (U, "Coordinators want repeating shifts: every Saturday 9 to 12 at the warehouse, 10 slots. And volunteers asked for the reminder two days ahead instead of one."),
            (A, "A ShiftSeries model (location, role, weekday, start_time, duration, slots, starts_on, ends_on). A nightly job, Shifts::MaterializeSeries, creates the concrete Shift rows 8 weeks ahead; a unique index on shifts(series_id, starts_at) makes it safe to rerun. Editing a series changes only future shifts without signups; shifts that already have signups are left alone and listed for the coordinator. Reminder: ShiftReminderJob now looks 47 to 48 hours ahead, `REMINDER_LEAD_HOURS = 48`. Specs for both in spec/services/shifts/materialize_series_spec.rb and the job spec."),
            (U, "Why not compute the occurrences on the fly from the rule instead of storing rows?"),
            (A, "A signup needs a real shift row to point at and to lock, so virtual occurrences would have to be materialised at signup time anyway; the counter cache and the Turbo broadcasts also assume rows."),
            (U, "Agreed."),
        ]),
        (10, "2025-05-08 14:30", [
            (U, "Moving to Kamal 2 like you suggested. kamal deploy now fails: docker: Error response from daemon: driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated."),
            (A, "The Traefik container from Kamal 1 still holds ports 80 and 443. Run `kamal upgrade`, which stops Traefik and boots kamal-proxy in its place. In deploy.yml the traefik section becomes `proxy: { ssl: true, host: shifts.eastsidefoodbank.org, app_port: 3000 }`, and secrets move from .env to .kamal/secrets."),
            (U, "kamal upgrade did it. So TLS comes from kamal-proxy now?"),
            (A, "Yes: kamal-proxy requests the Let's Encrypt certificate itself and there's no Traefik anymore. Deploys are still zero-downtime, with the healthcheck on /up."),
        ]),
        (11, "2025-05-27 11:00", [
            (U, "Wrap-up for pantryshift: where do things stand?"),
            (A, "Production at shifts.eastsidefoodbank.org on one Hetzner CX32: Kamal 2 with kamal-proxy, the Postgres accessory with a nightly pg_dump to a Hetzner Storage Box. Features: sign-in, live shift calendar, signups with locking, recurring shift series, reminders 48 hours ahead through Postmark, coordinator dashboard. Background jobs run on Solid Queue; Redis is gone. Open: the volunteer hours report (a CSV per year for tax letters), waiver uploads, and SMS reminders, which the board hasn't budgeted for."),
            (U, "Thanks, good place to stop."),
        ]),
    ],
    "soilmote": [
        (1, "2025-02-10 19:00", [
            (U, "New project: soilmote. Firmware for soil moisture sensor nodes in a vineyard, 20 nodes talking LoRaWAN to The Things Network, EU868. Hardware: RAK4631 module (nRF52840 + SX1262 radio) on a RAK19007 base board, a capacitive soil probe on an analog input, an SHT40 for air temperature and humidity, a 3200 mAh LiPo with a small solar panel. Rust with Embassy. No heap: I don't want alloc anywhere in this firmware."),
            (A, "Crates: embassy-nrf (features nrf52840, time-driver-rtc1, gpiote), embassy-executor (arch-cortex-m, executor-thread), embassy-time, lora-phy for the SX1262 over SPIM3, lorawan-device (async) for the MAC layer, defmt + defmt-rtt + panic-probe for logging, heapless for fixed-size buffers, no alloc. Target thumbv7em-none-eabihf; `.cargo/config.toml` sets the runner to `probe-rs run --chip nRF52840_xxAA`, which works with your J-Link EDU Mini over SWD."),
            (U, "Which pins does the radio use on the RAK4631?"),
            (A, "SX1262: NSS P1.10, SCK P1.11, MOSI P1.12, MISO P1.13, BUSY P1.14, DIO1 P1.15, NRESET P1.06, and P1.05 switches the radio's antenna power. Soil probe on WB_A0 = P0.05 (AIN3). SHT40 on I2C with SDA P0.13, SCL P0.14."),
            (U, "Whenever you tell me to flash something, always give me the exact command."),
            (A, "Will do. To build, flash and watch the logs: `cargo run --release --bin soilmote` (the runner calls `probe-rs run --chip nRF52840_xxAA`)."),
        ]),
        (2, "2025-02-18 20:15", [
            (U, "The node never manages to join. defmt log: JoinRequest sent, then RxTimeout in RX1 and RX2, over and over. The TTN console shows the gateway receiving the join request and sending a join accept."),
            (A, "The accept goes out but we never hear it, so the receiver is off. On the RAK4631 the SX1262's crystal is a TCXO powered from DIO3 at 1.8 V; without TCXO control the radio receives off-frequency. In the lora-phy config set `tcxo_ctrl: Some(TcxoCtrlVoltage::Ctrl1V8)` and let DIO2 drive the RF switch. Flash with `cargo run --release --bin soilmote`."),
            (U, "That was it, it joined on the first try."),
            (A, "Good. I also wrapped the join in a retry with backoff: 5 attempts, then deep sleep for an hour and start over, so a node out of range doesn't drain its battery retrying."),
        ]),
        (3, "2025-02-27 18:30", [
            (U, "How should the firmware be structured?"),
            (A, "Three Embassy tasks connected by channels:\n- `sensor_task`: wakes on a Ticker every UPLINK_INTERVAL, powers the probe through the high-side switch on P0.17, waits 200 ms for it to settle, averages 16 SAADC samples, reads the SHT40 over TWIM, and sends a Reading into a `Channel<CriticalSectionRawMutex, Reading, 2>`\n- `lora_task`: owns the radio and the MAC, packs the Reading and sends an unconfirmed uplink on FPort 2\n- `battery_task`: reads VBAT through the divider on AIN2 every 6 hours\nUPLINK_INTERVAL is 10 minutes for now."),
            (U, "What goes over the air?"),
            (A, "A fixed 7-byte payload, big-endian: moisture in permille (u16), air temperature in centi-degrees (i16), humidity in half-percent steps (u8), battery as mV/20 (u8), flags (u8: bit0 probe fault, bit1 low battery). The TTN uplink formatter in `ttn/decoder.js` decodes it. CayenneLPP would need 13 bytes for the same data, so this saves airtime."),
            (U, "Good."),
        ]),
        (4, "2025-03-10 19:40", [
            (U, "Measured with the PPK2: 1.9 mA between uplinks. That kills the LiPo in weeks. It should be microamps."),
            (A, "Three leaks:\n1. the debug probe: with the probe attached the debug interface keeps the chip awake (~0.5 mA), so measure with it unplugged\n2. the SAADC stayed enabled between samples: sensor_task now drops the Saadc after sampling so the peripheral is released\n3. the SX1262 sat in standby instead of sleep: lora_task puts the radio to sleep after every TX/RX window\nAfter the fixes: 11 µA between uplinks, probe unplugged."),
            (U, "11 µA, great."),
        ]),
        (5, "2025-03-18 20:00", [
            (U, "Where are we with soilmote? Short answer."),
            (A, "Done: OTAA join (TCXO fix), 7-byte uplink every 10 minutes, sensor/lora/battery tasks, 11 µA sleep current. Next: soil probe calibration, keeping the LoRaWAN session across resets, a field test with 3 nodes."),
            (U, "Calibration first. The probe reads 2850 raw in dry air and 1260 in a glass of water."),
            (A, "Moisture permille = (air - raw) * 1000 / (air - water), clamped to 0..=1000. Each node gets its own constants: a separate `calibrate` binary samples in air, then in water, and writes {air, water, crc} to the last flash page (0xFF000) through embassy-nrf's Nvmc. If that page is empty the firmware falls back to 2850/1260. Command: `cargo run --release --bin calibrate`."),
            (U, "Ok."),
        ]),
        (6, "2025-03-31 18:50", [
            (U, "After swapping batteries, two nodes rejoin and the TTN console says: DevNonce has already been used. Those nodes never get back in."),
            (A, "LoRaWAN 1.0.4 requires DevNonce to increase across joins, and we start from 0 at every boot, so after a reset the nonce repeats and the network server rejects it. Fix: keep the DevNonce counter and the session (DevAddr, NwkSKey, AppSKey, FCntUp) in flash with the sequential-storage crate, a map over two 4 KB pages at 0xFD000..0xFF000, with FCntUp saved every 16 uplinks. On boot the firmware restores the session and skips the join; it joins only when no valid session is stored. For the two stuck nodes, use 'Reset used DevNonces' on those devices in the TTN console."),
            (U, "So nodes don't join at every boot anymore?"),
            (A, "Right. Before, every boot did an OTAA join; now a boot restores the stored session, and only a missing or corrupt session triggers a join. FCntUp restarts at the stored value + 16, so a frame counter is never reused. Flash with `cargo run --release --bin soilmote`."),
            (U, "That fixed it."),
        ]),
        (7, "2025-04-14 19:10", [
            (U, "Field test results: the 3 nodes ran for two weeks and the battery went from 4.12 V to 3.98 V. The vineyard manager says a reading every half hour is plenty."),
            (A, "Then UPLINK_INTERVAL goes from 10 to 30 minutes. At SF9 that brings the average current to about 35 µA, well over a year on 3200 mAh even without sun. I also made the interval settable by downlink: FPort 10, payload a u16 in minutes, bounded to 5..=240, stored in the same sequential-storage map so it survives resets."),
            (U, "What spreading factor are they on?"),
            (A, "ADR is on in lorawan-device. It moved the two nodes near the gateway to SF7; the one at the bottom of the slope stays at SF10."),
            (U, "Good."),
        ]),
        (8, "2025-04-28 20:30", [
            (U, "Node 7 locks up after a few hours. With the probe attached I caught a HardFault; the backtrace ends in sequential_storage::map::store_item called from persist_session."),
            (A, "A stack overflow. Embassy tasks are allocated statically, so the task itself isn't the problem: persist_session had a [u8; 1024] scratch buffer on the stack, and in the lora_task call chain that ran past the end of the stack into RAM. The buffer is now a `static` in a StaticCell, and I enabled flip-link as the linker in `.cargo/config.toml`, so a future overflow hits a clean HardFault instead of silently corrupting memory."),
            (U, "By the way, I replaced my J-Link with the Raspberry Pi Debug Probe. What changes?"),
            (A, "Nothing in the code: probe-rs speaks CMSIS-DAP to the Pi probe. The command is still `cargo run --release --bin soilmote`; with two probes plugged in, add `--probe 2e8a:000c` to the probe-rs runner to select the Pi one."),
        ]),
        (9, "2025-05-12 18:45", [
            (U, "Should we do firmware updates over LoRaWAN? Walking the rows with a laptop is no fun."),
            (A, "Not now. A ~250 KB image over LoRaWAN at SF9 in EU868 with the 1% duty cycle takes days per node, and it needs multicast and fragmentation (TS004/TS005), which lorawan-device doesn't implement. Instead: more behaviour configurable by downlink (the interval is already on FPort 10; probe warm-up time goes on FPort 11), and for real firmware changes Bluetooth DFU through the Adafruit nRF52 bootloader that RAK ships, done from a phone next to the node."),
            (U, "Add the hardware watchdog too, node 7 taught me that lesson."),
            (A, "embassy-nrf Watchdog with a 120 s timeout, fed by lora_task after each completed loop iteration rather than by a separate task, so a hung radio resets the node. A watchdog reset sets bit2 of the flags byte in the next uplink."),
            (U, "Perfect."),
        ]),
        (10, "2025-05-23 19:20", [
            (U, "Final status of soilmote?"),
            (A, "20 nodes flashed: 17 in the vineyard, 3 spares. Firmware v0.6: LoRaWAN session kept in flash (no join at boot), 30-minute uplinks settable on FPort 10, probe warm-up on FPort 11, per-node calibration, 120 s watchdog, flip-link. Current: 11 µA asleep, ~35 µA on average. Open: Bluetooth DFU isn't done; the TTN decoder should feed the winery's InfluxDB through a webhook; node 12 at the bottom of the slope now needs SF12, so a second gateway may be needed."),
            (U, "Thanks."),
        ]),
    ],
    "tilecheck": [
        (1, "2025-02-12 08:30", [
            (U, "Kicking off tilecheck: an image classifier for a tile factory's inspection line. Every tile is photographed and we flag defects, 6 classes: ok, crack, pinhole, glaze_drip, chip, shade_mismatch. Python 3.11, PyTorch 2.2, timm for the backbone, Hydra for configs, DVC with an S3 remote for the 48k labelled images, Weights & Biases for experiment tracking. Training runs on a single RTX 4090 workstation."),
            (A, "Repo layout: `src/tilecheck/{data,models,train.py,evaluate.py,export.py}`, Hydra configs in `configs/` (config.yaml with groups model/, data/, optim/), and `dvc.yaml` with the stages prepare → train → evaluate. Baseline: timm `efficientnet_b0` pretrained, 384×384 input, AdamW lr 3e-4 with a cosine schedule, 30 epochs, batch 64, mixed precision. Run: `python -m tilecheck.train model=effnet_b0 data=v1`."),
            (U, "Which metric? Accuracy is useless here, 91% of the tiles are ok."),
            (A, "Macro F1 over the 6 classes as the headline number, plus recall on each defect class at the operating threshold, since a missed crack costs more than a false alarm. A confusion matrix is logged every epoch."),
            (U, "And I want every experiment reproducible from its tracking run: seed, git commit, data version."),
            (A, "train.py logs the resolved config (`OmegaConf.to_container(cfg, resolve=True)`), `git rev-parse HEAD`, and the md5 of data/processed from dvc.lock with every run. Seed 1234 by default, set for torch, numpy and random. `cudnn.benchmark` stays on, so runs are not bit-identical; I noted that in the README."),
        ]),
        (2, "2025-02-19 09:15", [
            (U, "First run: val macro F1 0.97 after 3 epochs. On 200 tiles from last week's production it's 0.71. Something's off."),
            (A, "Leakage. The line photographs each tile at two conveyor positions, so most tiles have two images with the same tile id (T20250114-00831_a.png and _b.png). The random split put _a in train and _b in validation. Fix in `src/tilecheck/data/split.py`: split by tile id with sklearn's GroupShuffleSplit, and hold out by production day: the last 10 days are the test set, because glaze batches drift over time."),
            (U, "Numbers after the fix?"),
            (A, "Val macro F1 0.83, and 0.81 on the new production tiles: the two agree now, so the validation set can be trusted."),
            (U, "Good. Keep that test split frozen."),
            (A, "Frozen: `data/splits/test_tiles.txt` is tracked by DVC, and the prepare stage refuses to run if a test tile id appears in train."),
        ]),
        (3, "2025-02-28 08:00", [
            (U, "Pinholes are rare, about 300 examples. How do we deal with the imbalance?"),
            (A, "Three things:\n1. WeightedRandomSampler with class weights 1/sqrt(frequency); full inverse frequency overfit the pinholes\n2. focal loss with gamma 2 instead of cross-entropy\n3. albumentations: flips, 90° rotations (tiles are symmetric), small brightness/contrast changes, but no hue shift: shade_mismatch is a colour defect and hue jitter would erase the label"),
            (U, "Makes sense, especially the hue part."),
            (A, "Also, a pinhole is about 3 pixels wide at 384 px input, so downscaling loses many of them. I'd train the next run at 512 px."),
        ]),
        (4, "2025-03-07 10:20", [
            (U, "The 512 px run: the loss turns into NaN in epoch 4. First a RuntimeWarning: invalid value encountered, then everything is nan."),
            (A, "Focal loss under fp16 autocast: p underflows to 0 in half precision, log(p) is -inf, multiplied by 0 it's nan. Two fixes: compute the loss in float32 (`logits.float()` before focal_loss), and on the 4090 autocast to bf16 instead of fp16 (`torch.autocast(\"cuda\", dtype=torch.bfloat16)`). Same speed on Ada, the 8-bit exponent doesn't underflow, and no GradScaler is needed."),
            (U, "That fixed it, all 30 epochs ran."),
            (A, "Result: macro F1 0.86 at 512 px (0.83 at 384), pinhole recall up from 0.64 to 0.79."),
        ]),
        (5, "2025-03-14 09:40", [
            (U, "I want to try convnext_tiny at 512. Batch 64 dies with torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB. And one thing: never suggest rewriting this in Lightning or another framework, I want plain PyTorch loops I can read."),
            (A, "Noted, plain PyTorch only. For the OOM: batch 32 with gradient accumulation over 2 steps (effective batch 64) plus `model.set_grad_checkpointing(True)`, which timm supports for ConvNeXt. Peak memory 21.8 GB → 13.9 GB. The learning rate stays 3e-4 since the effective batch is unchanged."),
            (U, "Results?"),
            (A, "convnext_tiny at 512 px: macro F1 0.89, pinhole recall 0.84, crack recall 0.95. An epoch takes 6.5 minutes against 4 for efficientnet_b0. I'd make convnext_tiny the default model."),
            (U, "Switch it."),
        ]),
        (6, "2025-03-24 08:50", [
            (U, "Where are we on tilecheck?"),
            (A, "Default model convnext_tiny at 512 px, bf16, focal loss, weighted sampler: test macro F1 0.89. Data split by tile and by day, test set = last 10 days, frozen. Not done: export for the line PC, per-class thresholds, drift monitoring in production. The inspection PC has no GPU (an Intel i7, OpenVINO available) and the line moves one tile every 0.4 s, so inference speed is the next risk."),
            (U, "Export next time."),
        ]),
        (7, "2025-04-03 09:30", [
            (U, "Exported to ONNX for the line PC, but the ONNX model disagrees with PyTorch on 12% of the same tiles."),
            (A, "Two causes. export.py traced the model in training mode, so ConvNeXt's drop_path (stochastic depth) was still active: call `model.eval()` before `torch.onnx.export`. And the preprocessing differed: the line script resized with OpenCV INTER_LINEAR while training used PIL bicubic. Both now use `cv2.resize(..., interpolation=cv2.INTER_AREA)` from one function in `src/tilecheck/data/preprocess.py`. Disagreement 12% → 0.1%, which is float rounding."),
            (U, "How fast is it on the line PC?"),
            (A, "ONNX Runtime on the CPU: 310 ms per tile at 512 px, too close to the 400 ms budget. OpenVINO with the model converted by `ovc model.onnx --compress_to_fp16`: 140 ms. With INT8 post-training quantisation through NNCF on 300 calibration tiles: 62 ms, and macro F1 drops only from 0.89 to 0.885."),
            (U, "Go with INT8 OpenVINO."),
        ]),
        (8, "2025-04-15 08:10", [
            (U, "The factory's IT says no experiment data may go to an external SaaS anymore. W&B has to go."),
            (A, "Self-hosted MLflow on the training box: `mlflow server --backend-store-uri postgresql://mlflow@localhost/mlflow --artifacts-destination s3://tilecheck-mlflow`, where S3 is the factory's MinIO at minio.factory.lan. train.py now calls mlflow.log_metrics instead of wandb.log, confusion matrices go through mlflow.log_figure, and config, git commit and DVC data hash are logged as params and tags. `scripts/wandb_to_mlflow.py` copied the summary metrics of the 23 earlier runs; their per-step curves were not migrated."),
            (U, "And the DVC remote? It's S3 on AWS."),
            (A, "Moved as well: `dvc remote add -d factory s3://tilecheck-data` with endpointurl http://minio.factory.lan:9000, `dvc push -r factory`, then the AWS remote was removed. The AWS bucket gets deleted after a month."),
            (U, "Ok."),
        ]),
        (9, "2025-04-29 10:00", [
            (U, "The line manager's rule: missing a crack is bad, but stopping the line for nothing is bad too. At most 2% of good tiles may be flagged."),
            (A, "Per-class thresholds on the softmax instead of argmax. On the validation set, `scripts/tune_thresholds.py` (plain numpy, no framework) grid-searches the thresholds jointly for the highest defect recall with at most 2% of ok tiles flagged. On the test set: 1.8% of ok tiles flagged, crack recall 0.97, pinhole 0.81, chip 0.93. Thresholds live in `configs/thresholds/line1.yaml`, loaded by the OpenVINO inference script."),
            (U, "Ship it to line 1."),
        ]),
        (10, "2025-05-13 09:05", [
            (U, "Since Monday line 1 flags 9% of tiles as shade_mismatch. The tiles look fine to the operators."),
            (A, "The camera exposure changed: maintenance replaced the line light on Monday and the images are about 15% brighter (mean pixel 142 against 124 in the training data). shade_mismatch is about colour, so the model reads the global brightness as a shade defect. Short term: normalise every image by the grey reference strip at the tile's left edge (columns 0-31 show the conveyor's calibration strip) in preprocess.py. Long term: the inference script logs mean brightness per hour and alerts when it moves more than 8% from the training mean."),
            (U, "And with the normalisation in place?"),
            (A, "Retrained for 30 epochs with the normalisation in training too: test macro F1 0.895, and on Monday's images false shade_mismatch flags are back down to 0.7%. Deployed as model v1.3."),
            (U, "Perfect."),
        ]),
        (11, "2025-05-29 08:40", [
            (U, "Final status of tilecheck for the quarterly review?"),
            (A, "Model v1.3: convnext_tiny at 512 px, bf16 training, focal loss, reference-strip normalisation; INT8 OpenVINO on line 1 at 62 ms per tile; per-class thresholds with 1.8% false alarms and crack recall 0.97. Experiments tracked in self-hosted MLflow, data on the factory MinIO through DVC. Open: line 2 (a different camera, needs its own thresholds and probably fine-tuning), automatic retraining when the drift alert fires, and labelling the 1,200 tiles the operators flagged in May."),
            (U, "Thanks, that's all for the review."),
        ]),
    ],
}

END = "2025-06-05"  # "next week": after every session

# short name -> [(question, asked on "YYYY-MM-DD", gold turn ids, type, superseded turn ids)]. Gold turns state the
# answer (chosen by reading them); for knowledge-update only the newest statement is gold and `superseded` names the
# older turns it replaces (they must be older and are not gold). Questions asked before END see only earlier sessions.
QUERIES = {
    "cragbook": [
        ("what frontend framework and database did we pick for the gym booking site?", END, ["cb-s01-t1"], "tech-stack", []),
        ("where does cragbook get deployed?", "2025-03-15", ["cb-s01-t1"], "tech-stack", []),
        ("how does the SvelteKit server get a supabase client on each request?", END, ["cb-s01-t2"], "tech-stack", []),
        ("how do I regenerate the typescript types for the cragbook database?", END, ["cb-s01-t4"], "tech-stack", []),
        ("which service delivers the login mails for the climbing gym?", END, ["cb-s08-t2", "cb-s12-t2"], "tech-stack", []),
        ("what keeps two climbers from both getting the last place in a class?", END, ["cb-s04-t2", "cb-s04-t4"], "architecture", []),
        ("can a member look at somebody else's reservations?", END, ["cb-s02-t4"], "architecture", []),
        ("how do we tell gym staff apart from ordinary members in the db?", END, ["cb-s02-t2"], "architecture", []),
        ("how do we avoid handing out a second punch card when Stripe sends the same event again?", END, ["cb-s05-t4"], "architecture", []),
        ("do card numbers ever touch our backend for the gym payments?", END, ["cb-s05-t1", "cb-s05-t2"], "architecture", []),
        ("what happens when somebody drops out of a full class?", END, ["cb-s10-t2", "cb-s10-t4"], "architecture", []),
        ("can the gym change the cancellation deadline on their own?", END, ["cb-s07-t4", "cb-s10-t2"], "architecture", []),
        ("how do the two front desk tablets stay consistent?", END, ["cb-s11-t2"], "architecture", []),
        ("which file is allowed to use the supabase admin key?", END, ["cb-s02-t4"], "architecture", []),
        ("how are cragbook members reminded of an upcoming class?", END, ["cb-s08-t4"], "architecture", []),
        ("do gym members have a password?", END, ["cb-s02-t1", "cb-s02-t2"], "architecture", []),
        ("how long should your replies be?", END, ["cb-s01-t3"], "preference", []),
        ("npm or pnpm for the climbing gym site?", END, ["cb-s01-t5", "cb-s01-t6"], "preference", []),
        ("what install command should the hosting build use for cragbook?", "2025-03-01", ["cb-s01-t6"], "preference", []),
        ("logging in on a preview build kept throwing me back to the login page", END, ["cb-s03-t2"], "error-solution", []),
        ("after the login redirect the pages behind auth saw no session, what was the cookie issue?", END, ["cb-s03-t4"], "error-solution", []),
        ("No signatures found matching the expected signature for payload", END, ["cb-s06-t2"], "error-solution", []),
        ("SubtleCryptoProvider cannot be used in a synchronous context", END, ["cb-s09-t6"], "error-solution", []),
        ("people didn't get their sign-in emails on busy weekend mornings", END, ["cb-s08-t2"], "error-solution", []),
        ("what guards against the raw body bug coming back in the stripe handler?", END, ["cb-s06-t4"], "error-solution", []),
        ("where is cragbook hosted?", END, ["cb-s09-t2", "cb-s12-t2"], "knowledge-update", ["cb-s01-t1"]),
        ("until when can a member cancel and still get the visit back?", END, ["cb-s10-t1", "cb-s10-t2", "cb-s12-t2"], "knowledge-update", ["cb-s07-t3", "cb-s07-t4"]),
        ("how much does the schedule page fetch at once now?", END, ["cb-s09-t4"], "knowledge-update", ["cb-s07-t2"]),
        ("which stripe call checks webhook authenticity in the current setup?", END, ["cb-s09-t6"], "knowledge-update", ["cb-s05-t2"]),
        ("is the front desk check-in finished?", END, ["cb-s11-t2", "cb-s12-t2"], "session-continuity", []),
        ("what was still open on cragbook in mid-March?", "2025-03-20", ["cb-s07-t2"], "session-continuity", []),
        ("what did we decide for people in the queue whose card is used up?", END, ["cb-s10-t4"], "session-continuity", []),
        ("did we ever build pausing a membership for a month?", END, ["cb-s12-t2"], "session-continuity", []),
        ("what did we do about the sluggish timetable on phones?", END, ["cb-s09-t4"], "session-continuity", []),
        ("what's left for the gym after the handover?", END, ["cb-s12-t2"], "session-continuity", []),
        ("which bugs did we fix in cragbook?", END, ["cb-s03-t2", "cb-s03-t4", "cb-s06-t2", "cb-s08-t2", "cb-s09-t6"], "cross-session-synthesis", []),
        ("which postgres functions does the booking site expose as RPCs?", END, ["cb-s04-t2", "cb-s07-t4", "cb-s10-t2", "cb-s11-t2"], "cross-session-synthesis", []),
        ("what emails does the gym site send to members?", END, ["cb-s02-t2", "cb-s08-t4", "cb-s10-t2", "cb-s10-t4"], "cross-session-synthesis", []),
        ("what tables does cragbook have by now?", END, ["cb-s01-t4", "cb-s02-t2", "cb-s05-t4", "cb-s07-t4", "cb-s10-t2"], "cross-session-synthesis", []),
        ("where did the gym site run originally?", END, ["cb-s01-t1", "cb-s09-t1"], "temporal", []),
        ("what was the first cancellation rule the gym gave us?", END, ["cb-s07-t3", "cb-s07-t4"], "temporal", []),
        ("what did we work on for the gym site in early April?", "2025-04-20", ["cb-s09-t2", "cb-s09-t4", "cb-s09-t6"], "temporal", []),
        ("what did we change on cragbook last week?", "2025-04-28", ["cb-s10-t2", "cb-s10-t4"], "temporal", []),
        ("how slow was the schedule before we fixed it?", END, ["cb-s07-t2", "cb-s09-t4"], "temporal", []),
    ],
    "pantryshift": [
        ("what is the food bank app built with?", END, ["ps-s01-t1", "ps-s01-t2"], "tech-stack", []),
        ("which test framework does pantryshift use?", END, ["ps-s01-t2"], "tech-stack", []),
        ("who sends the volunteer emails?", END, ["ps-s04-t2"], "tech-stack", []),
        ("how does the rails app compile its tailwind styles?", END, ["ps-s01-t2", "ps-s07-t4"], "tech-stack", []),
        ("what machine does the volunteer scheduler run on?", END, ["ps-s06-t4", "ps-s11-t2"], "tech-stack", []),
        ("how do volunteers authenticate?", END, ["ps-s01-t2"], "tech-stack", []),
        ("what does the food bank app use for jobs?", "2025-03-25", ["ps-s01-t2", "ps-s04-t2", "ps-s06-t4"], "tech-stack", []),
        ("how do other people's screens learn that a slot was taken?", END, ["ps-s02-t2"], "architecture", []),
        ("how do we stop two volunteers from taking the final place on a shift?", END, ["ps-s02-t2"], "architecture", []),
        ("what does someone see if the shift fills up right before they click?", END, ["ps-s02-t4"], "architecture", []),
        ("how are weekly repeating shifts modelled?", END, ["ps-s09-t2"], "architecture", []),
        ("why do we store every occurrence as a row instead of expanding the rule at read time?", END, ["ps-s09-t4"], "architecture", []),
        ("if a coordinator edits a series, what happens to shifts people already signed up for?", END, ["ps-s09-t2"], "architecture", []),
        ("how is the food bank database backed up?", END, ["ps-s11-t2"], "architecture", []),
        ("what's the convention for coordinators vs volunteers in the user model?", END, ["ps-s01-t2"], "architecture", []),
        ("where does domain logic go in the rails app?", END, ["ps-s01-t3", "ps-s01-t4"], "preference", []),
        ("what should always come along with a code change in pantryshift?", END, ["ps-s05-t1"], "preference", []),
        ("could we use React for the shift calendar?", END, ["ps-s01-t1"], "preference", []),
        ("did the job backend swap come with tests?", END, ["ps-s08-t4"], "preference", []),
        ("Error: Form responses must redirect to another location", END, ["ps-s03-t2"], "error-solution", []),
        ("volunteers were told their shift began hours later than it really did", END, ["ps-s04-t4"], "error-solution", []),
        ("target failed to become healthy, the app can't talk to the database", END, ["ps-s07-t2"], "error-solution", []),
        ("production pages rendered unstyled after the first deploy", END, ["ps-s07-t4"], "error-solution", []),
        ("Bind for 0.0.0.0:80 failed: port is already allocated", END, ["ps-s10-t2"], "error-solution", []),
        ("the coordinator overview was painfully slow, what sped it up?", END, ["ps-s05-t2"], "error-solution", []),
        ("what runs background work in pantryshift now?", END, ["ps-s08-t2", "ps-s08-t4", "ps-s11-t2"], "knowledge-update", ["ps-s01-t2", "ps-s06-t4"]),
        ("how far ahead of a shift does the reminder go out?", END, ["ps-s09-t1", "ps-s09-t2", "ps-s11-t2"], "knowledge-update", ["ps-s04-t1", "ps-s04-t2"]),
        ("what handles https certificates on the food bank server?", END, ["ps-s10-t2", "ps-s10-t4"], "knowledge-update", ["ps-s06-t4"]),
        ("which backend does action cable use?", END, ["ps-s08-t2"], "knowledge-update", ["ps-s02-t2"]),
        ("where do the food bank deploy secrets live?", END, ["ps-s10-t2"], "knowledge-update", ["ps-s06-t4"]),
        ("where is the hourly reminder schedule defined?", END, ["ps-s08-t2", "ps-s08-t4"], "knowledge-update", ["ps-s04-t2"]),
        ("where did we leave pantryshift?", END, ["ps-s11-t2"], "session-continuity", []),
        ("is the yearly hours export for volunteers done?", END, ["ps-s11-t2"], "session-continuity", []),
        ("what was missing before the food bank app first went live?", "2025-03-25", ["ps-s06-t2"], "session-continuity", []),
        ("what did we do about the memory hog on the server?", END, ["ps-s08-t2", "ps-s08-t4"], "session-continuity", []),
        ("did text message reminders ever happen?", END, ["ps-s11-t2"], "session-continuity", []),
        ("how did the move to the new kamal version end?", END, ["ps-s10-t2", "ps-s10-t3", "ps-s10-t4"], "session-continuity", []),
        ("how much RAM did we free on the box?", END, ["ps-s08-t4"], "session-continuity", []),
        ("list the deploy problems we ran into with the food bank app", END, ["ps-s07-t2", "ps-s07-t4", "ps-s10-t2"], "cross-session-synthesis", []),
        ("which recurring background jobs does the rails app have?", END, ["ps-s04-t2", "ps-s08-t2", "ps-s09-t2"], "cross-session-synthesis", []),
        ("which unique indexes protect signups and shifts from duplicates?", END, ["ps-s02-t4", "ps-s09-t2"], "cross-session-synthesis", []),
        ("what's the complete pantryshift stack today?", END, ["ps-s01-t1", "ps-s01-t2", "ps-s11-t2"], "cross-session-synthesis", []),
        ("what did we use for background jobs in the food bank app at the start?", END, ["ps-s01-t2", "ps-s08-t2"], "temporal", []),
        ("what did we set up for the food bank app in the second half of March?", "2025-04-05", ["ps-s06-t2", "ps-s06-t4"], "temporal", []),
        ("what changed in pantryshift last week?", "2025-05-14", ["ps-s10-t2", "ps-s10-t4"], "temporal", []),
        ("how long before a shift did the very first reminder go out?", END, ["ps-s04-t1", "ps-s04-t2"], "temporal", []),
    ],
    "soilmote": [
        ("what hardware are the vineyard sensor nodes built on?", END, ["sm-s01-t1"], "tech-stack", []),
        ("which crates handle the radio and lorawan in soilmote?", END, ["sm-s01-t2"], "tech-stack", []),
        ("how does the firmware print logs?", END, ["sm-s01-t2"], "tech-stack", []),
        ("which network server and frequency plan do the nodes use?", END, ["sm-s01-t1"], "tech-stack", []),
        ("what pins is the SX1262 wired to?", END, ["sm-s01-t4"], "tech-stack", []),
        ("how is the soilmote firmware split up?", END, ["sm-s03-t2"], "architecture", []),
        ("how do we pack a reading into as few bytes as possible?", END, ["sm-s03-t4"], "architecture", []),
        ("why not CayenneLPP?", END, ["sm-s03-t4"], "architecture", []),
        ("how is the probe's raw number turned into a moisture value?", END, ["sm-s05-t4"], "architecture", []),
        ("where does each node keep its calibration?", END, ["sm-s05-t4"], "architecture", []),
        ("why no over-the-air firmware updates for the sensors?", END, ["sm-s09-t2"], "architecture", []),
        ("what does a node do when it can't get onto the network?", END, ["sm-s02-t4"], "architecture", []),
        ("what restarts a node that hangs?", END, ["sm-s09-t4"], "architecture", []),
        ("can the backend tell when a sensor rebooted itself?", END, ["sm-s09-t4"], "architecture", []),
        ("can I use Vec or Box in the sensor firmware?", END, ["sm-s01-t1", "sm-s01-t2"], "preference", []),
        ("what do I want from you whenever a node needs flashing?", END, ["sm-s01-t5"], "preference", []),
        ("command to flash the main firmware onto a node?", END, ["sm-s01-t6", "sm-s02-t2", "sm-s06-t4", "sm-s08-t4"], "preference", []),
        ("join accept never arrives, RxTimeout in both receive windows", END, ["sm-s02-t2"], "error-solution", []),
        ("node pulls almost two milliamps while it should be asleep", END, ["sm-s04-t2"], "error-solution", []),
        ("DevNonce has already been used", END, ["sm-s06-t2"], "error-solution", []),
        ("a sensor froze after running for a few hours", END, ["sm-s08-t2"], "error-solution", []),
        ("why did we turn on flip-link?", END, ["sm-s08-t2"], "error-solution", []),
        ("how do I get a node that TTN keeps rejecting back online?", END, ["sm-s06-t2"], "error-solution", []),
        ("how often does a soilmote node send a reading?", END, ["sm-s07-t2", "sm-s10-t2"], "knowledge-update", ["sm-s03-t2", "sm-s05-t2"]),
        ("what spreading factor does the node at the bottom of the slope use?", END, ["sm-s10-t2"], "knowledge-update", ["sm-s07-t4"]),
        ("which debug probe do I flash the sensors with?", END, ["sm-s08-t3", "sm-s08-t4"], "knowledge-update", ["sm-s01-t2"]),
        ("how often do the vineyard nodes transmit?", "2025-04-01", ["sm-s03-t2", "sm-s05-t2"], "architecture", []),
        ("where are we with soilmote?", "2025-03-25", ["sm-s05-t2"], "session-continuity", []),
        ("what's still open on the vineyard sensors?", END, ["sm-s10-t2"], "session-continuity", []),
        ("did we get bluetooth firmware updates working?", END, ["sm-s09-t2", "sm-s10-t2"], "session-continuity", []),
        ("how did the trial with three nodes go?", END, ["sm-s07-t1"], "session-continuity", []),
        ("how many sensors are out in the field?", END, ["sm-s10-t2"], "session-continuity", []),
        ("what did we do after the PPK2 measurement?", END, ["sm-s04-t2"], "session-continuity", []),
        ("what have we done to make the battery last?", END, ["sm-s02-t4", "sm-s04-t2", "sm-s07-t2"], "cross-session-synthesis", []),
        ("what does a node keep in its flash?", END, ["sm-s05-t4", "sm-s06-t2", "sm-s07-t2"], "cross-session-synthesis", []),
        ("which downlink ports does the firmware listen on?", END, ["sm-s07-t2", "sm-s09-t2"], "cross-session-synthesis", []),
        ("what firmware bugs have we fixed?", END, ["sm-s02-t2", "sm-s04-t2", "sm-s06-t2", "sm-s08-t2"], "cross-session-synthesis", []),
        ("what reporting interval did the sensors start with?", END, ["sm-s03-t2", "sm-s07-t2"], "temporal", []),
        ("what did we change in soilmote last week?", "2025-04-22", ["sm-s07-t2"], "temporal", []),
        ("what did we do on the firmware at the end of March?", "2025-04-10", ["sm-s06-t2", "sm-s06-t4"], "temporal", []),
        ("what SF was the lowest node on back in April?", END, ["sm-s07-t4"], "temporal", []),
        ("what was the sleep current before the fixes?", END, ["sm-s04-t1"], "temporal", []),
    ],
    "tilecheck": [
        ("what is tilecheck built with?", END, ["tc-s01-t1"], "tech-stack", []),
        ("what GPU does the defect model train on?", END, ["tc-s01-t1"], "tech-stack", []),
        ("which library does the image augmentation?", END, ["tc-s03-t2"], "tech-stack", []),
        ("what runs the model on the inspection line computer?", END, ["tc-s07-t4", "tc-s07-t5", "tc-s11-t2"], "tech-stack", []),
        ("how do I start a training run?", END, ["tc-s01-t2"], "tech-stack", []),
        ("how do we score the tile model if accuracy doesn't tell us anything?", END, ["tc-s01-t4"], "architecture", []),
        ("how are images divided into train, validation and test?", END, ["tc-s02-t2", "tc-s02-t6"], "architecture", []),
        ("there are hardly any pinhole examples, what did we do about that?", END, ["tc-s03-t2"], "architecture", []),
        ("why no colour jitter in the augmentations?", END, ["tc-s03-t2"], "architecture", []),
        ("how does the line decide a tile is defective?", END, ["tc-s09-t2"], "architecture", []),
        ("how do we make sure the line resizes images exactly like training does?", END, ["tc-s07-t2"], "architecture", []),
        ("how would we notice the camera images drifting?", END, ["tc-s10-t2"], "architecture", []),
        ("why did we bump the input resolution?", END, ["tc-s03-t4"], "architecture", []),
        ("can I reproduce an old experiment exactly?", END, ["tc-s01-t6"], "architecture", []),
        ("should we port training to PyTorch Lightning?", END, ["tc-s05-t1", "tc-s05-t2"], "preference", []),
        ("what did I ask to be recorded with every experiment?", END, ["tc-s01-t5"], "preference", []),
        ("does the threshold tuning depend on any framework?", END, ["tc-s09-t2"], "preference", []),
        ("validation looked great but real production tiles scored badly", END, ["tc-s02-t2"], "error-solution", []),
        ("training loss went nan at 512px", END, ["tc-s04-t2"], "error-solution", []),
        ("torch.OutOfMemoryError with convnext", END, ["tc-s05-t2"], "error-solution", []),
        ("exported model gives different answers than the pytorch one", END, ["tc-s07-t2"], "error-solution", []),
        ("after maintenance on the line, lots of good tiles got flagged for colour", END, ["tc-s10-t2", "tc-s10-t4"], "error-solution", []),
        ("inference was too slow for the conveyor, how did we get under budget?", END, ["tc-s07-t4"], "error-solution", []),
        ("which backbone is the tilecheck default?", END, ["tc-s05-t4", "tc-s06-t2", "tc-s11-t2"], "knowledge-update", ["tc-s01-t2"]),
        ("where do we track experiments?", END, ["tc-s08-t2", "tc-s11-t2"], "knowledge-update", ["tc-s01-t1"]),
        ("where does DVC push the tile images?", END, ["tc-s08-t4", "tc-s11-t2"], "knowledge-update", ["tc-s01-t1"]),
        ("what numeric precision do we train the tile model in?", END, ["tc-s04-t2", "tc-s06-t2", "tc-s11-t2"], "knowledge-update", ["tc-s01-t2"]),
        ("what's our best macro F1 on the test set?", END, ["tc-s10-t4"], "knowledge-update", ["tc-s05-t4", "tc-s06-t2"]),
        ("which backbone does tilecheck train by default?", "2025-03-10", ["tc-s01-t2"], "tech-stack", []),
        ("where did we leave tilecheck?", END, ["tc-s11-t2"], "session-continuity", []),
        ("what's next for the second line?", END, ["tc-s11-t2"], "session-continuity", []),
        ("where were we on the tile model at the end of March?", "2025-03-28", ["tc-s06-t2"], "session-continuity", []),
        ("IT wouldn't let data leave the factory, what did we change?", END, ["tc-s08-t2", "tc-s08-t4"], "session-continuity", []),
        ("were the older tracking runs carried over?", END, ["tc-s08-t2"], "session-continuity", []),
        ("how many good tiles get wrongly stopped now?", END, ["tc-s09-t2", "tc-s11-t2"], "session-continuity", []),
        ("what's the production model version?", END, ["tc-s10-t4", "tc-s11-t2"], "session-continuity", []),
        ("what went wrong while training the defect model, all of it?", END, ["tc-s02-t2", "tc-s04-t2", "tc-s05-t2"], "cross-session-synthesis", []),
        ("how did macro F1 evolve over the project?", END, ["tc-s02-t1", "tc-s02-t4", "tc-s04-t4", "tc-s05-t4", "tc-s06-t2", "tc-s07-t4", "tc-s10-t4"], "cross-session-synthesis", []),
        ("every change we made to image preprocessing", END, ["tc-s07-t2", "tc-s10-t2"], "cross-session-synthesis", []),
        ("how has crack recall changed over time?", END, ["tc-s05-t4", "tc-s09-t2", "tc-s11-t2"], "cross-session-synthesis", []),
        ("what backbone did we start tilecheck with?", END, ["tc-s01-t2"], "temporal", []),
        ("what did we work on for tilecheck in early April?", "2025-04-20", ["tc-s07-t2", "tc-s07-t4"], "temporal", []),
        ("what did we change on the tile model last week?", "2025-05-20", ["tc-s10-t2", "tc-s10-t4"], "temporal", []),
        ("what was the validation score before we fixed the split?", END, ["tc-s02-t1"], "temporal", []),
        ("what did we log experiments to in the beginning?", END, ["tc-s01-t1", "tc-s08-t1"], "temporal", []),
    ],
}


def stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def main() -> None:
    memories = []
    by_id = {}
    for key, sessions in SESSIONS.items():
        prefix = PREFIXES[key]
        last_start = None
        for n, start, turns in sessions:
            sid = f"{prefix}-s{n:02d}"
            t0 = datetime.strptime(start, "%Y-%m-%d %H:%M").replace(tzinfo=timezone.utc)
            assert last_start is None or t0 > last_start, (sid, "sessions must be in date order")
            last_start = t0
            assert 3 <= len(turns) <= 8, (sid, len(turns))
            at = t0
            for i, (role, text) in enumerate(turns, 1):
                assert role == (U if i % 2 else A), (sid, i, "turns alternate, the user first")
                mid = f"{sid}-t{i}"
                assert mid not in by_id, mid
                memory = {"id": mid, "project": PROJECT, "conversationId": sid, "role": role, "content": text,
                          "topics": [key], "createdAt": stamp(at)}
                by_id[mid] = memory
                memories.append(memory)
                # The assistant answers within a minute; the developer reads and types a while before the next turn.
                at += timedelta(minutes=1) if role == U else timedelta(minutes=2 + len(text) // 250)
    queries = []
    for key, items in QUERIES.items():
        prefix = PREFIXES[key]
        for n, (question, asked_on, gold, kind, superseded) in enumerate(items, 1):
            qid = f"pair-{prefix}-q{n:02d}"
            asked = stamp(datetime.strptime(asked_on, "%Y-%m-%d").replace(hour=17, tzinfo=timezone.utc))
            assert kind in TYPES, (qid, kind)
            assert gold and len(set(gold)) == len(gold), qid
            conversations = sorted({by_id[g]["conversationId"] for g in gold if g in by_id})
            for g in gold:
                assert g in by_id, (qid, g, "unknown gold id")
                assert by_id[g]["topics"] == [key], (qid, g, "gold from another project")
                assert by_id[g]["conversationId"] in conversations, (qid, g)
                assert by_id[g]["createdAt"] < asked, (qid, g, "gold written after the question")
            for old in superseded:
                assert old in by_id and old not in gold, (qid, old)
                assert by_id[old]["topics"] == [key], (qid, old)
                assert all(by_id[old]["createdAt"] < by_id[g]["createdAt"] for g in gold), (qid, old, "not older")
            assert (kind == "knowledge-update") == bool(superseded), (qid, "knowledge updates name what they replace")
            queries.append({"id": qid, "project": PROJECT, "query": question, "askedAt": asked, "goldIds": gold,
                            "goldConversations": conversations, "type": kind})
    assert len({q["id"] for q in queries}) == len(queries)
    assert len({q["query"] for q in queries}) == len(queries), "duplicate question"
    with open(os.path.join(HERE, "memories.jsonl"), "w") as f:
        for m in memories:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "queries.jsonl"), "w") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    sessions = {m["conversationId"] for m in memories}
    print(f"{len(memories)} memories in {len(sessions)} sessions over {len(PREFIXES)} projects "
          f"({sum(m['role'] == U for m in memories)} user turns), {len(queries)} queries "
          f"({sum(q['askedAt'] < stamp(datetime(2025, 5, 29, 12, tzinfo=timezone.utc)) for q in queries)} asked mid-way)")
    for key in PREFIXES:
        keyed = [m for m in memories if m["topics"] == [key]]
        print(f"  {key}: {len({m['conversationId'] for m in keyed})} sessions, {len(keyed)} turns, "
              f"{len(QUERIES[key])} queries")
    kinds = {}
    for q in queries:
        kinds[q["type"]] = kinds.get(q["type"], 0) + 1
    print("  by type: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


TYPES = {"tech-stack", "architecture", "preference", "error-solution", "knowledge-update", "session-continuity",
         "cross-session-synthesis", "temporal"}

if __name__ == "__main__":
    main()
