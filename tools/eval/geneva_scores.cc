#include "geneva_scores.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "dossier/common/strings.h"

namespace dossier::eval {
namespace {

using nlohmann::json;

// GENEVA's event types (FrameNet frames) that name ours.
const std::map<std::string, std::set<v1::EventType>>& SharedTypes() {
  static const std::map<std::string, std::set<v1::EventType>> kShared = {
      {"Attack", {v1::EVENT_TYPE_ATTACK, v1::EVENT_TYPE_FIGHT, v1::EVENT_TYPE_ASSAULT, v1::EVENT_TYPE_MASS_VIOLENCE}},
      {"Hostile_encounter", {v1::EVENT_TYPE_ATTACK, v1::EVENT_TYPE_FIGHT}},
      {"Killing", {v1::EVENT_TYPE_ASSAULT, v1::EVENT_TYPE_ATTACK, v1::EVENT_TYPE_MASS_VIOLENCE}},
      {"Terrorism", {v1::EVENT_TYPE_ATTACK, v1::EVENT_TYPE_ASSAULT, v1::EVENT_TYPE_ABDUCT}},
      {"Arrest", {v1::EVENT_TYPE_ARREST}},
      {"Sign_agreement", {v1::EVENT_TYPE_AGREEMENT}},
      {"Traveling", {v1::EVENT_TYPE_VISIT}},
      {"Arriving", {v1::EVENT_TYPE_VISIT}},
      {"Protest", {v1::EVENT_TYPE_PROTEST}},
      {"Request", {v1::EVENT_TYPE_APPEAL, v1::EVENT_TYPE_DEMAND}},
      {"Statement", {v1::EVENT_TYPE_STATEMENT}}};
  return kShared;
}

struct Recall {
  int gold = 0, found = 0, arguments = 0, arguments_found = 0;
};

}  // namespace

absl::Status ScoreGeneva(const std::string& path, const engine::Extractor& extractor) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(strings::Cat("cannot read ", path));
  std::map<std::string, Recall> by_type;
  size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    json record;
    try {
      record = json::parse(line);
    } catch (const std::exception& e) {
      return absl::InvalidArgumentError(strings::Cat(path, ":", line_number, ": ", e.what()));
    }
    // The sentence as its tokens joined by spaces, and each token's bytes.
    engine::NormalizedArticle article;
    std::vector<std::pair<size_t, size_t>> bytes;
    for (const json& token : record.at("tokens")) {
      if (!article.clean_text.empty()) article.clean_text += ' ';
      bytes.emplace_back(article.clean_text.size(), article.clean_text.size() + token.get<std::string>().size());
      article.clean_text += token.get<std::string>();
    }
    article.language = "en";
    engine::Doc doc = extractor.Analyze(article);
    auto span_of = [&](const json& item) {
      size_t start = item.at("start").get<size_t>(), end = item.at("end").get<size_t>();
      return std::pair{bytes.at(start).first, bytes.at(end - 1).second};
    };
    auto overlaps = [](std::pair<size_t, size_t> a, size_t start, size_t end) {
      return a.first < end && start < a.second;
    };
    std::map<std::string, std::pair<size_t, size_t>> entities;  // argument id -> bytes
    for (const json& entity : record.value("entity_mentions", json::array())) {
      entities[entity.at("id").get<std::string>()] = span_of(entity);
    }
    for (const json& gold : record.value("event_mentions", json::array())) {
      auto shared = SharedTypes().find(gold.at("event_type").get<std::string>());
      if (shared == SharedTypes().end()) continue;
      Recall& recall = by_type[shared->first];
      ++recall.gold;
      auto trigger = span_of(gold.at("trigger"));
      const engine::Event* match = nullptr;
      for (const engine::Event& event : doc.events) {
        const engine::Token& token = doc.tokens[event.trigger];
        if (shared->second.contains(event.type) && overlaps(trigger, token.start, token.end)) match = &event;
      }
      const json& arguments = gold.value("arguments", json::array());
      recall.arguments += static_cast<int>(arguments.size());
      if (!match) continue;
      ++recall.found;
      for (const json& argument : arguments) {
        auto entity = entities.find(argument.value("entity_id", ""));
        if (entity == entities.end()) continue;
        for (const engine::Participant& participant : match->participants) {
          bool named_there = false;
          for (size_t m : doc.clusters[participant.cluster].mentions) {
            named_there |= overlaps(entity->second, doc.mentions[m].span.start, doc.mentions[m].span.end);
          }
          if (named_there) {
            ++recall.arguments_found;
            break;
          }
        }
      }
    }
  }
  Recall total;
  std::printf("%-18s %6s %8s %9s\n", "GENEVA type", "gold", "triggers", "arguments");
  for (const auto& [type, recall] : by_type) {
    std::printf("%-18s %6d %8.3f %9.3f\n", type.c_str(), recall.gold,
                recall.gold ? double(recall.found) / recall.gold : 0,
                recall.arguments ? double(recall.arguments_found) / recall.arguments : 0);
    total.gold += recall.gold, total.found += recall.found, total.arguments += recall.arguments;
    total.arguments_found += recall.arguments_found;
  }
  std::printf("%-18s %6d %8.3f %9.3f\n", "all", total.gold, total.gold ? double(total.found) / total.gold : 0,
              total.arguments ? double(total.arguments_found) / total.arguments : 0);
  return absl::OkStatus();
}

}  // namespace dossier::eval
