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

{
  echo "# dossier-train $(date -u +%Y-%m-%d), corpora: $CORPORA"
  "${train[@]}" tagger "${treebanks[@]}" --dev "$ewt-dev.conllu" "${clusters[@]}" --epochs 10 \
    --min-weight 0.5 --out "$models/en_tagger.model"
  "${train[@]}" jackknife "${treebanks[@]}" "${clusters[@]}" --folds 4 --epochs 10 --out "$work/train-tagged.conllu"
  "${train[@]}" parser --train "$work/train-tagged.conllu" --dev "$ewt-dev.conllu" --tagger "$models/en_tagger.model" \
    "${clusters[@]}" --epochs 12 --min-weight 1.5 --out "$models/en_parser.model"
  "${train[@]}" lemmatizer "${treebanks[@]}" --dev "$ewt-dev.conllu" --tagger "$models/en_tagger.model" \
    "${clusters[@]}" --out "$models/en_lemmatizer.model"
} 2>&1 | grep -v '^fold\|^tagger epoch [0-9]*: dev UPOS 0 ' | tee "$models/training.log"
