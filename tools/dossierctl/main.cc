// dossierctl: one command line for both Dossier services, and offline extraction.
#include <chrono>
#include <fstream>
#include <sstream>

#include "commands.h"
#include "dossier/common/strings.h"

namespace dossierctl {
namespace {

// Registers an option whose value is a file that is read at once, so a missing file is a
// usage error naming the flag. With `trim`, surrounding whitespace (a final newline) goes.
CLI::Option* AddFileOption(CLI::App& app, const std::string& name, std::string& contents, const std::string& help,
                           bool trim = false) {
  return app.add_option_function<std::string>(
      name,
      [&contents, name, trim](const std::string& path) {
        std::ifstream file(path, std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        if (!file) throw CLI::ValidationError(name, "cannot read " + path);
        contents = text.str();
        if (trim) contents = std::string(dossier::strings::Trim(contents));
      },
      help);
}

}  // namespace

std::unique_ptr<grpc::ClientContext> GlobalOptions::Context() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000)));
  Authorize(*context);
  return context;
}

void GlobalOptions::Authorize(grpc::ClientContext& context) const {
  if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
}

std::shared_ptr<grpc::Channel> GlobalOptions::Channel(const std::string& address) const {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(64 * 1024 * 1024);
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  bool use_tls = tls || !tls_ca_pem.empty() || !tls_certificate_pem.empty();
  if (!use_tls) return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
  if (!tls_server_name.empty()) arguments.SetSslTargetNameOverride(tls_server_name);
  grpc::SslCredentialsOptions files{tls_ca_pem, tls_key_pem, tls_certificate_pem};
  return grpc::CreateCustomChannel(address, grpc::SslCredentials(files), arguments);
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
  app.add_option("--token", options.token, "bearer token sent with every call (the last one given counts)")
      ->envname("DOSSIER_TOKEN")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  auto* token_file = dossierctl::AddFileOption(app, "--token-file", options.token,
                                               "file holding the bearer token (DOSSIER_TOKEN_FILE)", /*trim=*/true);
  token_file->envname("DOSSIER_TOKEN_FILE");
  auto* tls = app.add_option_group("TLS", "connect over TLS (mutual TLS with a client certificate)");
  tls->add_flag("--tls", options.tls, "use TLS, trusting the system's CA certificates");
  dossierctl::AddFileOption(*tls, "--tls-ca-file", options.tls_ca_pem,
                            "CA bundle (PEM) the servers' certificates chain to")
      ->envname("DOSSIER_TLS_CA_FILE");
  auto* certificate = dossierctl::AddFileOption(*tls, "--tls-cert-file", options.tls_certificate_pem,
                                                "client certificate chain (PEM), for mutual TLS")
                          ->envname("DOSSIER_TLS_CERT_FILE");
  auto* key = dossierctl::AddFileOption(*tls, "--tls-key-file", options.tls_key_pem, "client private key (PEM)")
                  ->envname("DOSSIER_TLS_KEY_FILE");
  certificate->needs(key);
  key->needs(certificate);
  tls->add_option("--tls-server-name", options.tls_server_name, "name to verify in the servers' certificates");
  dossierctl::AddIngestCommands(app, options);
  dossierctl::AddQueryCommands(app, options);
  dossierctl::AddOfflineCommands(app, options);
  CLI11_PARSE(app, argc, argv);
  return options.exit_code;
}
