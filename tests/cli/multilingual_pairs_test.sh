#!/usr/bin/env bash
# Language pairs other than Korean-English: a Korean-Japanese article pair aligned against its
# hand alignment, a memory of units in three languages (ko, en, ja) looked up in every pair of
# them, pre-translation of one Korean article into Japanese and into English from that memory,
# qa and merge of the Japanese job.
. "$(dirname "$0")/lib.sh"
A="$TB_DATA/align/trilateral"
TMX="$TB_DATA/tm/trilateral.ko-en-ja.tmx"
G="$TB_DATA/terms/defense-multi.ko-en-ja-de.tsv"

# ---- align: Korean-Japanese, raw text segmented by the Korean and Japanese rules ----

run "$TB" align --src-lang ko --tgt-lang ja "$A/ko.txt" "$A/ja.txt"
expect_rc 0 "align ko-ja"
expect_out "$(cat "$A/gold")" "align ko-ja against the hand alignment"
CHECKS=$((CHECKS + 1))
[ -z "$ERR" ] || fail "align ko-ja warned: $ERR"

# The other direction gives the same beads, mirrored.
run "$TB" align --src-lang ja --tgt-lang ko "$A/ja.txt" "$A/ko.txt"
expect_rc 0 "align ja-ko"
mirrored=$(sed -E 's/^(\[[0-9,]*\]):(\[[0-9,]*\])$/\2:\1/' "$A/gold")
expect_out "$mirrored" "align ja-ko against the mirrored hand alignment"

# TSV with a header names the pair; every bead that has both sides scores above the
# sentence left without a counterpart (the photo credit).
run "$TB" align --src-lang ko --tgt-lang ja --format tsv --header -o "$WORK/ko-ja.tsv" "$A/ko.txt" "$A/ja.txt"
expect_rc 0 "align ko-ja tsv"
CHECKS=$((CHECKS + 1))
[ "$(head -n 1 "$WORK/ko-ja.tsv")" = "ko	ja	score" ] || fail "tsv header: $(head -n 1 "$WORK/ko-ja.tsv")"
CHECKS=$((CHECKS + 1))
low=$(awk -F'\t' 'NR > 1 && $2 != "" && $3 < 0.5' "$WORK/ko-ja.tsv" | wc -l)
[ "$low" = 0 ] || fail "ko-ja beads below 0.5: $(awk -F'\t' 'NR > 1 && $3 < 0.5' "$WORK/ko-ja.tsv")"
CHECKS=$((CHECKS + 1))
grep -q '	3か国は来年、多領域の共同訓練「フリーダム・エッジ（Freedom Edge）」を2回実施する。	' \
  "$WORK/ko-ja.tsv" || fail "the Latin name inside Japanese text: $(cat "$WORK/ko-ja.tsv")"

run "$TB" align --src-lang ko --tgt-lang ja --format tmx -o "$WORK/ko-ja.tmx" "$A/ko.txt" "$A/ja.txt"
expect_rc 0 "align ko-ja tmx"
expect_valid_xml "$WORK/ko-ja.tmx"
CHECKS=$((CHECKS + 1))
grep -q '<tuv xml:lang="ja"><seg>閣僚らはまた' "$WORK/ko-ja.tmx" || fail "tmx lacks the Japanese side"

# English-French: two Latin-script languages; French is no "English-looking" mistake.
cat >"$WORK/en.txt" <<'EOF'
NATO defence ministers met in Brussels on Thursday to discuss support for Ukraine. The meeting was chaired by Secretary General Mark Rutte.

The allies agreed to raise defence spending to 3.5% of GDP by 2035. Several ministers said the target was ambitious. Germany and France announced new air defence systems for Kyiv.

The next meeting will take place in June.
EOF
cat >"$WORK/fr.txt" <<'EOF'
Les ministres de la Défense de l'OTAN se sont réunis jeudi à Bruxelles pour discuter du soutien à l'Ukraine. La réunion était présidée par le secrétaire général, M. Mark Rutte.

Les alliés ont convenu de porter les dépenses de défense à 3,5 % du PIB d'ici 2035, un objectif que plusieurs ministres ont jugé ambitieux. L'Allemagne et la France ont annoncé de nouveaux systèmes de défense aérienne pour Kiev.

