// Normalization + extraction throughput over a generated corpus and over our example
// articles, memory growth with corpus size, and gazetteer load time.
//   build/bench/engine_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/extractor.h"
#include "engine/normalize/normalizer.h"
#include "synthetic_corpus.h"

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

void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Lexicon::Load());
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond);

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
  Extractor extractor(SharedLexicon());
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

}  // namespace
}  // namespace dossier::engine

BENCHMARK_MAIN();
