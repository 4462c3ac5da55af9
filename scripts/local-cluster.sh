#!/usr/bin/env bash
# Start, inspect and stop a local AgentWatch cluster: N silos on this machine sharing one data directory.
#   scripts/local-cluster.sh start [N] [DATA]   builds, then starts N silos (default 3) on ports 5081.. with data in DATA (default ./data)
#   scripts/local-cluster.sh status [DATA]      the cluster as one of its silos sees it
#   scripts/local-cluster.sh stop [DATA]        SIGTERM to every silo (each leaves the cluster cleanly, as on Ctrl+C), then waits
# Logs go to DATA/logs/silo-PORT.log, process ids to DATA/logs/silo-PORT.pid.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/AgentWatch.Cli/bin/Release/net10.0
agentwatch() { dotnet "$out/agentwatch.dll" "$@"; }
command=${1:-}
case "$command" in
  start)
    count=${2:-3}; data=${3:-data}
    mkdir -p "$data/logs"
    echo "Building..."
    dotnet build src/AgentWatch.Cli -c Release -v quiet -nologo >/dev/null
    for i in $(seq 1 "$count"); do
      port=$((5080 + i))
      if [ -e "$data/logs/silo-$port.pid" ] && kill -0 "$(cat "$data/logs/silo-$port.pid")" 2>/dev/null; then
        echo "silo $i is already running (pid $(cat "$data/logs/silo-$port.pid"))"; continue
      fi
      nohup dotnet "$out/agentwatch.dll" silo --port "$port" --cluster local --data "$data" >"$data/logs/silo-$port.log" 2>&1 &
      echo $! >"$data/logs/silo-$port.pid"
      echo "silo $i: http://127.0.0.1:$port (pid $!, log $data/logs/silo-$port.log)"
    done
    # Ready when every silo has printed its welcome: listening, and the dataset loaded into a new store.
    for _ in $(seq 1 120); do
      ready=0
      for i in $(seq 1 "$count"); do
        grep -q "AgentWatch silo listening on" "$data/logs/silo-$((5080 + i)).log" 2>/dev/null && ready=$((ready + 1))
      done
      if [ "$ready" -eq "$count" ]; then agentwatch cluster --silo "http://127.0.0.1:5081"; exit 0; fi
      for i in $(seq 1 "$count"); do
        pid=$(cat "$data/logs/silo-$((5080 + i)).pid")
        if ! kill -0 "$pid" 2>/dev/null; then
          echo "silo $i stopped while starting:" >&2; tail -5 "$data/logs/silo-$((5080 + i)).log" >&2; exit 1
        fi
      done
      sleep 0.5
    done
    echo "The silos did not all come up within 60 s; see $data/logs/." >&2; exit 1
    ;;
  status)
    data=${2:-data}
    agentwatch cluster --data "$data"
    ;;
  stop)
    data=${2:-data}
    pids=()
    for pidfile in "$data"/logs/silo-*.pid; do
      [ -e "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      # Not SIGINT: a shell ignores it in the background jobs it starts, and so would the silo.
      kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
      rm -f "$pidfile"
    done
    for pid in "${pids[@]}"; do
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    done
    echo "stopped ${#pids[@]} silo(s)"
    ;;
  *)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
