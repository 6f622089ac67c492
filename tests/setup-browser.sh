#!/usr/bin/env bash
# Headless Chromium for the browser tests, from Debian's packages (Playwright's own
# browser download is not used). Safe to run again: does nothing once it is there.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "setup-browser: /usr/bin/chromium is missing; run as root: apt-get install chromium" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium
