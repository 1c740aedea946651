#!/usr/bin/env bash
# Installs the Debian packages Ketnoi needs to build, test and run, when any is missing.
# Idempotent, and silent when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache git
  libicu-dev libsqlite3-dev libpq-dev postgresql-15
  libxapian-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev libkainjow-mustache-dev
  curl
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