La prochaine réunion aura lieu en juin.
EOF
run "$TB" align --src-lang en --tgt-lang fr "$WORK/en.txt" "$WORK/fr.txt"
expect_rc 0 "align en-fr"
expect_out "[0]:[0]
[1]:[1]
[2,3]:[2]
[4]:[3]
[5]:[4]" "align en-fr"
CHECKS=$((CHECKS + 1))
[ -z "$ERR" ] || fail "align en-fr warned: $ERR"
# French declared as Korean is still worth a warning.
run "$TB" align --src-lang en --tgt-lang ko "$WORK/en.txt" "$WORK/fr.txt"
expect_rc 0 "align en-'ko'"
expect_err_contains "looks like 'en' text, not 'ko'"

# qa of the pair: numbers with myriad units agree (3만 = 3万); a changed one is found.
printf 'ko\tja\n병력 3만 명이 참가했다.\t兵力3万人が参加した。\n병력 3만 명이 참가했다.\t兵力4万人が参加した。\n' >"$WORK/numbers.tsv"
run "$TB" qa -g "$G" --checks numbers "$WORK/numbers.tsv"
expect_rc 1 "qa ko-ja numbers"
expect_out "$WORK/numbers.tsv: unit 2: number-mismatch: number 30000 of the source is not in the target
$WORK/numbers.tsv: unit 2: number-mismatch: number 40000 of the target is not in the source
2 findings in 2 segments" "qa ko-ja numbers"

# ---- a memory of units in three languages ----

M="$WORK/tri.tm.sqlite"
run "$TB" tm import --tm "$M" "$TMX"
expect_rc 0 "tm import ko-en-ja"
expect_out "$M: 6 added, 0 duplicates, 0 skipped
$M: 5 units hold three languages or more, also stored for ko-ja, en-ko, en-ja, ja-ko, ja-en: 25 added, 0 duplicates
$M: 12 sentence pairs found inside 6 units (parts)" "tm import ko-en-ja"

run "$TB" tm stats --tm "$M"
expect_rc 0 "tm stats"
for pair in "ko	en	6" "ko	ja	5" "ja	ko	5" "en	ja	5" "ja	en	5" "en	ko	5"; do
  expect_out_contains "pair	$pair" "tm stats"
done

# The same file again, and from stdin: every unit and pair is a duplicate.
run bash -c "\"$TB\" tm import --tm \"$M\" - <\"$TMX\""
expect_rc 0 "tm import ko-en-ja again, stdin"
expect_out "$M: 0 added, 6 duplicates, 0 skipped
$M: 5 units hold three languages or more, also stored for ko-ja, en-ko, en-ja, ja-ko, ja-en: 0 added, 25 duplicates" \
  "tm import again"

# --one-pair: the file's pair only, and said so; another run stores another pair.
run "$TB" tm import --one-pair --tm "$WORK/one.tm.sqlite" "$TMX"
expect_rc 0 "tm import --one-pair"
expect_out "$WORK/one.tm.sqlite: 6 added, 0 duplicates, 0 skipped
$WORK/one.tm.sqlite: 5 units hold three languages or more; only the file's pair was stored (--one-pair)
$WORK/one.tm.sqlite: 2 sentence pairs found inside 1 unit (parts)" "tm import --one-pair"
run "$TB" tm import --one-pair --tgt-lang ja --tm "$WORK/one.tm.sqlite" "$TMX"
expect_rc 0 "tm import --one-pair --tgt-lang ja"
expect_out_contains "5 added, 0 duplicates, 1 skipped"
run "$TB" tm stats --tm "$WORK/one.tm.sqlite"
expect_out_contains "pair	ko	ja	5"
CHECKS=$((CHECKS + 1))
case "$OUT" in *"pair	ja	"*) fail "--one-pair stored a ja-X pair: $OUT" ;; esac

