#!/usr/bin/env bash
# arrows_test.sh — the folders of engine/ depend on each other only down
# the pipeline: an #include "engine/X/..." in engine/Y/ is allowed when X
# is on a lower layer than Y. The layers, lowest first:
#   support · ast, format · check · compile · eval · batch · report ·
#   verify, appraise · api · serve, lsp, cli
set -uo pipefail
cd "$(dirname "$0")/../.."
declare -A layer=([support]=0 [ast]=1 [format]=1 [check]=2 [compile]=3 [eval]=4 [batch]=5 [report]=6
                  [verify]=7 [appraise]=7 [api]=8 [serve]=9 [lsp]=9 [cli]=10)
fail=0
for dir in engine/*/; do
    from=$(basename "$dir")
    [ -n "${layer[$from]:-}" ] || { echo "FAIL: engine/$from has no layer in $0"; fail=1; continue; }
    while IFS=: read -r file line to; do
        [ "$to" = "$from" ] && continue
        if [ -z "${layer[$to]:-}" ] || [ "${layer[$to]}" -ge "${layer[$from]}" ]; then
            echo "FAIL: $file:$line includes engine/$to/, which is not below engine/$from/"
            fail=1
        fi
    done < <(grep -n '#include "engine/[a-z_]*/' "$dir"*.[ch] 2>/dev/null |
             sed -E 's|^([^:]*):([0-9]+):.*#include "engine/([a-z_]*)/.*|\1:\2:\3|')
done
[ $fail -eq 0 ] && echo "ok: every include between engine/ folders points down the pipeline"
exit $fail
