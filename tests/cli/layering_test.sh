#!/usr/bin/env bash
# The module order of docs/DESIGN.md ("Modules and their order"): a core module includes
# only itself and modules above it, public or private headers alike, and third-party
# headers stay out of core/include. Also proves, on a copy with a planted include, that a
# wrong include is caught. Reads the sources only: left out of the sanitizer pass.
# labels: static
. "$(dirname "$0")/lib.sh"
MODULES=(base text segment glossary lexicon tm align qa job io termdb server)

# check_tree ROOT: prints one line per wrong include under ROOT/core; returns 1 if any.
# One grep over each module's files, one awk over its lines: "termbridge/<module>/..." (public)
# or "<module>/..." (private, core/src) names the module included.
check_tree() {
  local root=$1 bad=0 module dir
  for module in "${MODULES[@]}"; do
    for dir in "$root/core/src/$module" "$root/core/include/termbridge/$module"; do
      [ -d "$dir" ] || continue
      grep -rHE --include='*.hpp' --include='*.cpp' --include='*.h' \
        '^[[:space:]]*#[[:space:]]*include' "$dir" || true
    done | awk -v root="$root/" -v module="$module" -v order="${MODULES[*]}" '
      BEGIN { n = split(order, names, " "); for (i = 1; i <= n; i++) rank[names[i]] = i }
      {
        colon = index($0, ":"); file = substr($0, 1, colon - 1); line = substr($0, colon + 1)
        if (!match(line, /^[[:space:]]*#[[:space:]]*include[[:space:]]*"(termbridge\/)?[a-z_]+\//)) next
        target = substr(line, RSTART, RLENGTH)
        sub(/^[^"]*"/, "", target); sub(/^termbridge\//, "", target); sub(/\/$/, "", target)
        if (!(target in rank)) next
        if (rank[target] > rank[module]) {
          if (index(file, root) == 1) file = substr(file, length(root) + 1)
          printf "%s: %s includes %s, which comes after it: %s\n", file, module, target, line
          bad = 1
        }
      }
      END { exit bad }' || bad=1
  done
  # Public headers speak std::string: no third-party header in core/include.
  if grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(unicode/|boost/|pugixml|sqlite3|libpq|httplib|nlohmann/)' \
    "$root/core/include" >"$WORK/third_party.txt"; then
    sed "s@^$root/@@; s@\$@ (a third-party header in a public header)@" "$WORK/third_party.txt"
    bad=1
  fi
  return $bad
}

# The documented order is the one checked here.
CHECKS=$((CHECKS + 1))
order=$(sed -n '/^## Modules and their order/,/^## /p' "$TB_SOURCE_DIR/docs/DESIGN.md" |
  sed -nE 's/^  ([a-z]+) {2,}.*/\1/p' | tr '\n' ' ')
[ "$order" = "${MODULES[*]} " ] || fail "DESIGN.md lists the modules as '$order', this test '${MODULES[*]}'"

CHECKS=$((CHECKS + 1))
check_tree "$TB_SOURCE_DIR" >"$WORK/found.txt" || fail "wrong includes:
$(cat "$WORK/found.txt")"

# A planted include of io from tm, and one of a private job header from text, are caught.
mkdir -p "$WORK/copy"
cp -R "$TB_SOURCE_DIR/core" "$WORK/copy/core"
printf '#include "termbridge/io/tmx.hpp"\n' >>"$WORK/copy/core/src/tm/memory.cpp"
printf '#include "job/private.hpp"\n' >>"$WORK/copy/core/include/termbridge/text/decode.hpp"
CHECKS=$((CHECKS + 1))
if check_tree "$WORK/copy" >"$WORK/planted.txt"; then
  fail "planted wrong includes were not caught"
fi
grep -q '^core/src/tm/memory.cpp: tm includes io' "$WORK/planted.txt" ||
  fail "tm -> io not reported: $(cat "$WORK/planted.txt")"
grep -q '^core/include/termbridge/text/decode.hpp: text includes job' "$WORK/planted.txt" ||
  fail "text -> job not reported: $(cat "$WORK/planted.txt")"
[ "$(wc -l <"$WORK/planted.txt")" = 2 ] || fail "more than the planted includes: $(cat "$WORK/planted.txt")"

done_checks
