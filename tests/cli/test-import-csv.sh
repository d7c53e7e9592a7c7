#!/bin/bash
# test-import-csv.sh CARNET-CLI MAKE-EXPORT-FIXTURE: tests “carnet-cli import-csv” with the
# spreadsheets a chef de projet has, and with what “carnet-cli export” writes. Writes TAP.
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

CLI=${1:?usage: test-import-csv.sh CARNET-CLI MAKE-EXPORT-FIXTURE}
MAKE_FIXTURE=${2:?}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

n=0
rc=0 out='' err=''

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

fresh_db () {
  CARNET_DB=$(mktemp -d -p "$WORK")/carnet.db
  export CARNET_DB
}

# The database's content and its file's bytes.
snapshot () {
  { sqlite3 "$CARNET_DB" .dump; sha256sum <"$CARNET_DB"; } | sha256sum
}

has () { [[ $1 == *"$2"* ]]; }

# --- Help ----------------------------------------------------------------------------------
fresh_db
run --help
check "--help lists import-csv" eval 'test $rc = 0 && has "$out" "import-csv [--communes] [--dry-run] FILE"'
run import-csv --help
check "import-csv --help tells its options" \
  eval 'test $rc = 0 && has "$out" "--communes" && has "$out" "--dry-run" && has "$out" "code INSEE"'
run import-csv
check "a missing file is a usage error" eval 'test $rc = 2 && has "$err" "The file to import is missing"'
run import-csv a.csv b.csv
check "two files are a usage error" eval 'test $rc = 2 && has "$err" "Unexpected argument “b.csv”"'
run import-csv "$WORK/nowhere.csv"
check "a file that is not there" eval 'test $rc = 1 && has "$err" "nowhere.csv"'

# --- A French spreadsheet ------------------------------------------------------------------
fresh_db
run commune add 14047
printf '\xef\xbb\xbfCommune;Projet;Intitulé;Thème;État;Date de fin;Budget (€);Avancement (%%);Budget (k€)\r\n' >"$WORK/suivi.csv"
printf 'Bayeux;Friche Badin;Étude de sols;Friches;En cours;31/03/2026;12 000,50;40 %%;12\r\n' >>"$WORK/suivi.csv"
printf 'Bayeux;Friche Badin;"Démolition\r\nlot 2";friches et foncier;terminé;2026-03-12;1 000;100;\r\n' >>"$WORK/suivi.csv"
printf 'Vire Normandie;Tiers-lieu;Étude de programmation;Numérique;Fini;12 mars 2026;;;\r\n' >>"$WORK/suivi.csv"

before=$(snapshot)
run import-csv --dry-run "$WORK/suivi.csv"
check "--dry-run tells the dialect, the encoding and the lines" \
  eval 'test $rc = 0 && has "$out" "suivi.csv: French (;), UTF-8 with BOM, 3 lines"'
check "--dry-run tells what each column is read into" \
  eval 'has "$out" "  Intitulé → Title" && has "$out" "  Date de fin → Due date" &&
        has "$out" "  Budget (€) → Cost excl. VAT" && has "$out" "  Budget (k€) → (ignored)"'
check "--dry-run tells what would be added" \
  eval 'has "$out" "3 actions to add" && has "$out" "2 new projects" &&
        has "$out" "1 new commune, from the list of French communes" &&
        has "$out" "Dry run: nothing was written"'
check "--dry-run writes nothing" test "$before" = "$(snapshot)"

run import-csv "$WORK/suivi.csv"
check "the import adds the actions" eval 'test $rc = 0 && has "$out" "3 actions added" && test -z "$err"'
run action list
check "the actions are in Carnet, with their dates and statuses" \
  eval 'has "$out" "Étude de sols" && has "$out" "Done" && has "$out" "31 March 2026" &&
        has "$out" "Étude de programmation"'
run commune list
check "the commune missing from Carnet was added from the list" \
  eval 'has "$out" "14762" && has "$out" "Vire Normandie"'
run project list
check "a project named twice was made once" \
  eval 'test "$(printf "%s\n" "$out" | grep -c "Friche Badin")" = 1'

