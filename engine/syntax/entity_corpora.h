#pragma once

#include <absl/status/statusor.h>

#include <string>
#include <vector>

#include "engine/syntax/entity_recognizer.h"

namespace dossier::engine::syntax {

/// Reads a named-entity corpus of ../shared/corpora with its labels mapped to PER / ORG / LOC
/// (the types every corpus shares). `spec` is FORMAT:PATH[:PART]:
///   uner:FILE.iob2           UniversalNER (OTH and stray "B-O" are no entity)
///   crossner:FILE.txt        CrossNER (politician and person PER; organisation and
///                            politicalparty ORG; country and location LOC)
///   wikigold:FILE:PART       WikiGold, IO tags; its articles split 3:1:1 into PART train,
///                            dev or test (no official split exists)
///   re3d:DIR:PART            re3d, one file per document under DIR; documents split the
///                            same way
///   gum:FILE.conllu          GUM's `Entity=` spans of people, organisations and places whose
///                            head is a proper noun, without a leading determiner, cut at
///                            the first comma; nested names give way to the outermost
absl::StatusOr<std::vector<LabeledSentence>> ReadEntityCorpus(const std::string& spec);

}  // namespace dossier::engine::syntax
