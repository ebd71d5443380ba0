#!/usr/bin/env bash
# termbridge serve over HTTP on a free loopback port: every endpoint, and the refusals (no
# token, an unknown one, a read-only token writing, an oversized body, malformed JSON, SQL
# metacharacters in every field), each with its status and nothing written when refused.
. "$(dirname "$0")/lib.sh"

command -v curl >/dev/null || { echo "skipped: curl is not installed (cmake/install_deps.sh)"; exit 77; }
command -v sqlite3 >/dev/null || { echo "skipped: sqlite3 is not installed"; exit 77; }

# ---- refusals before serving ----
run "$TB" serve --tm "$WORK/tm.sqlite"
expect_rc 2 "serve without --tokens"
expect_err_contains "missing --tokens FILE"
printf 'rw short\n' >"$WORK/bad_tokens"
run "$TB" serve --tm "$WORK/tm.sqlite" --tokens "$WORK/bad_tokens" --listen 127.0.0.1:0
if [ "$RC" = 2 ] && [[ "$ERR" == *"built without cpp-httplib"* ]]; then
  echo "skipped: termbridge was built without cpp-httplib (libcpp-httplib-dev)"
  exit 77
fi
expect_rc 2 "a short token"
expect_err_contains "bad_tokens:1:1: a token is 16 to 256 printable ASCII characters"
run "$TB" serve --tm "$WORK/tm.sqlite" --tokens "$WORK/bad_tokens" --listen 127.0.0.1
expect_rc 2 "--listen without a port"
expect_err_contains "--listen expects HOST:PORT"
[ ! -e "$WORK/tm.sqlite" ] || fail "a refused start created the memory"

RO=ro$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
RW=rw$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '# test tokens\nro %s\nrw %s\n' "$RO" "$RW" >"$WORK/tokens"
chmod 600 "$WORK/tokens"
printf 'id\tko\ten\ten_status\tnote\nncg\t핵협의그룹\tNuclear Consultative Group\tpreferred\t\nmnd\t국방부\tMinistry of National Defense\tpreferred\t\n' \
  >"$WORK/terms.tsv"

# ---- start on a free port ----
"$TB" serve --tm "$WORK/tm.sqlite" -g "$WORK/terms.tsv" --tokens "$WORK/tokens" \
  --listen 127.0.0.1:0 --max-body 64K --threads 4 --read-timeout 2 2>"$WORK/server.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
URL=
for _ in $(seq 100); do
  URL=$(sed -nE 's@.*listening on (http://127\.0\.0\.1:[0-9]+)/.*@\1@p' "$WORK/server.log")
  [ -n "$URL" ] && break
  kill -0 "$SERVER" 2>/dev/null || fail "the server ended: $(cat "$WORK/server.log")"
  sleep 0.1
done
[ -n "$URL" ] || fail "the server did not say where it listens: $(cat "$WORK/server.log")"

# req METHOD PATH TOKEN [BODY-FILE] [curl options...]: leaves $STATUS and $BODY.
req() {
  local method=$1 path=$2 token=$3 body=${4:-}
  shift 4 2>/dev/null || shift $#
  local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$method")
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "@$body")
  STATUS=$(curl "${args[@]}" "$@" "$URL$path")
  BODY=$(cat "$WORK/body")
}
# json EXPR: evaluates a Python expression over the last body, bound to j.
json() {
  python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$WORK/body" "$1"
}
expect_status() {
  CHECKS=$((CHECKS + 1))
  [ "$STATUS" = "$1" ] || fail "$2: status $STATUS, expected $1; body: $BODY"
  # Without a Python start for each: the server writes keys in order, code first.
  if [ "$1" -ge 400 ]; then
    [[ "$BODY" == '{"error":{"code":"'"$3"'","message":"'* ]] || fail "$2: error code is not $3: $BODY"
  fi
}
units() { sqlite3 "$WORK/tm.sqlite" 'SELECT count(*) FROM units WHERE part_of IS NULL'; }
body() { cat >"$WORK/$1"; }

cp "$WORK/terms.tsv" "$WORK/terms.before"

body import.json <<'EOF'
{"src_lang": "ko", "tgt_lang": "en", "document": "ncg.ko.txt", "units": [
 {"source": "한미 양국은 핵협의그룹 회의를 열었다.",
  "target": "The two allies held a Nuclear Consultative Group meeting."},
 {"source": "국방부는 훈련 계획을 발표했다.", "target": "The Ministry of National Defense announced the drill plan."}]}
