#!/usr/bin/env bash
# serve-smoke: the classroom with the real OpenSSH client, in tmux — a
# server, three students and the instructor, each in a window of its own.
# The students join with the class code and look each other up; the
# instructor serves a pen register on student 2 and shows it to the class
# (every student screen shows it), serves a trap and trace on student 1
# (it lists the students who looked them up), opens the class graph; a
# student's key is refused at the console; the server gets SIGTERM and
# every session says goodbye; a server started again on the same database
# gives a returning student's key the same phone; Apple's log holds one
# row per lookup made.
# Every check reads capture-pane text.
#
# Needs go, tmux and ssh (openssh-client is installed with apt-get when
# missing and apt-get is there). Not part of `go test`. Exits 0 when every
# check passes, 1 on a failed check (printing the screen), 2 when it cannot
# run. A private tmux server is used and killed, listening is on loopback
# only, and keys and the database live in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null || { echo "serve-smoke: $1 is required" >&2; exit 2; }; }
need go
need tmux
if ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
  if command -v apt-get >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get install -y -qq openssh-client >/dev/null || { echo "serve-smoke: could not install openssh-client" >&2; exit 2; }
  else
    echo "serve-smoke: ssh and ssh-keygen are required (openssh-client)" >&2; exit 2
  fi
fi

timeout=${SMOKE_TIMEOUT:-30}
port=${SMOKE_PORT:-$((20000 + RANDOM % 20000))}
work=$(mktemp -d)
t() { tmux -S "$work/tmux.sock" -f /dev/null "$@"; }
cleanup() {
  t kill-server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "serve-smoke: FAIL: $1" >&2
  echo "----- $2 -----" >&2
  t capture-pane -p -t "$2" >&2 || true
  echo "--------------" >&2
  exit 1
}
step() { echo "serve-smoke: $*"; }

