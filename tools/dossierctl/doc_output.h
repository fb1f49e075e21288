#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/doc.h"

namespace dossierctl {

/// The whole analysis of one article as JSON: its sentences with every token's span, tags,
/// lemma, head (1-based within the sentence, 0 for the root, null where no parser ran) and
/// relation; mentions, clusters, time expressions, events and relationships as the stages
/// left them.
nlohmann::json DocJson(const dossier::engine::Doc& doc);

/// The tokens as CoNLL-U, one block per sentence; MISC holds each token's byte span in the
/// clean text (Offsets=start-end), SpaceAfter=No where the text has no space, and its NER
/// tag once a stage sets one. HEAD and DEPREL are "_" where no parser ran.
std::string DocConllu(const dossier::engine::Doc& doc);

}  // namespace dossierctl
