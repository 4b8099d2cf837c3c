#!/usr/bin/env bash
# Takes the designer's screenshots under Xvfb.
#   docs/screenshots/take.sh [PIPEWRIGHT_HOME]
# Starts Xvfb (SHOTS_DISPLAY, default :98, 1600x1000), starts the designer (./pipewright, building
# it if needed) on the given workspace (default: a fresh temporary one, which opens the Titanic
# sample), waits until the first pipeline is drawn, and writes docs/screenshots/designer-main.png.
# Then runs each executable docs/screenshots/take.d/*.sh in name order, with DISPLAY, APP_PID,
# PIPEWRIGHT_HOME, SHOTS (this directory) and ROBOT (`$ROBOT click X Y key control+s sleep 500`:
# clicks and keys through java.awt.Robot) in the environment: hooks for the attach dialog, the
# property panel and a finished run. Each hook leaves the window as it found it.
set -euo pipefail
SHOTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SHOTS/../.." && pwd)"
export DISPLAY="${SHOTS_DISPLAY:-:98}"
export SHOTS
export ROBOT="java $SHOTS/Robot.java"

"$ROOT/pipewright" --version >/dev/null   # builds on first use

scratch="$(mktemp -d "${TMPDIR:-/tmp}/pipewright-shots.XXXXXX")"
export PIPEWRIGHT_HOME="${1:-$scratch/home}"
mkdir -p "$PIPEWRIGHT_HOME"
# A window that fills the screen, unless the workspace already remembers one.
[ -f "$PIPEWRIGHT_HOME/designer.properties" ] || printf 'window.bounds=0,0,1600,1000\n' > "$PIPEWRIGHT_HOME/designer.properties"

source "$SHOTS/lib.sh"
start_xvfb

ready="$scratch/ready"
JAVA_TOOL_OPTIONS="-Dprism.order=sw -Dpipewright.ready.file=$ready" "$ROOT/pipewright" >"$scratch/app.log" 2>&1 &
APP_PID=$!
export APP_PID
wait_drawn "$ready" "$scratch/app.log"
sleep 2   # the canvas finishes its first drawing (minimap, labels) over the next pulses
import -window root "$SHOTS/designer-main.png"
echo "take.sh: wrote $SHOTS/designer-main.png" >&2

for hook in "$SHOTS"/take.d/*.sh; do
  [ -x "$hook" ] || continue
  echo "take.sh: $(basename "$hook")" >&2
  "$hook"
done
