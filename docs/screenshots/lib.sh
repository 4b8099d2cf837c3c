# Shared by take.sh and take-installed.sh (source it): an Xvfb display for the designer, and waiting
# for the designer to draw its first pipeline. Uses DISPLAY, scratch (removed at exit) and APP_PID.

# Starts Xvfb on $DISPLAY (1600x1000); at exit kills it and the designer ($APP_PID), removes $scratch.
start_xvfb() {
  Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  APP_PID=""
  trap stop_xvfb EXIT
  sleep 1
  kill -0 "$xvfb_pid" 2>/dev/null \
    || { echo "$(basename "$0"): Xvfb could not start on $DISPLAY (is another X server using it?)" >&2; exit 1; }
}

stop_xvfb() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true # the display is free again for the next script
  rm -rf "$scratch"
}

# wait_drawn READY LOG: waits up to 2 minutes for the designer ($APP_PID, started with
# -Dpipewright.ready.file=READY, its output in LOG) to draw its first pipeline; fails with LOG if it exits.
wait_drawn() {
  local ready="$1" log="$2" me
  me="$(basename "$0")"
  for _ in $(seq 240); do
    [ -f "$ready" ] && return 0
    kill -0 "$APP_PID" 2>/dev/null || { echo "$me: the designer exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$me: the designer did not draw a pipeline in 2 minutes" >&2
  exit 1
}
