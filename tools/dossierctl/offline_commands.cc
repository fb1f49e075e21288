// dossierctl normalize FILE | extract FILE | analyze FILE: the engine without a server or database.
#include <absl/time/time.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "doc_output.h"
#include "engine/extractor.h"
#include "engine/normalize/normalizer.h"
#include "output.h"

namespace dossierctl {
namespace {

namespace v1 = dossier::v1;
namespace engine = dossier::engine;
using nlohmann::json;

// What an offline command prints.
enum class Output { kArticle, kFacts, kAnalysis };

struct OfflineFlags {
  Output output = Output::kArticle;
  bool conllu = false;  // analyze: CoNLL-U instead of JSON
  std::string file;
  std::string url = "https://offline.invalid/article";
  std::string published;
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
};

std::string Iso(std::optional<engine::Timestamp> time) {
  if (!time) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(time->time_since_epoch().count()),
                          absl::UTCTimeZone());
}

json ArticleJson(const engine::NormalizedArticle& article) {
  json stripped = json::array();
  for (const auto& block : article.stripped_blocks) {
    stripped.push_back({{"reason", EnumLabel(v1::StrippedBlockReason_descriptor(), block.reason)},
                        {"length", block.length},
                        {"preview", block.preview}});
  }
  json flags = json::array();
  for (auto flag : article.quality_flags) flags.push_back(EnumLabel(v1::ArticleQualityFlag_descriptor(), flag));
  return {{"url", article.url},           {"canonical_url", article.canonical_url},
          {"source", article.source},     {"title", article.title},
          {"authors", article.authors},   {"published", Iso(article.published_at)},
          {"language", article.language}, {"content_hash", article.content_hash},
          {"quality_flags", flags},       {"stripped_blocks", stripped},
          {"body", article.clean_text}};
}

json SpanJson(const engine::NormalizedArticle& article, const engine::TextSpan& span) {
  return {{"sentence", span.sentence},
          {"start", span.start},
          {"end", span.end},
          {"text", article.clean_text.substr(span.start, span.end - span.start)}};
}

json FactsJson(const engine::NormalizedArticle& article, const engine::Extraction& facts) {
  json entities = json::array();
  for (const auto& entity : facts.entities) {
    json item = {{"key", entity.key},
                 {"type", EnumLabel(v1::EntityType_descriptor(), entity.type)},
                 {"name", entity.name},
                 {"aliases", entity.aliases},
                 {"mentions", json::array()}};
    if (entity.organization_kind != v1::ORGANIZATION_KIND_UNSPECIFIED) {
      item["organization_kind"] = EnumLabel(v1::OrganizationKind_descriptor(), entity.organization_kind);
    }
    entities.push_back(std::move(item));
  }
  for (const auto& mention : facts.mentions) {
    json span = SpanJson(article, mention.span);
    span["confidence"] = mention.confidence;
    entities[mention.entity]["mentions"].push_back(std::move(span));
  }
  json events = json::array();
  for (const auto& event : facts.events) {
    json participants = json::array();
    for (const auto& participant : event.participants) {
      participants.push_back({{"entity", facts.entities[participant.entity].key},
                              {"role", EnumLabel(v1::ParticipantRole_descriptor(), participant.role)},
                              {"text", participant.text}});
    }
    events.push_back({{"type", EnumLabel(v1::EventType_descriptor(), event.type)},
                      {"cameo", event.cameo_code},
                      {"trigger", event.trigger_text},
                      {"participants", participants},
                      {"modality", EnumLabel(v1::Modality_descriptor(), event.modality)},
                      {"attributed_to", event.attributed_to},
                      {"time",
                       {{"start", Iso(event.time.start)},
                        {"end", Iso(event.time.end)},
                        {"granularity", EnumLabel(v1::TimeGranularity_descriptor(), event.time.granularity)},
                        {"resolution", EnumLabel(v1::TimeResolution_descriptor(), event.time.resolution)},
                        {"text", event.time.text}}},
                      {"confidence", event.confidence},
                      {"evidence", SpanJson(article, event.span)}});
  }
  json relationships = json::array();
  for (const auto& relation : facts.relationships) {
    relationships.push_back({{"subject", facts.entities[relation.subject].key},
                             {"predicate", EnumLabel(v1::RelationshipPredicate_descriptor(), relation.predicate)},
                             {"object", facts.entities[relation.object].key},
                             {"role_title", relation.role_title},
                             {"confidence", relation.confidence},
                             {"evidence", SpanJson(article, relation.span)}});
  }
  return {{"entities", entities}, {"events", events}, {"relationships", relationships}};
}

void Run(const OfflineFlags& flags, GlobalOptions& options) {
  std::ifstream in(flags.file, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << flags.file << '\n';
    options.exit_code = 2;
    return;
  }
  std::ostringstream content;
  content << in.rdbuf();
  auto lexicon = engine::Lexicon::Load(flags.iso_codes_dir);
  auto models = engine::syntax::SyntaxModels::Embedded();
  for (const absl::Status& status : {lexicon.status(), models.status()}) {
    if (status.ok()) continue;
    std::cerr << "error: " << status.message() << '\n';
    options.exit_code = 1;
    return;
  }
  engine::RawDocument raw;
  raw.url = flags.url;
  raw.published = flags.published;
  raw.content = content.str();
  auto article = engine::Normalizer(*lexicon).Normalize(raw);
  if (!article.ok()) {
    std::cerr << "error: " << article.status().message() << '\n';
    options.exit_code = 2;
    return;
  }
  json output = {{"article", ArticleJson(*article)}};
  engine::Extractor extractor(*lexicon, *models);
  if (flags.output == Output::kFacts) {
    // Sentences are the extraction's first stage, not the normalizer's.
    engine::Extraction facts = extractor.Extract(*article);
    output["article"]["sentence_count"] = facts.sentences.size();
    output["extractor_version"] = facts.extractor_version;
    output.update(FactsJson(*article, facts));
  } else if (flags.output == Output::kAnalysis) {
    engine::Doc doc = extractor.Analyze(*article);
    if (flags.conllu) {
      std::cout << DocConllu(doc);
      return;
    }
    output["pipeline"] = extractor.pipeline().Names();
    output["extractor_version"] = extractor.version();
    output.update(DocJson(doc));
  }
  std::cout << output.dump(2) << '\n';
}

CLI::App* AddOfflineCommand(CLI::App& app, GlobalOptions& options, const std::string& name, const std::string& help,
                            std::shared_ptr<OfflineFlags> flags) {
  auto* command = app.add_subcommand(name, help);
  command->add_option("file", flags->file, "HTML or text file")->required();
  command->add_option("--url", flags->url, "article URL")->capture_default_str();
  command->add_option("--published", flags->published, "publication date (resolves relative dates)");
  command->add_option("--iso-codes-dir", flags->iso_codes_dir, "Debian iso-codes JSON folder")
      ->envname("DOSSIER_ISO_CODES_DIR")
      ->capture_default_str();
  command->callback([flags, &options] { Run(*flags, options); });
  return command;
}

std::shared_ptr<OfflineFlags> FlagsFor(Output output) {
  auto flags = std::make_shared<OfflineFlags>();
  flags->output = output;
  return flags;
}

}  // namespace

void AddOfflineCommands(CLI::App& app, GlobalOptions& options) {
  AddOfflineCommand(app, options, "normalize", "print the clean article as JSON (no server needed)",
                    FlagsFor(Output::kArticle));
  AddOfflineCommand(app, options, "extract", "print the clean article and its facts as JSON (no server needed)",
                    FlagsFor(Output::kFacts));
  auto analysis = FlagsFor(Output::kAnalysis);
  AddOfflineCommand(app, options, "analyze",
                    "print the whole analysis: tokens with tags, lemmas and dependency tree, mentions, clusters, "
                    "events (no server needed)",
                    analysis)
      ->add_flag("--conllu", analysis->conllu, "print the tokens as CoNLL-U instead of JSON");
}

}  // namespace dossierctl
