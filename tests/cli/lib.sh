# Helpers for tests/cli/*_test.sh. Each script runs checks and exits non-zero on the first
# failure. $TB is the termbridge binary, $TB_DATA tests/data, $TB_SOURCE_DIR the repo.
set -uo pipefail
: "${TB:?TB must point at the termbridge binary}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SHARED="${TB_SOURCE_DIR}/../shared"
CHECKS=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run CMD...: runs it, leaving $RC, $OUT (stdout) and $ERR (stderr).
run() {
  "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

expect_rc() {
  CHECKS=$((CHECKS + 1))
  [ "$RC" = "$1" ] || fail "${2:-command}: exit $RC, expected $1; stderr: $ERR"
}

expect_out() {
  CHECKS=$((CHECKS + 1))
  [ "$OUT" = "$1" ] || fail "${2:-command}: stdout was:
$OUT
expected:
$1"
}

expect_err_contains() {
  CHECKS=$((CHECKS + 1))
  case "$ERR" in
    *"$1"*) ;;
    *) fail "${2:-command}: stderr lacks '$1'; stderr was: $ERR" ;;
  esac
}

expect_out_contains() {
  CHECKS=$((CHECKS + 1))
  case "$OUT" in
    *"$1"*) ;;
    *) fail "${2:-command}: stdout lacks '$1'; stdout was: $OUT" ;;
  esac
}

# Validates an XML file against the official schemas when the shared validator is there.
have_validator() {
  [ -x "$SHARED/schemas/validate.sh" ] || [ -f "$SHARED/schemas/validate.sh" ]
}
# Under the sanitizers (TB_SANITIZE) the schemas are not loaded again: that pass runs the same
# code built another way, looking for memory errors, and the normal pass validated what it
# writes.
expect_valid_xml() {
  CHECKS=$((CHECKS + 1))
  if [ -z "${TB_SANITIZE:-}" ] && have_validator && command -v xmllint >/dev/null; then
    bash "$SHARED/schemas/validate.sh" "$1" >"$WORK/validate.log" 2>&1 ||
      fail "$1 does not validate: $(cat "$WORK/validate.log")"
  fi
}

done_checks() {
  echo "$CHECKS checks passed"
}

# For a test with a "# fixtures: pg" line: sets BASE to the URI of the cluster of
# tests/pg_cluster.sh and PSQL to its client, or exits 77 saying why there is none.
need_pg() {
  if [ "${TB_HAVE_POSTGRESQL:-OFF}" != "ON" ]; then
    echo "skipped: termbridge was built without libpq"
    exit 77
  fi
  BASE=$(cat "${TB_PG_URI_FILE:-/nonexistent}" 2>/dev/null || true)
  if [ -z "$BASE" ]; then
    echo "skipped: no PostgreSQL test cluster (the postgresql package is not installed)"
    exit 77
  fi
  PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1)
}

# pg_schema_uri NAME: the URI of a schema of the test database of its own (cli_PID_NAME), for
# one memory or term base. Called in $(...), so the schemas are found again by their prefix
# when pg_drop_schemas drops them.
pg_schema_uri() {
  local schema="cli_$$_$1"
  "$PSQL" -X -q "$BASE" -c "CREATE SCHEMA $schema" >/dev/null || fail "cannot create schema $schema"
  echo "$BASE&options=-csearch_path%3D$schema"
}
pg_drop_schemas() {
  "$PSQL" -X -q -t -A "$BASE" \
    -c "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'cli\\_$$\\_%'" 2>/dev/null |
    while IFS= read -r s; do
      [ -z "$s" ] || "$PSQL" -X -q "$BASE" -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1
    done
}
