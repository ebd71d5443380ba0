#!/usr/bin/env bash
# Runs every example in README.md's ```console blocks and compares its output with what the
# README shows, so the README cannot drift from the program. Commands run in the repository
# root with the built termbridge first on PATH.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/bin"
ln -s "$TB" "$WORK/bin/termbridge"
cd "$TB_SOURCE_DIR"
PATH="$WORK/bin:$PATH" python3 - "$TB_SOURCE_DIR/README.md" <<'PY' || exit 1
import subprocess, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
examples, in_block, cur = [], False, None
for line in lines:
    if line.startswith("```console"):
        in_block = True
        continue
    if in_block and line.startswith("```"):
        in_block = False
        if cur: examples.append(cur)
        cur = None
        continue
    if not in_block:
        continue
    if line.startswith("$ "):
        if cur: examples.append(cur)
        cur = [line[2:], []]
    elif cur is not None:
        cur[1].append(line)
if not examples:
    sys.exit("README.md has no console examples")
failed = 0
for cmd, expected in examples:
    p = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], capture_output=True, text=True)
    got = p.stdout.rstrip("\n")
    want = "\n".join(expected).rstrip("\n")
    if got != want:
        failed += 1
        print(f"README example differs: $ {cmd}\n--- README\n{want}\n--- actual (exit {p.returncode})\n{got}\n{p.stderr}")
print(f"{len(examples) - failed} README examples passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
