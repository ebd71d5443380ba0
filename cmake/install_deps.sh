#!/usr/bin/env bash
# Installs the Debian packages termbridge needs to build and test, when they are missing.
# Used by run.sh and test.sh. As root it runs apt-get; otherwise it prints the command.
set -euo pipefail

packages=(cmake g++ make pkg-config libicu-dev libboost-locale-dev libpugixml-dev doctest-dev
          nlohmann-json3-dev libsqlite3-dev sqlite3 libxml2-utils python3 python3-translate time
          python3-lxml clang-14 libclang-rt-14-dev
          scowl  # English word lists by how common a word is: glossary extract's ranking
          libstemmer-dev  # Snowball stemmers: term spotting in German, French, Russian, ...
          libpq-dev postgresql  # memories in PostgreSQL (libpq), and the server their tests start
          libcpp-httplib-dev curl  # termbridge serve (HTTP), and the client its tests use
          chromium fonts-noto-cjk)  # headless browser and a Korean font: the review page test
if [ "${1:-}" = "--bench" ]; then
  packages+=(ripgrep grep time)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "termbridge: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq >/dev/null
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "termbridge: missing packages; run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
