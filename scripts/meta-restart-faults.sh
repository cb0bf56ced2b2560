#!/bin/bash
# Restarts `elekto serve` (SQLite, a plain meta directory copied from examples/demo-meta) against a
# meta source broken in each way issue 10 names, and prints what each start serves: the elections
# listed, GET /ready, the warnings and errors it logged, and how many election rows are archived.
# Usage: scripts/meta-restart-faults.sh [repository root, default: this script's checkout]
# docs/load-and-faults.md ("A restart against a broken meta source") reports a run.
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT"
D=$(mktemp -d /tmp/elekto-restart-faults-XXXX)
trap 'rm -rf "$D"' EXIT
cp -r examples/demo-meta "$D/meta"
export APP_ENV=development APP_KEY=$(printf 'k%.0s' {1..64}) IDENTITY=development DB_CONNECTION=sqlite DB_PATH="$D/db.sqlite" \
  META_PATH="$D/meta" ELECTION_DIR=elections LOG_FORMAT=json SYNC_POLL_SECONDS=0 SEAL_OPS_LIMIT=1 SEAL_MEMORY_MIB=8
node bin/elekto.js migrate >/dev/null
serve() { # $1: a label for this start
  node bin/elekto.js serve --port 0 >"$D/$1.log" 2>&1 &
  local pid=$! url=''
  for _ in $(seq 1 150); do
    url=$(grep -o '"msg":"elekto listening on [^"]*' "$D/$1.log" | sed 's/.*listening on //')
    [ -n "$url" ] && break
    sleep 0.2
  done
  echo "== $1: listening on $url"
  echo -n "elections listed: "; curl -s "$url/elections" | grep -c 'href="/elections/[^"?]*"'
  curl -s "$url/elections" | grep -o 'No Elections found' || true
  echo -n "/ready: "; curl -s "$url/ready"; echo
  grep -E '"level":(40|50)' "$D/$1.log" | sed 's/^/log: /' | cut -c1-400
  kill -TERM "$pid"; wait "$pid"
  echo -n "archived election rows: "
  node -e "const D=require('better-sqlite3');const db=new D(process.argv[1]);console.log(db.prepare('SELECT COUNT(*) AS n FROM election WHERE archived=1').get().n, 'of', db.prepare('SELECT COUNT(*) AS n FROM election').get().n)" "$D/db.sqlite"
}
serve first-start
mv "$D/meta/elections" "$D/meta/elections.away"; serve no-elections-folder; mv "$D/meta/elections.away" "$D/meta/elections"
mv "$D/meta" "$D/meta.away"; serve meta-path-gone; mv "$D/meta.away" "$D/meta"
Y="$D/meta/elections/2021/steering/election.yaml"; cp "$Y" "$D/y.bak"; printf 'name: [broken\nstart_datetime: : :\n' >"$Y"
serve broken-election-yaml; cp "$D/y.bak" "$Y"
serve fixed-again
