#!/usr/bin/env bash
# Fits the ranking's weights (core/weights.json) on every retrieval set of eval/ with leave-one-dataset-out
# cross-validation, and prints each set's held-out figures (the weights fitted on all the others). Deterministic.
# EVAL.md reports these held-out figures. Extra arguments go to `mx eval fit` (e.g. `--out core/weights.json` to
# write the weights fitted on every set, `--format json`); ONLY=key,key fits other weights; PROFILE=debug uses a
# debug build (slower: the long-history set is most of the time).
#
#   scripts/fit-weights.sh --out core/weights.json
set -euo pipefail
cd "$(dirname "$0")/.."
# What is fitted: the signals of the two transcript shapes (chat and coding sessions), each on the sets of its shape.
# Everything else stays where it is: the held-out folds of a fit of every weight (EVAL.md, issue 17) did not beat it.
only=transcript.role,transcript.preference,transcript.answerType,transcript.coverage,transcript.bestOther
only+=,code.role,code.rolePrior,code.reply,code.answerType,code.coverage,code.bestOther
sets=eval/devmembench,eval/coding-sessions,eval/chat-sessions,eval/dev-journal,eval/pair-sessions,eval/life-chats
sets+=,eval/team-months,eval/dev-pairs,eval/long-history
profile=${PROFILE:-release}
if [ "$profile" = release ]; then cargo build -q --release -p mx; else cargo build -q -p mx; fi
# FREEZE=key,... fits every weight but those instead (FREEZE=none: all of them).
if [ -n "${FREEZE:-}" ]; then which=(--freeze "$FREEZE"); else which=(--only "${ONLY:-$only}"); fi
"${CARGO_TARGET_DIR:-target}/$profile/mx" eval fit --datasets "$sets" --gate devmembench=0.95 "${which[@]}" "$@"