# Lookups in pairs the file's own (ko-en) is not: the third variant is there.
run "$TB" tm lookup --tm "$M" --src-lang ko --tgt-lang ja '미국 국방장관은 한국과 일본에 대한 확장억제 공약을 재확인했다.'
expect_rc 0 "lookup ko-ja"
expect_out_contains "100%"
expect_out_contains "米国防長官は、韓国と日本に対する拡大抑止の公約を再確認した。"
run "$TB" tm lookup --tm "$M" --src-lang ja --tgt-lang en '次回の会談は来年後半にソウルで開かれる予定だ。'
expect_rc 0 "lookup ja-en"
expect_out_contains "The next meeting is to be held in Seoul in the first half of next year."
run "$TB" tm lookup --tm "$M" --src-lang en --tgt-lang ko --jsonl 'Aegis destroyers, F-35 fighters and maritime patrol aircraft are expected to take part.'
expect_rc 0 "lookup en-ko, a part"
expect_out_contains '"target":"훈련에는 이지스 구축함과 F-35 전투기, 해상초계기 등이 참가할 예정이다."'
expect_out_contains '"part_of":'
# A unit of two languages (ko, en) answers its own direction only.
run "$TB" tm lookup --tm "$M" --src-lang ko --tgt-lang ja '일본 방위상은 "북한의 비핵화를 위해 긴밀히 공조하겠다"고 밝혔다.'
expect_rc 0 "lookup ko-ja of a ko-en unit"
expect_out_contains "no match"
run "$TB" tm lookup --tm "$M" --src-lang en --tgt-lang ko 'The Japanese defense minister said, "We will work closely together for North Korea'"'"'s denuclearization."'
expect_rc 0 "lookup en-ko of a ko-en unit"
expect_out_contains "no match"

# Export of one pair: valid TMX with the Japanese side.
run "$TB" tm export --tm "$M" --src-lang ko --tgt-lang ja -o "$WORK/ko-ja.export.tmx"
expect_rc 0 "tm export ko-ja"
expect_valid_xml "$WORK/ko-ja.export.tmx"
CHECKS=$((CHECKS + 1))
[ "$(grep -c '<tu ' "$WORK/ko-ja.export.tmx")" = 5 ] || fail "ko-ja export: $(cat "$WORK/ko-ja.export.tmx")"

# ---- one Korean article pre-translated into Japanese and into English ----

cat >"$WORK/follow.ko.txt" <<'EOF'
한미일 3국 국방장관이 14일 도쿄에서 회담을 열고 북한의 핵·미사일 위협에 공동으로 대응하기로 합의했다. 북한은 이날 동해상으로 단거리 탄도미사일 2발을 발사했다.

미국 국방장관은 한국과 일본에 대한 확장억제 공약을 재확인했다. 훈련에는 이지스 구축함과 F-35 전투기, 해상초계기 등이 참가할 예정이다.

일본 방위상은 "북한의 비핵화를 위해 긴밀히 공조하겠다"고 밝혔다. 다음 회담은 내년 하반기 서울에서 열릴 예정이다.
EOF
summary() {  # summary LABEL: the count of segments in one category of the summary
  echo "$OUT" | awk -v l="$1" 'index($0, "  " l " ") == 1 { sub("^  " l " +", ""); print $1 }'
}
run "$TB" pretranslate "$WORK/follow.ko.txt" --src-lang ko --tgt-lang ja --tm "$M" -g "$G" -o "$WORK/job.ja.xlf"
expect_rc 0 "pretranslate ko-ja"
expect_valid_xml "$WORK/job.ja.xlf"
CHECKS=$((CHECKS + 1))
[ "$(summary exact)/$(summary 'fuzzy 85-94%')/$(summary new)" = "3/1/2" ] ||
  fail "ko-ja: exact/fuzzy/new: $OUT"
CHECKS=$((CHECKS + 1))
grep -q 'target-language="ja"' "$WORK/job.ja.xlf" || fail "ko-ja job's target language"
CHECKS=$((CHECKS + 1))
grep -q '再確認した。</mrk><mrk mtype="seg" mid="s2">訓練にはイージス駆逐艦やF35戦闘機、哨戒機などが参加する予定だ。</mrk></target>' \
  "$WORK/job.ja.xlf" || fail "ko-ja: the part of a three-language unit fills its segment"
CHECKS=$((CHECKS + 1))
grep -q 'tri.tm.sqlite, part of unit [0-9]*"' "$WORK/job.ja.xlf" || fail "ko-ja: the part's origin"

