#!/usr/bin/env bash
# Set-up command (1): install, build, and start the whole stack on the
# embedded default (mock Kafka in the launcher, redis-server child with AOF in
# var/stack/redis), load demo data and print where each service listens.
# Extra arguments go to the launcher, e.g. --kafka=broker:9092 --redis=host:6379.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
scripts/build.sh
exec "${BUILD_DIR:-build}/tools/launcher/opsreport-stack" --data_dir=var/stack "$@"
