#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium and a CJK font, so screenshots show
# real Chinese glyphs instead of boxes. Playwright's own browser download cannot work offline,
# so the e2e suite drives this system Chromium through playwright-core.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk|noto serif cjk'; then
  need+=(fonts-wqy-microhei)
fi
# pdftoppm renders printed pages to PNG for the print tests.
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -eq 0 ]; then
  echo "setup-browser: chromium and a CJK font are present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "setup-browser: missing ${need[*]}; install them with: apt-get update && apt-get install -y ${need[*]}" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup-browser: installing ${need[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
echo "setup-browser: done ($(chromium --version 2>/dev/null | head -1))"
