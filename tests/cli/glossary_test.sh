#!/usr/bin/env bash
# termbridge glossary: convert, import, list, search, add, remove, set, validate, stats.
source "$(dirname "$0")/lib.sh"
G="$TB_SOURCE_DIR/glossaries"
CSV="$TB_DATA/glossary/alliance.csv"

# convert: every format, schema-valid TBX, lossless round trip
run "$TB" glossary convert --to tbx3 "$CSV" "$WORK/a.tbx"
expect_rc 0 "convert csv -> tbx3"
expect_valid_xml "$WORK/a.tbx"
run "$TB" glossary convert --to tbx2 "$WORK/a.tbx" "$WORK/a2.tbx"
expect_rc 0 "convert tbx3 -> tbx2"
expect_valid_xml "$WORK/a2.tbx"
run "$TB" glossary convert "$WORK/a2.tbx" "$WORK/back.csv"
expect_rc 0 "convert tbx2 -> csv"
run cmp "$CSV" "$WORK/back.csv"
expect_rc 0 "csv -> tbx3 -> tbx2 -> csv is byte-identical"
run "$TB" glossary convert --to omegat-tsv --src-lang ko --tgt-lang en "$CSV" -
expect_rc 0 "convert to omegat"
expect_out "핵협의그룹	Nuclear Consultative Group	launched 2023
한미안보협의회의	Security Consultative Meeting"
printf '확장억제\textended deterrence\tUS commitment\n' >"$WORK/omegat.txt"
run "$TB" glossary convert --from omegat-tsv --src-lang ko --tgt-lang en "$WORK/omegat.txt" "$WORK/o.tbx"
expect_rc 0 "convert from omegat"
expect_valid_xml "$WORK/o.tbx"
run "$TB" glossary convert "$WORK/omegat.txt" "$WORK/o2.tbx"
expect_rc 2 "omegat file read as tsv without a header"
expect_err_contains "unknown column '확장억제'"

# .tbx without --to is TBX v2 (<martif>), what translate-toolkit, MultiTerm and memoQ import
run "$TB" glossary convert "$CSV" "$WORK/default.tbx"
expect_rc 0 "convert csv -> .tbx"
run head -c 200 "$WORK/default.tbx"
expect_out_contains "<martif type=\"TBX\""
expect_valid_xml "$WORK/default.tbx"

# broken input: clear errors with file and line
printf '<martif type="TBX"><text><body>\n<termEntry id="ncg">\n</body></text></martif>\n' >"$WORK/broken.tbx"
run "$TB" glossary convert "$WORK/broken.tbx" "$WORK/x.csv"
expect_rc 2 "not well-formed TBX"
expect_err_contains "broken.tbx:3:"
[ ! -e "$WORK/x.csv" ] || fail "no output on error"
printf '<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>\n' >"$WORK/tm.tbx"
run "$TB" glossary stats "$WORK/tm.tbx"
expect_rc 2 "a TMX is not a term base"
expect_err_contains "found <tmx>"
printf 'id,en,ko\nncg,NCG,핵협의그룹\nscm,SCM\n' >"$WORK/ragged.csv"
run "$TB" glossary stats "$WORK/ragged.csv"
expect_rc 2 "ragged row"
expect_err_contains "ragged.csv:3"
run "$TB" glossary stats --on-bad-entry warn "$WORK/ragged.csv"
expect_rc 0 "ragged row skipped with --on-bad-entry warn"
expect_err_contains "warning: "
expect_out_contains "concepts	1"

# list and stats
run "$TB" glossary list "$CSV"
expect_rc 0 "list"
expect_out "id	en	ko
ncg	Nuclear Consultative Group; NCG	핵협의그룹; 핵자문그룹 (forbidden)
scm	Security Consultative Meeting	한미안보협의회의"
run "$TB" glossary stats "$G/defense.ko-en.tbx"
expect_rc 0 "stats"
expect_out_contains "status.forbidden	"
CONCEPTS=$(printf '%s\n' "$OUT" | awk -F'\t' '$1=="concepts"{print $2}')
[ "$CONCEPTS" -ge 200 ] || fail "shipped term base has $CONCEPTS concepts, expected at least 200"

