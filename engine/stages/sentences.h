#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "engine/extraction.h"
#include "engine/lexicon/lexicon.h"
#include "engine/stage.h"

namespace dossier::engine {

/// Splits clean text into sentences with ICU's English sentence rules, then rejoins
/// boundaries that follow one of our curated abbreviations ("U.S.", "Gen.", "Jan.") inside
/// a paragraph. Spans are UTF-8 byte offsets with surrounding white space trimmed;
/// paragraph breaks always end a sentence.
std::vector<SentenceSpan> SplitSentences(std::string_view text, const Lexicon& lexicon);

/// "sentences": Doc::sentences from the clean text, for every language.
class SentencesStage final : public Stage {
 public:
  explicit SentencesStage(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
  std::string_view Name() const override { return "sentences"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dossier::engine
