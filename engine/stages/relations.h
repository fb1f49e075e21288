#pragma once

#include <memory>

#include "engine/lexicon/lexicon.h"
#include "engine/stage.h"

namespace dossier::engine {

/// "relations": relationships stated by the words between two adjacent mentions of a
/// sentence ("Niamey, the capital of Niger", "Chai, a village in Macomia", "the DSB, led by
/// Brigadier Suleiman"), areas where armed groups and companies operate, then, over the
/// whole article, what the gazetteers know (a city lies in its country and subdivision, a
/// subdivision in its country, a facility in the city it is named after) and which country
/// each government body belongs to.
class RelationsStage final : public EnglishStage {
 public:
  explicit RelationsStage(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
  std::string_view Name() const override { return "relations"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dossier::engine
