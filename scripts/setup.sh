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
  libpoppler-cpp-dev libzip-dev libsodium-dev libxml2-dev libxml2-utils libxlsxwriter-dev python3-openpyxl
  libcurl4-openssl-dev
  clang libclang-rt-14-dev
  curl chromium
  libreoffice-calc-nogui  # tests: the XLSX export opened by LibreOffice
)

# npm packages (package.json): Swagger UI embedded into the binary, playwright-core and
# axe-core for the browser tests. Installed when node_modules is missing or older.
npm_install() {
  if [ ! -d node_modules ] || [ package.json -nt node_modules ]; then
    (cd "$(dirname "$0")/.." && npm install --no-audit --no-fund --loglevel=error >/dev/null && touch node_modules)
  fi
}

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
# Node.js may come from Debian or elsewhere (its own npm included): ask for the commands.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
cd "$(dirname "$0")/.."
if [ ${#missing[@]} -eq 0 ]; then
  npm_install
  exit 0
fi

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
npm_install
