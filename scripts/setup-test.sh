#!/usr/bin/env bash
# Installs what `npm test` needs beyond npm packages, only where it is missing:
#   - a Chromium for the end-to-end tests (Debian's: Playwright cannot download its own here),
#   - fonts-liberation, so pages render with real fonts in screenshots,
#   - with --with-simpy, Debian's SimPy for the benchmark's comparison (CI uses it).
# On a machine without apt-get it falls back to Playwright's own browser download.
set -euo pipefail

want_simpy=false
for arg in "$@"; do
  case "$arg" in
    --with-simpy) want_simpy=true ;;
    *) echo "setup-test: unknown option $arg" >&2; exit 2 ;;
  esac
done

has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

if ! command -v apt-get >/dev/null 2>&1; then
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
    echo "setup-test: using CHROMIUM_PATH=${CHROMIUM_PATH}"
  else
    echo "setup-test: no apt-get here; installing Playwright's own Chromium"
    npx --no-install playwright install chromium
  fi
  exit 0
fi

missing=()
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
  echo "setup-test: using CHROMIUM_PATH=${CHROMIUM_PATH}"
elif [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
has_pkg fonts-liberation || missing+=(fonts-liberation)
if $want_simpy && ! /usr/bin/python3 -c 'import simpy' >/dev/null 2>&1; then
  missing+=(python3-simpy3)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-test: nothing to install"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "setup-test: need root to install ${missing[*]} (apt-get); run as root or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
echo "setup-test: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
