// dossierctl ingest | article delete | reprocess
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "article_files.h"
#include "commands.h"
#include "dossier/v1/ingest_service.grpc.pb.h"
#include "engine/normalize/text.h"
#include "output.h"

namespace dossierctl {
namespace {

namespace fs = std::filesystem;
using dossier::v1::IngestService;

struct IngestFlags {
  std::vector<std::string> paths;
  std::string url;
  std::string source;
  std::string published;
  std::string format = "auto";
};

// NAME.meta.json beside NAME.html holds {"url", "source", "published"}; flags win.
bool BuildRawArticle(const fs::path& file, const IngestFlags& flags, dossier::v1::RawArticle* article,
                     std::string* error) {
  // A page in another charset goes as bytes; the service converts it.
  std::string content = ReadFile(file);
  if (dossier::engine::IsValidUtf8(content)) {
    article->set_content(std::move(content));
  } else {
    article->set_content_bytes(std::move(content));
  }
  fs::path sidecar = file;
  sidecar.replace_extension(".meta.json");
  if (fs::exists(sidecar)) {
    auto meta = nlohmann::json::parse(ReadFile(sidecar), nullptr, false);
    if (meta.is_discarded() || !meta.is_object()) {
      *error = sidecar.string() + " is not a JSON object";
      return false;
    }
    article->set_url(meta.value("url", ""));
    article->set_source(meta.value("source", ""));
    article->set_published(meta.value("published", ""));
  }
  if (!flags.url.empty()) article->set_url(flags.url);
  if (!flags.source.empty()) article->set_source(flags.source);
  if (!flags.published.empty()) article->set_published(flags.published);
  if (flags.format == "html") article->set_format(dossier::v1::CONTENT_FORMAT_HTML);
  if (flags.format == "text") article->set_format(dossier::v1::CONTENT_FORMAT_PLAIN_TEXT);
  return true;
}

void RunIngest(const IngestFlags& flags, GlobalOptions& options) {
  std::string error;
  auto files = ArticleFiles(flags.paths, &error);
  if (!error.empty()) {
    std::cerr << "error: " << error << '\n';
    options.exit_code = 2;
    return;
  }
  if (!flags.url.empty() && files.size() > 1) {
    std::cerr << "error: --url names one article; give one file\n";
    options.exit_code = 2;
    return;
  }
  auto stub = IngestService::NewStub(options.Channel(options.ingest_address));
  auto context = options.Context();
  auto stream = stub->IngestArticles(context.get());
  for (const auto& file : files) {
    dossier::v1::IngestArticlesRequest request;
    request.set_client_reference(file.string());
    if (!BuildRawArticle(file, flags, request.mutable_article(), &error)) {
      std::cerr << "error: " << error << '\n';
      options.exit_code = 2;
      break;
    }
    if (!stream->Write(request)) break;
  }
  stream->WritesDone();
  Table table({"FILE", "OUTCOME", "ARTICLE", "ENTITIES", "MENTIONS", "EVENTS", "RELATIONS", "DETAIL"});
  dossier::v1::IngestArticlesResponse response;
  while (stream->Read(&response)) {
    if (options.json) {
      std::cout << ToJson(response);
    } else {
      const auto& facts = response.facts();
      table.Add({fs::path(response.client_reference()).filename().string(),
                 EnumLabel(dossier::v1::IngestOutcome_descriptor(), response.outcome()), response.article().id(),
                 std::to_string(facts.entities()), std::to_string(facts.mentions()), std::to_string(facts.events()),
                 std::to_string(facts.relationships()),
                 response.outcome() == dossier::v1::INGEST_OUTCOME_REJECTED ? response.error_message()
                                                                            : response.article().canonical_url()});
    }
    if (response.outcome() == dossier::v1::INGEST_OUTCOME_REJECTED) options.exit_code = 2;
  }
  if (!options.json) table.Print(std::cout);
  grpc::Status status = stream->Finish();
  if (!status.ok()) options.exit_code = ReportError(status);
}

}  // namespace

void AddIngestCommands(CLI::App& app, GlobalOptions& options) {
  auto flags = std::make_shared<IngestFlags>();
  auto* ingest = app.add_subcommand("ingest", "ingest article files (HTML or text) or folders of them");
  ingest->add_option("paths", flags->paths, "files or folders; NAME.meta.json beside a file gives url/source/published")
      ->required();
  ingest->add_option("--url", flags->url, "article URL (one file only)");
  ingest->add_option("--source", flags->source, "publisher name");
  ingest->add_option("--published", flags->published, "publication date: 2025-03-12 or RFC 3339");
  ingest->add_option("--format", flags->format, "auto, html or text")->check(CLI::IsMember({"auto", "html", "text"}));
  ingest->callback([flags, &options] { RunIngest(*flags, options); });

  auto id = std::make_shared<std::string>();
  auto* article = CommandGroup(app, "article", "read or delete one article");
  auto* remove = article->add_subcommand("delete", "delete an article and the facts only it supports");
  remove->add_option("id", *id, "article id")->required();
  remove->callback([id, &options] {
    auto stub = IngestService::NewStub(options.Channel(options.ingest_address));
    dossier::v1::DeleteArticleRequest request;
    request.set_id(*id);
    RunUnary<dossier::v1::DeleteArticleResponse>(options, *stub, request, &IngestService::Stub::DeleteArticle,
                                                 [&](const dossier::v1::DeleteArticleResponse& response) {
                                                   const auto& removed = response.removed();
                                                   std::cout << "deleted article " << *id << "; removed "
                                                             << removed.entities() << " entities, "
                                                             << removed.mentions() << " mentions, " << removed.events()
                                                             << " events, " << removed.relationships()
                                                             << " relationships\n";
                                                 });
  });

  auto ids = std::make_shared<std::vector<std::string>>();
  auto* reprocess = app.add_subcommand("reprocess", "re-run extraction on stored articles (default: outdated ones)");
  reprocess->add_option("ids", *ids, "article ids");
  reprocess->callback([ids, &options] {
    auto stub = IngestService::NewStub(options.Channel(options.ingest_address));
    dossier::v1::ReprocessArticlesRequest request;
    for (const auto& id : *ids) request.add_article_ids(id);
    RunUnary<dossier::v1::ReprocessArticlesResponse>(options, *stub, request, &IngestService::Stub::ReprocessArticles,
                                                     [](const dossier::v1::ReprocessArticlesResponse& response) {
                                                       std::cout << "reprocessed " << response.reprocessed_count()
                                                                 << " articles with " << response.extractor_version()
                                                                 << "; " << response.remaining()
                                                                 << " outdated remain\n";
                                                     });
  });
}

}  // namespace dossierctl
