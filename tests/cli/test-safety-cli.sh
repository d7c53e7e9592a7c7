#!/bin/bash
# test-safety-cli.sh CARNET-CLI FIXTURE: carnet-cli with files it must refuse, read-only,
# and its backups. Writes TAP.
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-safety-cli.sh CARNET-CLI FIXTURE}
FIXTURE=${2:?usage: test-safety-cli.sh CARNET-CLI FIXTURE}
WORK=$(mktemp -d)
trap 'chmod -R u+rwX "$WORK"; rm -rf "$WORK"' EXIT

n=0
rc=0 out='' err=''

ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () {
  n=$((n + 1))
  echo "not ok $n - $1"
  printf '%s\n' "exit status: $rc" "stdout: $out" "stderr: $err" | sed 's/^/# /'
}
check () {
  local desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
run () {
  "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}
has () { [[ $1 == *"$2"* ]]; }
sum () { sha256sum <"$1"; }
files () { ls -A "$1" | tr '\n' ' '; }
# A read-only connection to a WAL database leaves an empty -wal and a -shm: SQLite's way.
files_but_wal () { ls -A "$1" | grep -v -e '-wal$' -e '-shm$' | tr '\n' ' '; }

fresh () {
  DB=$(mktemp -d -p "$WORK")/carnet.db
  cp "$FIXTURE" "$DB"
  chmod 0600 "$DB"
}

# refused DESCRIPTION WORDS ARG…: exit 1, a message naming the file and saying WORDS, the
# file and its folder unchanged.
refused () {
  local desc=$1 words=$2 before listing list=files
  shift 2
  [[ " $* " == *" --read-only "* ]] && list=files_but_wal
  before=$(sum "$DB")
  listing=$($list "$(dirname "$DB")")
  run --db "$DB" "$@"
  check "$desc: exit 1, says “$words”, names the file, changes nothing" \
    eval 'test $rc = 1 && has "$err" "$words" && has "$err" "$DB" &&
          test "$(sum "$DB")" = "$before" && test "$($list "$(dirname "$DB")")" = "$listing"'
}

# --- Files that are refused ----------------------------------------------------------------
fresh
printf 'Relevé de décisions du comité de pilotage\n' >"$DB"
refused "not a database" "is not a Carnet database" project list
refused "not a database, read-only" "is not a Carnet database" --read-only project list

fresh
head -c 40000 "$FIXTURE" >"$DB"
refused "truncated" "is incomplete" project list

fresh
sqlite3 "$DB" "PRAGMA user_version = 99"
refused "from a newer Carnet" "newer version of Carnet" project list
refused "from a newer Carnet, read-only" "newer version of Carnet" --read-only project list

fresh
root=$(sqlite3 "$DB" "SELECT rootpage FROM sqlite_schema WHERE name = 'projects'")
size=$(sqlite3 "$DB" "PRAGMA page_size")
printf '\377\377\377\377\377\377\377\377\377\377\377\377' |
  dd of="$DB" bs=1 seek=$(( (root - 1) * size )) conv=notrunc status=none
refused "damaged" "is damaged" project list

fresh
rm "$DB"
sqlite3 "$DB" "CREATE TABLE moz_places (url TEXT)"
refused "another program's database" "is not a Carnet database" project add \
  --commune 14047 --title X

# Locked by another program: sqlite3 holds an exclusive lock until its input closes.
fresh
coproc LOCK { sqlite3 "$DB"; }
# Kept now: bash forgets LOCK_PID as soon as the coprocess ends.
lock_pid=$LOCK_PID
printf 'PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT 1;\n' >&"${LOCK[1]}"
read -r -t 10 _ <&"${LOCK[0]}"
refused "locked by another program" "locked by another program" project list
exec {LOCK[1]}>&-
wait "$lock_pid" 2>/dev/null || true

# --- Read-only ------------------------------------------------------------------------------
fresh
before=$(sum "$DB")
run --db "$DB" --read-only project list
check "--read-only lists" eval 'test $rc = 0 && test "$(printf "%s\n" "$out" | wc -l)" = 3'
run --db "$DB" --read-only project add --commune 14047 --title "Pas enregistré"
check "--read-only refuses a change: exit 1, says so" \
  eval 'test $rc = 1 && has "$err" "open read-only" && has "$err" "$DB"'
run --db "$DB" project list --read-only
check "--read-only after the command" test "$rc" = 0
check "... and the file is unchanged" test "$(sum "$DB")" = "$before"
run --db "$WORK/absent.db" --read-only project list
check "--read-only on a missing file: exit 1, nothing created" \
  eval 'test $rc = 1 && has "$err" "does not exist" && test ! -e "$WORK/absent.db"'

# Permissions bind root only through a user without privileges.
as_user=()
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null &&
     setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$CLI" 2>/dev/null; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  else
    as_user=(none)
  fi
fi
if [ "${as_user[0]:-}" = none ]; then
  skip "read-only file and folder" "cannot run carnet-cli as an unprivileged user here"
else
  dir=$(mktemp -d -p "$WORK")
  chmod 0755 "$WORK"
  DB=$dir/carnet.db
  cp "$FIXTURE" "$DB"
  [ "$(id -u)" = 0 ] && chown -R 65534:65534 "$dir"
  for what in file folder; do
    if [ $what = file ]; then chmod 0400 "$DB"; else chmod 0600 "$DB"; chmod 0500 "$dir"; fi
    before=$(sum "$DB")
    "${as_user[@]}" "$CLI" --db "$DB" project list >"$WORK/out" 2>"$WORK/err"; rc=$?
    out=$(cat "$WORK/out"); err=$(cat "$WORK/err")
    check "read-only $what: exit 1, points to --read-only" \
      eval 'test $rc = 1 && has "$err" "read-only" && has "$err" "$DB"'
    "${as_user[@]}" "$CLI" --db "$DB" --read-only project list >"$WORK/out" 2>"$WORK/err"; rc=$?
    out=$(cat "$WORK/out"); err=$(cat "$WORK/err")
    check "read-only $what: --read-only reads it" \
      eval 'test $rc = 0 && test "$(printf "%s\n" "$out" | wc -l)" = 3 &&
            test "$(sum "$DB")" = "$before"'
  done
  chmod 0700 "$dir"
fi

# --- Backups --------------------------------------------------------------------------------
fresh
run --db "$DB" backup list
check "backup list: none yet" test "$rc" = 0 -a -z "$out"
run --db "$DB" backup create
first=$(printf '%s' "$out" | cut -f1)
check "backup create prints the new backup" \
  eval 'test $rc = 0 && [[ $first =~ ^carnet-[0-9]{8}T[0-9]{6}Z-v1-manual\.db$ ]] &&
        test -f "$(dirname "$DB")/backups/$first"'
check "... readable by its owner only, in a private folder" \
  eval 'test "$(stat -c %a "$(dirname "$DB")/backups/$first")" = 600 &&
        test "$(stat -c %a "$(dirname "$DB")/backups")" = 700'
run --db "$DB" project add --commune 14047 --title "Après la sauvegarde"
run --db "$DB" backup list --json
check "backup list --json" \
  eval 'test $rc = 0 && printf "%s" "$out" | python3 -c "import json, sys
d = json.load(sys.stdin)
assert len(d) == 1 and d[0][\"kind\"] == \"manual\" and d[0][\"schema_version\"] == 1
assert d[0][\"size\"] > 0 and d[0][\"time\"].endswith(\"Z\")"'
run --db "$DB" backup restore "$first"
check "backup restore by name: the project added since is gone" \
  eval 'test $rc = 0 && has "$out" "before-restore" &&
        test "$("$CLI" --db "$DB" project list | wc -l)" = 3'
aside=$(ls "$(dirname "$DB")" | grep before-restore)
check "... and kept in the file set aside" \
  eval 'test -n "$aside" &&
        test "$("$CLI" --read-only --db "$(dirname "$DB")/$aside" project list | wc -l)" = 4'
run --db "$DB" backup restore nothing-here.db
check "backup restore of a missing file: exit 1" \
  eval 'test $rc = 1 && has "$err" "nothing-here.db"'
printf 'pas une base\n' >"$WORK/notes.db"
before=$(sum "$DB")
run --db "$DB" backup restore "$WORK/notes.db"
check "backup restore of a file that is not a database: exit 1, database unchanged" \
  eval 'test $rc = 1 && has "$err" "cannot be restored" && test "$(sum "$DB")" = "$before"'
run --db "$DB" --read-only backup restore "$first"
check "backup restore with --read-only: usage error" test "$rc" = 2
run --db "$DB" backup restore
check "backup restore without FILE: usage error" test "$rc" = 2
run backup --help
check "backup --help lists its commands" \
  eval 'test $rc = 0 && has "$out" "backup list" && has "$out" "backup create" &&
        has "$out" "backup restore FILE"'

# The user's own database (no --db, no CARNET_DB) gets its daily backup.
home=$(mktemp -d -p "$WORK")
own=$home/carnet/carnet.db
for i in 1 2; do
  env -u CARNET_DB XDG_DATA_HOME="$home" "$CLI" theme list >/dev/null 2>"$WORK/err"
done
err=$(cat "$WORK/err")
check "the user's own database gets one daily backup" \
  eval 'test -f "$own" && test "$(ls "$home/carnet/backups" | grep -c -- "-auto\.db$")" = 1 &&
        test -z "$err"'
fresh
run --db "$DB" theme list
check "... a database named with --db does not" test ! -e "$(dirname "$DB")/backups"

# A damaged database can be listed and restored without being opened.
fresh
run --db "$DB" backup create
name=$(printf '%s' "$out" | cut -f1)
printf 'damaged' | dd of="$DB" bs=1 seek=100 conv=notrunc status=none
dd if=/dev/zero of="$DB" bs=1024 seek=20 count=20 conv=notrunc status=none
run --db "$DB" backup list
check "backup list of a damaged database" eval 'test $rc = 0 && has "$out" "$name"'
run --db "$DB" backup restore "$name"
check "backup restore over a damaged database" \
  eval 'test $rc = 0 && test "$("$CLI" --db "$DB" project list | wc -l)" = 3'

echo "1..$n"