# search: prefix, substring and near spellings, any language, with translations
run "$TB" glossary search 핵협의 "$G/defense.ko-en.tsv"
expect_rc 0 "search ko prefix"
expect_out_contains "nuclear-consultative-group	핵협의그룹	ko	prefix	en: Nuclear Consultative Group"
run "$TB" glossary search "extended deterence" "$G/defense.ko-en.tsv"
expect_out_contains "extended-deterrence	extended deterrence	en	fuzzy	ko: 확장억제"
run "$TB" glossary search NCG "$G/defense.ko-en.tbx"
expect_out_contains "NCG	en	exact	ko: 핵협의그룹"
# -g names the term base here as in every other command
POSITIONAL=$OUT
run "$TB" glossary search NCG -g "$G/defense.ko-en.tbx"
expect_rc 0 "search with -g"
expect_out "$POSITIONAL" "search with -g prints what search with FILE prints"
run "$TB" glossary stats --glossary "$G/defense.ko-en.tsv"
expect_out_contains "concepts	$CONCEPTS" "stats with --glossary"
run "$TB" glossary search NCG "$G/defense.ko-en.tsv" -g "$G/defense.ko-en.tbx"
expect_rc 2 "FILE and -g together"
expect_err_contains "expected TEXT and FILE"

# validate: the shipped term base is clean; problems are one line each with file and id
run "$TB" glossary validate "$G/defense.ko-en.tsv" "$G/defense.ko-en.tbx"
expect_rc 0 "shipped term base validates"
expect_out ""
printf 'id\ten\tko\ten_status\nncg\tNCG\t핵협의그룹\tpreferred\nncg-dup\tNCG\t\tpreferred\nscm\tSCM\t\tforbidden\nscm\tscm\t\tpreferred\n' >"$WORK/bad.tsv"
printf 'id,en,xx\ndmz,DMZ,비무장지대\n' >"$WORK/badlang.csv"
run "$TB" glossary validate "$WORK/bad.tsv" "$WORK/badlang.csv"
expect_rc 1 "problems found"
expect_out_contains "bad.tsv: concept 'ncg-dup': term 'NCG' (en) is also a term of concept 'ncg'"
expect_out_contains "bad.tsv: concept 'ncg-dup': has no usable ko term"
expect_out_contains "bad.tsv: concept 'scm': forbidden term 'SCM' (en) is identical to the usable term 'scm'"
expect_out_contains "badlang.csv: language tag 'xx' has no known ISO 639 language"

# add, set, remove in place: the rest of the file stays byte for byte
cp "$G/defense.ko-en.tsv" "$WORK/d.tsv"
run "$TB" glossary add "$WORK/d.tsv" kill-web --term 'en=kill web;preferred' --term 'ko=킬웹;preferred' --note 'networked targeting'
expect_rc 0 "add to tsv"
run bash -c "diff '$G/defense.ko-en.tsv' '$WORK/d.tsv' | grep '^[<>]'"
expect_out "> kill-web	kill web	킬웹		preferred			preferred	networked targeting" "only the new row"
run bash -c "grep -A1 '^kill-chain' '$WORK/d.tsv' | tail -1 | cut -f1"
expect_out "kill-web" "the new row at its sorted place"
run "$TB" glossary add "$WORK/d.tsv" kill-web --term 'en=kill web'
expect_rc 2 "add an existing id"
expect_err_contains "already in"
run "$TB" glossary set "$WORK/d.tsv" kill-web --term 'ko=킬 웹;variant;admitted'
expect_rc 0 "set"
run grep -c '^kill-web' "$WORK/d.tsv"
expect_out "2"
run "$TB" glossary remove "$WORK/d.tsv" kill-web
expect_rc 0 "remove"
run cmp "$G/defense.ko-en.tsv" "$WORK/d.tsv"
expect_rc 0 "add + set + remove gives the file back"
run "$TB" glossary set "$WORK/d.tsv" nuclear-consultative-group --term 'ja=核協議グループ'
expect_rc 2 "set with a language the header lacks"
expect_err_contains "no 'ja' column"

