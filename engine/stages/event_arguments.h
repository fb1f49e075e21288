#pragma once

#include "engine/stage.h"

namespace dossier::engine {

/// "event_arguments": each event's participants (agent, target or co-participant,
/// location), time, confidence and evidence, from the mentions of its sentence: the agent
/// is the last actor named before the trigger (or after "by" in a passive, or the speaker
/// after "said"), a pronoun or description standing for it resolved by coreference; the
/// other party the first one after it; the location the first place after a preposition.
/// An event without an agent (a statement without its speaker, an act without a party) is
/// dropped; a natural disaster takes places only.
class EventArgumentsStage final : public EnglishStage {
 public:
  std::string_view Name() const override { return "event_arguments"; }
  void Process(Doc& doc) const override;
};

}  // namespace dossier::engine
