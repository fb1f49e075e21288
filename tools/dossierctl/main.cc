// dossierctl: one command line for both Dossier services, and offline extraction.
#include <chrono>

#include "commands.h"

namespace dossierctl {

std::unique_ptr<grpc::ClientContext> GlobalOptions::Context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000)));
  return context;
}

std::shared_ptr<grpc::Channel> GlobalOptions::Channel(const std::string& address) const {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
}

}  // namespace dossierctl

int main(int argc, char** argv) {
  CLI::App app("dossierctl: ingest articles into Dossier and query its facts");
  app.require_subcommand(1);
  dossierctl::GlobalOptions options;
  app.add_option("--ingest-address", options.ingest_address, "dossier-ingest host:port")
      ->envname("DOSSIER_INGEST_ADDRESS")
      ->capture_default_str();
  app.add_option("--query-address", options.query_address, "dossier-query host:port")
      ->envname("DOSSIER_QUERY_ADDRESS")
      ->capture_default_str();
  app.add_flag("--json", options.json, "print the proto3 JSON mapping instead of tables");
  app.add_option("--timeout", options.timeout_seconds, "seconds before a call is abandoned")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  dossierctl::AddIngestCommands(app, options);
  dossierctl::AddQueryCommands(app, options);
  dossierctl::AddOfflineCommands(app, options);
  CLI11_PARSE(app, argc, argv);
  return options.exit_code;
}
