#!/usr/bin/env bash
# termbridge segment --lang for ja, zh, de, fr, es and ru (built-in rules), any other
# BCP 47 tag (ICU's sentence rules, with a note), and a tag that is not one (a usage error).
. "$(dirname "$0")/lib.sh"

seg() {  # LANG TEXT EXPECTED...: the sentences, one a line; no note for built-in rules
  local lang=$1 text=$2
  shift 2
  printf '%s\n' "$text" >"$WORK/in.txt"
  run "$TB" segment --lang "$lang" "$WORK/in.txt"
  expect_rc 0 "--lang $lang"
  expect_out "$(printf '%s\n' "$@")" "--lang $lang"
  CHECKS=$((CHECKS + 1))
  [ -z "$ERR" ] || fail "--lang $lang: unexpected stderr: $ERR"
}

seg ja '外相は「厳しい。連携を強める」と述べた。北朝鮮は反発するのか？「断固対応する。」報道官は語った。' \
  '外相は「厳しい。連携を強める」と述べた。' '北朝鮮は反発するのか？' '「断固対応する。」' '報道官は語った。'
seg zh '布林肯（Antony J. Blinken）表示：“这是历史性的时刻。”朝鲜会作何反应？' \
  '布林肯（Antony J. Blinken）表示：“这是历史性的时刻。”' '朝鲜会作何反应？'
seg de 'Am 3. Oktober sprach Dr. Müller u. a. über Nr. 4. „Wir stehen fest.“ Das sagte er z. B. gestern.' \
  'Am 3. Oktober sprach Dr. Müller u. a. über Nr. 4.' '„Wir stehen fest.“' 'Das sagte er z. B. gestern.'
seg fr "$(printf 'M. Macron a reçu Mme Colonna. «\u202fNous ne céderons rien.\u202f» Pourquoi\u00a0?')" \
  'M. Macron a reçu Mme Colonna.' "$(printf '«\u202fNous ne céderons rien.\u202f»')" \
  "$(printf 'Pourquoi\u00a0?')"
seg es '¿Vendrá el Sr. Albares a EE. UU.? ¡Basta ya! —dijo la Sra. Robles. El acuerdo sigue.' \
  '¿Vendrá el Sr. Albares a EE. UU.?' '¡Basta ya! —dijo la Sra. Robles.' 'El acuerdo sigue.'
seg ru 'Президент В. В. Путин, т. е. глава государства, выступил в 2014 г. Россия молчит. Это всё.' \
  'Президент В. В. Путин, т. е. глава государства, выступил в 2014 г. Россия молчит.' 'Это всё.'

# Region and script subtags keep the language's rules; tags are written in any case.
seg DE-at 'Am 3. Oktober tagte der Rat. Er tagte lange.' \
  'Am 3. Oktober tagte der Rat.' 'Er tagte lange.'
seg zh-Hant-TW '他說：「我們反對。」會議結束。' '他說：「我們反對。」' '會議結束。'

# auto still guesses Korean and English per paragraph.
printf '북한이 미사일을 발사했다. 합참이 확인했다.\n\nSen. Kim arrived. He spoke.\n' >"$WORK/auto.txt"
run "$TB" segment --lang auto "$WORK/auto.txt"
expect_rc 0 "auto"
expect_out "$(printf '북한이 미사일을 발사했다.\n합참이 확인했다.\n\nSen. Kim arrived.\nHe spoke.')" "auto"

# A language without built-in rules: ICU's rules for its locale, and a note saying so.
printf 'Habari za asubuhi. Rais alisema ndiyo.\n' >"$WORK/sw.txt"
run "$TB" segment --lang sw "$WORK/sw.txt"
expect_rc 0 "--lang sw"
expect_out "$(printf 'Habari za asubuhi.\nRais alisema ndiyo.')" "--lang sw"
expect_err_contains "termbridge segment: note: no built-in rules for 'sw'; segmenting by ICU's sentence rules for that locale"
run "$TB" segment --quiet --lang sw "$WORK/sw.txt"
expect_rc 0 "--quiet --lang sw"
CHECKS=$((CHECKS + 1))
[ -z "$ERR" ] || fail "--quiet still printed: $ERR"

# With an SRX file every language uses its rules: no note.
printf '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body><languagerules><languagerule languagerulename="all"><rule break="yes"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap languagepattern=".*" languagerulename="all"/></maprules></body></srx>\n' \
  >"$WORK/all.srx"
run "$TB" segment --lang sw --srx "$WORK/all.srx" "$WORK/sw.txt"
expect_rc 0 "--lang sw --srx"
expect_out "$(printf 'Habari za asubuhi.\nRais alisema ndiyo.')" "--lang sw --srx"
CHECKS=$((CHECKS + 1))
[ -z "$ERR" ] || fail "--srx: unexpected stderr: $ERR"

# A tag that is not BCP 47 is a usage error.
for bad in 'x y' 'en--US' '123' ''; do
  run "$TB" segment --lang "$bad" "$WORK/sw.txt"
  expect_rc 2 "--lang '$bad'"
  expect_err_contains "invalid language tag '$bad'"
  expect_err_contains "usage: termbridge segment"
done

# Our own rules still validate as SRX 2.0.
expect_valid_xml "$TB_SOURCE_DIR/core/data/srx/termbridge.srx"

done_checks
