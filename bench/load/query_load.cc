// query_load: drives dossier-query at a fixed concurrency and reports latency percentiles
// and throughput; or prints the pgbench script that runs the same SQL as one RPC.
//
//   query_load run --target 127.0.0.1:50052 --rpc get_entity --entities 50000
//       --concurrency 8 --seconds 20 [--names names.txt]
//   query_load pgbench-script --database-url URL --rpc get_entity --entities 50000
//
// Entities are picked as the fill script skews them (id = 1 + (N - 1) * r^2, r uniform),
// except for get_entity, which reads ids uniformly.
#include <absl/synchronization/mutex.h>
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <pqxx/pqxx>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "dossier/v1/query_service.grpc.pb.h"
#include "repository/query_repository.h"

namespace {

namespace v1 = dossier::v1;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string target = "127.0.0.1:50052";
  std::string rpc = "get_entity";
  int64_t entities = 50000;
  int concurrency = 8;
  double seconds = 20;
  double warmup_seconds = 2;
  std::string names_file;
  std::string database_url;
};

class Picker {
 public:
  explicit Picker(const Options& options) : entities_(options.entities) {
    if (!options.names_file.empty()) {
      std::ifstream in(options.names_file);
      for (std::string line; std::getline(in, line);) {
        if (line.size() >= 4) names_.push_back(line);
      }
    }
  }
  int64_t Uniform() { return std::uniform_int_distribution<int64_t>(1, entities_)(random_); }
  int64_t Skewed() {
    double r = unit_(random_);
    return 1 + static_cast<int64_t>(std::floor(static_cast<double>(entities_ - 1) * r * r));
  }
  // A known name with two neighbouring letters swapped: what a fuzzy search is for.
  std::string Misspelt() {
    std::string name = names_.empty() ? "kofi mensah" : names_[random_() % names_.size()];
    size_t at = 1 + random_() % (name.size() - 2);
    std::swap(name[at], name[at + 1]);
    return name;
  }

 private:
  int64_t entities_;
  std::vector<std::string> names_;
  std::mt19937_64 random_{20261123};
  std::uniform_real_distribution<double> unit_{0, 1};
};

// One outstanding call of any RPC: a completion-queue tag.
struct Call {
  virtual ~Call() = default;
  grpc::ClientContext context;
  grpc::Status status;
  Clock::time_point started;
};

template <typename Request, typename Response>
struct TypedCall : Call {
  Request request;
  Response response;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
};

// Starts one call of the chosen RPC.
Call* StartCall(const std::string& rpc, v1::QueryService::Stub& stub, grpc::CompletionQueue& queue, Picker& pick) {
  auto arm = [&](auto* call, auto prepare) {
    call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    call->started = Clock::now();
    call->reader = (stub.*prepare)(&call->context, call->request, &queue);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call);
    return call;
  };
  if (rpc == "get_entity") {
    auto* call = new TypedCall<v1::GetEntityRequest, v1::GetEntityResponse>();
    call->request.set_id(std::to_string(pick.Uniform()));
    return arm(call, &v1::QueryService::Stub::PrepareAsyncGetEntity);
  }
  if (rpc == "list_events") {
    auto* call = new TypedCall<v1::ListEventsRequest, v1::ListEventsResponse>();
    call->request.set_participant_entity_id(std::to_string(pick.Skewed()));
    call->request.set_page_size(50);
    return arm(call, &v1::QueryService::Stub::PrepareAsyncListEvents);
  }
  if (rpc == "search_fuzzy") {
    auto* call = new TypedCall<v1::SearchEntitiesRequest, v1::SearchEntitiesResponse>();
    call->request.set_query(pick.Misspelt());
    call->request.set_fuzzy(true);
    call->request.set_page_size(10);
    return arm(call, &v1::QueryService::Stub::PrepareAsyncSearchEntities);
  }
  if (rpc == "find_paths") {
    auto* call = new TypedCall<v1::FindPathsRequest, v1::FindPathsResponse>();
    int64_t from = pick.Skewed(), to = pick.Skewed();
    if (to == from) to = from + 1;
    call->request.set_from_entity_id(std::to_string(from));
    call->request.set_to_entity_id(std::to_string(to));
    call->request.set_max_hops(4);
    return arm(call, &v1::QueryService::Stub::PrepareAsyncFindPaths);
  }
  throw std::invalid_argument("unknown --rpc " + rpc + " (get_entity, list_events, search_fuzzy, find_paths)");
}

double Percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t index = static_cast<size_t>(std::ceil(p / 100 * static_cast<double>(sorted.size()))) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

