// dossier-train: trains the engine's syntax models from Universal Dependencies treebanks.
// Deterministic for a given seed. tools/train/train-models.sh runs the whole recipe from
// ../shared/corpora; see data/models/README.md.
//   dossier-train tagger     --train A.conllu [--train B.conllu] --dev D.conllu --clusters C.tsv --out M
//   dossier-train jackknife  --train A.conllu ... --clusters C.tsv --folds 4 --out TAGGED.conllu
//   dossier-train parser     --train TAGGED.conllu --dev D.conllu --tagger M --clusters C.tsv --out M
//   dossier-train lemmatizer --train A.conllu ... --dev D.conllu --tagger M --out M
//   dossier-train entity-data --train uner:A.iob2 [--train gum:B.conllu ...] --tagger M --clusters C.tsv
//                             --out DATA.tsv   (corpus specs: engine/syntax/entity_corpora.h)
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "engine/lexicon/lexicon.h"
#include "engine/stages/entity_hints.h"
#include "engine/syntax/conllu.h"
#include "engine/syntax/entity_corpora.h"
#include "engine/syntax/entity_recognizer.h"
#include "engine/syntax/lemmatizer.h"
#include "engine/syntax/parser.h"
#include "engine/syntax/tagger.h"
#include "engine/syntax/word_features.h"