EOF
body lookup.json <<'EOF'
{"query": "한미 양국은 핵협의그룹 회의를 다시 열었다.", "src_lang": "ko", "tgt_lang": "en", "min_score": 50}
EOF
body concordance.json <<'EOF'
{"text": "drill plan"}
EOF
body add_concept.json <<'EOF'
{"concept": {"id": "jcs", "terms": [{"lang": "ko", "text": "합동참모본부"}, {"lang": "en", "text": "Joint Chiefs of Staff"}]}}
EOF
body put_concept.json <<'EOF'
{"version": "0000000000000000", "concept": {"terms": [{"lang": "ko", "text": "국방부"}]}}
EOF

# ---- no token, an unknown one, a read-only one writing: refused, nothing written ----
ENDPOINTS=("GET /v1/health -" "GET /v1/stats -" "POST /v1/tm/lookup lookup.json"
  "POST /v1/tm/concordance concordance.json" "POST /v1/tm/units import.json"
  "DELETE /v1/tm/units/1 -" "GET /v1/terms?query=ncg -" "GET /v1/terms/ncg -"
  "POST /v1/terms add_concept.json" "PUT /v1/terms/mnd put_concept.json"
  "DELETE /v1/terms/mnd?version=0 -" "GET /v1/nothing -")
for e in "${ENDPOINTS[@]}"; do
  read -r method path file <<<"$e"
  [ "$file" = - ] && file= || file="$WORK/$file"
  req "$method" "$path" "" "$file"
  expect_status 401 "$method $path without a token" unauthorized
  req "$method" "$path" "not-a-token-of-this-server" "$file"
  expect_status 401 "$method $path with an unknown token" unauthorized
  req "$method" "$path" "$RO$RO" "$file"
  expect_status 401 "$method $path with a longer token" unauthorized
done
STATUS=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Basic $RW" "$URL/v1/stats")
BODY=$(cat "$WORK/body")
expect_status 401 "a token not given as Bearer" unauthorized
for e in "POST /v1/tm/units import.json" "DELETE /v1/tm/units/1 -" "POST /v1/terms add_concept.json" \
  "PUT /v1/terms/mnd put_concept.json" "DELETE /v1/terms/mnd?version=0 -"; do
  read -r method path file <<<"$e"
  [ "$file" = - ] && file= || file="$WORK/$file"
  req "$method" "$path" "$RO" "$file"
  expect_status 403 "$method $path with the read-only token" forbidden
done
CHECKS=$((CHECKS + 1))
[ "$(units)" = 0 ] || fail "refused requests wrote $(units) units"
cmp -s "$WORK/terms.tsv" "$WORK/terms.before" || fail "refused requests changed the term base"

# ---- 404, 405, 413, 400 ----
req GET /v1/nothing "$RO"
expect_status 404 "an unknown path" not_found
req GET /v1/tm/units "$RW"
expect_status 405 "GET on /v1/tm/units" method_not_allowed
head -c 70000 /dev/zero | tr '\0' 'x' >"$WORK/big"
req POST /v1/tm/units "$RW" "$WORK/big"
expect_status 413 "a body over --max-body" payload_too_large
# Chunked, so that the size is known only as it arrives.
req POST /v1/tm/units "$RW" "$WORK/big" -H 'Transfer-Encoding: chunked'
expect_status 413 "a chunked body over --max-body" payload_too_large
python3 - "$WORK/import.json" "$WORK/big_import.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
j["units"] = j["units"] + [{"source": "가" * 40000, "target": "x"}]
json.dump(j, open(sys.argv[2], "w"), ensure_ascii=False)
EOF
req POST /v1/tm/units "$RW" "$WORK/big_import.json"
expect_status 413 "a valid import over --max-body" payload_too_large
for f in import lookup concordance add_concept put_concept; do
  head -c 15 "$WORK/$f.json" >"$WORK/broken.json"
  case $f in
    import) path=/v1/tm/units method=POST ;;
    lookup) path=/v1/tm/lookup method=POST ;;
    concordance) path=/v1/tm/concordance method=POST ;;
    add_concept) path=/v1/terms method=POST ;;
    put_concept) path=/v1/terms/mnd method=PUT ;;
  esac
  req $method $path "$RW" "$WORK/broken.json"
  expect_status 400 "malformed JSON to $path" bad_request
  CHECKS=$((CHECKS + 1))
  [[ "$(json "j['error']['message']")" == "malformed JSON: parse error at line"* ]] ||
    fail "malformed JSON: $BODY"
