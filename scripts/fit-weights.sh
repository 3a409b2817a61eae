#!/usr/bin/env bash
# Fits the ranking's weights (core/weights.json) on every retrieval set of eval/ with leave-one-dataset-out
# cross-validation, and prints each set's held-out figures (the weights fitted on all the others). Deterministic.
# EVAL.md reports these held-out figures. Extra arguments go to `mx eval fit` (e.g. `--out core/weights.json` to
# write the weights fitted on every set, `--freeze prf` to measure without a signal, `--format json`).
#
#   scripts/fit-weights.sh --out core/weights.json
set -euo pipefail
cd "$(dirname "$0")/.."
# The weights left where they are: the held-out folds of a fit of every weight (EVAL.md, issue 17) did not beat them.
# What is fitted: the speaker signal of transcripts (transcript.role).
frozen=topic,project,importance,intent,kind,recency,newestRecency,oldestRecency,timeWindowBoost,coverage,bestOther
frozen+=,neighbour,updatePenalty,updateRelevance,prf,prfDocs,prfTerms,diversify,diversifyMany,transcript.topic
frozen+=,transcript.importance,transcript.intent,transcript.recency,transcript.coverage,transcript.bestOther
frozen+=,transcript.neighbour,transcript.updatePenalty,transcript.prf,transcript.diversify,transcript.diversifyMany
sets=eval/devmembench,eval/coding-sessions,eval/chat-sessions,eval/dev-journal,eval/pair-sessions,eval/life-chats,eval/team-months
cargo build -q -p mx
"${CARGO_TARGET_DIR:-target}/debug/mx" eval fit --datasets "$sets" --gate devmembench=0.95 --freeze "${FREEZE:-$frozen}" "$@"
