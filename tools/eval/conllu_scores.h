#pragma once

#include <string>

#include "engine/syntax/syntax_models.h"

namespace dossier::eval {

/// Scores each syntax stage on one CoNLL-U file and prints the scores:
/// - tokenizer and sentence splitter from raw text: the text is rebuilt from the file's own
///   words and spacing (sentences joined by a space, paragraphs by a blank line), then
///   tokens (written units), words (syntactic words: "do" + "n't") and sentences are
///   matched by exact byte span (precision, recall, F1);
/// - tagger and lemmatizer on the gold words: UPOS, XPOS, both, lemma (with the tagger's tags);
/// - parser on the gold words with the tagger's tags (and with the gold tags, for
///   comparison): UAS, LAS, and LAS on the relation without its subtype (as CoNLL 2018).
/// With `verbose`, also accuracy per gold UPOS and attachment per gold relation.
/// Fails (and prints nothing) when the file cannot be read or is not valid CoNLL-U.
absl::Status ScoreConlluFile(const std::string& path, const engine::syntax::SyntaxModels& models, bool verbose);

}  // namespace dossier::eval