done
printf '{"src_lang": "ko", "tgt_lang": "en", "units": [{"source": "a", "target": "b"}, {"target": "c"}]}' \
  >"$WORK/missing.json"
req POST /v1/tm/units "$RW" "$WORK/missing.json"
expect_status 400 "a unit without source" bad_request
CHECKS=$((CHECKS + 1))
[ "$(json "j['error']['message']")" = "missing field units[1].source" ] || fail "field not named: $BODY"
printf '{"query": "x", "src_lang": "ko"}' >"$WORK/missing.json"
req POST /v1/tm/lookup "$RW" "$WORK/missing.json"
expect_status 400 "a lookup without tgt_lang" bad_request
CHECKS=$((CHECKS + 1))
[ "$(json "j['error']['message']")" = "missing field tgt_lang" ] || fail "field not named: $BODY"
CHECKS=$((CHECKS + 1))
[ "$(units)" = 0 ] || fail "refused requests wrote $(units) units"
cmp -s "$WORK/terms.tsv" "$WORK/terms.before" || fail "refused requests changed the term base"

# ---- the endpoints ----
req GET /v1/health "$RO"
expect_status 200 "health"
req POST /v1/tm/units "$RW" "$WORK/import.json"
expect_status 200 "import"
CHECKS=$((CHECKS + 1))
[ "$(json "(j['added'], j['duplicates'])")" = "(2, 0)" ] || fail "import: $BODY"
req POST /v1/tm/units "$RW" "$WORK/import.json"
CHECKS=$((CHECKS + 1))
[ "$(json "(j['added'], j['duplicates'])")" = "(0, 2)" ] || fail "import again: $BODY"
[ "$(units)" = 2 ] || fail "2 units expected, $(units) stored"

req POST /v1/tm/lookup "$RO" "$WORK/lookup.json"
expect_status 200 "lookup"
CHECKS=$((CHECKS + 1))
[ "$(json "j['matches'][0]['target']")" = "The two allies held a Nuclear Consultative Group meeting." ] ||
  fail "lookup: $BODY"
[ "$(json "[d['query'] for d in j['matches'][0]['diff'] if d['kind'] == 'query_only']")" = "['다시']" ] ||
  fail "lookup diff: $BODY"
[ "$(json "[(t['concept_id'], t['text'], t['targets'][0]['text']) for t in j['terms']]")" = \
  "[('ncg', '핵협의그룹', 'Nuclear Consultative Group')]" ] || fail "lookup term hints: $BODY"
[ "$(json "j['matches'][0]['document']")" = "ncg.ko.txt" ] || fail "lookup document: $BODY"

req POST /v1/tm/concordance "$RO" "$WORK/concordance.json"
expect_status 200 "concordance"
CHECKS=$((CHECKS + 1))
[ "$(json "(j['total'], j['units'][0]['source'])")" = "(1, '국방부는 훈련 계획을 발표했다.')" ] ||
  fail "concordance: $BODY"

req GET /v1/stats "$RO"
expect_status 200 "stats"
CHECKS=$((CHECKS + 1))
[ "$(json "(j['tm']['units'], j['glossary']['concepts'])")" = "(2, 2)" ] || fail "stats: $BODY"

req GET "/v1/terms?query=ministry" "$RO"
expect_status 200 "term search"
CHECKS=$((CHECKS + 1))
[ "$(json "[h['concept']['id'] for h in j['hits']]")" = "['mnd']" ] || fail "term search: $BODY"
req GET "/v1/terms?query=x&limit=0" "$RO"
expect_status 400 "a limit of 0" bad_request

# Term edits: add, then change with the version read; the same change again is stale.
req POST /v1/terms "$RW" "$WORK/add_concept.json"
expect_status 201 "add a concept"
grep -q $'^jcs\t합동참모본부\tJoint Chiefs of Staff' "$WORK/terms.tsv" || fail "jcs not written: $(cat "$WORK/terms.tsv")"
req POST /v1/terms "$RW" "$WORK/add_concept.json"
expect_status 409 "add the concept again" conflict
req GET /v1/terms/mnd "$RO"
V1=$(json "j['concept']['version']")
python3 - "$V1" >"$WORK/edit.json" <<'EOF'
import json, sys
print(json.dumps({"version": sys.argv[1], "concept": {"notes": ["MND; also 국방부 본부"], "terms": [
    {"lang": "ko", "text": "국방부"},
    {"lang": "en", "text": "Ministry of National Defense", "status": "preferred"}]}}))
