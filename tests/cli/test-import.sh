#!/bin/bash
# test-import.sh CARNET-CLI: tests “carnet-cli import” as a chef de projet and a regional
# coordinator use it: a copy of an export, merges of several exports at once, dry runs, and
# refusals that leave the database as it was. Writes TAP.
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-import.sh CARNET-CLI}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

n=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  echo "not ok $n - $1"
  printf '%s\n' "exit status: $rc" "stdout: $out" "stderr: $err" | sed 's/^/# /'
}

skip () {
  n=$((n + 1))
  echo "ok $n # SKIP $1"
}

check () {
  local desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

run () {
  "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}

has () { [[ $1 == *"$2"* ]]; }

# The bytes of a database file, once no one has it open.
hash_db () { cat "$1" "$1-wal" 2>/dev/null | sha256sum; }

# An export without its time stamp, to compare two.
export_json () {
  "$CLI" --db "$1" export --format json -o "$2" >/dev/null 2>&1 && sed -i '/"exported_at"/d' "$2"
}

# refused DESCRIPTION STATUS DB ARG…: the import fails with STATUS, says why on stderr and
# nothing on stdout, and the database's file is byte for byte as it was.
refused () {
  local desc=$1 want=$2 db=$3 before after
  shift 3
  before=$(hash_db "$db")
  run --db "$db" import "$@"
  after=$(hash_db "$db")
  check "$desc: exit $want, says why, the database untouched" \
    test "$rc" = "$want" -a "$before" = "$after" -a -z "$out" -a -n "$err"
}

rc=0 out='' err=''
export LC_ALL=C.UTF-8 LANGUAGE=

# Three chefs de projet, each with their communes.
for i in 1 2 3; do
  "$CLI" generate --db "$WORK/chef$i.db" --seed "$((60 + i))" --scale 0.002 >/dev/null ||
    { echo "Bail out! cannot generate a database"; exit 1; }
  "$CLI" --db "$WORK/chef$i.db" export --format json -o "$WORK/chef$i.json" ||
    { echo "Bail out! cannot export"; exit 1; }
done

# --- Help ----------------------------------------------------------------------------------
run --help
check "--help lists import" eval 'test $rc = 0 && has "$out" "import [--merge] [--dry-run] FILE…"'
run import --help
check "import --help tells its options" \
  eval 'test $rc = 0 && has "$out" "--merge" && has "$out" "--dry-run" && has "$out" "--db"'
run --db "$WORK/none.db" import
check "import without a file is a usage error" \
  eval 'test $rc = 2 && has "$err" "missing" && has "$err" "import --help"'

# --- A copy --------------------------------------------------------------------------------
run --db "$WORK/copy.db" import "$WORK/chef1.json"
check "a plain import into a new database" \
  eval 'test $rc = 0 && has "$out" "1 file read" && has "$out" "deleted: 0" && test -z "$err"'
export_json "$WORK/chef1.db" "$WORK/a.json"
export_json "$WORK/copy.db" "$WORK/b.json"
check "exported again, the copy is the same, byte for byte" cmp -s "$WORK/a.json" "$WORK/b.json"
refused "a plain import into a database with data" 1 "$WORK/copy.db" "$WORK/chef2.json"
check "the refusal suggests --merge" has "$err" "--merge"

# --- A region ------------------------------------------------------------------------------
run --db "$WORK/region.db" import --merge "$WORK/chef1.json" "$WORK/chef2.json" "$WORK/chef3.json"
check "three files merged at once" \
  eval 'test $rc = 0 && has "$out" "3 files read" && has "$out" "Communes concerned"'
actions=$(sqlite3 "$WORK/region.db" "SELECT count(*) FROM actions")
sum=0
for i in 1 2 3; do
  sum=$((sum + $(sqlite3 "$WORK/chef$i.db" "SELECT count(*) FROM actions")))
done
check "the region holds every action of the three ($sum)" test "$actions" = "$sum"
before=$(hash_db "$WORK/region.db")
run --db "$WORK/region.db" import --merge "$WORK/chef1.json" "$WORK/chef2.json" "$WORK/chef3.json"
after=$(hash_db "$WORK/region.db")
check "the same files again change nothing, the database's file included" \
  eval 'test $rc = 0 -a "$before" = "$after" && has "$out" "Added: 0, updated: 0, deleted: 0,"'

# Each side goes on: the coordinator edits an action, its chef later; a chef deletes a project.
action=$(sqlite3 "$WORK/chef1.db" "SELECT uuid FROM actions ORDER BY id LIMIT 1")
project=$(sqlite3 "$WORK/chef2.db" "SELECT uuid FROM projects ORDER BY id LIMIT 1")
"$CLI" --db "$WORK/region.db" action update "$action" --set priority=haute >/dev/null
"$CLI" --db "$WORK/chef1.db" action update "$action" --set progress=80 >/dev/null
"$CLI" --db "$WORK/chef2.db" project delete "$project" >/dev/null
"$CLI" --db "$WORK/chef1.db" export --format json -o "$WORK/chef1.json"
"$CLI" --db "$WORK/chef2.db" export --format json -o "$WORK/chef2.json"

before=$(hash_db "$WORK/region.db")
run --db "$WORK/region.db" import --merge --dry-run "$WORK/chef1.json" "$WORK/chef2.json"
after=$(hash_db "$WORK/region.db")
check "a dry run tells what it would do and keeps nothing" \
  eval 'test $rc = 0 -a "$before" = "$after" && has "$out" "Dry run: nothing was saved." &&
        has "$out" "updated: 1," && ! has "$out" "deleted: 0,"'
run --db "$WORK/region.db" import --merge "$WORK/chef1.json" "$WORK/chef2.json"
check "the merge takes the chef's later change and the deletion" \
  eval 'test $rc = 0 && has "$out" "updated: 1," && ! has "$out" "deleted: 0," &&
        has "$out" "the file’s copy was taken" && has "$out" "chef1.json"'
check "the action has the chef's progress" \
  test "$(sqlite3 "$WORK/region.db" "SELECT progress FROM actions WHERE uuid = '$action'")" = 80
check "the project is deleted in the region, with its actions" \
  test "$(sqlite3 "$WORK/region.db" "SELECT count(*) FROM actions WHERE project_uuid = '$project'
         AND deleted_at IS NULL")" = 0 -a \
       "$(sqlite3 "$WORK/region.db" "SELECT deleted_at IS NOT NULL FROM projects
         WHERE uuid = '$project'")" = 1

# --- Refusals ------------------------------------------------------------------------------
head -c 30000 "$WORK/chef3.json" >"$WORK/cut.json"
refused "a truncated file among good ones" 1 "$WORK/region.db" --merge "$WORK/chef1.json" \
  "$WORK/cut.json"
check "the refusal names the file, the line and where" \
  eval 'has "$err" "cut.json" && has "$err" "line " && has "$err" "records."'
sed 's/"progress":\([0-9]*\)/"progress":"\1"/' "$WORK/chef3.json" >"$WORK/type.json"
refused "a wrong type" 1 "$WORK/region.db" --merge "$WORK/type.json"
check "the refusal names the field" \
  eval 'has "$err" "type.json" && has "$err" "].progress (The progress): must be a whole number"'
refused "a file that does not exist" 1 "$WORK/region.db" --merge "$WORK/none.json"
printf 'SQLite format 3\0\0\0binary' >"$WORK/binary.json"
refused "a binary file" 1 "$WORK/region.db" --merge "$WORK/binary.json"
sed 's/"version": 1,/"version": 7,/' "$WORK/chef3.json" >"$WORK/version.json"
refused "a newer version of the format" 1 "$WORK/region.db" --merge "$WORK/version.json"
check "the refusal says to update Carnet" has "$err" "update Carnet"
refused "a dry run of a bad file" 1 "$WORK/region.db" --merge --dry-run "$WORK/type.json"

# --- In French -----------------------------------------------------------------------------
if LC_ALL=fr_FR.UTF-8 LANGUAGE=fr "$CLI" import --help 2>/dev/null | grep -q "Fusionne"; then
  LC_ALL=fr_FR.UTF-8 LANGUAGE=fr run --db "$WORK/region.db" import --merge "$WORK/type.json"
  check "in French, the refusal reads in French" \
    eval 'test $rc = 1 && has "$err" "ligne " && has "$err" "L’avancement"'
  LC_ALL=fr_FR.UTF-8 LANGUAGE=fr run --db "$WORK/region.db" import --merge --dry-run \
    "$WORK/chef1.json"
  check "in French, the report reads in French" \
    eval 'test $rc = 0 && has "$out" "Simulation" && has "$out" "fichier lu"'
else
  skip "the French translation of the import is not in po/fr.po yet"
  skip "the French translation of the import is not in po/fr.po yet"
fi

echo "1..$n"
