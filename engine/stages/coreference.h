#pragma once

#include "engine/stage.h"

namespace dossier::engine {

/// "coreference": Doc::clusters and Doc::anaphors. A mention that repeats an earlier name (a
/// surname, an acronym) joins that name's cluster; other mentions of one type share a
/// cluster when they share a gazetteer id or, without one, a name (folded); acronym
/// definitions become the cluster's aliases. "He" and "she" refer back to the last person
/// named before them; "the group", "its militia", "the government" to the entity of that
/// kind named most often before them.
class CoreferenceStage final : public EnglishStage {
 public:
  std::string_view Name() const override { return "coreference"; }
  void Process(Doc& doc) const override;
};

}  // namespace dossier::engine
