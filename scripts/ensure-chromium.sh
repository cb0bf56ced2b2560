#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded one). Run once on a fresh machine
# (README: `sudo bash scripts/ensure-chromium.sh`; .ci/run installs it itself): it installs the
# package when it can (root with apt-get); otherwise it says exactly what to install.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (once)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "The browser tests need /usr/bin/chromium: install Debian's package with 'sudo apt-get install chromium'." >&2
exit 1