# --- Problems ------------------------------------------------------------------------------
printf 'Commune;Action;Échéance;Statut;Avancement\n' >"$WORK/erreurs.csv"
printf 'Bayeux;Une;12/03/2026;En cours;10\n' >>"$WORK/erreurs.csv"
printf 'Saint-Denis;Deux;;;\n' >>"$WORK/erreurs.csv"
printf 'Bayeux;"Trois\nsur deux lignes";;;\n' >>"$WORK/erreurs.csv"
printf 'Bayeux;Quatre;31/02/2026;Presque fini;150\n' >>"$WORK/erreurs.csv"
before=$(snapshot)
run import-csv "$WORK/erreurs.csv"
check "a file with problems is refused" eval 'test $rc = 1 && test "$before" = "$(snapshot)"'
check "each problem names the file, the line, the column and the value" \
  eval 'has "$err" "erreurs.csv, line 3: Commune: several communes are named “Saint-Denis”" &&
        has "$err" "erreurs.csv, line 6: Échéance: “31/02/2026” is not a date" &&
        has "$err" "Statut: “Presque fini” is not one of" &&
        has "$err" "Avancement: “150” is not a whole percentage from 0 to 100"'
check "the summary and the refusal are told" \
  eval 'has "$out" "2 lines have a problem" && has "$err" "carnet-cli: Nothing was imported: 2 lines have a problem (the first, line 3"'
run import-csv --dry-run "$WORK/erreurs.csv"
check "--dry-run fails too when a line has a problem" eval 'test $rc = 1'

printf 'Commune;Prénom\nBayeux;Marie\n' >"$WORK/autre.csv"
run import-csv "$WORK/autre.csv"
check "a file without the columns Carnet needs" \
  eval 'test $rc = 1 && has "$err" "has no column for the title of the actions" && has "$err" "Its columns: Commune, Prénom"'
printf 'Titre;Commune\n"Jamais fermé;Bayeux\n' >"$WORK/tronque.csv"
run import-csv "$WORK/tronque.csv"
check "an unterminated quote names its line" \
  eval 'test $rc = 1 && has "$err" "The quote opened on line 2 is never closed"'
printf 'Titre;Commune\n' >"$WORK/binaire.csv"
head -c 4096 /dev/urandom >>"$WORK/binaire.csv"
printf '\0' >>"$WORK/binaire.csv"
run import-csv "$WORK/binaire.csv"
check "binary data is refused" eval 'test $rc = 1 && has "$err" "binary data"'

# --- Communes ------------------------------------------------------------------------------
fresh_db
run commune add 14047
printf 'insee_com,lib_com,id_pvd,date_signature\n14047,Bayeux,1,2021-03-12\n14762,Vire Normandie,2,2021-03-12\n' >"$WORK/pvd.csv"
printf ',Mézidon Vallée d’Auge,3,2021-05-20\n1053,,4,\n' >>"$WORK/pvd.csv"
run import-csv --communes "$WORK/pvd.csv"
check "--communes adds communes by INSEE code and by name" \
  eval 'test $rc = 0 && has "$out" "3 communes added" && has "$out" "1 commune already in Carnet or repeated, left out"'
check "--communes says which lines were left out" \
  eval 'has "$out" "pvd.csv, line 2: Already in Carnet: left out"'
run commune list
check "the communes are in Carnet" \
  eval 'has "$out" "14762" && has "$out" "14431" && has "$out" "01053"'
run commune show 14762 --json
check "their PVD convention date is kept" eval 'has "$out" "2021-03-12"'

# --- What Carnet exports, another Carnet reads back ----------------------------------------
CARNET_DB=$WORK/fixture.db
export CARNET_DB
"$MAKE_FIXTURE" "$CARNET_DB" || { echo "Bail out! cannot make the fixture"; exit 1; }
run action list
actions=$out
for dialect in french rfc4180; do
  CARNET_DB=$WORK/fixture.db
  run export --format csv --dialect $dialect -o "$WORK/export-$dialect.csv"
  fresh_db
  run import-csv "$WORK/export-$dialect.csv"
  check "an export ($dialect) is read back" eval 'test $rc = 0 && has "$out" "22 actions added"'
  run action list
  check "the actions read back ($dialect) are those exported, identifiers included" \
    test "$out" = "$actions"
  run import-csv "$WORK/export-$dialect.csv"
  check "read back twice ($dialect), nothing is added" \
    eval 'test $rc = 0 && has "$out" "0 actions added" && has "$out" "22 actions already in Carnet, left out"'
done

echo "1..$n"