EOF
cp "$WORK/terms.tsv" "$WORK/terms.v1"
req PUT /v1/terms/mnd "$RW" "$WORK/edit.json"
expect_status 200 "edit a concept with its version"
V2=$(json "j['version']")
[ "$V2" != "$V1" ] || fail "the version did not change"
grep -q $'^mnd\t.*MND; also 국방부 본부' "$WORK/terms.tsv" || fail "the edit is not in the file: $(cat "$WORK/terms.tsv")"
cp "$WORK/terms.tsv" "$WORK/terms.v2"
req PUT /v1/terms/mnd "$RW" "$WORK/edit.json"
expect_status 409 "the same edit from the stale version" conflict
CHECKS=$((CHECKS + 1))
[[ "$(json "j['error']['message']")" == *"it is at version $V2"* ]] || fail "409 message: $BODY"
cmp -s "$WORK/terms.tsv" "$WORK/terms.v2" || fail "a stale edit changed the term base"
# An edit by hand (glossary set) changes the version the server sees.
run "$TB" glossary set "$WORK/terms.tsv" jcs --note "by hand"
expect_rc 0 "glossary set beside the server"
req GET /v1/terms/jcs "$RO"
[ "$(json "j['concept']['notes']")" = "['by hand']" ] || fail "the server did not see the edit: $BODY"
req DELETE "/v1/terms/jcs?version=$V1" "$RW"
expect_status 409 "remove with a wrong version" conflict
V=$(curl -s -H "Authorization: Bearer $RO" "$URL/v1/terms/jcs" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["concept"]["version"])')
req DELETE "/v1/terms/jcs?version=$V" "$RW"
expect_status 200 "remove with its version"
grep -q '^jcs' "$WORK/terms.tsv" && fail "jcs still in the file"
req GET /v1/terms/jcs "$RO"
expect_status 404 "a removed concept" not_found

# Two edits made from the same version at once: one is stored, the other gets 409.
req GET /v1/terms/mnd "$RO"
V=$(json "j['concept']['version']")
for n in 1 2; do
  python3 -c '
import json, sys
print(json.dumps({"version": sys.argv[1], "concept": {"notes": ["edit " + sys.argv[2]], "terms": [
    {"lang": "ko", "text": "국방부"}, {"lang": "en", "text": "Ministry of National Defense"}]}}))
' "$V" "$n" >"$WORK/race$n.json"
done
RACERS=()
for n in 1 2; do
  curl -s -o "$WORK/race$n.out" -w '%{http_code}' -X PUT -H "Authorization: Bearer $RW" \
    --data-binary "@$WORK/race$n.json" "$URL/v1/terms/mnd" >"$WORK/race$n.status" &
  RACERS+=($!)
done
wait "${RACERS[@]}"
CHECKS=$((CHECKS + 1))
statuses=$(printf '%s\n%s\n' "$(cat "$WORK/race1.status")" "$(cat "$WORK/race2.status")" | sort | tr '\n' ' ')
[ "$statuses" = "200 409 " ] || fail "two edits from one version: $statuses, expected one 200 and one 409"
[ "$(grep -c '^mnd' "$WORK/terms.tsv")" = 1 ] || fail "mnd is not in the file once"
grep -qE $'^mnd\t.*edit (1|2)' "$WORK/terms.tsv" || fail "neither edit is in the file"

# A client that sends part of a request and stalls is cut off after --read-timeout (2 s),
# and what it sent is not stored.
exec 3<>"/dev/tcp/127.0.0.1/${URL##*:}"
printf 'POST /v1/tm/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 200\r\n\r\n{"src_lang": "ko"' \
  "$RW" >&3
start=$SECONDS
timeout 20 cat <&3 >/dev/null
RC=$?
exec 3<&-
CHECKS=$((CHECKS + 1))
[ "$RC" != 124 ] || fail "a stalled request was not cut off in 20 s"
[ $((SECONDS - start)) -le 10 ] || fail "a stalled request was cut off after $((SECONDS - start)) s"
[ "$(units)" = 2 ] || fail "a stalled request changed the units: $(units)"

# ---- SQL metacharacters in every field: stored and found verbatim, nothing else touched ----
NASTY="'; DROP TABLE units; -- 100% _x_ \\\" \\\\ \`x\` ;"
python3 - "$NASTY" "$WORK" <<'EOF'
import json, sys
n, work = sys.argv[1], sys.argv[2]
json.dump({"src_lang": "ko", "tgt_lang": "en", "document": n, "units": [
    {"source": "국방부 " + n, "target": "MND " + n, "document": n, "note": n}]},
    open(work + "/nasty_import.json", "w"), ensure_ascii=False)
