#!/usr/bin/env bash
# The module order of docs/DESIGN.md ("Modules and their order"): a core module includes
# only itself and modules above it, public or private headers alike, and third-party
# headers stay out of core/include. Also proves, on a copy with a planted include, that a
# wrong include is caught.
. "$(dirname "$0")/lib.sh"
MODULES=(base text segment glossary lexicon tm align qa job io server)

rank() {
  local i
  for i in "${!MODULES[@]}"; do
    [ "${MODULES[$i]}" = "$1" ] && { echo "$i"; return; }
  done
  echo -1
}

# check_tree ROOT: prints one line per wrong include under ROOT/core; returns 1 if any.
check_tree() {
  local root=$1 bad=0 module dir file line target r_mod r_target
  for module in "${MODULES[@]}"; do
    r_mod=$(rank "$module")
    for dir in "$root/core/src/$module" "$root/core/include/termbridge/$module"; do
      [ -d "$dir" ] || continue
      while IFS= read -r -d '' file; do
        while IFS= read -r line; do
          # "termbridge/<module>/..." (public) or "<module>/..." (private, core/src).
          target=$(printf '%s\n' "$line" |
            sed -nE 's@^[[:space:]]*#[[:space:]]*include[[:space:]]*"(termbridge/)?([a-z_]+)/.*@\2@p')
          [ -n "$target" ] || continue
          r_target=$(rank "$target")
          [ "$r_target" -ge 0 ] || continue
          if [ "$r_target" -gt "$r_mod" ]; then
            echo "${file#"$root"/}: $module includes $target, which comes after it: $line"
            bad=1
          fi
        done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$file")
      done < <(find "$dir" -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) -print0)
    done
  done
  # Public headers speak std::string: no third-party header in core/include.
  if grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(unicode/|boost/|pugixml|sqlite3|httplib|nlohmann/)' \
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
