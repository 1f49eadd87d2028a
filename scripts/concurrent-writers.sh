#!/usr/bin/env bash
# Many writers, one database: WRITERS processes each run LOOPS `lookup --db`
# commands on the same file at once. Prints the successes, the rows, whether
# the rows are in time order, and any "locked"/"busy" errors.
# Usage: scripts/concurrent-writers.sh [BINARY] [WRITERS] [LOOPS]
set -uo pipefail
bin=${1:-./bluegreen}
writers=${2:-4}
loops=${3:-100}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/shared.db
for w in $(seq "$writers"); do
  (
    for i in $(seq "$loops"); do
      if "$bin" lookup ${SCENARIO:+--scenario "$SCENARIO"} --db "$db" "415555$(printf '%04d' $(( (w * loops + i) % 10000 )))" >/dev/null 2>>"$dir/err.$w"; then
        echo ok >>"$dir/ok.$w"
      fi
    done
  ) &
done
wait
ok=$(cat "$dir"/ok.* 2>/dev/null | wc -l)
locked=$(cat "$dir"/err.* 2>/dev/null | grep -ci 'locked\|busy')
errors=$(cat "$dir"/err.* 2>/dev/null | wc -l)
python3 - "$db" "$ok" "$locked" "$errors" <<'PY'
import sqlite3, sys
db, ok, locked, errors = sys.argv[1:]
rows = [r[0] for r in sqlite3.connect(db).execute("SELECT time_ns FROM log ORDER BY id")]
disorder = sum(1 for a, b in zip(rows, rows[1:]) if b < a)
print(f"successes {ok}, rows {len(rows)}, rows out of time order {disorder}, locked/busy errors {locked}, other error lines {int(errors) - int(locked)}")
PY
