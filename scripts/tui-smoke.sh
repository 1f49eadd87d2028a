#!/usr/bin/env bash
# tui-smoke: run the real bluegreen binary in tmux the way a person would —
# type Ana's number, confirm her, send a message, shrink the window to 70×20
# and back, find the court order in the command palette (ctrl+k) and run
# it, filter the log with /, find that q asks before losing the
# in-memory log, then quit with q, q — checking the screen text (capture-pane) at
# each step, and that the terminal is restored afterwards.
#
# Needs go and tmux. Not part of `go test`. Exits 0 when every check passes,
# 1 on a failed check (printing the screen), 2 when it cannot run.
# A private tmux server (its socket in a temporary directory) is used and
# always killed, so no session of yours is touched. Waits poll the screen (up to SMOKE_TIMEOUT seconds per
# step, default 20), so a slow machine is not a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { echo "tui-smoke: tmux is required" >&2; exit 2; }
command -v go >/dev/null || { echo "tui-smoke: go is required" >&2; exit 2; }

timeout=${SMOKE_TIMEOUT:-20}
work=$(mktemp -d)
pane="smoke:0.0"
t() { tmux -S "$work/tmux.sock" -f /dev/null "$@"; }
cleanup() {
  t kill-server 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

screen() { t capture-pane -p -t "$pane"; }
fail() {
  echo "tui-smoke: FAIL: $*" >&2
  echo "----- screen -----" >&2
  screen >&2 || true
  echo "------------------" >&2
  exit 1
}
step() { echo "tui-smoke: $*"; }

# wait_for TEXT... — poll until the screen contains every TEXT.
wait_for() {
  local deadline=$((SECONDS + timeout)) text scr missing
  while :; do
    scr=$(screen)
    missing=""
    for text in "$@"; do
      if ! grep -qF -- "$text" <<<"$scr"; then missing=$text; break; fi
    done
    [ -z "$missing" ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && fail "the screen never showed: $missing"
    sleep 0.1
  done
}

# wait_flag FORMAT VALUE — poll until tmux reports VALUE for #{FORMAT}.
wait_flag() {
  local deadline=$((SECONDS + timeout)) got
  while :; do
    got=$(t display -p -t "$pane" "#{$1}")
    [ "$got" = "$2" ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && fail "#{$1} is $got, want $2"
    sleep 0.1
  done
}

resize() {
  t resize-window -t smoke -x "$1" -y "$2"
  wait_flag window_width "$1"
  wait_flag window_height "$2"
}

step "building"
go build -o "$work/bluegreen" ./cmd/bluegreen

# A plain shell with a prompt we can recognise, in a 160×45 window.
t new-session -d -s smoke -x 160 -y 45 \
  "env -u NO_COLOR PS1='smoke\$ ' HISTFILE=/dev/null bash --norc --noprofile"
wait_for 'smoke$'

step "starting bluegreen at 160×45"
t send-keys -t "$pane" "$work/bluegreen" Enter
wait_for "Phone — Messages" "Wire — the lookup" "Apple's server log — every account" \
  "Type a number in the To: field" "0 rows · 0 handles"
wait_flag alternate_on 1

step "typing Ana's number"
t send-keys -t "$pane" -l 4155550132
wait_for "To: (415) 555-0132" "■ Ana · iMessage" \
  '{"uris":["tel:+14155550132"]}' "tel:+14155550132 — 3 devices" \
  "1 row · 1 handle" "+14155550132  203.0.113.24  3" \
  "Apple has logged that +14155550100 looked up +14155550132"

step "confirming and sending"
t send-keys -t "$pane" Enter
wait_for "■ Ana · iMessage"
t send-keys -t "$pane" Enter
t send-keys -t "$pane" -l "hello from smoke"
wait_for "Message: hello from smoke"
t send-keys -t "$pane" Enter
wait_for "hello from smoke" "Sent as iMessage: end-to-end encrypted"

step "resizing to 70×20"
resize 70 20
wait_for "[Phone]" "tab: next pane" "■ Ana · iMessage" "hello from smoke"
if screen | grep -qF "Apple's server log — every account"; then
  fail "at 70×20 the log pane is still drawn beside the phone (want one pane with tabs)"
fi

step "resizing back to 160×45"
resize 160 45
wait_for "Apple's server log — every account" "Wire — lookup" "1 row · 1 handle" \
  "■ Ana · iMessage" "hello from smoke"

step "the command palette (ctrl+k) finds the court order and runs it"
t send-keys -t "$pane" C-k
wait_for "Every action —" "type to filter" "Filter:"
t send-keys -t "$pane" -l "court"
wait_for "Filter: court" "▶ F12/alt+o " "serve a court order on Apple · The court order"
t send-keys -t "$pane" Enter
wait_for "Serve a court order on Apple"
if screen | grep -qF "Every action —"; then fail "the palette is still open after enter"; fi
t send-keys -t "$pane" Escape
wait_for "Phone — Messages" "ctrl+k all keys"

step "filtering the log to Ana with /"
t send-keys -t "$pane" Tab Tab
wait_for "┏━ Apple's server log — every account"
t send-keys -t "$pane" -l "/"
t send-keys -t "$pane" -l "Ana"
wait_for "/ Ana" "shows Ana +14155550132"
t send-keys -t "$pane" Enter
wait_for "filter: Ana +14155550132" "1 row match"
t send-keys -t "$pane" -l "/"
t send-keys -t "$pane" Down Down
wait_for "all mine [others]"
t send-keys -t "$pane" Enter
wait_for "filter: Ana +14155550132 · others" "0 rows match" "no row matches the filter"
t send-keys -t "$pane" Escape
wait_for "1 row · 1 handle"

step "q asks before losing the in-memory log"
t send-keys -t "$pane" -l q
wait_for "Quit? Apple's log (1 row) lives only in memory" "--db FILE"
t send-keys -t "$pane" Down
wait_for "Still here"
wait_flag alternate_on 1

step "quitting with q, q"
t send-keys -t "$pane" -l q
wait_for "Quit? Apple's log (1 row)"
t send-keys -t "$pane" -l q
wait_flag alternate_on 0
wait_for 'smoke$'
scr=$(screen)
for leftover in "┃" "│" "━" "─" "Phone — Messages" "iMessage"; do
  if grep -qF -- "$leftover" <<<"$scr"; then fail "after quitting the screen still shows \"$leftover\""; fi
done
[ "$(grep -c . <<<"$scr")" -le 3 ] || fail "after quitting the screen holds more than the command and a prompt"
wait_flag cursor_flag 1
for flag in mouse_any_flag mouse_button_flag mouse_all_flag mouse_sgr_flag; do
  wait_flag "$flag" 0
done
t send-keys -t "$pane" 'echo "exit status $?"' Enter
wait_for "exit status 0"

step "ok"