namespace dossier::train {
namespace {

using namespace engine::syntax;

[[noreturn]] void Fail(const absl::Status& status) {
  std::cerr << "dossier-train: " << status << "\n";
  std::exit(1);
}

std::vector<ConlluSentence> ReadTreebanks(const std::vector<std::string>& paths) {
  std::vector<ConlluSentence> sentences;
  for (const auto& path : paths) {
    auto read = ReadConllu(path);
    if (!read.ok()) Fail(read.status());
    sentences.insert(sentences.end(), std::make_move_iterator(read->begin()), std::make_move_iterator(read->end()));
  }
  std::cerr << "read " << sentences.size() << " sentences from " << paths.size() << " file(s)\n";
  return sentences;
}

std::shared_ptr<const WordClusters> LoadClusters(const std::string& path) {
  if (path.empty()) return nullptr;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  auto clusters = WordClusters::Parse(content.str());
  if (!in || !clusters.ok()) Fail(clusters.ok() ? absl::NotFoundError("cannot read " + path) : clusters.status());
  return std::make_shared<const WordClusters>(*std::move(clusters));
}

Tagger LoadTagger(const std::string& path, std::shared_ptr<const WordClusters> clusters) {
  std::ifstream in(path, std::ios::binary);
  auto tagger = Tagger::Load(in, std::move(clusters));
  if (!tagger.ok()) Fail(tagger.status());
  return *std::move(tagger);
}

template <typename Model>
void Save(const Model& model, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  model.Save(out);
  if (!out.flush()) Fail(absl::InternalError("cannot write " + path));
  std::cerr << "wrote " << path << "\n";
}

// Options shared by the subcommands.
struct Arguments {
  std::vector<std::string> train;
  std::string dev, clusters, tagger, out;
  TrainingOptions training;
  int folds = 4;
};

void AddCommon(CLI::App& command, Arguments& arguments) {
  command.add_option("--train", arguments.train, "training treebank(s), CoNLL-U (entity-data: corpus specs)")
      ->required();
  command.add_option("--clusters", arguments.clusters, "word classes TSV (data/models/en_word_clusters.tsv)");
  command.add_option("--out", arguments.out, "file to write")->required();
  command.add_option("--epochs", arguments.training.epochs, "passes over the training data")->capture_default_str();
  command.add_option("--seed", arguments.training.seed, "shuffling seed")->capture_default_str();
  command.add_option("--min-weight", arguments.training.min_weight, "drop averaged weights this small")
      ->capture_default_str();
}

void TrainTagger(const Arguments& arguments) {
  auto clusters = LoadClusters(arguments.clusters);
  Tagger tagger = Tagger::Train(ReadTreebanks(arguments.train), ReadTreebanks({arguments.dev}), arguments.training,
                                clusters, std::cerr);
  Save(tagger, arguments.out);
}

// Tags each fold of the training data with a tagger trained on the other folds, so the
// parser learns from tags as wrong as they will be at run time. Folds are whole documents
// (a document's words would otherwise teach the tagger its own fold), or sentences for
// treebanks that mark too few documents.
void Jackknife(const Arguments& arguments) {
  auto clusters = LoadClusters(arguments.clusters);
  std::vector<ConlluSentence> sentences = ReadTreebanks(arguments.train);
  const auto fold_count = static_cast<size_t>(arguments.folds);
  std::vector<size_t> fold_of(sentences.size());
  size_t documents = 0;
  for (size_t s = 0; s < sentences.size(); ++s) {
    if (sentences[s].new_document || s == 0) ++documents;
    fold_of[s] = documents - 1;
  }
  for (size_t s = 0; s < sentences.size(); ++s)
    fold_of[s] = (documents >= 2 * fold_count ? fold_of[s] : s) % fold_count;
  std::cerr << "jackknife: " << documents << " documents in " << fold_count << " folds\n";
  std::vector<std::vector<ConlluSentence>> folds(fold_count);
  for (size_t s = 0; s < sentences.size(); ++s) folds[fold_of[s]].push_back(sentences[s]);
  std::vector<ConlluSentence> tagged;
  for (size_t f = 0; f < folds.size(); ++f) {
    std::vector<ConlluSentence> rest;
    for (size_t s = 0; s < sentences.size(); ++s) {
      if (fold_of[s] != f) rest.push_back(sentences[s]);
    }
    std::cerr << "fold " << f + 1 << " of " << folds.size() << "\n";
    Tagger tagger = Tagger::Train(rest, {}, arguments.training, clusters, std::cerr);
    Retag(tagger, folds[f]);
    tagged.insert(tagged.end(), folds[f].begin(), folds[f].end());
  }
  std::ofstream out(arguments.out);
  WriteConllu(out, tagged);
  if (!out.flush()) Fail(absl::InternalError("cannot write " + arguments.out));
}

void TrainParser(const Arguments& arguments, const Parser::Options& options) {
  auto clusters = LoadClusters(arguments.clusters);
  std::vector<ConlluSentence> dev = ReadTreebanks({arguments.dev});
  Retag(LoadTagger(arguments.tagger, clusters), dev);
  Parser parser = Parser::Train(ReadTreebanks(arguments.train), dev, options, clusters, std::cerr);
  Save(parser, arguments.out);
}

void TrainLemmatizer(const Arguments& arguments) {
  Lemmatizer lemmatizer = Lemmatizer::Train(ReadTreebanks(arguments.train));
  std::vector<ConlluSentence> dev = ReadTreebanks({arguments.dev});
  std::cerr << "lemmatizer: " << lemmatizer.exception_count() << " exceptions; dev accuracy, gold tags "
            << ScoreLemmatizer(lemmatizer, dev);
  Retag(LoadTagger(arguments.tagger, LoadClusters(arguments.clusters)), dev);
  std::cerr << ", tagger's tags " << ScoreLemmatizer(lemmatizer, dev) << "\n";
  Save(lemmatizer, arguments.out);
}

// What the recogniser reads besides the words, as it will at run time: the tagger's tags
// and the gazetteers' hints.
std::vector<LabeledSentence> ReadEntityCorpora(const std::vector<std::string>& specs, const Tagger& tagger,
                                               const engine::Lexicon& lexicon) {
  std::vector<LabeledSentence> sentences;
  for (const std::string& spec : specs) {
    auto read = ReadEntityCorpus(spec);
    if (!read.ok()) Fail(read.status());
    std::cerr << "read " << read->size() << " sentences from " << spec << "\n";
    std::move(read->begin(), read->end(), std::back_inserter(sentences));
  }
  engine::AddRecognizerInputs(sentences, tagger, lexicon);
  return sentences;
}

// Writes what the recogniser reads of each word of the corpora, one word per line and a
// blank line after each sentence, for tools/train/train-entities.py:
// word, class, shape, prefix, suffix2, suffix3, flags, UPOS, hints, label.
void WriteEntityData(const Arguments& arguments) {
  auto clusters = LoadClusters(arguments.clusters);
  Tagger tagger = LoadTagger(arguments.tagger, clusters);
  auto lexicon = engine::Lexicon::Load();
  if (!lexicon.ok()) Fail(lexicon.status());
  std::ofstream out(arguments.out, std::ios::binary);
  for (const LabeledSentence& sentence : ReadEntityCorpora(arguments.train, tagger, **lexicon)) {
    for (size_t i = 0; i < sentence.words.size(); ++i) {
      EntityWordFeatures word = DescribeEntityWord(sentence.words[i], clusters.get());
      out << word.word << '\t' << word.cluster << '\t' << word.shape << '\t' << word.prefix << '\t' << word.suffix2
          << '\t' << word.suffix3 << '\t' << word.flags << '\t' << sentence.upos[i] << '\t' << sentence.hints[i] << '\t'
          << sentence.labels[i] << '\n';
    }
    out << '\n';
  }
  if (!out.flush()) Fail(absl::InternalError("cannot write " + arguments.out));
}

}  // namespace
}  // namespace dossier::train

