#!/usr/bin/env bash
# Installs the system packages that the tests need (chromium and chromedriver for the review
# page's browser tests), or says in one line why it cannot.
set -uo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: cannot install chromium and chromedriver: no apt-get here; install them with your package manager (Debian: apt-get install chromium chromium-driver), then run make again" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "setup: cannot install chromium and chromedriver: not root and no sudo; as root run: apt-get install chromium chromium-driver, then run make again" >&2
    exit 1
  fi
  SUDO="sudo"
fi
echo "setup: installing chromium and chromium-driver with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }; then
  echo "setup: apt-get could not install chromium and chromium-driver; run: ${SUDO:+sudo }apt-get install chromium chromium-driver, then run make again" >&2
  exit 1
fi
