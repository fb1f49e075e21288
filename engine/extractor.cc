#include "engine/extractor.h"

#include "engine/resolve/resolve.h"
#include "engine/stages/coreference.h"
#include "engine/stages/event_arguments.h"
#include "engine/stages/event_triggers.h"
#include "engine/stages/mentions.h"
#include "engine/stages/modality.h"
#include "engine/stages/relations.h"
#include "engine/stages/roles.h"
#include "engine/stages/time_expressions.h"
#include "engine/stages/tokenizer.h"

namespace dossier::engine {

Pipeline RulePipeline(std::shared_ptr<const Lexicon> lexicon) {
  Pipeline pipeline;
  pipeline.Add(std::make_shared<TokenizerStage>())
      .Add(std::make_shared<TimeExpressionsStage>())
      .Add(std::make_shared<MentionsStage>(lexicon))
      .Add(std::make_shared<CoreferenceStage>())
      .Add(std::make_shared<RolesStage>(lexicon))
      .Add(std::make_shared<RelationsStage>(lexicon))
      .Add(std::make_shared<EventTriggersStage>(lexicon))
      .Add(std::make_shared<EventArgumentsStage>())
      .Add(std::make_shared<ModalityStage>());
  return pipeline;
}

Extraction Extractor::Extract(const NormalizedArticle& article) const {
  Doc doc(article);
  pipeline_.Run(doc);
  return Resolve(doc);
}

}  // namespace dossier::engine