run "$TB" pretranslate "$WORK/follow.ko.txt" --src-lang ko --tgt-lang en --tm "$M" -g "$G" -o "$WORK/job.en.xlf"
expect_rc 0 "pretranslate ko-en"
expect_valid_xml "$WORK/job.en.xlf"
CHECKS=$((CHECKS + 1))
[ "$(summary exact)/$(summary 'fuzzy 85-94%')/$(summary new)" = "4/1/1" ] ||
  fail "ko-en: exact/fuzzy/new: $OUT"
CHECKS=$((CHECKS + 1))
grep -q '<target xml:lang="en" state="translated"><mrk mtype="seg" mid="s1">The U.S. defense secretary reaffirmed' "$WORK/job.en.xlf" ||
  fail "ko-en: exact match"

# A Japanese article: its <source> is the paragraph as written, no space put between its
# sentences.
printf '3か国は来年、共同訓練を2回実施する。次回の会談は来年前半にソウルで開かれる予定だ。\n' >"$WORK/article.ja.txt"
run "$TB" pretranslate "$WORK/article.ja.txt" --src-lang ja --tgt-lang ko --tm "$M" -o "$WORK/job.ja-ko.xlf"
expect_rc 0 "pretranslate ja-ko"
expect_valid_xml "$WORK/job.ja-ko.xlf"
CHECKS=$((CHECKS + 1))
grep -q '<source>3か国は来年、共同訓練を2回実施する。次回の会談は来年前半にソウルで開かれる予定だ。</source>' \
  "$WORK/job.ja-ko.xlf" || fail "ja-ko: the source paragraph changed: $(cat "$WORK/job.ja-ko.xlf")"
CHECKS=$((CHECKS + 1))
grep -q '<target xml:lang="ko" state="[a-z-]*"><mrk mtype="seg" mid="s1"></mrk> <mrk mtype="seg" mid="s2">다음 회담은 내년 상반기 서울에서 열릴 예정이다.</mrk></target>' \
  "$WORK/job.ja-ko.xlf" || fail "ja-ko: the Korean target: $(cat "$WORK/job.ja-ko.xlf")"

# The Japanese draft: Japanese sentences join without a space, a Korean sentence left
# untranslated keeps its spaces.
run "$TB" merge "$WORK/job.ja.xlf" --allow-untranslated --quiet
expect_rc 0 "merge ko-ja"
expect_out "日米韓3か国の防衛相は14日、東京で会談し、北朝鮮の核・ミサイルの脅威に共同で対応することで合意した。 북한은 이날 동해상으로 단거리 탄도미사일 2발을 발사했다.

米国防長官は、韓国と日本に対する拡大抑止の公約を再確認した。訓練にはイージス駆逐艦やF35戦闘機、哨戒機などが参加する予定だ。

일본 방위상은 \"북한의 비핵화를 위해 긴밀히 공조하겠다\"고 밝혔다. 다음 회담은 내년 하반기 서울에서 열릴 예정이다." "merge ko-ja"

# qa of the Japanese job: the glossary's Japanese terms, and its untranslated segments.
run "$TB" qa -g "$G" "$WORK/job.ja.xlf"
expect_rc 1 "qa ko-ja job"
expect_out_contains "missing-term: source term '국방장관' (defense-minister)"
expect_out_contains "untranslated"

# A table with a header of three languages is a table of three-language units.
printf 'ko,en,ja\n국방부는 회의를 열었다.,The ministry held a meeting.,国防省は会議を開いた。\n' >"$WORK/three.csv"
run "$TB" tm import --tm "$WORK/table.tm.sqlite" "$WORK/three.csv"
expect_rc 0 "tm import of a ko,en,ja table"
expect_out_contains "1 unit holds three languages or more, also stored for ko-ja, en-ko, en-ja, ja-ko, ja-en: 5 added"
run "$TB" tm lookup --tm "$WORK/table.tm.sqlite" --src-lang ja --tgt-lang ko '国防省は会議を開いた。'
expect_rc 0 "lookup ja-ko in the table's memory"
expect_out_contains "국방부는 회의를 열었다."

done_checks
