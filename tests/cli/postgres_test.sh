#!/usr/bin/env bash
# The command line on PostgreSQL: --db postgresql://..., db migrate (and the
# refusal of a newer schema, untouched), db copy from SQLite and back, all or
# nothing and checked by comparing exports, an unreachable server (exit 6),
# and no password in any message. Runs on the test run's PostgreSQL server
# (TRIALWISE_TEST_POSTGRES, a CTest fixture); fails without it.
set -u
tw=$1 examples=$2 labels=$3
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
admin=$(cat "${TRIALWISE_TEST_POSTGRES:?run through ctest: the postgres fixture starts the server}/admin-uri") ||
  { echo "FAIL: no PostgreSQL test server"; exit 1; }
host_part=${admin#*\?}
new_db() {  # a database of its own on the test server; prints its URI
  psql -qX "$admin" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null || return 1
  echo "postgresql:///$1?$host_part"
}
sql() { psql -qXtA "$1" -c "$2"; }
suffix=$$
pg=$(new_db cli_a_$suffix) || { echo "FAIL: cannot create a database"; exit 1; }
pg_empty=$(new_db cli_b_$suffix)
pg_newer=$(new_db cli_c_$suffix)
trap 'for d in a b c; do psql -qX "$admin" -c "DROP DATABASE IF EXISTS cli_${d}_$suffix" >/dev/null 2>&1; done; rm -rf "$tmp"' EXIT

expect "migrate an empty database" 0 "Migrated postgresql:///cli_a_$suffix.* from schema 0 to [0-9]+" "$tw" db migrate --db "$pg"
expect "migrate again" 0 'already; nothing to do' "$tw" db migrate --db "$pg"
expect "migrate an SQLite file" 0 'from schema 0 to' "$tw" db migrate --db "$tmp/fresh.db"

# A trial, a product and an account on SQLite, then copied to PostgreSQL.
export TRIALWISE_DB="$tmp/clinic.db" TRIALWISE_TODAY=2026-12-10
"$tw" start --answers "$examples/runner_in_heat.json" --start 2026-12-01 --product Powder --g-per-serving 5 >/dev/null ||
  { echo "FAIL: start"; fail=1; }
for d in 01 02 03 04 05 06 07 08 09; do
  "$tw" log --date 2026-12-$d --outcome $((10#$d % 7)) --doses 0 --note "day $d, ü ✓" >/dev/null || { echo "FAIL: log $d"; fail=1; }
done
"$tw" log --date 2026-12-09 --outcome 3 --doses 0 --red-flag new_neuro_symptoms >/dev/null || { echo "FAIL: a second version"; fail=1; }
"$tw" amend --review-date 2027-01-20 --reason "travel" >/dev/null || { echo "FAIL: amend"; fail=1; }
"$tw" product import "$labels/powder_5g.json" --servings-per-day 1 >/dev/null || { echo "FAIL: product"; fail=1; }
echo 'correct horse battery staple' | "$tw" account add --email coach@example.org --role coach --password-stdin >/dev/null ||
  { echo "FAIL: account"; fail=1; }
unset TRIALWISE_DB

expect "copy to PostgreSQL" 0 'entries: 10.*|Copied [0-9]+ rows .* every table read back and matched' \
  "$tw" db copy --from "sqlite:$tmp/clinic.db" --to "$pg_empty"
for what in "export --format json" "export --format csv" "trials" "status" "product list" "account list"; do
  # shellcheck disable=SC2086
  "$tw" $what --db "$tmp/clinic.db" >"$tmp/from.txt" 2>&1
  # shellcheck disable=SC2086
  "$tw" $what --db "$pg_empty" >"$tmp/to.txt" 2>&1
  cmp -s "$tmp/from.txt" "$tmp/to.txt" || { echo "FAIL: '$what' differs after the copy:"; diff "$tmp/from.txt" "$tmp/to.txt"; fail=1; }
done
[ "$(sql "$pg_empty" 'SELECT count(*) FROM entries')" = 10 ] || { echo "FAIL: every version of every day"; fail=1; }

# New rows continue after the copied ids.
expect "log on PostgreSQL" 0 'Logged|Saved' env TRIALWISE_DB="$pg_empty" "$tw" log --date 2026-12-10 --outcome 4 --doses 0
expect "a second coach" 0 'Added account 2' \
  env TRIALWISE_DB="$pg_empty" "$tw" account add --email second@example.org --role coach --password-stdin <<<'correct horse battery staple'

# Into a database that holds data: refused, nothing changed.
before=$(sql "$pg_empty" 'SELECT count(*) FROM entries')
expect "copy into a full database" 4 'already holds data' "$tw" db copy --from "$tmp/clinic.db" --to "$pg_empty"
[ "$(sql "$pg_empty" 'SELECT count(*) FROM entries')" = "$before" ] || { echo "FAIL: a refused copy changed the database"; fail=1; }
expect "copy onto itself" 2 'comes from' "$tw" db copy --from "$tmp/clinic.db" --to "sqlite:$tmp/clinic.db"

# And back: PostgreSQL to a new SQLite file, the same exports.
expect "copy back to SQLite" 0 'every table read back and matched' "$tw" db copy --from "$pg_empty" --to "$tmp/back.db"
for what in "export --format json" "trials" "account list"; do
  # shellcheck disable=SC2086
  "$tw" $what --db "$pg_empty" >"$tmp/from.txt" 2>&1
  # shellcheck disable=SC2086
  "$tw" $what --db "$tmp/back.db" >"$tmp/to.txt" 2>&1
  cmp -s "$tmp/from.txt" "$tmp/to.txt" || { echo "FAIL: '$what' differs after copying back:"; diff "$tmp/from.txt" "$tmp/to.txt"; fail=1; }
done

# A newer schema: refused by every command, and left as it was.
"$tw" db migrate --db "$pg_newer" >/dev/null
sql "$pg_newer" 'UPDATE trialwise_schema SET version = 99' >/dev/null
expect "status on a newer schema" 4 'newer Trialwise \(schema 99' "$tw" status --db "$pg_newer"
expect "migrate a newer schema" 4 'newer Trialwise' "$tw" db migrate --db "$pg_newer"
[ "$(sql "$pg_newer" 'SELECT version FROM trialwise_schema')" = 99 ] || { echo "FAIL: the newer schema was touched"; fail=1; }
expect "copy from a newer schema" 4 'newer Trialwise' "$tw" db copy --from "$pg_newer" --to "$tmp/never.db"

# A server that is not there: exit 6, and the password never shown.
gone="postgresql://clinic:s3cret-pw@/trialwise?host=$tmp/no-server&port=5432"
expect "no server" 6 'cannot be reached.*try again' "$tw" status --db "$gone"
grep -q 's3cret-pw' "$tmp/out" "$tmp/err" && { echo "FAIL: the password is in a message"; fail=1; }
expect "no server, serve" 6 'cannot be reached' "$tw" serve --db "$gone" --port 0
grep -q 's3cret-pw' "$tmp/out" "$tmp/err" && { echo "FAIL: serve shows the password"; fail=1; }
expect "backup is SQLite's" 2 'pg_dump' "$tw" backup --db "$pg" --to "$tmp/b.db"
exit $fail
