// dossierctl normalize | extract | analyze FILE-OR-FOLDER: the engine without a server or database.
#include <absl/time/time.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "article_files.h"
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

// The analysis of one file as JSON (CoNLL-U text for `analyze --conllu`), or why it has none.
absl::StatusOr<std::string> Analyze(const OfflineFlags& flags, const engine::Normalizer& normalizer,
                                    const engine::Extractor& extractor, std::string content, bool one_line) {
  engine::RawDocument raw;
  raw.url = flags.url;
  raw.published = flags.published;
  raw.content = std::move(content);
  auto article = normalizer.Normalize(raw);
  if (!article.ok()) return article.status();
  json output = {{"article", ArticleJson(*article)}};
  if (flags.output == Output::kFacts) {
    // Sentences are the extraction's first stage, not the normalizer's.
    engine::Extraction facts = extractor.Extract(*article);
    output["article"]["sentence_count"] = facts.sentences.size();
    output["extractor_version"] = facts.extractor_version;
    output.update(FactsJson(*article, facts));
  } else if (flags.output == Output::kAnalysis) {
    engine::Doc doc = extractor.Analyze(*article);
    if (flags.conllu) return DocConllu(doc);
    output["pipeline"] = extractor.pipeline().Names();
    output["extractor_version"] = extractor.version();
    output.update(DocJson(doc));
  }
  return one_line ? output.dump() : output.dump(2);
}

// One file: its JSON, pretty. A folder: every article file under it (.html, .htm, .txt), in
// path order, one JSON line each ({"file": ..., "article": ...} or {"file": ..., "error":
// ...}), so that a corpus is read in one process.
void Run(const OfflineFlags& flags, GlobalOptions& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  bool folder = fs::is_directory(flags.file, error);
  if (!folder && !fs::is_regular_file(flags.file, error)) {
    std::cerr << "error: cannot read " << flags.file << '\n';
    options.exit_code = 2;
    return;
  }
  auto lexicon = engine::Lexicon::Load(flags.iso_codes_dir);
  auto models = engine::syntax::SyntaxModels::Embedded();
  for (const absl::Status& status : {lexicon.status(), models.status()}) {
    if (status.ok()) continue;
    std::cerr << "error: " << status.message() << '\n';
    options.exit_code = 1;
    return;
  }
  engine::Normalizer normalizer(*lexicon);
  engine::Extractor extractor(*lexicon, *models);
  if (!folder) {
    auto output = Analyze(flags, normalizer, extractor, ReadFile(flags.file), /*one_line=*/false);
    if (!output.ok()) {
      std::cerr << "error: " << output.status().message() << '\n';
      options.exit_code = 2;
      return;
    }
    std::cout << *output << (flags.conllu ? "" : "\n");
    return;
  }
  std::string missing;
  std::vector<fs::path> files = ArticleFiles({flags.file}, &missing);
  int rejected = 0;
  for (const fs::path& file : files) {
    auto output = Analyze(flags, normalizer, extractor, ReadFile(file), /*one_line=*/true);
    if (flags.conllu && output.ok()) {
      std::cout << "# file = " << file.string() << '\n' << *output;
      continue;
    }
    json line = output.ok() ? json::parse(*output) : json{{"error", std::string(output.status().message())}};
    line["file"] = file.string();
    std::cout << line.dump() << '\n';
    rejected += output.ok() ? 0 : 1;
  }
  std::cerr << files.size() << " files, " << rejected << " rejected\n";
  if (rejected > 0) options.exit_code = 2;
}

CLI::App* AddOfflineCommand(CLI::App& app, GlobalOptions& options, const std::string& name, const std::string& help,
                            std::shared_ptr<OfflineFlags> flags) {
  auto* command = app.add_subcommand(name, help);
  command
      ->add_option("file", flags->file, "HTML or text file, or a folder: its .html/.htm/.txt files, one JSON line each")
      ->required();
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
