// dossier-eval: scores the extraction engine against the annotated set in eval/devset, and
// its syntax stages against CoNLL-U treebanks.
//   build/tools/eval/dossier-eval --split dev [--devset eval/devset] [--verbose]
//   build/tools/eval/dossier-eval conllu FILE.conllu... [--verbose]
// Prints precision, recall and F1 for entities, relationships and events, date accuracy,
// body-text checks and entities taken from page furniture. See eval/devset/README.md.
#include <absl/time/time.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "conllu_scores.h"
#include "dossier/common/enum_labels.h"
#include "dossier/common/strings.h"
#include "engine/extractor.h"
#include "engine/normalize/normalizer.h"
#include "engine/normalize/text.h"
#include "entity_scores.h"
#include "geneva_scores.h"
#include "plover_scores.h"
#include "wcxb_charsets.h"
#include "wcxb_scores.h"

namespace dossier::eval {
namespace {

namespace fs = std::filesystem;
using dossier::EnumLabel;
using nlohmann::json;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Counts for one category; precision and recall are counted on each side separately.
struct Score {
  int gold = 0;
  int predicted = 0;
  int gold_matched = 0;
  int predicted_matched = 0;
  double Precision() const { return predicted ? static_cast<double>(predicted_matched) / predicted : 0; }
  double Recall() const { return gold ? static_cast<double>(gold_matched) / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  void Add(const Score& other) {
    gold += other.gold;
    predicted += other.predicted;
    gold_matched += other.gold_matched;
    predicted_matched += other.predicted_matched;
  }
};

struct Totals {
  int articles = 0;
  Score entities, relationships, events;
  int dated_events = 0, dates_correct = 0;
  int body_contains = 0, body_contains_found = 0;
  int body_excludes = 0, body_excludes_absent = 0;
  int furniture_entities = 0;
};

// One article's predicted entities, each with every surface form the engine saw.
struct Predicted {
  const engine::ExtractedEntity* entity;
  std::set<std::string> forms;  // folded
};

class ArticleScorer {
 public:
  ArticleScorer(const json& gold, const engine::NormalizedArticle& article, const engine::Extraction& facts,
                bool verbose, const std::string& name)
      : gold_(gold), article_(article), facts_(facts), verbose_(verbose), name_(name) {
    for (const auto& entity : facts.entities) {
      Predicted predicted{&entity, {engine::FoldForMatching(entity.name)}};
      for (const auto& alias : entity.aliases) predicted.forms.insert(engine::FoldForMatching(alias));
      predicted_.push_back(std::move(predicted));
    }
    for (const auto& mention : facts.mentions) {
      predicted_[mention.entity].forms.insert(engine::FoldForMatching(
          article.clean_text.substr(mention.span.start, mention.span.end - mention.span.start)));
    }
    for (const auto& entity : gold["entities"]) {
      std::set<std::string> forms{engine::FoldForMatching(entity["name"].get<std::string>())};
      for (const auto& alias : entity.value("aliases", json::array())) {
        forms.insert(engine::FoldForMatching(alias.get<std::string>()));
      }
      gold_forms_[entity["name"].get<std::string>()] = forms;
    }
  }

  void Run(Totals& totals) {
    ScoreBody(totals);
    ScoreEntities(totals.entities, totals.furniture_entities);
    ScoreRelationships(totals.relationships);
    ScoreEvents(totals.events, totals.dated_events, totals.dates_correct);
  }

 private:
  // The gold entity name a predicted entity stands for ("" if none); any shared form counts.
  std::string GoldNameOf(size_t predicted) const {
    for (const auto& [name, forms] : gold_forms_) {
      for (const auto& form : predicted_[predicted].forms) {
        if (forms.count(form)) return name;
      }
    }
    return "";
  }

  void Miss(const std::string& what) const {
    if (verbose_) std::cout << "  " << name_ << ": " << what << '\n';
  }

  void ScoreBody(Totals& totals) const {
    for (const auto& text : gold_.value("body_contains", json::array())) {
      ++totals.body_contains;
      if (article_.clean_text.find(text.get<std::string>()) != std::string::npos) {
        ++totals.body_contains_found;
      } else {
        Miss("body lacks \"" + text.get<std::string>() + "\"");
      }
    }
    for (const auto& text : gold_.value("body_excludes", json::array())) {
      ++totals.body_excludes;
      if (article_.clean_text.find(text.get<std::string>()) == std::string::npos) {
        ++totals.body_excludes_absent;
      } else {
        Miss("body keeps furniture \"" + text.get<std::string>() + "\"");
      }
    }
  }

