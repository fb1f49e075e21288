// ingest_load: end-to-end ingest throughput of dossier-ingest. Generated articles
// (bench/synthetic_corpus: our own sentences and page furniture) go to the service from
// `--concurrency` threads, each making one IngestArticle call at a time: normalize, extract,
// store in one transaction. Prints articles/s and call latency.
//
//   ingest_load --target 127.0.0.1:50051 --articles 2000 --concurrency 4 [--html] [--seed 1]
//
// Articles of one seed have distinct URLs and texts; use another seed against a store that
// already holds them, or every call is a DUPLICATE.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include "dossier/v1/ingest_service.grpc.pb.h"
#include "synthetic_corpus.h"

namespace {

namespace v1 = dossier::v1;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string target = "127.0.0.1:50051";
  size_t articles = 2000;
  int concurrency = 4;
  bool html = false;
  uint64_t seed = 1;
};

int Run(const Options& options) {
  auto corpus = dossier::bench::GenerateCorpus(options.articles, options.html, options.seed);
  auto channel = grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials());
  auto stub = v1::IngestService::NewStub(channel);
  std::atomic<size_t> next{0};
  std::atomic<size_t> failed{0}, duplicates{0};
  std::mutex latencies_mutex;
  std::vector<double> latencies_ms;
  int64_t bytes = 0;
  for (const auto& document : corpus) bytes += static_cast<int64_t>(document.content.size());
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < options.concurrency; ++t) {
    threads.emplace_back([&] {
      std::vector<double> mine;
      for (size_t i = next++; i < corpus.size(); i = next++) {
        v1::IngestArticleRequest request;
        auto* article = request.mutable_article();
        article->set_url(corpus[i].url + "?seed=" + std::to_string(options.seed));
        article->set_content(corpus[i].content);
        article->set_format(options.html ? v1::CONTENT_FORMAT_HTML : v1::CONTENT_FORMAT_PLAIN_TEXT);
        article->set_published(corpus[i].published);
        v1::IngestArticleResponse response;
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
        auto call_start = Clock::now();
        grpc::Status status = stub->IngestArticle(&context, request, &response);
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - call_start).count());
        if (!status.ok()) {
          if (failed++ == 0) std::cerr << "ingest_load: " << status.error_message() << '\n';
        } else if (response.outcome() == v1::INGEST_OUTCOME_DUPLICATE) {
          ++duplicates;
        }
      }
      std::lock_guard lock(latencies_mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& thread : threads) thread.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto percentile = [&](double p) {
    return latencies_ms.empty() ? 0.0 : latencies_ms[static_cast<size_t>(p * (latencies_ms.size() - 1))];
  };
  std::printf(
      "articles=%zu concurrency=%d format=%s seconds=%.2f articles_per_s=%.1f mb_per_s=%.2f p50_ms=%.1f "
      "p99_ms=%.1f failed=%zu duplicates=%zu\n",
      corpus.size(), options.concurrency, options.html ? "html" : "text", seconds, corpus.size() / seconds,
      static_cast<double>(bytes) / seconds / 1e6, percentile(0.5), percentile(0.99), failed.load(), duplicates.load());
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("ingest_load: end-to-end ingest throughput of dossier-ingest");
  Options options;
  app.add_option("--target", options.target, "dossier-ingest host:port")->capture_default_str();
  app.add_option("--articles", options.articles, "generated articles to send")->capture_default_str();
  app.add_option("--concurrency", options.concurrency, "calls in flight")->check(CLI::Range(1, 64));
  app.add_flag("--html", options.html, "send HTML pages instead of scraped text");
  app.add_option("--seed", options.seed, "corpus seed (another seed, other articles)")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return Run(options);
}
