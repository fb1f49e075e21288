// dossierctl article get | articles search | entities search | entity get | mentions list |
// events list | event get | relations list | health
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <iostream>

#include "commands.h"
#include "dossier/common/strings.h"
#include "dossier/v1/query_service.grpc.pb.h"
#include "engine/text.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "output.h"

namespace dossierctl {
namespace {

namespace v1 = dossier::v1;
using dossier::strings::Cat;

constexpr size_t kSentenceColumn = 90;

// One line of at most `max` bytes (cut at a character boundary).
std::string Shorten(std::string_view text, size_t max = kSentenceColumn) {
  std::string line(text);
  std::replace(line.begin(), line.end(), '\n', ' ');
  if (line.size() <= max) return line;
  return Cat(dossier::engine::Utf8Prefix(line, max - 3), "...");
}

std::string Evidence(const v1::Evidence& evidence) {
  return Cat("article ", evidence.article_id(), " [", evidence.start_offset(), ",", evidence.end_offset(), ") \"",
             Shorten(evidence.sentence()), "\"");
}

void PrintEntities(const google::protobuf::RepeatedPtrField<v1::Entity>& entities) {
  Table table({"ID", "TYPE", "NAME", "MENTIONS", "ARTICLES", "FIRST SEEN", "LAST SEEN", "ALIASES"});
  for (const auto& entity : entities) {
    std::string type = EnumLabel(v1::EntityType_descriptor(), entity.type());
    if (entity.organization_kind() != v1::ORGANIZATION_KIND_UNSPECIFIED) {
      type += "/" + EnumLabel(v1::OrganizationKind_descriptor(), entity.organization_kind());
    }
    table.Add({entity.id(), type, entity.canonical_name(), std::to_string(entity.mention_count()),
               std::to_string(entity.article_count()), FormatTime(entity.first_seen()), FormatTime(entity.last_seen()),
               Shorten(dossier::strings::Join(entity.aliases(), ", "), 50)});
  }
  table.Print(std::cout);
}

void PrintMentions(const google::protobuf::RepeatedPtrField<v1::Mention>& mentions) {
  Table table({"MENTION", "ENTITY", "TEXT", "EVIDENCE"});
  for (const auto& mention : mentions) {
    table.Add({mention.id(), mention.entity_id(), mention.text(), Evidence(mention.evidence())});
  }
  table.Print(std::cout);
}

std::string Participants(const v1::Event& event) {
  std::vector<std::string> parts;
  for (const auto& participant : event.participants()) {
    parts.push_back(
        Cat(participant.entity_name(), " (", EnumLabel(v1::ParticipantRole_descriptor(), participant.role()), ")"));
  }
  return dossier::strings::Join(parts, ", ");
}

void PrintEvents(const google::protobuf::RepeatedPtrField<v1::Event>& events) {
  Table table({"ID", "TYPE", "CAMEO", "WHEN", "MODALITY", "PARTICIPANTS", "SOURCES", "EVIDENCE"});
  for (const auto& event : events) {
    table.Add({event.id(), EnumLabel(v1::EventType_descriptor(), event.type()), event.cameo_code(),
               FormatTime(event.time().start()), EnumLabel(v1::Modality_descriptor(), event.modality()),
               Participants(event), std::to_string(event.source_count()),
               event.evidence().empty() ? "-" : Evidence(event.evidence(0))});
  }
  table.Print(std::cout);
}

void PrintRelationships(const google::protobuf::RepeatedPtrField<v1::Relationship>& relationships) {
  Table table({"ID", "SUBJECT", "PREDICATE", "OBJECT", "ROLE", "SOURCES", "EVIDENCE"});
  for (const auto& relationship : relationships) {
    table.Add({relationship.id(), relationship.subject_name(),
               EnumLabel(v1::RelationshipPredicate_descriptor(), relationship.predicate()), relationship.object_name(),
               relationship.role_title().empty() ? "-" : relationship.role_title(),
               std::to_string(relationship.source_count()),
               relationship.evidence().empty() ? "-" : Evidence(relationship.evidence(0))});
  }
  table.Print(std::cout);
}

void PrintNextPage(const std::string& token) {
  if (!token.empty()) std::cout << "more results: --page-token " << token << '\n';
}

// Adds an option taking enum labels ("meet", "attack") and a check that each is valid.
CLI::Option* AddEnumOption(CLI::App* command, const std::string& name, std::vector<std::string>& labels,
                           const google::protobuf::EnumDescriptor* descriptor, const std::string& help) {
  return command->add_option(name, labels, help)
      ->check(CLI::Validator(
          [descriptor](std::string& label) {
            return ParseEnumLabel(descriptor, label) ? std::string() : Cat("unknown value \"", label, "\"");
          },
          "LABEL"));
}

template <typename RepeatedEnum>
void SetEnums(const std::vector<std::string>& labels, const google::protobuf::EnumDescriptor* descriptor,
              RepeatedEnum* out) {
  for (const auto& label : labels) out->Add(*ParseEnumLabel(descriptor, label));
}

// "2025-03-12" or RFC 3339 into a Timestamp; false if unparseable.
bool ParseTime(const std::string& text, google::protobuf::Timestamp* out) {
  std::string value = text.size() == 10 ? text + "T00:00:00Z" : text;
  return google::protobuf::util::TimeUtil::FromString(value, out);
}

// Runs a unary query and prints it as JSON or with `print`.
template <typename Request, typename Response, typename Call, typename Print>
void RunQuery(GlobalOptions& options, const Request& request, Call call, Print print) {
  auto stub = v1::QueryService::NewStub(options.Channel(options.query_address));
  RunUnary<Response>(options, *stub, request, call, print);
}

struct PagingFlags {
  int page_size = 0;
  std::string page_token;
  void Add(CLI::App* command) {
    command->add_option("--limit", page_size, "results per page (default 50, max 1000)");
    command->add_option("--page-token", page_token, "continue from a previous page");
  }
};

}  // namespace

void AddQueryCommands(CLI::App& app, GlobalOptions& options) {
  auto* article = CommandGroup(app, "article", "read or delete one article");
  {
    auto request = std::make_shared<v1::GetArticleRequest>();
    auto* get = article->add_subcommand("get", "an article with its clean text (and facts with --facts)");
    get->add_option("id", *request->mutable_id(), "article id")->required();
    get->add_flag(
        "--facts", [request](int64_t n) { request->set_include_facts(n > 0); }, "also list its facts");
    get->callback([request, &options] {
      RunQuery<v1::GetArticleRequest, v1::GetArticleResponse>(
          options, *request, &v1::QueryService::Stub::GetArticle, [](const v1::GetArticleResponse& response) {
            const auto& a = response.article();
            std::cout << "article " << a.id() << ": " << a.title() << "\n  " << a.source() << ", "
                      << FormatTime(a.published_at()) << ", " << a.canonical_url() << "\n  language " << a.language()
                      << ", " << a.sentence_count() << " sentences, story " << a.story_id() << ", "
                      << a.stripped_blocks_size() << " blocks stripped\n\n"
                      << a.clean_text() << "\n\n";
            if (!response.entities().empty()) PrintEntities(response.entities());
            if (!response.events().empty()) PrintEvents(response.events());
            if (!response.relationships().empty()) PrintRelationships(response.relationships());
          });
    });
  }
  {
    auto request = std::make_shared<v1::SearchArticlesRequest>();
    auto paging = std::make_shared<PagingFlags>();
    auto* articles = app.add_subcommand("articles", "search articles");
    auto* search = articles->add_subcommand("search", "full-text search (web search syntax)");
    search->add_option("query", *request->mutable_query(), "words, \"phrases\", -excluded")->required();
    search->add_option("--source", *request->mutable_source(), "only this publisher");
    paging->Add(search);
    search->callback([request, paging, &options] {
      request->set_page_size(paging->page_size);
      request->set_page_token(paging->page_token);
      RunQuery<v1::SearchArticlesRequest, v1::SearchArticlesResponse>(
          options, *request, &v1::QueryService::Stub::SearchArticles, [](const v1::SearchArticlesResponse& response) {
            Table table({"ID", "PUBLISHED", "SOURCE", "TITLE", "SNIPPET"});
            for (const auto& hit : response.hits()) {
              table.Add({hit.article().id(), FormatTime(hit.article().published_at()), hit.article().source(),
                         Shorten(hit.article().title(), 50), Shorten(hit.snippet(), 80)});
            }
            table.Print(std::cout);
            PrintNextPage(response.next_page_token());
          });
    });
  }
  {
    auto request = std::make_shared<v1::SearchEntitiesRequest>();
    auto types = std::make_shared<std::vector<std::string>>();
    auto paging = std::make_shared<PagingFlags>();
    auto* entities = app.add_subcommand("entities", "find entities");
    auto* search = entities->add_subcommand("search", "by name or alias prefix (and misspellings with --fuzzy)");
    search->add_option("--query,query", *request->mutable_query(), "name or its beginning")->required();
    AddEnumOption(search, "--type", *types, v1::EntityType_descriptor(), "person, organization, country, city, ...");
    search->add_flag(
        "--fuzzy", [request](int64_t n) { request->set_fuzzy(n > 0); }, "also match misspellings");
    paging->Add(search);
    search->callback([request, types, paging, &options] {
      SetEnums(*types, v1::EntityType_descriptor(), request->mutable_types());
      request->set_page_size(paging->page_size);
      request->set_page_token(paging->page_token);
      RunQuery<v1::SearchEntitiesRequest, v1::SearchEntitiesResponse>(
          options, *request, &v1::QueryService::Stub::SearchEntities, [](const v1::SearchEntitiesResponse& response) {
            PrintEntities(response.entities());
            PrintNextPage(response.next_page_token());
          });
    });
  }
  {
    auto request = std::make_shared<v1::GetEntityRequest>();
    auto* entity = app.add_subcommand("entity", "one entity");
    auto* get = entity->add_subcommand("get", "an entity with aliases, roles, related entities and evidence");
    get->add_option("id", *request->mutable_id(), "entity id")->required();
    get->callback([request, &options] {
      RunQuery<v1::GetEntityRequest, v1::GetEntityResponse>(
          options, *request, &v1::QueryService::Stub::GetEntity, [&options](const v1::GetEntityResponse& response) {
            google::protobuf::RepeatedPtrField<v1::Entity> one;
            *one.Add() = response.entity();
            PrintEntities(one);
            for (const auto& external : response.entity().external_ids()) {
              std::cout << "  " << external.scheme() << ": " << external.value() << '\n';
            }
            for (const auto& role : response.entity().roles()) {
              std::cout << "  role: " << role.title() << " (seen " << FormatTime(role.valid_from()) << " to "
                        << FormatTime(role.valid_to()) << ", " << role.source_count() << " articles)\n";
            }
            if (!response.related().empty()) {
              std::cout << "\nrelated:\n";
              Table table({"ID", "NAME", "CONNECTIONS"});
              for (const auto& related : response.related()) {
                table.Add({related.entity().id(), related.entity().canonical_name(),
                           std::to_string(related.connection_count())});
              }
              table.Print(std::cout);
            }
            // The evidence: where the entity is named.
            v1::ListMentionsRequest mentions;
            mentions.set_entity_id(response.entity().id());
            mentions.set_page_size(5);
            RunQuery<v1::ListMentionsRequest, v1::ListMentionsResponse>(
                options, mentions, &v1::QueryService::Stub::ListMentions, [](const v1::ListMentionsResponse& list) {
                  std::cout << "\nevidence (first mentions):\n";
                  PrintMentions(list.mentions());
                });
          });
    });
  }
  {
    auto request = std::make_shared<v1::ListMentionsRequest>();
    auto paging = std::make_shared<PagingFlags>();
    auto* mentions = app.add_subcommand("mentions", "where entities are named");
    auto* list = mentions->add_subcommand("list", "mentions of an entity or in an article, with evidence");
    list->add_option("--entity", *request->mutable_entity_id(), "entity id");
    list->add_option("--article", *request->mutable_article_id(), "article id");
    paging->Add(list);
    list->callback([request, paging, &options] {
      request->set_page_size(paging->page_size);
      request->set_page_token(paging->page_token);
      RunQuery<v1::ListMentionsRequest, v1::ListMentionsResponse>(
          options, *request, &v1::QueryService::Stub::ListMentions, [](const v1::ListMentionsResponse& response) {
            PrintMentions(response.mentions());
            PrintNextPage(response.next_page_token());
          });
    });
  }
  {
    auto request = std::make_shared<v1::GetEventRequest>();
    auto* event = app.add_subcommand("event", "one event");
    auto* get = event->add_subcommand("get", "an event with participants and all its evidence");
    get->add_option("id", *request->mutable_id(), "event id")->required();
    get->callback([request, &options] {
      RunQuery<v1::GetEventRequest, v1::GetEventResponse>(options, *request, &v1::QueryService::Stub::GetEvent,
                                                          [](const v1::GetEventResponse& response) {
                                                            google::protobuf::RepeatedPtrField<v1::Event> one;
                                                            *one.Add() = response.event();
                                                            PrintEvents(one);
                                                            for (const auto& evidence : response.event().evidence())
                                                              std::cout << "  " << Evidence(evidence) << '\n';
                                                          });
    });
  }
  {
    struct EventFlags {
      std::vector<std::string> types, modalities;
      std::string role, from, to;
    };
    auto request = std::make_shared<v1::ListEventsRequest>();
    auto flags = std::make_shared<EventFlags>();
    auto paging = std::make_shared<PagingFlags>();
    auto* events = app.add_subcommand("events", "find events");
    auto* list = events->add_subcommand("list", "events by participant, type, place, time, modality");
    list->add_option("--entity", *request->mutable_participant_entity_id(), "participant entity id");
    list->add_option("--role", flags->role, "participant role: agent, target, co-participant, location, ...");
    AddEnumOption(list, "--type", flags->types, v1::EventType_descriptor(), "meet, attack, blockade, ...");
    list->add_option("--cameo", *request->mutable_cameo_code_prefix(), "CAMEO code prefix, e.g. 19");
    list->add_option("--location", *request->mutable_location_entity_id(), "place entity id");
    list->add_option("--from", flags->from, "events overlapping from this date (2025-03-01)");
    list->add_option("--to", flags->to, "events overlapping until this date");
    AddEnumOption(list, "--modality", flags->modalities, v1::Modality_descriptor(),
                  "asserted, negated, hypothetical, reported");
    list->add_option(
        "--min-confidence",
        [request](const CLI::results_t& r) {
          request->set_min_confidence(std::stod(r[0]));
          return true;
        },
        "only events at least this confident (0-1)");
    list->add_option("--article", *request->mutable_article_id(), "events reported by this article");
    paging->Add(list);
    list->callback([request, flags, paging, &options] {
      if (!flags->role.empty()) {
        auto role = ParseEnumLabel(v1::ParticipantRole_descriptor(), flags->role);
        if (!role) {
          std::cerr << "error: unknown --role " << flags->role << '\n';
          options.exit_code = 2;
          return;
        }
        request->set_participant_role(static_cast<v1::ParticipantRole>(*role));
      }
      SetEnums(flags->types, v1::EventType_descriptor(), request->mutable_types());
      SetEnums(flags->modalities, v1::Modality_descriptor(), request->mutable_modalities());
      for (auto [text, field] : {std::pair{&flags->from, request->mutable_time()->mutable_start()},
                                 std::pair{&flags->to, request->mutable_time()->mutable_end()}}) {
        if (!text->empty() && !ParseTime(*text, field)) {
          std::cerr << "error: cannot read date \"" << *text << "\" (use 2025-03-12 or RFC 3339)\n";
          options.exit_code = 2;
          return;
        }
      }
      if (flags->from.empty() && flags->to.empty()) request->clear_time();
      request->set_page_size(paging->page_size);
      request->set_page_token(paging->page_token);
      RunQuery<v1::ListEventsRequest, v1::ListEventsResponse>(options, *request, &v1::QueryService::Stub::ListEvents,
                                                              [](const v1::ListEventsResponse& response) {
                                                                PrintEvents(response.events());
                                                                PrintNextPage(response.next_page_token());
                                                              });
    });
  }
  {
    auto request = std::make_shared<v1::ListRelationshipsRequest>();
    auto predicates = std::make_shared<std::vector<std::string>>();
    auto direction = std::make_shared<std::string>("both");
    auto paging = std::make_shared<PagingFlags>();
    auto* relations = app.add_subcommand("relations", "relationships between entities");
    auto* list = relations->add_subcommand("list", "relationships of an entity, with evidence");
    list->add_option("--entity", *request->mutable_entity_id(), "entity id");
    list->add_option("--direction", *direction, "both, out (entity is subject) or in (entity is object)")
        ->check(CLI::IsMember({"both", "out", "in"}));
    AddEnumOption(list, "--predicate", *predicates, v1::RelationshipPredicate_descriptor(),
                  "holds-role, citizen-of, capital-of, located-in, ...");
    paging->Add(list);
    list->callback([request, predicates, direction, paging, &options] {
      SetEnums(*predicates, v1::RelationshipPredicate_descriptor(), request->mutable_predicates());
      if (*direction == "out") request->set_direction(v1::RELATIONSHIP_DIRECTION_OUTGOING);
      if (*direction == "in") request->set_direction(v1::RELATIONSHIP_DIRECTION_INCOMING);
      request->set_page_size(paging->page_size);
      request->set_page_token(paging->page_token);
      RunQuery<v1::ListRelationshipsRequest, v1::ListRelationshipsResponse>(
          options, *request, &v1::QueryService::Stub::ListRelationships,
          [](const v1::ListRelationshipsResponse& response) {
            PrintRelationships(response.relationships());
            PrintNextPage(response.next_page_token());
          });
    });
  }
  auto* health = app.add_subcommand("health", "readiness of both services (exit 1 unless both are SERVING)");
  health->callback([&options] {
    for (auto [address, service] : {std::pair{options.ingest_address, "dossier.v1.IngestService"},
                                    std::pair{options.query_address, "dossier.v1.QueryService"}}) {
      auto stub = grpc::health::v1::Health::NewStub(options.Channel(address));
      grpc::health::v1::HealthCheckRequest request;
      request.set_service(service);
      grpc::health::v1::HealthCheckResponse response;
      grpc::Status status = stub->Check(options.Context().get(), request, &response);
      std::string state = status.ok() ? grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status())
                                      : "UNREACHABLE (" + status.error_message() + ")";
      std::cout << service << " at " << address << ": " << state << '\n';
      if (state != "SERVING") options.exit_code = 1;
    }
  });
}

}  // namespace dossierctl
