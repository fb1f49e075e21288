#include "engine/extractor.h"

#include "engine/resolve/resolve.h"
#include "engine/stages/coreference.h"
#include "engine/stages/entities.h"
#include "engine/stages/event_arguments.h"
#include "engine/stages/event_triggers.h"
#include "engine/stages/mentions.h"
#include "engine/stages/modality.h"
#include "engine/stages/parser.h"
#include "engine/stages/relations.h"
#include "engine/stages/roles.h"
#include "engine/stages/tagger.h"
#include "engine/stages/time_expressions.h"
#include "engine/stages/tokenizer.h"

namespace dossier::engine {

Pipeline EnginePipeline(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const syntax::SyntaxModels> models) {
  Pipeline pipeline;
  pipeline.Add(std::make_shared<TokenizerStage>())
      .Add(std::make_shared<TaggerStage>(models))
      .Add(std::make_shared<ParserStage>(models))
      .Add(std::make_shared<EntitiesStage>(lexicon, models))
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

Extractor::Extractor(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const syntax::SyntaxModels> models)
    : pipeline_(EnginePipeline(std::move(lexicon), models)),
      version_(std::string(kEngineVersion) + "+" + models->version) {}

Doc Extractor::Analyze(const NormalizedArticle& article) const {
  Doc doc(article);
  pipeline_.Run(doc);
  return doc;
}

Extraction Extractor::Extract(const NormalizedArticle& article) const {
  Extraction extraction = Resolve(Analyze(article));
  extraction.extractor_version = version_;
  return extraction;
}

}  // namespace dossier::engine
