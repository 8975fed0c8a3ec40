#!/usr/bin/env bash
# Set-up command (2): install, build, and run every test: unit tests, then
# integration tests against a real redis-server, the mock Kafka cluster over
# TCP and the services over gRPC on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --no-tests=error -j "$(nproc)" -L unit
ctest --output-on-failure --no-tests=error -L integration
