#!/usr/bin/env bash
# labels: slow
# termbridge segment on one 50 MB line: it completes and finds every sentence. Slow under
# the sanitizers, so the ASan pass of test.sh leaves it out; the normal pass runs it.
. "$(dirname "$0")/lib.sh"

# A 50 MB single line completes (memory stays bounded: windows, see bench/segment.sh).
python3 -c "
import sys
s = 'Sen. Kim said the U.S. Army will stay in Korea until 2030. '
sys.stdout.write(s * (50_000_000 // len(s)) + '\n')" >"$WORK/long.txt"
"$TB" segment --lang en "$WORK/long.txt" >"$WORK/long.out"
RC=$?
expect_rc 0 "50 MB line"
[ "$(wc -l <"$WORK/long.out")" -eq 847457 ] || fail "50 MB line: $(wc -l <"$WORK/long.out") sentences"

done_checks