  void ScoreEntities(Score& score, int& furniture) const {
    std::set<std::string> furniture_names;
    for (const auto& name : gold_.value("furniture_names", json::array())) {
      furniture_names.insert(engine::FoldForMatching(name.get<std::string>()));
    }
    std::set<std::string> gold_found;
    for (size_t i = 0; i < predicted_.size(); ++i) {
      ++score.predicted;
      std::string type = EnumLabel(v1::EntityType_descriptor(), predicted_[i].entity->type);
      std::string gold_name = GoldNameOf(i);
      bool typed_right = false;
      for (const auto& entity : gold_["entities"]) {
        if (entity["name"] == gold_name && entity["type"] == type) typed_right = true;
      }
      if (typed_right) {
        ++score.predicted_matched;
        gold_found.insert(gold_name);
      } else {
        Miss("extra entity " + predicted_[i].entity->name + " (" + type + ")" +
             (gold_name.empty() ? "" : ", gold calls it " + gold_name));
      }
      for (const auto& form : predicted_[i].forms) {
        if (furniture_names.count(form)) {
          ++furniture;
          Miss("entity from page furniture: " + predicted_[i].entity->name);
          break;
        }
      }
    }
    for (const auto& entity : gold_["entities"]) {
      ++score.gold;
      if (gold_found.count(entity["name"].get<std::string>())) {
        ++score.gold_matched;
      } else {
        Miss("missed entity " + entity["name"].get<std::string>() + " (" + entity["type"].get<std::string>() + ")");
      }
    }
  }

  void ScoreRelationships(Score& score) const {
    std::set<std::tuple<std::string, std::string, std::string>> predicted;
    for (const auto& relation : facts_.relationships) {
      predicted.emplace(GoldNameOf(relation.subject),
                        EnumLabel(v1::RelationshipPredicate_descriptor(), relation.predicate),
                        GoldNameOf(relation.object));
    }
    std::set<std::tuple<std::string, std::string, std::string>> gold;
    for (const auto& relation : gold_.value("relationships", json::array())) {
      gold.emplace(relation["subject"], relation["predicate"], relation["object"]);
    }
    for (const auto& relation : predicted) {
      ++score.predicted;
      if (gold.count(relation)) {
        ++score.predicted_matched;
      } else {
        Miss("extra relationship " + std::get<0>(relation) + " " + std::get<1>(relation) + " " + std::get<2>(relation));
      }
    }
    for (const auto& relation : gold) {
      ++score.gold;
      if (predicted.count(relation)) {
        ++score.gold_matched;
      } else {
        Miss("missed relationship " + std::get<0>(relation) + " " + std::get<1>(relation) + " " +
             std::get<2>(relation));
      }
    }
  }

  // An event matches on type and main participant (the agent, else the other party).
  void ScoreEvents(Score& score, int& dated, int& dates_correct) const {
    std::vector<std::pair<std::string, std::set<std::string>>> predicted;  // type, participants
    for (const auto& event : facts_.events) {
      std::set<std::string> participants;
      for (const auto& participant : event.participants) participants.insert(GoldNameOf(participant.entity));
      predicted.emplace_back(EnumLabel(v1::EventType_descriptor(), event.type), participants);
    }
    std::vector<bool> predicted_used(predicted.size(), false);
    for (const auto& event : gold_.value("events", json::array())) {
      ++score.gold;
      std::string type = event["type"];
      std::string main = event.value("agent", event.value("other", std::string()));
      // One predicted event per gold event: preferably one stated in the gold evidence's
      // sentence, else the first one not matched yet.
      std::optional<size_t> match;
      for (size_t i = 0; i < predicted.size(); ++i) {
        if (predicted[i].first != type || (!main.empty() && !predicted[i].second.count(main))) continue;
        if (SentenceOf(facts_.events[i]).find(event.value("evidence", std::string())) != std::string_view::npos &&
            !predicted_used[i]) {
          match = i;
          break;
        }
        if (!match || (predicted_used[*match] && !predicted_used[i])) match = i;
      }
      bool found = match.has_value();
      if (match) {
        size_t i = *match;
        predicted_used[i] = true;
        if (event.contains("date")) {
          ++dated;
          const auto& time = facts_.events[i].time;
          std::string day =
              time.start ? absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(time.start->time_since_epoch().count()),
                                            absl::UTCTimeZone())
                         : "";
          if (day == event["date"]) {
            ++dates_correct;
          } else {
            Miss("wrong date for " + type + " by " + main + ": " + day + " instead of " +
                 event["date"].get<std::string>());
          }
        }
      }
      if (found) {
        ++score.gold_matched;
      } else {
        Miss("missed event " + type + " by " + main);
      }
    }
    // Precision: a predicted event counts when some gold event has its type and main participant.
    for (size_t i = 0; i < predicted.size(); ++i) {
      ++score.predicted;
      bool matched = predicted_used[i];
      for (const auto& event : gold_.value("events", json::array())) {
        std::string main = event.value("agent", event.value("other", std::string()));
        if (event["type"] == predicted[i].first && (main.empty() || predicted[i].second.count(main))) matched = true;
      }
      if (matched) {
        ++score.predicted_matched;
      } else {
        const auto& event = facts_.events[i];
        std::vector<std::string> names(predicted[i].second.begin(), predicted[i].second.end());
        Miss("extra event " + predicted[i].first + " (" + strings::Join(names, ", ") + "): \"" +
             article_.clean_text.substr(event.span.start, event.span.end - event.span.start) + "\"");
      }
    }
  }

