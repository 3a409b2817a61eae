#!/usr/bin/env bash
# Team sync end to end: installs PostgreSQL when missing (Debian package `postgresql`), starts a throwaway cluster
# under target/ (scripts/pg-cluster), runs host/cli/tests/team_e2e.rs against it with real `mx serve` processes and
# two or more data homes, and stops the cluster whatever happens. A missing tool is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "installing PostgreSQL (apt-get install -y postgresql)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || {
        echo "error: cannot install PostgreSQL" >&2
        exit 1
    }
fi
command -v curl >/dev/null || { echo "error: curl is required for the raw-HTTP test" >&2; exit 1; }

cluster="$CARGO_TARGET_DIR/pg-team-e2e"
rm -rf "$cluster"
# The cluster runs as `postgres` when this runs as root: it must be able to reach the directory.
mkdir -p "$CARGO_TARGET_DIR" && chmod o+x "$CARGO_TARGET_DIR"
url=$(scripts/pg-cluster start "$cluster")
trap 'scripts/pg-cluster stop "$cluster" || true' EXIT
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
export MX_TEST_DATABASE_URL="$url" MX_TEST_PSQL="$bin/psql"

cargo test -p mx --test team_e2e -- --include-ignored --test-threads 2
