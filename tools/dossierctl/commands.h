#pragma once

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "output.h"

// Each command group registers its subcommands on the app; the callback of the chosen
// subcommand sets the process exit code.
namespace dossierctl {

/// Settings every command shares.
struct GlobalOptions {
  std::string ingest_address = "127.0.0.1:50051";
  std::string query_address = "127.0.0.1:50052";
  bool json = false;
  double timeout_seconds = 30;
  int exit_code = 0;
  /// Bearer token sent with every call (--token, --token-file); empty: none.
  std::string token;
  /// TLS: on when `tls` or any file is given. Without a CA file the system's roots are used.
  bool tls = false;
  std::string tls_ca_pem;
  std::string tls_certificate_pem;
  std::string tls_key_pem;
  std::string tls_server_name;

  /// A client context with the call deadline set, and the token if there is one.
  std::unique_ptr<grpc::ClientContext> Context() const;
  /// Adds the token, if any, to `context` (for calls without a deadline).
  void Authorize(grpc::ClientContext& context) const;
  std::shared_ptr<grpc::Channel> Channel(const std::string& address) const;
};

/// The subcommand `name` of `app`, created with `help` if it does not exist yet (command
/// groups such as "article" collect subcommands from several files).
inline CLI::App* CommandGroup(CLI::App& app, const std::string& name, const std::string& help) {
  auto existing = app.get_subcommands([&](CLI::App* command) { return command->get_name() == name; });
  return existing.empty() ? app.add_subcommand(name, help) : existing.front();
}

/// Makes one unary call on `stub` with the options' deadline and prints the response: the
/// proto3 JSON mapping with --json, else through `print`. A failed call sets the exit code.
template <typename Response, typename Stub, typename Request, typename Call, typename Print>
void RunUnary(GlobalOptions& options, Stub& stub, const Request& request, Call call, Print print) {
  Response response;
  grpc::Status status = (stub.*call)(options.Context().get(), request, &response);
  if (!status.ok()) {
    options.exit_code = ReportError(status);
  } else if (options.json) {
    std::cout << ToJson(response);
  } else {
    print(response);
  }
}

void AddIngestCommands(CLI::App& app, GlobalOptions& options);
void AddQueryCommands(CLI::App& app, GlobalOptions& options);
void AddOfflineCommands(CLI::App& app, GlobalOptions& options);

}  // namespace dossierctl
