#!/usr/bin/env bash
# `npm test`: every test, in an order where each step's inputs exist.
#  1. the browser and CJK font for the e2e suite (apt-get when missing);
#  2. lint (ESLint strict, Prettier, dependency-cruiser's layer rules) and the type check;
#  3. the weapp, H5 and native-component builds, when their inputs changed;
#  4. unit + component tests (core tables, handlers on an on-disk store, gateway, miniprogram-simulate);
#  5. WeChat's own compiler and pre-upload checks on dist/weapp;
#  6. the e2e suite: the H5 build in Chromium against the real gateway.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "browser for the e2e suite"
bash scripts/setup-browser.sh

step "lint and types"
npm run --silent lint
npm run --silent typecheck

step "builds (only what is stale)"
npx tsx scripts/build-stale.ts weapp h5 components

step "unit and component tests"
npx jest --selectProjects unit component --ci -w 2

step "WeChat's own checks on dist/weapp"
npm run --silent check:weapp

step "browser tests (H5 in Chromium)"
npx jest --selectProjects e2e --ci -w 1