cp "$G/defense.ko-en.tbx" "$WORK/d.tbx"
run "$TB" glossary set "$WORK/d.tbx" nuclear-consultative-group --term 'ko=핵협의 그룹;variant;admitted'
expect_rc 0 "set in tbx"
expect_valid_xml "$WORK/d.tbx"
run bash -c "diff '$G/defense.ko-en.tbx' '$WORK/d.tbx' | grep -c '^[<>]'"
expect_out "5" "only the new termSec lines differ"
run "$TB" glossary set "$WORK/d.tbx" nuclear-consultative-group --remove-term 'ko=핵협의 그룹'
run cmp "$G/defense.ko-en.tbx" "$WORK/d.tbx"
expect_rc 0 "set back gives the tbx back"
run "$TB" glossary add "$WORK/d.tbx" kill-web --term 'en=kill web' --term 'ko=킬웹'
expect_rc 0 "add to tbx"
expect_valid_xml "$WORK/d.tbx"
run "$TB" glossary remove "$WORK/d.tbx" kill-web
run cmp "$G/defense.ko-en.tbx" "$WORK/d.tbx"
expect_rc 0 "add + remove gives the tbx back"
run "$TB" glossary remove "$WORK/d.tbx" no-such-concept
expect_rc 2 "remove a missing id"

# import: merge, report conflicts, keep the receiving value
printf 'id,en,ko,ko_status\nncg,NCG,핵협의그룹,admitted\ncni,CNI,재래식-핵 통합,preferred\n' >"$WORK/new.csv"
cp "$CSV" "$WORK/into.csv"
run "$TB" glossary import "$WORK/into.csv" "$WORK/new.csv"
expect_rc 1 "import with a conflict"
expect_err_contains "concept 'ncg': term '핵협의그룹' (ko) has a different status: 'preferred' kept, 'admitted' not taken"
expect_err_contains "1 concept added, 1 merged"
run "$TB" glossary list "$WORK/into.csv"
expect_out_contains "cni	CNI	재래식-핵 통합"

# the shipped TBX is what convert writes from the TSV
run "$TB" glossary convert --to tbx3 "$G/defense.ko-en.tsv" "$WORK/regen.tbx"
run cmp "$G/defense.ko-en.tbx" "$WORK/regen.tbx"
expect_rc 0 "glossaries/defense.ko-en.tbx is up to date (regenerate with glossary convert)"
expect_valid_xml "$G/defense.ko-en.tbx"
run "$TB" glossary convert "$G/defense.ko-en.tsv" "$WORK/canon.tsv"
run cmp "$G/defense.ko-en.tsv" "$WORK/canon.tsv"
expect_rc 0 "the shipped TSV is in canonical form"

# the shared glossary in its three forms lists the same
if [ -f "$SHARED/data/terms/defense-ko-en.csv" ]; then
  "$TB" glossary list "$SHARED/data/terms/defense-ko-en.csv" >"$WORK/l1"
  "$TB" glossary list "$SHARED/data/terms/defense-ko-en.tbx2.tbx" >"$WORK/l2"
  "$TB" glossary list "$SHARED/data/terms/defense-ko-en.tbx3.tbx" >"$WORK/l3"
  run cmp "$WORK/l1" "$WORK/l2"
  expect_rc 0 "shared csv and tbx2 list the same"
  run cmp "$WORK/l2" "$WORK/l3"
  expect_rc 0 "shared tbx2 and tbx3 list the same"
fi
done_checks
