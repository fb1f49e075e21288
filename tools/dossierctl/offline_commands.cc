// dossierctl normalize FILE | extract FILE: the engine without a server or database.
#include <absl/time/time.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "engine/extractor.h"
#include "engine/normalize/normalizer.h"
#include "output.h"

namespace dossierctl {
namespace {

namespace v1 = dossier::v1;
namespace engine = dossier::engine;
using nlohmann::json;

struct OfflineFlags {
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

void Run(const OfflineFlags& flags, bool with_facts, GlobalOptions& options) {
  std::ifstream in(flags.file, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << flags.file << '\n';
    options.exit_code = 2;
    return;
  }
  std::ostringstream content;
  content << in.rdbuf();
  auto lexicon = engine::Lexicon::Load(flags.iso_codes_dir);
  if (!lexicon.ok()) {
    std::cerr << "error: " << lexicon.status().message() << '\n';
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
  if (with_facts) {
    // Sentences are the extraction's first stage, not the normalizer's.
    engine::Extraction facts = engine::Extractor(*lexicon).Extract(*article);
    output["article"]["sentence_count"] = facts.sentences.size();
    output.update(FactsJson(*article, facts));
  }
  std::cout << output.dump(2) << '\n';
}

void AddOfflineCommand(CLI::App& app, GlobalOptions& options, const std::string& name, const std::string& help,
                       bool with_facts) {
  auto flags = std::make_shared<OfflineFlags>();
  auto* command = app.add_subcommand(name, help);
  command->add_option("file", flags->file, "HTML or text file")->required();
  command->add_option("--url", flags->url, "article URL")->capture_default_str();
  command->add_option("--published", flags->published, "publication date (resolves relative dates)");
  command->add_option("--iso-codes-dir", flags->iso_codes_dir, "Debian iso-codes JSON folder")
      ->envname("DOSSIER_ISO_CODES_DIR")
      ->capture_default_str();
  command->callback([flags, with_facts, &options] { Run(*flags, with_facts, options); });
}

}  // namespace

void AddOfflineCommands(CLI::App& app, GlobalOptions& options) {
  AddOfflineCommand(app, options, "normalize", "print the clean article as JSON (no server needed)", false);
  AddOfflineCommand(app, options, "extract", "print the clean article and its facts as JSON (no server needed)", true);
}

}  // namespace dossierctl
