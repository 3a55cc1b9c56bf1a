# What the command-line test scripts share; source it after setting `set -u`.
# Makes a temporary directory $tmp (removed on exit) and sets fail=0.
#   expect NAME EXIT PATTERN COMMAND...   runs COMMAND; the exit status must be
#       EXIT and its output (stdout or stderr) must match the extended regex
#       PATTERN; otherwise prints why and sets fail=1. Output stays in
#       $tmp/out and $tmp/err for further checks.
#   at YYYY-MM-DD COMMAND...              runs COMMAND with TRIALWISE_TODAY set.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() {
  local name=$1 want=$2 pattern=$3
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then echo "FAIL $name: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; fail=1; return; fi
  if ! grep -qE -- "$pattern" "$tmp/out" "$tmp/err"; then
    echo "FAIL $name: no match for /$pattern/ in:"; cat "$tmp/out" "$tmp/err"; fail=1
  fi
}
at() { TRIALWISE_TODAY=$1 "${@:2}"; }
