#!/usr/bin/env bash
# Start, inspect and stop a local AgentWatch cluster: N silos on this machine sharing one data directory.
#   scripts/local-cluster.sh start [N] [DATA]   N silos (default 3) on ports 5081.. with data in DATA (default ./data)
#   scripts/local-cluster.sh status [DATA]      the cluster as the first silo sees it
#   scripts/local-cluster.sh stop [DATA]        Ctrl+C to every silo (they leave cleanly), then waits for them
# Logs go to DATA/logs/silo-PORT.log. Set AGENTWATCH to the command to run (default: dotnet run --project src/AgentWatch.Cli --).
set -euo pipefail
cd "$(dirname "$0")/.."
AGENTWATCH=${AGENTWATCH:-"dotnet run --no-launch-profile --project src/AgentWatch.Cli --"}
command=${1:-}
case "$command" in
  start)
    count=${2:-3}; data=${3:-data}
    mkdir -p "$data/logs"
    dotnet build src/AgentWatch.Cli -v quiet -nologo >/dev/null
    for i in $(seq 1 "$count"); do
      port=$((5080 + i))
      # shellcheck disable=SC2086
      nohup $AGENTWATCH silo --port "$port" --cluster local --data "$data" >"$data/logs/silo-$port.log" 2>&1 &
      echo $! >"$data/logs/silo-$port.pid"
      echo "silo $i: http://127.0.0.1:$port (pid $!, log $data/logs/silo-$port.log)"
      sleep 1
    done
    sleep 3
    # shellcheck disable=SC2086
    $AGENTWATCH cluster --silo http://127.0.0.1:5081
    ;;
  status)
    data=${2:-data}
    # shellcheck disable=SC2086
    $AGENTWATCH cluster --data "$data"
    ;;
  stop)
    data=${2:-data}
    for pidfile in "$data"/logs/silo-*.pid; do
      [ -e "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      # The silo is a child of 'dotnet run'; signal the process group so both stop.
      pkill -INT -P "$pid" 2>/dev/null || true
      kill -INT "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    done
    sleep 3
    echo "stopped"
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
