#pragma once

#include "engine/stage.h"

namespace dossier::engine {

/// "modality": whether each event is asserted, negated ("did not", "denied" just before
/// the trigger), hypothetical ("could", "plans", "lacks the capacity to" before it) or
/// reported ("said", "according to" anywhere else in the sentence, with who reports it).
class ModalityStage final : public EnglishStage {
 public:
  std::string_view Name() const override { return "modality"; }
  void Process(Doc& doc) const override;
};

}  // namespace dossier::engine
