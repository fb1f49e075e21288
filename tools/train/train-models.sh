#!/usr/bin/env bash
# Retrains the engine's syntax models from the UD treebanks in ../shared/corpora and writes
# them to data/models/ (see data/models/README.md). Deterministic: the same corpora and
# build give byte-identical models. About 20 minutes on two cores.
#   tools/train/train-models.sh            # CORPORA=../shared/corpora BUILD=build by default
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPORA=${CORPORA:-../shared/corpora}
BUILD=${BUILD:-build}
ninja -C "$BUILD" dossier-train
train=("$BUILD/tools/train/dossier-train")
ewt=$CORPORA/ud-english-ewt/en_ewt-ud
gum=$CORPORA/ud-english-gum-open/en_gum-open-ud
models=data/models
clusters=(--clusters "$models/en_word_clusters.tsv")
treebanks=(--train "$ewt-train.conllu" --train "$gum-train.conllu")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tagger=(--epochs 10 --min-weight 0.5)

# The models are written to $work and replace data/models/ only when all four are made,
# so a failed step never leaves a mixed set.
{
  echo "# dossier-train $(date -u +%Y-%m-%d), corpora: $CORPORA"
  "${train[@]}" tagger "${treebanks[@]}" --dev "$ewt-dev.conllu" "${clusters[@]}" "${tagger[@]}" \
    --out "$work/en_tagger.model"
  "${train[@]}" jackknife "${treebanks[@]}" "${clusters[@]}" "${tagger[@]}" --folds 4 --out "$work/train-tagged.conllu"
  "${train[@]}" parser --train "$work/train-tagged.conllu" --dev "$ewt-dev.conllu" --tagger "$work/en_tagger.model" \
    "${clusters[@]}" --epochs 12 --min-weight 1.5 --out "$work/en_parser.model"
  "${train[@]}" lemmatizer "${treebanks[@]}" --dev "$ewt-dev.conllu" --tagger "$work/en_tagger.model" \
    "${clusters[@]}" --out "$work/en_lemmatizer.model"
} 2>&1 | grep -v '^fold ' | sed "s|$work/|$models/|" | tee "$work/training.log"
mv "$work"/en_tagger.model "$work"/en_parser.model "$work"/en_lemmatizer.model "$work"/training.log "$models"/
