#!/usr/bin/env bash
# Side by side: dateline's language core against the npm peer wink-nlp
# (wink-eng-lite-web-model: sentences, tokens, POS, its entities) on the same
# text, one core each, run back to back so both see the same machine load.
#
#   bench/compare.sh [TEXT]      (default: the bundled example article)
#
# Needs Node.js and npm (installs bench/wink/node_modules on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
text=${1:-testdata/examples/alaska-summit.txt}

if [ ! -d bench/wink/node_modules/wink-nlp ]; then
  (cd bench/wink && npm install --no-audit --no-fund >/dev/null)
fi

wink=$(node bench/wink/bench.js "$text" 5 | sed -n 's/.*"tokens_per_sec":\([0-9.]*\).*/\1/p')
ours=$(go test ./internal/cli -run '^$' -bench '^BenchmarkCoreFromText$' -cpu 1 -benchtime 5s \
  | awk '/BenchmarkCoreFromText/ { for (i = 1; i < NF; i++) if ($(i+1) == "tokens/s") print $i }')

printf 'wink-nlp (sentences, tokens, POS, entities)           %10.0f tokens/s\n' "$wink"
printf 'dateline (tokens, sentences, POS, parse, NER)         %10.0f tokens/s\n' "$ours"
awk -v a="$ours" -v b="$wink" 'BEGIN { printf "ratio dateline / wink-nlp                             %10.2f\n", a / b }'
