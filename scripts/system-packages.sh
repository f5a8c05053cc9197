#!/usr/bin/env bash
# The Debian packages the tests need beyond Node and npm: Chromium for the browser tests, redis-server for the Redis
# store's tests, its benchmark and the scaled-out demo. Installed with apt when
# missing (these machines run as root); otherwise says what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server > /dev/null || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && { echo "system packages: all present"; exit 0; }

if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" > /dev/null