int Run(const Options& options) {
  auto channel = grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials());
  auto stub = v1::QueryService::NewStub(channel);
  grpc::CompletionQueue queue;
  Picker pick(options);
  const auto start = Clock::now();
  const auto measure_from =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.warmup_seconds));
  const auto stop =
      measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.seconds));
  for (int i = 0; i < options.concurrency; ++i) StartCall(options.rpc, *stub, queue, pick);
  std::vector<double> latencies_ms;
  std::map<std::string, int64_t> errors;
  int outstanding = options.concurrency;
  void* tag = nullptr;
  bool ok = false;
  while (outstanding > 0 && queue.Next(&tag, &ok)) {
    std::unique_ptr<Call> call(static_cast<Call*>(tag));
    auto now = Clock::now();
    if (call->started >= measure_from && now <= stop) {
      if (call->status.ok()) {
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(now - call->started).count());
      } else {
        ++errors[std::to_string(call->status.error_code()) + " " + call->status.error_message()];
      }
    }
    if (now < stop) {
      StartCall(options.rpc, *stub, queue, pick);
    } else {
      --outstanding;
    }
  }
  std::sort(latencies_ms.begin(), latencies_ms.end());
  double qps = static_cast<double>(latencies_ms.size()) / options.seconds;
  std::printf("rpc=%s concurrency=%d calls=%zu qps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%lld\n",
              options.rpc.c_str(), options.concurrency, latencies_ms.size(), qps, Percentile(latencies_ms, 50),
              Percentile(latencies_ms, 90), Percentile(latencies_ms, 99),
              latencies_ms.empty() ? 0.0 : latencies_ms.back(),
              static_cast<long long>(std::accumulate(errors.begin(), errors.end(), int64_t{0},
                                                     [](int64_t sum, const auto& e) { return sum + e.second; })));
  for (const auto& [error, count] : errors)
    std::fprintf(stderr, "error x%lld: %s\n", static_cast<long long>(count), error.c_str());
  return errors.empty() ? 0 : 1;
}

// The SQL the service runs for an RPC, as pgbench script lines: the statements come from
// the repository itself (prepared on a connection, read back from pg_prepared_statements),
// with their parameters replaced by pgbench variables. Like the service, the script runs
// them as autocommit statements of a read-only session (run.sh sets both, and the
// statement timeout, through PGOPTIONS).
int PrintPgbenchScript(const Options& options) {
  struct Step {
    std::string statement;
    std::vector<std::string> parameters;  // $1 first
    std::string wrapper;                  // "%s" is the statement; empty: as it is
  };
  std::vector<Step> steps;
  std::vector<std::string> header;
  if (options.rpc == "get_entity") {
    header = {"\\set id random(1, " + std::to_string(options.entities) + ")"};
    steps = {{"entity_with_related", {":id", "10"}, ""}};
  } else if (options.rpc == "list_events") {
    // The page query, its ids kept in a pgbench variable, then the page's events by id.
    header = {"\\set r random(0, 1000000)",
              "\\set id 1 + int((" + std::to_string(options.entities - 1) + " * :r / 1000000.0) * :r / 1000000.0)"};
    steps = {{"list_participant_events",
              {":id", "NULL", "'{}'", "NULL", "NULL", "NULL", "NULL", "'{}'", "0", "NULL", "NULL", "NULL", "51"},
              "SELECT coalesce(string_agg(id::text, ','), '') AS page_ids FROM (%s) page (id, time_key) \\gset"},
             {"events_by_ids", {"string_to_array(:page_ids, ',')::bigint[]", "20"}, ""}};
  } else {
    std::cerr << "pgbench-script supports --rpc get_entity and list_events\n";
    return 2;
  }
  pqxx::connection connection(options.database_url);
  dossier::query::PrepareQueryStatements(connection);
  for (const auto& step : steps) connection.prepare_now(step.statement);  // libpqxx prepares lazily
  std::map<std::string, std::string> statements;
  {
    pqxx::nontransaction tx(connection);
    for (const auto& row : tx.exec("SELECT name, statement FROM pg_prepared_statements")) {
      statements[row[0].as<std::string>()] = row[1].as<std::string>();
    }
  }
  for (const auto& line : header) std::cout << line << '\n';
  for (const auto& step : steps) {
    std::string sql = statements.at(step.statement);
    // Highest numbers first, so $1 does not eat the start of $10.
    for (size_t i = step.parameters.size(); i >= 1; --i) {
      sql = std::regex_replace(sql, std::regex("\\$" + std::to_string(i) + "(?![0-9])"), step.parameters[i - 1]);
    }
    // pgbench reads one statement per line unless it ends with a semicolon: flatten it.
    std::replace(sql.begin(), sql.end(), '\n', ' ');
    if (step.wrapper.empty()) {
      std::cout << sql << ";\n";
    } else {
      // A \gset line ends the command itself.
      std::string wrapped = step.wrapper;
      wrapped.replace(wrapped.find("%s"), 2, sql);
      std::cout << wrapped << "\n";
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // as the services do
  CLI::App app("query_load: load and latency for dossier-query");
  app.require_subcommand(1);
  Options options;
  auto* run = app.add_subcommand("run", "drive one RPC at a fixed concurrency");
  run->add_option("--target", options.target, "dossier-query host:port");
  run->add_option("--concurrency", options.concurrency, "calls in flight");
  run->add_option("--seconds", options.seconds, "measured seconds");
  run->add_option("--warmup-seconds", options.warmup_seconds, "seconds before measuring");
  run->add_option("--names", options.names_file, "entity names, one per line (search_fuzzy)");
  auto* script = app.add_subcommand("pgbench-script", "print a pgbench script with the SQL of one RPC");
  script->add_option("--database-url", options.database_url, "PostgreSQL URL")->required();
  for (auto* command : {run, script}) {
    command->add_option("--rpc", options.rpc, "get_entity, list_events, search_fuzzy, find_paths");
    command->add_option("--entities", options.entities, "entities in the store (ids 1..N)");
  }
  CLI11_PARSE(app, argc, argv);
  try {
    return run->parsed() ? Run(options) : PrintPgbenchScript(options);
  } catch (const std::exception& e) {
    std::cerr << "query_load: " << e.what() << '\n';
    return 2;
  }
}
