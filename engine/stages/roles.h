#pragma once

#include <memory>

#include "engine/lexicon/lexicon.h"
#include "engine/stage.h"

namespace dossier::engine {

/// "roles": Doc::roles from the role cues, and their relationships (HOLDS_ROLE, LEADS,
/// MEMBER_OF for a party's candidates and lawmakers, CITIZEN_OF for a demonym owner). The
/// owner is what is named just before the title or after its "of"; a government title
/// without one belongs to the article's dominant country, a corporate one to its dominant
/// company.
class RolesStage final : public EnglishStage {
 public:
  explicit RolesStage(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
  std::string_view Name() const override { return "roles"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dossier::engine
