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
