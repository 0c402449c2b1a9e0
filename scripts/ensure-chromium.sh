#!/usr/bin/env bash
# Makes sure the headless browser the dashboard tests drive (Debian's chromium) is here.
# Present: does nothing. Missing, as root with apt-get: installs Debian's chromium
# package. Otherwise says so; the browser tests are then skipped. No browser is ever
# downloaded by Playwright: the tests point it at /usr/bin/chromium.
set -euo pipefail

have_browser() {
    [ -x /usr/bin/chromium ]
}

if have_browser; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "ensure-chromium: no /usr/bin/chromium; install Debian's chromium package as root" \
        "to run the dashboard's browser tests (they are skipped until then)" >&2
    exit 0
fi
echo "ensure-chromium: installing Debian's chromium package (apt-get update; apt-get install chromium)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
if have_browser; then
    echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
    echo "ensure-chromium: chromium installed but /usr/bin/chromium not found" >&2
    exit 1
fi
