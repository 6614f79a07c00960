#!/usr/bin/env bash
# The MQTT broker of the `live` tests: a real mosquitto on a free port of 127.0.0.1.
#   broker.sh start DIR   writes DIR/mosquitto.conf, starts the broker, writes DIR/broker.port
#   broker.sh stop DIR    stops it
# Nothing here depends on a broker already running on the machine.
set -euo pipefail
cmd=$1
dir=$2
mosquitto=${MOSQUITTO:-/usr/sbin/mosquitto}

stop() {
  if [[ -f $dir/broker.pid ]]; then
    pid=$(cat "$dir/broker.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/broker.pid"
  fi
}

case $cmd in
  start)
    [[ -x $mosquitto ]] || { echo "broker.sh: $mosquitto not found (Debian package mosquitto)" >&2; exit 1; }
    mkdir -p "$dir"
    stop
    rm -f "$dir/broker.port"
    for _ in $(seq 20); do
      port=$((20000 + RANDOM % 40000))
      cat > "$dir/mosquitto.conf" <<CONF
listener $port 127.0.0.1
# Started as root, mosquitto would drop to user "mosquitto", who cannot write here.
user $(id -un)
allow_anonymous true
persistence false
# The tests flood the broker: no limit on what it queues for a client.
max_queued_messages 0
max_inflight_messages 0
log_dest file $dir/broker.log
log_type error
log_type warning
CONF
      : > "$dir/broker.log"
      nohup "$mosquitto" -c "$dir/mosquitto.conf" > "$dir/broker.out" 2>&1 < /dev/null &
      pid=$!
      # Listening, or gone (port taken): wait until one of the two is clear.
      for _ in $(seq 30); do
        sleep 0.1
        kill -0 "$pid" 2>/dev/null || break
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
          echo "$pid" > "$dir/broker.pid"
          echo "$port" > "$dir/broker.port"
          echo "broker.sh: mosquitto (pid $pid) on 127.0.0.1:$port"
          exit 0
        fi
      done
      kill "$pid" 2>/dev/null || true
    done
    echo "broker.sh: could not start mosquitto on a free port; see $dir/broker.out" >&2
    exit 1
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: broker.sh start|stop DIR" >&2
    exit 2
    ;;
esac
