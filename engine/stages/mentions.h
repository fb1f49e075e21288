#pragma once

#include <memory>

#include "engine/lexicon/lexicon.h"
#include "engine/stage.h"

namespace dossier::engine {

/// "mentions": Doc::mentions and Doc::role_cues, read from each sentence's capitalised runs:
/// gazetteer countries, regions, cities and subdivisions (a city or subdivision only where
/// the context says it is a place), demonyms, organisations by keyword, people by title or
/// by the shape of their name, names typed by the words around them, acronym definitions,
/// and single words that repeat a surname or an acronym read before (linked to it as their
/// antecedent: whether such a word is a name at all decides how the rest of its sentence is
/// read).
class MentionsStage final : public EnglishStage {
 public:
  explicit MentionsStage(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
  std::string_view Name() const override { return "mentions"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dossier::engine
