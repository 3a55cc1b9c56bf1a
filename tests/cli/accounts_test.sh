#!/usr/bin/env bash
# trialwise account: the first admin and the others, passwords read from
# standard input and kept only as Argon2id hashes, weak ones refused with the
# rule named, one account per email whatever its case, disabling and resets.
set -u
tw=$1
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
exit $fail