# wait_for PANE TEXT... — poll until the pane shows every TEXT.
wait_for() {
  local pane=$1; shift
  local deadline=$((SECONDS + timeout)) text scr missing
  while :; do
    scr=$(t capture-pane -p -t "$pane" 2>/dev/null || true)
    missing=""
    for text in "$@"; do
      if ! grep -qF -- "$text" <<<"$scr"; then missing=$text; break; fi
    done
    [ -z "$missing" ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && fail "$pane never showed: $missing" "$pane"
    sleep 0.2
  done
}
keys() { local pane=$1; shift; t send-keys -t "$pane" "$@"; sleep 0.3; }
# type_slowly PANE TEXT — a key at a time, as a person types.
type_slowly() {
  local i
  for ((i = 0; i < ${#2}; i++)); do t send-keys -t "$1" -l "${2:i:1}"; sleep 0.05; done
  sleep 0.5
}

step "building"
go build -o "$work/bluegreen" ./cmd/bluegreen
for k in instructor s1 s2 s3; do ssh-keygen -q -t ed25519 -N '' -C "$k@example.com" -f "$work/$k"; done
sshopts="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o LogLevel=ERROR -p $port"

step "starting the class on 127.0.0.1:$port"
t new-session -d -s class -n srv -x 160 -y 60 \
  "'$work/bluegreen' serve --listen 127.0.0.1:$port --db '$work/class.db' --host-key '$work/host_key' --instructor-key '$work/instructor.pub' 2>'$work/server.log'; echo SERVER-EXITED \$?; sleep 60"
wait_for class:srv "Class code:" "ssh -p $port localhost"
code=$(t capture-pane -p -t class:srv | awk '/Class code:/ {print $3}')
[ -n "$code" ] || fail "no class code in the banner" class:srv
pid=$(pgrep -f "bluegreen serve --listen 127.0.0.1:$port" | head -1)

names=(Kim Lee Max)
for i in 1 2 3; do
  t new-window -d -t class -n "s$i" "ssh $sshopts -i '$work/s$i' localhost; sleep 60"
  t resize-window -t "class:s$i" -x 120 -y 40 2>/dev/null || true
done
for i in 1 2 3; do
  pane="class:s$i"
  wait_for "$pane" "join the class"
  step "${names[i-1]} joins"
  keys "$pane" "${names[i-1]}" Enter "$code" Enter Enter
  wait_for "$pane" "${names[i-1]} · Wi-Fi"
done

step "students look each other up"
type_slowly class:s1 4155550102 && wait_for class:s1 "Lee · iMessage" && keys class:s1 C-n
type_slowly class:s2 4155550101 && wait_for class:s2 "Kim · iMessage" && keys class:s2 Enter Enter
keys class:s2 "hi Kim" Enter && wait_for class:s2 "hi Kim" && keys class:s2 C-n
type_slowly class:s3 4155550101 && wait_for class:s3 "Kim · iMessage" && keys class:s3 C-n
lookups=3

step "the instructor's console"
t new-window -d -t class -n instr "ssh $sshopts -i '$work/instructor' instructor@localhost; sleep 60"
wait_for class:instr "INSTRUCTOR" "3 students, 3 online"
keys class:instr 2
wait_for class:instr "Kim" "Lee" "Max" "+14155550103"

step "a pen register on Lee, shown to the class"
keys class:instr j p
wait_for class:instr "Court order on Lee" "+14155550102"
keys class:instr Enter
wait_for class:instr "pen register on Lee"
type_slowly class:s2 4155550103 && wait_for class:s2 "Max · iMessage" && keys class:s2 C-n
lookups=$((lookups + 1))
keys class:instr n
wait_for class:instr "Production 2 of 2" "1 record" "tel:+14155550103"
keys class:instr u
wait_for class:instr "EDUCATOR OVERLAY" "Max"
keys class:instr s
for i in 1 2 3; do wait_for "class:s$i" "SHOWN TO THE CLASS" "pen register on Lee"; done
keys class:instr x
for i in 1 2 3; do wait_for "class:s$i" "${names[i-1]} · Wi-Fi"; done

step "a trap and trace on Kim"
keys class:instr 2 k t
wait_for class:instr "Court order on Kim" "trap and trace"
keys class:instr Enter
wait_for class:instr "trap and trace on Kim"
keys class:instr d
wait_for class:instr "Clock +1 d"
type_slowly class:s2 4155550101 && keys class:s2 C-n
type_slowly class:s3 4155550101 && keys class:s3 C-n
lookups=$((lookups + 2))
keys class:instr n
wait_for class:instr "Production 2 of 2" "2 records" "tel:+14155550102" "tel:+14155550103"

step "the class graph"
keys class:instr 4
wait_for class:instr "WHO LOOKED UP WHOM" "Lee ──▶ Kim"

step "a student's key at the console"
t new-window -d -t class -n intruder "ssh $sshopts -i '$work/s1' instructor@localhost; echo SSH-EXITED; sleep 60"
wait_for class:intruder "Refused: the instructor's console opens only for a key" "SSH-EXITED"

step "Max quits"
keys class:s3 C-c
wait_for class:s3 "Goodbye, Max."

step "SIGTERM ends the class"
kill -TERM "$pid"
wait_for class:srv "Class ended." "SERVER-EXITED 143"  # 128 + SIGTERM, as every bluegreen command ends on a signal
for w in instr s2 s1; do wait_for "class:$w" "The class is over"; done

step "the class restarts on the same database: Lee comes back to the same phone"
t new-window -d -t class -n srv2 \
  "'$work/bluegreen' serve --listen 127.0.0.1:$port --db '$work/class.db' --host-key '$work/host_key' --instructor-key '$work/instructor.pub' 2>>'$work/server.log'; echo SERVER-EXITED \$?; sleep 60"
wait_for class:srv2 "Roster:       3 students from before the restart"
pid=$(pgrep -f "bluegreen serve --listen 127.0.0.1:$port" | head -1)
t new-window -d -t class -n back "ssh $sshopts -i '$work/s2' localhost; sleep 60"
t resize-window -t class:back -x 120 -y 40 2>/dev/null || true
wait_for class:back "Lee +14155550102" "Lee · Wi-Fi 192.0.2.11" "server restarted"
t new-window -d -t class -n instr2 "ssh $sshopts -i '$work/instructor' instructor@localhost; sleep 60"
wait_for class:instr2 "INSTRUCTOR" "3 students, 1 online"
kill -TERM "$pid"
wait_for class:srv2 "Class ended." "SERVER-EXITED 143"

students=$(grep -c ' joined as ' "$work/server.log" || true)
[ "$students" -eq 3 ] || fail "the server log names $students joins, want 3" class:srv
if command -v sqlite3 >/dev/null; then
  rows=$(sqlite3 "$work/class.db" "select count(*) from log where source_handle in ('tel:+14155550101', 'tel:+14155550102', 'tel:+14155550103')")
  [ "$rows" -eq "$lookups" ] || fail "Apple's log holds $rows student rows, want $lookups" class:srv
  step "Apple's log holds $rows rows from students: one per lookup made"
fi
step "PASS"
