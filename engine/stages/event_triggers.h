#pragma once

#include <memory>

#include "engine/lexicon/lexicon.h"
#include "engine/stage.h"

namespace dossier::engine {

/// "event_triggers": an Event for each trigger word or phrase of the lexicon (type and CAMEO
/// code). Triggers are lower-case words (capitalised only when they open the sentence) that
/// are no part of a hyphenated compound ("hard-fought"); one used as a noun after a
/// determiner ("an attack") names no new event, except a natural disaster, of which a
/// sentence has at most one however many words name it.
class EventTriggersStage final : public EnglishStage {
 public:
  explicit EventTriggersStage(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
  std::string_view Name() const override { return "event_triggers"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dossier::engine
