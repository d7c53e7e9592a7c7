#!/bin/bash
# valgrind-cli.sh CARNET-CLI FIXTURE TEST-SCRIPT…: runs the CLI's test scripts (each given
# CARNET-CLI and FIXTURE, the v1 database of tests/fixtures) with carnet-cli under
# valgrind. Writes TAP: the scripts' own tests (an error of valgrind makes carnet-cli exit 99,
# which fails them), then whether valgrind found memory errors or definite leaks, with its
# reports.
#
# Valgrind makes each run ~40 times slower: by default it watches the first run of each
# command (“commune add”, “backup restore”…) and every sixth run; CARNET_VALGRIND_ALL=1
# watches them all (a few minutes).
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: valgrind-cli.sh CARNET-CLI FIXTURE TEST-SCRIPT…}
FIXTURE=${2:?usage: valgrind-cli.sh CARNET-CLI FIXTURE TEST-SCRIPT…}
shift 2
if ! command -v valgrind >/dev/null; then
  echo "1..0 # SKIP valgrind is not installed"
  exit 0
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/logs"
touch "$WORK/seen"
echo 0 >"$WORK/count"

cat >"$WORK/carnet-cli" <<WRAPPER
#!/bin/bash
key=() skip=
for arg in "\$@"; do
  if [ -n "\$skip" ]; then skip=; continue; fi
  case \$arg in
    --db) skip=1 ;;
    -*) ;;
    *) [ \${#key[@]} -lt 2 ] && key+=("\$arg") ;;
  esac
done
count=\$(( \$(cat "$WORK/count") + 1 ))
echo \$count >"$WORK/count"
if [ -n "\${CARNET_VALGRIND_ALL:-}" ] || ! grep -qxF "\${key[*]}" "$WORK/seen" ||
   [ \$((count % 6)) = 0 ]; then
  echo "\${key[*]}" >>"$WORK/seen"
  exec valgrind --quiet --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
    --log-file="$WORK/logs/%p.log" "$CLI" "\$@"
fi
exec "$CLI" "\$@"
WRAPPER
chmod +x "$WORK/carnet-cli"

# Each script's plan is replaced by ours.
n=0
for script in "$@"; do
  bash "$script" "$WORK/carnet-cli" "$FIXTURE" >"$WORK/tap" 2>&1
  while IFS= read -r line; do
    if [[ $line =~ ^(not\ )?ok\ [0-9]+(.*)$ ]]; then
      n=$((n + 1))
      echo "${BASH_REMATCH[1]}ok $n${BASH_REMATCH[2]}"
    elif [[ ! $line =~ ^1\.\. ]]; then
      echo "$line"
    fi
  done <"$WORK/tap"
done
runs=$(ls "$WORK/logs" | wc -l)
total=$(cat "$WORK/count")

report () {
  local desc=$1 pattern=$2 hits
  n=$((n + 1))
  hits=$(grep -lE "$pattern" "$WORK"/logs/*.log 2>/dev/null)
  if [ -z "$hits" ]; then
    echo "ok $n - $desc ($runs of $total runs of carnet-cli watched)"
  else
    echo "not ok $n - $desc ($runs of $total runs of carnet-cli watched)"
    for log in $hits; do head -n 60 "$log"; done | sed 's/^/# /'
  fi
}
report "no memory errors under valgrind" \
  'Invalid (read|write|free)|uninitialised|Mismatched free|overlap|Syscall param'
report "no definite leaks under valgrind" 'definitely lost'
echo "1..$n"
