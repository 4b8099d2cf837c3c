#!/usr/bin/env bash
# The installed package's designer, as a double-click on a pipeline file starts it: runs the Exec line
# of the installed desktop entry (/usr/share/applications/pipewright.desktop) with %f set to a copy of
# the JVM Titanic sample in a fresh user's home, on Xvfb (SHOTS_DISPLAY, default :98, 1600x1000), and
# writes docs/screenshots/installed-designer.png once the file is drawn; then runs it (F5, Enter in the
# Run dialog) on the package's own Spark and writes installed-run.png when the run is Completed.
#   sudo apt install ./installer/target/pipewright_*.deb && docs/screenshots/take-installed.sh
set -euo pipefail
SHOTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
desktop=/usr/share/applications/pipewright.desktop
[ -f "$desktop" ] || { echo "take-installed.sh: install the package first ($desktop is missing)" >&2; exit 1; }
export DISPLAY="${SHOTS_DISPLAY:-:98}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/pipewright-installed.XXXXXX")"
home="$scratch/home"
mkdir -p "$home/.pipewright" "$home/pipelines"
printf 'window.bounds=0,0,1600,1000\n' > "$home/.pipewright/designer.properties"
cp -r /opt/pipewright/lib/app/samples/titanic-jvm/. "$home/pipelines/"
file="$home/pipelines/titanic-jvm.pipeline.json"

source "$SHOTS/lib.sh"
start_xvfb

# The desktop entry's command, %f being the double-clicked file (a path without spaces here).
exec_line="$(sed -n 's/^Exec=//p' "$desktop")"
command="${exec_line//%f/$file}"
echo "take-installed.sh: $command" >&2
ready="$scratch/ready"
# shellcheck disable=SC2086 # the Exec line is words, as a desktop splits it
# A fresh user: Java takes user.home from the password file, not HOME, so the workspace and the cache
# are set apart too.
env -i PATH=/usr/bin:/bin HOME="$home" PIPEWRIGHT_HOME="$home/.pipewright" XDG_CACHE_HOME="$home/.cache" \
  DISPLAY="$DISPLAY" LANG=C.UTF-8 \
  JAVA_TOOL_OPTIONS="-Dprism.order=sw -Dpipewright.ready.file=$ready" $command >"$scratch/app.log" 2>&1 &
APP_PID=$!
wait_drawn "$ready" "$scratch/app.log"
sleep 2
import -window root "$SHOTS/installed-designer.png"
echo "take-installed.sh: wrote $SHOTS/installed-designer.png ($(sed -n 's/^title=//p' "$ready"))" >&2

# F5, Enter: the run on the package's Java and Spark; its end read from the workspace's history.
java "$SHOTS/Robot.java" key F5 sleep 1500 key enter
for _ in $(seq 120); do
  env -i PATH=/usr/bin:/bin HOME="$home" PIPEWRIGHT_HOME="$home/.pipewright" XDG_CACHE_HOME="$home/.cache" \
    /opt/pipewright/bin/pipewright runs list > "$scratch/runs.txt" 2>&1 || true
  grep -qE 'Completed|Failed|Canceled' "$scratch/runs.txt" && break
  sleep 1
done
grep -q Completed "$scratch/runs.txt" || { echo "take-installed.sh: the run did not complete:" >&2; cat "$scratch/runs.txt" >&2; exit 1; }
sleep 3 # the nodes and the Runs tab take the final status
import -window root "$SHOTS/installed-run.png"
echo "take-installed.sh: wrote $SHOTS/installed-run.png" >&2
