#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries the tests start (initdb, pg_ctl) are here.
# Present: does nothing. Missing, as root with apt-get: installs Debian's postgresql
# package. Otherwise says so; the PostgreSQL tests are then skipped.
set -euo pipefail

have_server() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null
}

if have_server; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "ensure-postgres: no PostgreSQL server binaries (initdb); install Debian's postgresql" \
        "package as root to run the PostgreSQL tests (they are skipped until then)" >&2
    exit 0
fi
echo "ensure-postgres: installing Debian's postgresql package (apt-get update; apt-get install postgresql)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
if have_server; then
    echo "ensure-postgres: installed $(compgen -G '/usr/lib/postgresql/*/bin/initdb' | head -1)"
else
    echo "ensure-postgres: postgresql installed but initdb not found" >&2
    exit 1
fi
