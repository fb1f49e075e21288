#pragma once

#include <absl/status/status.h>

#include <string>

#include "engine/lexicon/lexicon.h"
#include "engine/syntax/entity_recognizer.h"
#include "engine/syntax/syntax_models.h"

namespace dossier::eval {

/// Scores the entity recogniser on one NER corpus (a spec of
/// engine/syntax/entity_corpora.h, such as uner:PATH) and prints span precision, recall and
/// F1 over all types and per type. With `show_errors` > 0, also prints that many missed
/// ("-") and wrongly found ("+") entities in their sentences.
absl::Status ScoreEntityCorpus(const std::string& spec, const engine::syntax::EntityRecognizer& recognizer,
                               const engine::syntax::SyntaxModels& models, const engine::Lexicon& lexicon,
                               size_t show_errors);

}  // namespace dossier::eval