int main(int argc, char** argv) {
  using namespace dossier::train;
  CLI::App app("dossier-train: trains the tagger, lemmatizer and parser; writes data for the entity recogniser");
  app.require_subcommand(1);
  Arguments arguments;
  Parser::Options parser_options;

  auto* tagger = app.add_subcommand("tagger", "train the part-of-speech tagger");
  AddCommon(*tagger, arguments);
  tagger->add_option("--dev", arguments.dev, "development treebank (accuracy after each epoch)")->required();
  tagger->callback([&] { TrainTagger(arguments); });

  auto* jackknife = app.add_subcommand("jackknife", "tag training data fold by fold, for the parser");
  AddCommon(*jackknife, arguments);
  jackknife->add_option("--folds", arguments.folds, "folds")->check(CLI::Range(2, 20))->capture_default_str();
  jackknife->callback([&] { Jackknife(arguments); });

  auto* parser = app.add_subcommand("parser", "train the dependency parser on jackknife-tagged data");
  AddCommon(*parser, arguments);
  parser->add_option("--dev", arguments.dev, "development treebank (scores after each epoch)")->required();
  parser->add_option("--tagger", arguments.tagger, "tagger model that tags the development data")->required();
  parser->add_option("--explore-from", parser_options.explore_from_epoch, "epoch from which to follow own mistakes")
      ->capture_default_str();
  parser->add_option("--explore-probability", parser_options.explore_probability, "how often to follow them")
      ->capture_default_str();
  parser->callback([&] {
    static_cast<dossier::engine::syntax::TrainingOptions&>(parser_options) = arguments.training;
    TrainParser(arguments, parser_options);
  });

  auto* lemmatizer = app.add_subcommand("lemmatizer", "learn lemmatization rules");
  AddCommon(*lemmatizer, arguments);
  lemmatizer->add_option("--dev", arguments.dev, "development treebank")->required();
  lemmatizer->add_option("--tagger", arguments.tagger, "tagger model that tags the development data")->required();
  lemmatizer->callback([&] { TrainLemmatizer(arguments); });

  auto* entity_data = app.add_subcommand("entity-data", "write NER corpora as the recogniser reads them");
  AddCommon(*entity_data, arguments);
  entity_data->add_option("--tagger", arguments.tagger, "tagger model that tags the corpora")->required();
  entity_data->callback([&] { WriteEntityData(arguments); });

  CLI11_PARSE(app, argc, argv);
  return 0;
}