json.dump({"text": n}, open(work + "/nasty_conc.json", "w"), ensure_ascii=False)
json.dump({"query": "국방부 " + n, "src_lang": "ko", "tgt_lang": "en"},
          open(work + "/nasty_lookup.json", "w"), ensure_ascii=False)
json.dump({"query": n, "src_lang": n, "tgt_lang": "en"}, open(work + "/nasty_lang.json", "w"))
json.dump({"concept": {"id": "x" + n, "domain": n, "definition": n, "notes": [n],
                       "terms": [{"lang": "ko", "text": "가" + n, "note": n},
                                 {"lang": "en", "text": "A" + n}]}},
          open(work + "/nasty_concept.json", "w"), ensure_ascii=False)
EOF
req POST /v1/tm/units "$RW" "$WORK/nasty_import.json"
expect_status 200 "metacharacters in a unit"
req POST /v1/tm/lookup "$RW" "$WORK/nasty_lang.json"
expect_status 400 "metacharacters as a language" bad_request
req POST /v1/tm/concordance "$RO" "$WORK/nasty_conc.json"
CHECKS=$((CHECKS + 1))
[ "$(json "(j['total'], j['units'][0]['source'], j['units'][0]['document'])")" = \
  "$(python3 -c 'import sys; n = sys.argv[1]; print((1, "국방부 " + n, n))' "$NASTY")" ] ||
  fail "concordance of the metacharacters: $BODY"
req POST /v1/tm/lookup "$RO" "$WORK/nasty_lookup.json"
CHECKS=$((CHECKS + 1))
[ "$(json "(j['matches'][0]['score'], j['matches'][0]['target'])")" = \
  "$(python3 -c 'import sys; print((100.0, "MND " + sys.argv[1]))' "$NASTY")" ] ||
  fail "lookup of the metacharacters: $BODY"
for wild in % _ "\\\\"; do
  printf '{"text": "%s"}' "$wild" >"$WORK/wild.json"
  req POST /v1/tm/concordance "$RO" "$WORK/wild.json"
  CHECKS=$((CHECKS + 1))
  [ "$(json "j['total']")" = 1 ] || fail "concordance of $wild is a wildcard: $BODY"
done
[ "$(units)" = 3 ] || fail "3 units expected, $(units) stored"
[ "$(sqlite3 "$WORK/tm.sqlite" "SELECT count(*) FROM sqlite_master WHERE name = 'units'")" = 1 ] ||
  fail "the units table is gone"
req POST /v1/terms "$RW" "$WORK/nasty_concept.json"
expect_status 201 "metacharacters in a concept"
NASTY_ID=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote("x" + sys.argv[1], safe=""))' "$NASTY")
req GET "/v1/terms/$NASTY_ID" "$RO"
expect_status 200 "the concept read back"
CHECKS=$((CHECKS + 1))
[ "$(json "(j['concept']['domain'], j['concept']['terms'][0]['note'])")" = \
  "$(python3 -c 'import sys; print((sys.argv[1], sys.argv[1]))' "$NASTY")" ] || fail "concept: $BODY"
req GET "/v1/terms?query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote("A" + sys.argv[1]))' "$NASTY")" "$RO"
CHECKS=$((CHECKS + 1))
[ "$(json "j['hits'][0]['match']")" = exact ] || fail "term search of the metacharacters: $BODY"
# The file holds it as written: read back by termbridge itself.
run "$TB" glossary list "$WORK/terms.tsv"
expect_rc 0 "glossary list of the served file"
expect_out_contains "가$NASTY"

# ---- removal of a unit ----
req DELETE /v1/tm/units/1 "$RW"
expect_status 200 "remove a unit"
req DELETE /v1/tm/units/1 "$RW"
expect_status 404 "remove it again" not_found
req DELETE "/v1/tm/units/1%20OR%201=1" "$RW"
expect_status 400 "a unit id that is not a number" bad_request
[ "$(units)" = 2 ] || fail "2 units expected after the removal, $(units) stored"

# ---- SIGTERM ends it cleanly ----
kill -TERM "$SERVER"
wait "$SERVER"
RC=$?
CHECKS=$((CHECKS + 1))
[ "$RC" = 0 ] || fail "the server exited $RC on SIGTERM: $(cat "$WORK/server.log")"
grep -q "stopped on SIGTERM" "$WORK/server.log" || fail "no note of the signal: $(cat "$WORK/server.log")"
grep -q "error" "$WORK/server.log" && fail "the server logged errors: $(cat "$WORK/server.log")"

done_checks
