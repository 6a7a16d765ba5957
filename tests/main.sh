#!/usr/bin/env bash
# The main job: install what is missing, build, and run the regression of the
# shipped golden vectors through the model and co-simulation, with a summary.
# Extra arguments go to `fanout regress` (e.g. -j 8, --junit out.xml).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tests/install-deps.sh"
"$top/tests/build.sh" "$top/build"
# fanout on PATH (/usr/local/bin), so that the commands it prints run as printed
# (they use its absolute path anyway); without root, build/fanout is the command.
if [ "$(id -u)" -eq 0 ]; then
  cmake --install "$top/build" > /dev/null && echo "install: $(command -v fanout)"
else
  echo "install: not root, so fanout is not on PATH: use $top/build/fanout"
fi
exec "$top/build/fanout" regress "$top/vectors" "$@"
