#include "plover_scores.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dossier/common/strings.h"
#include "engine/normalize/text.h"

namespace dossier::eval {
namespace {

using nlohmann::json;

// CAMEO code -> PLOVER category, from lines "173: COERCE, arrest, legal # ...".
std::map<std::string, std::string> ReadCameoTable(const std::string& path) {
  std::map<std::string, std::string> table;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    size_t colon = line.find(':');
    if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
    std::string code(strings::Trim(std::string_view(line).substr(0, colon)));
    std::string_view rest = strings::Trim(std::string_view(line).substr(colon + 1));
    std::string category(strings::Trim(rest.substr(0, rest.find_first_of(", #"))));
    if (!code.empty() && !category.empty()) table.emplace(code, category);
  }
  return table;
}

// The records use PLOVER 0.5 names, the table the 2021 ones: CAMEO roots whose category was
// renamed or merged since (09 INVESTIGATE and 11 DISAPPROVE became ACCUSE, 10 DEMAND became
// REQUEST, 19 FIGHT became ASSAULT; 163, sanctions, moved from SANCTION to COERCE, and the
// records code "imposed sanctions" SANCTION) go by their old names.
std::string CategoryOf(const std::map<std::string, std::string>& table, std::string code) {
  static const std::map<std::string, std::string, std::less<>> kRenamed = {
      {"09", "INVESTIGATE"}, {"10", "DEMAND"}, {"11", "DISAPPROVE"}, {"16", "SANCTION"}, {"19", "FIGHT"}};
  if (auto renamed = kRenamed.find(std::string_view(code).substr(0, 2));
      code.size() >= 2 && renamed != kRenamed.end()) {
    return renamed->second;
  }
  for (; !code.empty(); code.pop_back()) {
    if (auto it = table.find(code); it != table.end()) return it->second;
  }
  return "";
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  // The folded text outlives the views Split returns into it (a temporary in the loop's
  // range would not, before C++23).
  const std::string folded = engine::FoldForMatching(text);
  for (std::string_view word : strings::Split(folded, " -,.'", /*skip_empty=*/true)) {
    if (word.size() >= 3) words.emplace_back(word);
  }
  return words;
}

// Odd record numbers are the part we tune on, even ones the part we only report.
bool InPart(std::string_view id, PloverPart part) {
  if (part == PloverPart::kAll || id.empty() || !std::isdigit(static_cast<unsigned char>(id.back()))) {
    return part == PloverPart::kAll;
  }
  bool odd = (id.back() - '0') % 2 == 1;
  return odd == (part == PloverPart::kDev);
}

std::string ActorTexts(const json& actors) {
  std::string texts;
  for (const json& actor : actors) {
    if (actor.is_object()) texts += (texts.empty() ? "" : "|") + actor.value("actorText", "");
  }
  return texts.empty() ? "-" : texts;
}

struct Counts {
  int predicted = 0, correct = 0, found = 0;  // found: records with a matching event
};

}  // namespace

absl::Status ScorePlover(const std::string& path, const engine::Extractor& extractor, const engine::Lexicon& lexicon,
                         PloverPart part, bool verbose) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(strings::Cat("cannot read ", path));
  json records;
  try {
    records = json::parse(in);
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(strings::Cat(path, ": ", e.what()));
  }
  auto table = ReadCameoTable((std::filesystem::path(path).parent_path() / "CAMEO2PLOVER-2021.txt").string());
  if (table.empty()) return absl::NotFoundError("CAMEO2PLOVER-2021.txt missing beside " + path);

  Counts type, source, both;
  int gold = 0;
  for (const json& record : records) {
    if (record.value("event", "") == "DOCUMENT" || !record.contains("text")) continue;
    if (!InPart(record.value("id", ""), part)) continue;
    ++gold;
    engine::NormalizedArticle article;
    article.clean_text = record["text"].get<std::string>();
    article.language = "en";
    engine::Doc doc = extractor.Analyze(article);
    // Does this participant name one of these gold actors?
    auto names = [&](const engine::Participant& participant, const json& actors) {
      const engine::Cluster& cluster = doc.clusters[participant.cluster];
      std::string alpha3;
      for (const auto& [scheme, value] : cluster.gazetteer_ids) {
        if (scheme != "iso3166-1-alpha2") continue;
        if (const engine::Country* country = lexicon.FindCountryByCode(value)) alpha3 = country->alpha3;
      }
      std::vector<std::string> ours = Words(cluster.name + " " + participant.text);
      for (const json& actor : actors) {
        if (!actor.is_object()) continue;
        std::string code = actor.value("code", "");
        if (!alpha3.empty() && code.starts_with(alpha3)) return true;
        for (const std::string& word : Words(actor.value("actorText", ""))) {
          if (std::find(ours.begin(), ours.end(), word) != ours.end()) return true;
        }
      }
      return false;
    };
    const json empty = json::array();
    // A few records hold a string ("" or a sector) where a target list belongs: no target.
    auto actors = [&](const char* field) -> const json& {
      return record.contains(field) && record[field].is_array() ? record[field] : empty;
    };
    const json& sources = actors("source");
    const json& targets = actors("target");
    bool type_found = false, source_found = false, both_found = false;
    for (const engine::Event& event : doc.events) {
      bool same_type = CategoryOf(table, event.cameo_code) == record["event"].get<std::string>();
      bool source_ok = false, target_ok = targets.empty();
      for (const engine::Participant& participant : event.participants) {
        if (participant.role == v1::PARTICIPANT_ROLE_AGENT && names(participant, sources)) source_ok = true;
        if ((participant.role == v1::PARTICIPANT_ROLE_TARGET ||
             participant.role == v1::PARTICIPANT_ROLE_CO_PARTICIPANT) &&
            names(participant, targets)) {
          target_ok = true;
        }
      }
      ++type.predicted, ++source.predicted, ++both.predicted;
      type.correct += same_type;
      source.correct += same_type && source_ok;
      both.correct += same_type && source_ok && target_ok;
      type_found |= same_type;
      source_found |= same_type && source_ok;
      both_found |= same_type && source_ok && target_ok;
    }
    type.found += type_found, source.found += source_found, both.found += both_found;
    if (verbose) {
      std::cout << (both_found     ? "match  "
                    : source_found ? "source "
                    : type_found   ? "type   "
                                   : "miss   ")
                << record.value("id", "") << " " << record["event"].get<std::string>() << " " << ActorTexts(sources)
                << " -> " << ActorTexts(targets) << "\n  " << article.clean_text << "\n";
      for (const engine::Event& event : doc.events) {
        std::cout << "  ours " << CategoryOf(table, event.cameo_code) << " (" << event.cameo_code << ")";
        for (const engine::Participant& participant : event.participants) {
          std::cout << " " << v1::ParticipantRole_Name(participant.role).substr(17) << "="
                    << doc.clusters[participant.cluster].name;
        }
        std::cout << "\n";
      }
    }
  }
  std::printf("PLOVER records %d, events extracted %d\n", gold, type.predicted);
  std::printf("%-28s %9s %9s %9s\n", "", "precision", "recall", "f1");
  for (auto [name, counts] :
       {std::pair{"category", type}, {"category + source", source}, {"category + source + target", both}}) {
    double p = counts.predicted ? double(counts.correct) / counts.predicted : 0;
    double r = gold ? double(counts.found) / gold : 0;
    std::printf("%-28s %9.3f %9.3f %9.3f\n", name, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
  }
  return absl::OkStatus();
}

}  // namespace dossier::eval
