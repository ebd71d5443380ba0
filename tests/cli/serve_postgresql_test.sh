#!/usr/bin/env bash
# fixtures: pg
# termbridge serve with its term base in PostgreSQL (-g postgresql://...): term search and
# edits through the API land in the database, a stale version gets 409 and changes nothing,
# and an edit made beside the server (glossary set on the same URI) is what the server serves
# next. Needs the cluster of tests/pg_cluster.sh and cpp-httplib; skips without.
. "$(dirname "$0")/lib.sh"

need_pg
command -v curl >/dev/null || { echo "skipped: curl is not installed (cmake/install_deps.sh)"; exit 77; }
PG=$(pg_schema_uri serve)
SERVER=
cleanup() {
  [ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; }
  pg_drop_schemas
  rm -rf "$WORK"
}
trap cleanup EXIT

printf 'id\tko\ten\ten_status\tnote\nncg\t핵협의그룹\tNuclear Consultative Group\tpreferred\t\nmnd\t국방부\tMinistry of National Defense\tpreferred\t\n' \
  >"$WORK/terms.tsv"
run "$TB" glossary import "$PG" "$WORK/terms.tsv"
expect_rc 0 "import the term base into PostgreSQL"

RO=ro$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
RW=rw$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf 'ro %s\nrw %s\n' "$RO" "$RW" >"$WORK/tokens"
chmod 600 "$WORK/tokens"

"$TB" serve --tm "$WORK/tm.sqlite" -g "$PG" --tokens "$WORK/tokens" --listen 127.0.0.1:0 \
  2>"$WORK/server.log" &
SERVER=$!
URL=
for _ in $(seq 100); do
  URL=$(sed -nE 's@.*listening on (http://127\.0\.0\.1:[0-9]+)/.*@\1@p' "$WORK/server.log")
  [ -n "$URL" ] && break
  if ! kill -0 "$SERVER" 2>/dev/null; then
    if grep -q "built without cpp-httplib" "$WORK/server.log"; then
      SERVER=
      echo "skipped: termbridge was built without cpp-httplib (libcpp-httplib-dev)"
      exit 77
    fi
    fail "the server ended: $(cat "$WORK/server.log")"
  fi
  sleep 0.1
done
[ -n "$URL" ] || fail "the server did not say where it listens: $(cat "$WORK/server.log")"

# req METHOD PATH TOKEN [BODY]: leaves $STATUS and $BODY.
req() {
  local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $3")
  [ -z "${4:-}" ] || args+=(-H 'Content-Type: application/json' --data-binary "$4")
  STATUS=$(curl "${args[@]}" "$URL$2")
  BODY=$(cat "$WORK/body")
}
expect_status() {
  CHECKS=$((CHECKS + 1))
  [ "$STATUS" = "$1" ] || fail "$2: status $STATUS, expected $1; body: $BODY"
}
# The value of "version" in the last body.
version() { sed -nE 's/.*"version":"([0-9a-f]+)".*/\1/p' <<<"$BODY"; }

req GET "/v1/terms?query=%ED%95%B5%ED%98%91%EC%9D%98%EA%B7%B8%EB%A3%B9" "$RO"
expect_status 200 "term search"
CHECKS=$((CHECKS + 1))
[[ "$BODY" == *'"Nuclear Consultative Group"'* ]] || fail "search found no NCG: $BODY"

req GET /v1/terms/mnd "$RO"
expect_status 200 "one concept"
V1=$(version)
[ -n "$V1" ] || fail "no version: $BODY"
EDIT='{"version": "'"$V1"'", "concept": {"notes": ["MND; also 국방부 본부"], "terms": [{"lang": "ko", "text": "국방부"}, {"lang": "en", "text": "Ministry of National Defense", "status": "preferred"}]}}'
req PUT /v1/terms/mnd "$RO" "$EDIT"
expect_status 403 "a read-only token editing"
req PUT /v1/terms/mnd "$RW" "$EDIT"
expect_status 200 "edit with the version read"
run "$TB" glossary convert "$PG" "$WORK/after-edit.tbx"
expect_rc 0 "export the database"
CHECKS=$((CHECKS + 1))
grep -q "MND; also 국방부 본부" "$WORK/after-edit.tbx" || fail "the edit is not in the database: $(cat "$WORK/after-edit.tbx")"
req PUT /v1/terms/mnd "$RW" "$EDIT"
expect_status 409 "the same edit from the stale version"
run "$TB" glossary list "$PG" --versions
CHECKS=$((CHECKS + 1))
[ "$(grep -c 'mnd' <<<"$OUT")" -ge 1 ] || fail "mnd gone: $OUT"

# An edit beside the server, on the same database, is what the server serves next.
run "$TB" glossary set "$PG" ncg --note "by hand"
expect_rc 0 "glossary set beside the server"
req GET /v1/terms/ncg "$RO"
expect_status 200 "the concept edited beside"
CHECKS=$((CHECKS + 1))
[[ "$BODY" == *'"by hand"'* ]] || fail "the server did not see the edit: $BODY"

req POST /v1/terms "$RW" '{"concept": {"id": "jcs", "terms": [{"lang": "ko", "text": "합동참모본부"}, {"lang": "en", "text": "Joint Chiefs of Staff"}]}}'
expect_status 201 "add a concept"
run "$TB" glossary search "Joint Chiefs" "$PG"
expect_rc 0 "search the database"
expect_out_contains "합동참모본부"
req DELETE "/v1/terms/jcs?version=$V1" "$RW"
expect_status 409 "remove with a wrong version"
req GET /v1/terms/jcs "$RO"
V=$(version)
req DELETE "/v1/terms/jcs?version=$V" "$RW"
expect_status 200 "remove with its version"
run "$TB" glossary list "$PG"
CHECKS=$((CHECKS + 1))
[[ "$OUT" != *"합동참모본부"* ]] || fail "jcs still there: $OUT"

# A database that holds no term base: the server refuses to start, saying so, and creates
# nothing there.
EMPTY=$(pg_schema_uri empty)
run "$TB" serve --tm "$WORK/tm2.sqlite" -g "$EMPTY" --tokens "$WORK/tokens" --listen 127.0.0.1:0
expect_rc 2 "serve a database without a term base"
expect_err_contains "holds no termbridge term base (glossary import makes one)"
CHECKS=$((CHECKS + 1))
tables=$("$PSQL" -X -q -t -A "$BASE" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'cli_$$_empty'")
[ "$tables" = 0 ] || fail "serve created $tables tables in a database without a term base"
done_checks
