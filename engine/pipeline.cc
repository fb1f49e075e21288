#include "engine/pipeline.h"

namespace dossier::engine {

Pipeline& Pipeline::Add(std::shared_ptr<const Stage> stage) {
  stages_.push_back(std::move(stage));
  return *this;
}

std::vector<std::string_view> Pipeline::Names() const {
  std::vector<std::string_view> names;
  for (const auto& stage : stages_) names.push_back(stage->Name());
  return names;
}

void Pipeline::Run(Doc& doc) const {
  for (const auto& stage : stages_) {
    if (stage->ReadsLanguage(doc.article.language)) stage->Process(doc);
  }
}

}  // namespace dossier::engine
