#!/usr/bin/env bash
# Server CPU per acked C2C message at saturation, for comparing two builds on a shared machine, where CPU per
# message moves far less than throughput does. Starts a server from JAR, runs 5 s of unmeasured load, then
# `c2c --pairs=200 --window=8` for 15 s, and prints acked msgs/s, ACK p99 and the server's user+system CPU over the
# measured command divided by the messages it acked. Run builds alternately, several times each.
#
#   im-bench/scripts/cpu-per-message.sh im-bench/target/im-bench.jar label
set -euo pipefail

JAR=$(readlink -f "$1")
LABEL=$2
OUT=$(mktemp -d)
PORT=${PORT:-28901}

java -Xms512m -Xmx2g -XX:+UseG1GC -jar "$JAR" server --packets-per-second=100000 --packet-burst=100000 \
    --tcp-port="$PORT" --udp-port=$((PORT - 1000)) --ws-port=$((PORT - 5901)) > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
    grep -q '^READY' "$OUT/server.log" && break
    sleep 0.2
done

cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

run_c2c() {
    java -Xms512m -Xmx1g -XX:+UseG1GC -jar "$JAR" c2c --transport=tcp --port="$PORT" --pairs=200 --window=8 \
        --duration="$1" --drain=5s > "$2" 2>&1
}

run_c2c 5s "$OUT/warm-up.out"
before=$(cpu_ticks "$SERVER")
run_c2c 15s "$OUT/measured.out"
after=$(cpu_ticks "$SERVER")

field() {
    grep -o "\"$1\":[0-9.]*" "$OUT/measured.out" | head -1 | cut -d: -f2
}

acked=$(field acked)
echo "$LABEL acked_per_s=$(field acked_per_s) ack_p99_ms=$(field ack_p99_ms)" \
    "server_us_per_acked=$(awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v acked="$acked" \
        'BEGIN { printf "%.1f", ticks / hz * 1e6 / acked }')" "load=$(cut -d' ' -f1 /proc/loadavg)"
