#!/usr/bin/env bash
# trialwise account: the first admin and the others, passwords read from
# standard input and kept only as Argon2id hashes, weak ones refused with the
# rule named, one account per email whatever its case, disabling and resets;
# a person's record from before accounts adopted by their account.
set -u
tw=$1
examples=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export TRIALWISE_DB="$tmp/trialwise.db"
good='correct horse battery staple'

expect "no accounts yet" 0 'No accounts yet' "$tw" account list
expect "the password comes from standard input only" 2 'password-stdin' "$tw" account add --email ada@example.org
expect "a bad role" 2 'role' "$tw" account add --email ada@example.org --role root --password-stdin </dev/null
echo 'password1234' >"$tmp/weak"
expect "a common password is refused" 2 '--password-stdin: choose another password: .*common' \
  "$tw" account add --email ada@example.org --role admin --password-stdin <"$tmp/weak"
grep -q 'password1234' "$tmp/out" "$tmp/err" && { echo "FAIL: the refusal shows the password"; fail=1; }
echo 'short1!' >"$tmp/short"
expect "eleven characters or fewer are refused" 2 'at least 12 characters' \
  "$tw" account add --email ada@example.org --password-stdin <"$tmp/short"
echo "$good" >"$tmp/good"
expect "a bad email" 2 '^trialwise: --email: ' "$tw" account add --email ada.example.org --password-stdin <"$tmp/good"
expect "nothing was saved" 0 'No accounts yet' "$tw" account list

expect "the first admin" 0 'Added account 1: ada@example.org \(admin\)' \
  "$tw" account add --email ada@example.org --role admin --password-stdin <"$tmp/good"
expect "the same email in capitals" 4 'exists' "$tw" account add --email ADA@Example.org --password-stdin <"$tmp/good"
expect "a coach" 0 'Added account 2' "$tw" account add --email coach@example.org --role coach --password-stdin <"$tmp/good"

# Only an Argon2id hash is kept: the password appears nowhere in the database.
hash_of() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT password_hash FROM accounts WHERE id = ?', (sys.argv[2],)).fetchone()[0])" "$TRIALWISE_DB" "$1"
}
hash=$(hash_of 1)
case "$hash" in '$argon2id$'*) ;; *) echo "FAIL: the stored hash is not Argon2id: $hash"; fail=1 ;; esac
for f in "$TRIALWISE_DB" "$TRIALWISE_DB"-wal; do
  [ -f "$f" ] && grep -aq "$good" "$f" && { echo "FAIL: the password is in $f"; fail=1; }
done

expect "the list" 0 'Account 2: coach@example.org, coach, since' "$tw" account list
expect "the list as JSON" 0 '"role": "admin"' "$tw" account list --json
grep -q 'password_hash\|argon2' "$tmp/out" && { echo "FAIL: the JSON list shows a hash"; fail=1; }

expect "disable" 0 'Disabled account 2' "$tw" account disable --email Coach@example.org
expect "the list says so" 0 'coach, disabled' "$tw" account list
expect "disable nobody" 2 'no account has this email' "$tw" account disable --email nobody@example.org

before=$(hash_of 1)
expect "a weak reset is refused" 2 'choose another password' \
  "$tw" account reset-password --email ada@example.org --password-stdin <"$tmp/weak"
echo 'a new and longer passphrase' >"$tmp/new"
expect "reset" 0 'New password set for account 1' \
  "$tw" account reset-password --email ada@example.org --password-stdin <"$tmp/new"
after=$(hash_of 1)
[ "$before" != "$after" ] || { echo "FAIL: the reset kept the old hash"; fail=1; }

# adopt-local: the trial kept before accounts becomes the account's, whole.
export TRIALWISE_TODAY=2026-12-10
start_local() {
  "$tw" start --answers "$examples/runner_in_heat.json" --start "$1" --product Powder --g-per-serving 5 >/dev/null
}
start_local 2026-12-07 || { echo "FAIL: a local trial did not start"; fail=1; }
"$tw" log --date 2026-12-08 --outcome 5 --doses 0 >/dev/null || { echo "FAIL: a local day was not logged"; fail=1; }
expect "a person" 0 'Added account 3' "$tw" account add --email grace@example.org --password-stdin <"$tmp/good"
expect "adopt nobody" 2 'no account has the email' "$tw" account adopt-local --email nobody@example.org
expect "adopt" 0 'Account 3 \(grace@example.org\) now holds 1 trial\(s\) and 0 product\(s\)' \
  "$tw" account adopt-local --email grace@example.org
profiles=$(python3 -c "import sqlite3,sys; print(sorted({r[0] for t in ('trials','entries') for r in sqlite3.connect(sys.argv[1]).execute('SELECT profile FROM ' + t)}))" "$TRIALWISE_DB")
[ "$profiles" = "['account-3']" ] || { echo "FAIL: after adopt-local the rows are under $profiles"; fail=1; }
expect "nothing is left locally" 0 'No trials yet' "$tw" trials
expect "adopting again moves nothing" 0 'now holds 0 trial' "$tw" account adopt-local --email grace@example.org
# Both running: one trial at a time, so nothing moves.
start_local 2026-12-09 || { echo "FAIL: a second local trial did not start"; fail=1; }
expect "both running" 4 'both have a running trial' "$tw" account adopt-local --email grace@example.org
expect "the local trial stays" 0 'Trial' "$tw" trials
exit $fail
