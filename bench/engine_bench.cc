// Normalization + extraction throughput over our example articles, and gazetteer load time.
//   build/bench/engine_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/extractor.h"
#include "engine/normalizer.h"

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

// state.range(0): 0 = plain text examples, 1 = HTML examples; range(1): 1 = also extract.
void BM_Engine(benchmark::State& state) {
  auto documents = LoadExamples(state.range(0) == 0 ? ".txt" : ".html");
  bool extract = state.range(1) == 1;
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
  state.SetLabel(state.range(0) == 0 ? "text" : "html");
}
BENCHMARK(BM_Engine)
    ->ArgNames({"html", "extract"})
    ->Args({0, 0})
    ->Args({0, 1})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace dossier::engine

BENCHMARK_MAIN();
