#!/bin/bash
# test-export.sh CARNET-CLI MAKE-EXPORT-FIXTURE CHECK-EXPORT.PY SCHEMA: tests
# “carnet-cli export” on the exports' fixture (tests/export-fixture.c). Writes TAP.
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-export.sh CARNET-CLI MAKE-EXPORT-FIXTURE CHECK-EXPORT.PY SCHEMA}
MAKE_FIXTURE=${2:?}
CHECKER=${3:?}
SCHEMA=${4:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

n=0
DATE=2026-11-21

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

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

run () {
  "$CLI" "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}

has () { [[ $1 == *"$2"* ]]; }

# csv FILE DIALECT PYTHON-EXPRESSION: evaluates the expression on the CSV as Python reads it
# (d["bom"], d["crlf"], d["header"], d["rows"]).
csv () {
  python3 "$CHECKER" csv "$1" "$2" | python3 -c "import json, sys; d = json.load(sys.stdin); sys.exit(0 if ($3) else 1)"
}

# The text of a PDF on one line, no-break spaces made spaces.
pdf_text () {
  pdftotext -enc UTF-8 "$1" - | tr '\n' ' ' | sed 's/\xe2\x80\xaf/ /g; s/\xc2\xa0/ /g; s/  */ /g'
}

# refused DESCRIPTION STATUS FILE ARG…: the export fails with STATUS, says why on stderr, and
# FILE (the output) is as it was before.
refused () {
  local desc=$1 want=$2 file=$3 before after
  shift 3
  before=$(sha256sum "$file" 2>/dev/null || echo absent)
  run "$@"
  after=$(sha256sum "$file" 2>/dev/null || echo absent)
  check "$desc: exit $want, says why, $(basename "$file") untouched" \
    test "$rc" = "$want" -a "$before" = "$after" -a -z "$out" -a -n "$err"
}

rc=0 out='' err=''
CARNET_DB=$WORK/carnet.db
export CARNET_DB
"$MAKE_FIXTURE" "$CARNET_DB" || { echo "Bail out! cannot make the fixture"; exit 1; }

# --- Help ----------------------------------------------------------------------------------
run --help
check "--help lists export" eval 'test $rc = 0 && has "$out" "export --format pdf|csv|json"'
run export --help
check "export --help lists its options" \
  eval 'test $rc = 0 && has "$out" "--format" && has "$out" "--what" && has "$out" "--dialect" &&
        has "$out" "--commune" && has "$out" "--theme" && has "$out" "--output" &&
        has "$out" "--date" && has "$out" "rfc4180"'
run help export
check "help export is export --help" eval 'test $rc = 0 && has "$out" "--dialect"'

# --- CSV -----------------------------------------------------------------------------------
run export --format csv -o "$WORK/actions.csv" --date $DATE
check "csv: exit 0, nothing printed" test "$rc" = 0 -a -z "$out" -a -z "$err"
check "csv: French dialect by default (BOM, CRLF, “;”, 22 actions)" \
  csv "$WORK/actions.csv" french \
  'd["bom"] and d["crlf"] and d["header"][:4] == ["Commune", "Code INSEE", "N° projet", "Projet"] and len(d["rows"]) == 22'
check "csv: decimal comma, French dates, overdue, formulas neutralised" \
  csv "$WORK/actions.csv" french \
  '[r[20] for r in d["rows"] if r[5].startswith("Démolition")] == ["850000,00"] and
   [r[16] for r in d["rows"] if r[5].startswith("Démolition")] == ["15/03/2026"] and
   [r[23] for r in d["rows"] if r[5].startswith("Démolition")] == ["Oui"] and
   any(r[5] == "'"'"'=HYPERLINK(\"http://exemple.invalid\",\"Cliquez ici\")" for r in d["rows"])'

run export --format csv --dialect rfc4180 -o "$WORK/rfc.csv" --date $DATE
check "csv --dialect rfc4180: “,”, no BOM, CRLF, decimal point, ISO dates" \
  eval 'test $rc = 0 && csv "$WORK/rfc.csv" rfc4180 \
    "not d[\"bom\"] and d[\"crlf\"] and len(d[\"rows\"]) == 22 and
     [(r[16], r[20]) for r in d[\"rows\"] if r[5].startswith(\"Démolition\")] == [(\"2026-03-15\", \"850000.00\")]"'

run export --format csv --what funding -o "$WORK/funding.csv"
check "csv --what funding: 10 lines, every state" \
  eval 'test $rc = 0 && csv "$WORK/funding.csv" french \
    "len(d[\"rows\"]) == 10 and d[\"header\"][6] == \"Financeur\" and
     {r[13] for r in d[\"rows\"]} == {\"Envisagé\", \"Demandé\", \"Accordé\", \"Versé\", \"Refusé\"}"'
run export --format csv --what observations -o "$WORK/observations.csv"
check "csv --what observations: 6 observations" \
  eval 'test $rc = 0 && csv "$WORK/observations.csv" french "len(d[\"rows\"]) == 6"'

run export --format csv -o "$WORK/two.csv" --commune 14431 --commune 14047
check "csv --commune twice: the actions of both" \
  eval 'test $rc = 0 && csv "$WORK/two.csv" french \
    "len(d[\"rows\"]) == 19 and {r[1] for r in d[\"rows\"]} == {\"14431\", \"14047\"}"'
run export --format csv -o "$WORK/comma.csv" --commune 14431,14047
check "csv --commune with commas: the same file" \
  eval 'test $rc = 0 && cmp -s "$WORK/two.csv" "$WORK/comma.csv"'
run export --format csv -o "$WORK/mobilites.csv" --theme mobilites
check "csv --theme: the actions of the theme" \
  eval 'test $rc = 0 && csv "$WORK/mobilites.csv" french \
    "len(d[\"rows\"]) == 2 and {r[6] for r in d[\"rows\"]} == {\"Mobilités\"}"'

# --- JSON ----------------------------------------------------------------------------------
run export -o "$WORK/all.json"
check "json (from the extension): valid against the schema" \
  eval 'test $rc = 0 && python3 "$CHECKER" validate "$SCHEMA" "$WORK/all.json"'
check "json: versioned, with the tombstones" \
  python3 -c "import json, sys; d = json.load(open('$WORK/all.json'));
sys.exit(0 if d['format'] == 'carnet' and d['version'] == 1 and
  len(d['records']['actions']) == 23 and
  sum(1 for a in d['records']['actions'] if a['deleted_at']) == 1 else 1)"
run export --format json -o "$WORK/mezidon.json" --commune 14431
check "json --commune: that commune only, valid" \
  eval 'test $rc = 0 && python3 "$CHECKER" validate "$SCHEMA" "$WORK/mezidon.json" &&
        python3 -c "import json, sys; d = json.load(open(\"$WORK/mezidon.json\"));
sys.exit(0 if d[\"communes\"] == [\"14431\"] and len(d[\"records\"][\"communes\"]) == 1 and
  len(d[\"records\"][\"actions\"]) == 6 else 1)"'

# --- PDF -----------------------------------------------------------------------------------
run export --format pdf -o "$WORK/report.pdf" --date 21/11/2026
text=$(pdf_text "$WORK/report.pdf" 2>/dev/null)
check "pdf: a report of every commune, in French" \
  eval 'test $rc = 0 -a -z "$out" && has "$text" "Synthèse de l’avancement" &&
        has "$text" "Bayeux" && has "$text" "Vire Normandie" && has "$text" "Page 1 sur 7" &&
        has "$text" "Établi le 21 novembre 2026" && has "$text" "1 234 567,89 €" &&
        has "$text" "échéance dépassée"'
run export --format pdf -o "$WORK/bayeux.pdf" --commune 14047 --theme commerce --date $DATE
text=$(pdf_text "$WORK/bayeux.pdf" 2>/dev/null)
check "pdf --commune --theme: that commune and theme only" \
  eval 'test $rc = 0 && has "$text" "Bayeux" && has "$text" "Thème : Commerce et artisanat" &&
        ! has "$text" "Vire Normandie" && ! has "$text" "Navette"'

# --- Usage errors: exit 2, nothing written -------------------------------------------------
new=$WORK/new.csv
refused "unknown format" 2 "$new" export --format xls -o "$new"
refused "no output" 2 "$new" export --format csv
refused "no format, unknown extension" 2 "$WORK/new.txt" export -o "$WORK/new.txt"
refused "--what for a pdf" 2 "$new" export --format pdf --what funding -o "$new"
refused "--dialect for json" 2 "$new" export --format json --dialect rfc4180 -o "$new"
refused "--theme for json" 2 "$new" export --format json --theme mobilites -o "$new"
refused "unknown --what" 2 "$new" export --format csv --what budget -o "$new"
refused "unknown --dialect" 2 "$new" export --format csv --dialect excel -o "$new"
refused "bad --date" 2 "$new" export --format csv --date 31/02/2026 -o "$new"
refused "an argument" 2 "$new" export --format csv -o "$new" 14047
refused "unknown option" 2 "$new" export --format csv -o "$new" --verbose
check "no file was written by a usage error" test ! -e "$new" -a ! -e "$WORK/new.txt"

# --- Failures: exit 1, nothing written, the old file intact -------------------------------
printf 'ancien' >"$WORK/old.csv"
refused "a commune not in Carnet" 1 "$WORK/old.csv" export --format csv --commune 99999 -o "$WORK/old.csv"
check "the commune is named" has "$err" "99999"
refused "an unknown theme" 1 "$WORK/old.csv" export --format pdf --theme tourisme -o "$WORK/old.csv"
check "the theme is named" has "$err" "tourisme"
refused "a folder" 1 "$WORK" export --format json -o "$WORK"
refused "a missing folder" 1 "$WORK/absent/report.pdf" export --format pdf -o "$WORK/absent/report.pdf"
printf 'cible' >"$WORK/target.csv"
ln -s "$WORK/target.csv" "$WORK/link.csv"
refused "a symbolic link" 1 "$WORK/target.csv" export --format csv -o "$WORK/link.csv"
check "the link is refused, and said so" eval 'test -L "$WORK/link.csv" && has "$err" "link.csv"'
check "no temporary file is left" eval 'test -z "$(find "$WORK" -name ".goutputstream*")"'
run export --format csv -o "$WORK/old.csv"
check "a success replaces the old file" \
  eval 'test $rc = 0 && csv "$WORK/old.csv" french "len(d[\"rows\"]) == 22"'

echo "1..$n"
