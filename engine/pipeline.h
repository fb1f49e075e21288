#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "engine/doc.h"
#include "engine/stage.h"

namespace dossier::engine {

/// Stages run in order over a Doc. Immutable once built; Run is thread-safe.
class Pipeline {
 public:
  /// Appends a stage; returns the pipeline for chaining.
  Pipeline& Add(std::shared_ptr<const Stage> stage);
  /// The stages' names in the order they run.
  std::vector<std::string_view> Names() const;
  /// Runs every stage that reads the article's language.
  void Run(Doc& doc) const;

 private:
  std::vector<std::shared_ptr<const Stage>> stages_;
};

}  // namespace dossier::engine
