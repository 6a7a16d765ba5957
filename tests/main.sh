#!/usr/bin/env bash
# The main job: install what is missing, build, and run the regression of the
# shipped golden vectors through the model and co-simulation, with a summary.
# Extra arguments go to `fanout regress` (e.g. -j 8, --junit out.xml).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tests/install-deps.sh"
"$top/tests/build.sh" "$top/build"
exec "$top/build/fanout" regress "$top/vectors" "$@"