  std::string_view SentenceOf(const engine::ExtractedEvent& event) const {
    const auto& sentence = facts_.sentences.at(event.span.sentence);
    return std::string_view(article_.clean_text).substr(sentence.start, sentence.end - sentence.start);
  }

  const json& gold_;
  const engine::NormalizedArticle& article_;
  const engine::Extraction& facts_;
  bool verbose_;
  std::string name_;
  std::vector<Predicted> predicted_;
  std::map<std::string, std::set<std::string>> gold_forms_;
};

void PrintRow(const std::string& name, const Score& score) {
  std::printf("%-14s %6d %9d %8.3f %8.3f %8.3f\n", name.c_str(), score.gold, score.predicted, score.Precision(),
              score.Recall(), score.F1());
}

}  // namespace
}  // namespace dossier::eval

int main(int argc, char** argv) {
  namespace eval = dossier::eval;
  namespace engine = dossier::engine;
  CLI::App app("dossier-eval: score extraction against the annotated development set");
  std::string devset = std::string(DOSSIER_SOURCE_DIR) + "/eval/devset";
  std::string split = "dev";
  bool verbose = false;
  app.add_option("--devset", devset, "folder with articles/ and gold/")->capture_default_str();
  app.add_option("--split", split, "dev, test or all")
      ->check(CLI::IsMember({"dev", "test", "all"}))
      ->capture_default_str();
  app.add_flag("--verbose", verbose, "list every miss");
  std::vector<std::string> treebanks;
  auto* conllu = app.add_subcommand("conllu", "score tokenizer, tagger, lemmatizer and parser on CoNLL-U files");
  conllu->add_option("files", treebanks, "CoNLL-U files (for example UD English EWT test)")->required();
  conllu->add_flag("--verbose", verbose, "also scores by tag and by relation");
  std::vector<std::string> entity_corpora;
  std::string entity_model;
  size_t show_errors = 0;
  auto* entities = app.add_subcommand("entities", "score the entity recogniser on NER corpora");
  entities->add_option("corpora", entity_corpora, "corpus specs: uner:PATH, crossner:PATH, wikigold:PATH:PART, ...")
      ->required();
  entities->add_option("--model", entity_model, "an entity model file instead of the compiled-in one");
  entities->add_option("--show-errors", show_errors, "print this many errors per corpus");
  std::string plover_file;
  auto* plover = app.add_subcommand("plover", "score events on the PLOVER gold-standard records");
  plover->add_option("file", plover_file, "PLOVER_GSR_CAMEO.txt (CAMEO2PLOVER-2021.txt beside it)")->required();
  plover->add_flag("--verbose", verbose, "every record: its sentence, gold actors and our events");
  std::string plover_part = "all";
  plover->add_option("--part", plover_part, "dev (odd record numbers, tuned on), test (even) or all")
      ->check(CLI::IsMember({"all", "dev", "test"}));
  std::string wcxb_dir;
  size_t wcxb_worst = 20;
  std::string wcxb_type = "article";
  auto* wcxb = app.add_subcommand("wcxb", "score the HTML normalizer's main text on WCXB pages (bag-of-words F1)");
  wcxb->add_option("dir", wcxb_dir, "the WCXB folder: pages.tsv, html/, ground-truth/")->required();
  wcxb->add_option("--worst", wcxb_worst, "list this many worst pages of the --type (default 20)");
  std::string wcxb_charset;
  wcxb->add_option("--reencode", wcxb_charset,
                   "instead: re-encode every page into this charset (e.g. windows-1252) and compare the clean text");
  wcxb->add_option("--type", wcxb_type, "page type of the worst list: article (default), forum, listing, ..., or all");
  std::string geneva_file;
  auto* geneva = app.add_subcommand("geneva", "trigger and argument recall on GENEVA sentences");
  geneva->add_option("file", geneva_file, "GENEVA val.json or test.json (OneIE JSON lines)")->required();
  CLI11_PARSE(app, argc, argv);

  auto models = engine::syntax::SyntaxModels::Embedded();
  if (!models.ok()) {
    std::cerr << "error: " << models.status().message() << '\n';
    return 1;
  }
  if (conllu->parsed()) {
    for (const auto& treebank : treebanks) {
      if (absl::Status scored = eval::ScoreConlluFile(treebank, **models, verbose); !scored.ok()) {
        std::cerr << "error: " << scored.message() << '\n';
        return 1;
      }
    }
    return 0;
  }

  auto lexicon = engine::Lexicon::Load();
  if (!lexicon.ok()) {
    std::cerr << "error: " << lexicon.status().message() << '\n';
    return 1;
  }
  if (entities->parsed()) {
    // The compiled-in recogniser, unless --model names another.
    const engine::syntax::EntityRecognizer* recognizer = &(*models)->entities;
    absl::StatusOr<engine::syntax::EntityRecognizer> loaded;
    if (!entity_model.empty()) {
      std::ifstream model_file(entity_model, std::ios::binary);
      loaded = engine::syntax::EntityRecognizer::Load(model_file, (*models)->clusters);
      if (!loaded.ok()) {
        std::cerr << "error: " << entity_model << ": " << loaded.status().message() << '\n';
        return 1;
      }
      recognizer = &*loaded;
    }
    for (const auto& corpus : entity_corpora) {
      absl::Status scored = eval::ScoreEntityCorpus(corpus, *recognizer, **models, **lexicon, show_errors);
      if (!scored.ok()) {
        std::cerr << "error: " << scored.message() << '\n';
        return 1;
      }
    }
    return 0;
  }
  engine::Normalizer normalizer(*lexicon);
  engine::Extractor extractor(*lexicon, *models);
  if (geneva->parsed()) {
    if (absl::Status scored = eval::ScoreGeneva(geneva_file, extractor); !scored.ok()) {
      std::cerr << "error: " << scored.message() << '\n';
      return 1;
    }
    return 0;
  }
  if (wcxb->parsed()) {
    absl::Status scored = wcxb_charset.empty() ? eval::ScoreWcxb(wcxb_dir, normalizer, wcxb_worst, wcxb_type)
                                               : eval::ScoreWcxbReencoded(wcxb_dir, normalizer, wcxb_charset);
    if (!scored.ok()) {
      std::cerr << "error: " << scored.message() << '\n';
      return 1;
    }
    return 0;
  }
  if (plover->parsed()) {
    if (absl::Status scored = eval::ScorePlover(plover_file, extractor, **lexicon,
                                                plover_part == "dev"    ? eval::PloverPart::kDev
                                                : plover_part == "test" ? eval::PloverPart::kTest
                                                                        : eval::PloverPart::kAll,
                                                verbose);
        !scored.ok()) {
      std::cerr << "error: " << scored.message() << '\n';
      return 1;
    }
    return 0;
  }
  eval::Totals totals;
  std::vector<eval::fs::path> gold_files;
  for (const auto& entry : eval::fs::directory_iterator(devset + "/gold")) gold_files.push_back(entry.path());
  std::sort(gold_files.begin(), gold_files.end());
  for (const auto& gold_file : gold_files) {
    auto gold = nlohmann::json::parse(eval::ReadFile(gold_file));
    if (split != "all" && gold.value("split", "") != split) continue;
    std::string stem = gold_file.stem().string();
    eval::fs::path article_file = devset + "/articles/" + stem + ".html";
    if (!eval::fs::exists(article_file)) article_file.replace_extension(".txt");
    engine::RawDocument raw;
    raw.url = gold.value("url", "https://devset.example/" + stem);
    raw.published = gold.value("published", "");
    raw.content = eval::ReadFile(article_file);
    auto article = normalizer.Normalize(raw);
    if (!article.ok()) {
      std::cerr << stem << ": " << article.status().message() << '\n';
      return 1;
    }
    auto facts = extractor.Extract(*article);
    eval::ArticleScorer(gold, *article, facts, verbose, stem).Run(totals);
    ++totals.articles;
  }
  std::printf("split %s: %d articles\n\n%-14s %6s %9s %8s %8s %8s\n", split.c_str(), totals.articles, "category",
              "gold", "predicted", "precision", "recall", "f1");
  eval::PrintRow("entities", totals.entities);
  eval::PrintRow("relationships", totals.relationships);
  eval::PrintRow("events", totals.events);
  auto ratio = [](int a, int b) { return b ? static_cast<double>(a) / b : 0.0; };
  std::printf("\ndate accuracy          %d/%d = %.3f (matched events with a gold date)\n", totals.dates_correct,
              totals.dated_events, ratio(totals.dates_correct, totals.dated_events));
  std::printf("body kept                %d/%d = %.3f (gold sentences found in the clean body)\n",
              totals.body_contains_found, totals.body_contains,
              ratio(totals.body_contains_found, totals.body_contains));
  std::printf("furniture removed        %d/%d = %.3f\n", totals.body_excludes_absent, totals.body_excludes,
              ratio(totals.body_excludes_absent, totals.body_excludes));
  std::printf("entities from furniture  %d\n", totals.furniture_entities);
  return 0;
}
