// Normalization + extraction throughput over a generated corpus and over our example
// articles, memory growth with corpus size, gazetteer and model load time, and the tagger
// and parser alone.
//   build/bench/engine_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/extractor.h"
#include "engine/normalize/normalizer.h"
#include "engine/stages/entities.h"
#include "engine/stages/parser.h"
#include "engine/stages/tagger.h"
#include "engine/stages/tokenizer.h"
#include "synthetic_corpus.h"
#include "wcxb_pages.h"

namespace dossier::engine {
namespace {

std::vector<RawDocument> LoadExamples(const std::string& extension) {
  std::vector<RawDocument> documents;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DOSSIER_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != extension) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    RawDocument raw;
    raw.url = "https://bench.example/" + entry.path().filename().string();
    raw.published = "2025-03-12";
    raw.content = content.str();
    documents.push_back(std::move(raw));
  }
  return documents;
}

const std::shared_ptr<const Lexicon>& SharedLexicon() {
  static const std::shared_ptr<const Lexicon> lexicon = *Lexicon::Load();
  return lexicon;
}

const std::shared_ptr<const syntax::SyntaxModels>& SharedModels() {
  static const std::shared_ptr<const syntax::SyntaxModels> models = *syntax::SyntaxModels::Embedded();
  return models;
}

void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Lexicon::Load());
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond);

// Reading the embedded tagger, lemmatizer, parser and word classes (what start-up pays).
void BM_LoadSyntaxModels(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(syntax::SyntaxModels::ReadEmbedded());
}
BENCHMARK(BM_LoadSyntaxModels)->Unit(benchmark::kMillisecond);

// Resident set of this process now, in KiB (Linux /proc/self/statm).
int64_t ResidentKib() {
  std::ifstream statm("/proc/self/statm");
  int64_t size_pages = 0;
  int64_t resident_pages = 0;
  statm >> size_pages >> resident_pages;
  return resident_pages * (sysconf(_SC_PAGESIZE) / 1024);
}

// Normalizes and (optionally) extracts every document once per iteration.
void RunEngine(benchmark::State& state, const std::vector<RawDocument>& documents, bool extract) {
  Normalizer normalizer(SharedLexicon());
  Extractor extractor(SharedLexicon(), SharedModels());
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& raw : documents) {
      auto article = normalizer.Normalize(raw);
      if (extract) benchmark::DoNotOptimize(extractor.Extract(*article));
      bytes += static_cast<int64_t>(raw.content.size());
    }
  }
  state.SetBytesProcessed(bytes);
}

// The examples/ articles. range(0): 0 = plain text, 1 = HTML; range(1): 1 = also extract.
void BM_Engine(benchmark::State& state) {
  RunEngine(state, LoadExamples(state.range(0) == 0 ? ".txt" : ".html"), state.range(1) == 1);
  state.SetLabel(state.range(0) == 0 ? "text" : "html");
}
BENCHMARK(BM_Engine)
    ->ArgNames({"html", "extract"})
    ->Args({0, 0})
    ->Args({0, 1})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Unit(benchmark::kMicrosecond);

// HTML normalization alone on real pages: the first range(0) pages of the WCXB dev corpus
// (DOSSIER_WCXB_DIR, else ../shared/corpora/wcxb-dev beside the repository), read into
// memory before timing. Skipped where the corpus is not present.
void BM_NormalizeWcxb(benchmark::State& state) {
  const char* dir = std::getenv("DOSSIER_WCXB_DIR");
  auto pages = eval::ListWcxbPages(dir ? dir : DOSSIER_SOURCE_DIR "/../shared/corpora/wcxb-dev");
  if (!pages.ok()) {
    state.SkipWithError(std::string(pages.status().message()).c_str());
    return;
  }
  std::vector<RawDocument> documents;
  for (const auto& page : *pages) {
    if (documents.size() == static_cast<size_t>(state.range(0))) break;
    auto html = eval::ReadGzipFile(page.html_path);
    if (!html.ok()) continue;
    RawDocument& raw = documents.emplace_back();
    raw.url = page.url.empty() ? "https://wcxb.invalid/" + page.id : page.url;
    raw.content = std::move(*html);
    raw.format = v1::CONTENT_FORMAT_HTML;
  }
  RunEngine(state, documents, /*extract=*/false);
}
BENCHMARK(BM_NormalizeWcxb)->ArgName("pages")->Arg(200)->Unit(benchmark::kMillisecond);

