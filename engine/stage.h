#pragma once

#include <string_view>

#include "engine/doc.h"

namespace dossier::engine {

/// One step of the analysis: reads the fields of a Doc that earlier stages filled and fills
/// its own. Process is const so that one pipeline serves every thread.
class Stage {
 public:
  virtual ~Stage() = default;

  /// The stage's name in the pipeline ("tokenizer", "mentions").
  virtual std::string_view Name() const = 0;
  /// Analyses one document.
  virtual void Process(Doc& doc) const = 0;
  /// Whether the stage reads text in this language (ISO 639-1); the pipeline skips it otherwise.
  virtual bool ReadsLanguage(std::string_view language) const { return true; }
};

/// A stage of rules written for English.
class EnglishStage : public Stage {
 public:
  bool ReadsLanguage(std::string_view language) const final { return language == "en"; }
};

}  // namespace dossier::engine