// The generated corpus, normalize + extract. range(0): 0 = plain text, 1 = HTML;
// range(1): articles. rss_growth_kib is how much the resident set grew while the corpus was
// processed (the corpus itself is made before): it stays flat as the corpus grows when
// nothing accumulates from one article to the next.
void BM_Corpus(benchmark::State& state) {
  auto corpus = bench::GenerateCorpus(static_cast<size_t>(state.range(1)), state.range(0) == 1);
  int64_t rss_before = ResidentKib();
  RunEngine(state, corpus, /*extract=*/true);
  state.counters["rss_growth_kib"] = static_cast<double>(ResidentKib() - rss_before);
  state.SetLabel(state.range(0) == 0 ? "text" : "html");
}
BENCHMARK(BM_Corpus)
    ->ArgNames({"html", "articles"})
    ->Args({0, 200})
    ->Args({0, 2000})
    ->Args({1, 200})
    ->Args({1, 2000})
    ->Unit(benchmark::kMillisecond);

// The examples (text and HTML) or 200 generated articles, normalized and tokenized.
std::vector<Doc> TokenizedDocs(bool generated, std::vector<NormalizedArticle>& articles) {
  std::vector<RawDocument> raw = generated ? bench::GenerateCorpus(200, false) : LoadExamples(".txt");
  if (!generated) {
    std::vector<RawDocument> html = LoadExamples(".html");
    raw.insert(raw.end(), html.begin(), html.end());
  }
  Normalizer normalizer(SharedLexicon());
  for (const auto& document : raw) articles.push_back(*normalizer.Normalize(document));
  std::vector<Doc> docs;
  for (const auto& article : articles) TokenizerStage().Process(docs.emplace_back(article));
  return docs;
}

// The tagger and parser stages alone, on documents tokenized beforehand; items are tokens.
// range(0): 0 = the examples (text and HTML), 1 = 200 generated articles.
void BM_TagAndParse(benchmark::State& state) {
  std::vector<NormalizedArticle> articles;
  std::vector<Doc> docs = TokenizedDocs(state.range(0) == 1, articles);
  TaggerStage tagger(SharedModels());
  ParserStage parser(SharedModels());
  int64_t tokens = 0;
  for (auto _ : state) {
    for (Doc& doc : docs) {
      tagger.Process(doc);
      parser.Process(doc);
      tokens += static_cast<int64_t>(doc.tokens.size());
    }
  }
  state.SetItemsProcessed(tokens);
  state.SetLabel(state.range(0) == 0 ? "examples" : "generated");
}
BENCHMARK(BM_TagAndParse)->ArgName("generated")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The entities stage alone (gazetteer hints and the recogniser), on tagged documents; items
// are tokens. range(0) as for BM_TagAndParse.
void BM_RecognizeEntities(benchmark::State& state) {
  std::vector<NormalizedArticle> articles;
  std::vector<Doc> docs = TokenizedDocs(state.range(0) == 1, articles);
  for (Doc& doc : docs) TaggerStage(SharedModels()).Process(doc);
  EntitiesStage entities(SharedLexicon(), SharedModels());
  int64_t tokens = 0;
  for (auto _ : state) {
    for (Doc& doc : docs) {
      entities.Process(doc);
      tokens += static_cast<int64_t>(doc.tokens.size());
    }
  }
  state.SetItemsProcessed(tokens);
  state.SetLabel(state.range(0) == 0 ? "examples" : "generated");
}
BENCHMARK(BM_RecognizeEntities)->ArgName("generated")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dossier::engine

BENCHMARK_MAIN();
