// dossierctl article get | articles search | entities search | entity get | entity neighbors |
// entity timeline | paths | mentions list | events list | events watch | event get |
// relations list | health
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "dossier/common/strings.h"
#include "dossier/v1/query_service.grpc.pb.h"
#include "engine/normalize/text.h"
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

// Sets `range` from --from/--to dates; clears it when neither is given. False (and exit
// code 2) when a date cannot be read.
template <typename Request>
bool SetTimeRange(const std::string& from, const std::string& to, Request& request, GlobalOptions& options) {
  for (auto [text, field] : {std::pair{&from, request.mutable_time()->mutable_start()},
                             std::pair{&to, request.mutable_time()->mutable_end()}}) {
    if (!text->empty() && !ParseTime(*text, field)) {
      std::cerr << "error: cannot read date \"" << *text << "\" (use 2025-03-12 or RFC 3339)\n";
      options.exit_code = 2;
      return false;
    }
  }
  if (from.empty() && to.empty()) request.clear_time();
  return true;
}

// An integer option that goes to the request through a setter (`set_depth`, ...).
CLI::Option* AddIntOption(CLI::App* command, const std::string& name, std::function<void(int)> set,
                          const std::string& help) {
  return command
      ->add_option(
          name,
          [set = std::move(set)](const CLI::results_t& results) {
            set(std::stoi(results[0]));
            return true;
          },
          help)
      ->check(CLI::TypeValidator<int>());
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
      if (!SetTimeRange(flags->from, flags->to, *request, options)) return;
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
  {
    auto request = std::make_shared<v1::GetNeighborhoodRequest>();
    auto predicates = std::make_shared<std::vector<std::string>>();
    auto types = std::make_shared<std::vector<std::string>>();
    auto* neighbors = CommandGroup(app, "entity", "one entity")
                          ->add_subcommand("neighbors", "entities and relationships within 1-3 hops of an entity");
    neighbors->add_option("id", *request->mutable_entity_id(), "entity id")->required();
    AddIntOption(
        neighbors, "--depth", [request](int value) { request->set_depth(value); }, "hops, 1 to 3 (default 1)");
    AddEnumOption(neighbors, "--predicate", *predicates, v1::RelationshipPredicate_descriptor(),
                  "follow only these relationships");
    AddEnumOption(neighbors, "--type", *types, v1::EntityType_descriptor(), "reach only these entity types");
    AddIntOption(
        neighbors, "--max", [request](int value) { request->set_max_entities(value); },
        "at most this many entities (default 100, max 1000)");
    neighbors->callback([request, predicates, types, &options] {
      SetEnums(*predicates, v1::RelationshipPredicate_descriptor(), request->mutable_predicates());
      SetEnums(*types, v1::EntityType_descriptor(), request->mutable_entity_types());
      RunQuery<v1::GetNeighborhoodRequest, v1::GetNeighborhoodResponse>(
          options, *request, &v1::QueryService::Stub::GetNeighborhood, [](const v1::GetNeighborhoodResponse& response) {
            PrintEntities(response.entities());
            std::cout << '\n';
            PrintRelationships(response.relationships());
            if (response.truncated()) std::cout << "(cut short by --max; raise it or narrow the filters)\n";
          });
    });
  }
  {
    auto request = std::make_shared<v1::GetEntityTimelineRequest>();
    auto bucket = std::make_shared<std::string>("day");
    auto from = std::make_shared<std::string>(), to = std::make_shared<std::string>();
    auto* timeline = CommandGroup(app, "entity", "one entity")
                         ->add_subcommand("timeline", "mentions and events of an entity per day, week or month");
    timeline->add_option("id", *request->mutable_entity_id(), "entity id")->required();
    timeline->add_option("--bucket", *bucket, "day, week or month")->check(CLI::IsMember({"day", "week", "month"}));
    timeline->add_option("--from", *from, "from this date (2025-03-01)");
    timeline->add_option("--to", *to, "until this date");
    timeline->callback([request, bucket, from, to, &options] {
      request->set_bucket(*bucket == "week"    ? v1::TIMELINE_BUCKET_WEEK
                          : *bucket == "month" ? v1::TIMELINE_BUCKET_MONTH
                                               : v1::TIMELINE_BUCKET_DAY);
      if (!SetTimeRange(*from, *to, *request, options)) return;
      RunQuery<v1::GetEntityTimelineRequest, v1::GetEntityTimelineResponse>(
          options, *request, &v1::QueryService::Stub::GetEntityTimeline,
          [](const v1::GetEntityTimelineResponse& response) {
            Table table({"FROM", "MENTIONS", "EVENTS", "FIRST EVENTS"});
            for (const auto& entry : response.entries()) {
              std::vector<std::string> events;
              for (const auto& event : entry.events()) {
                events.push_back(Cat(EnumLabel(v1::EventType_descriptor(), event.type()), " ", event.id()));
                if (events.size() == 3) break;
              }
              table.Add({FormatTime(entry.bucket_start()), std::to_string(entry.mention_count()),
                         std::to_string(entry.event_count()), dossier::strings::Join(events, ", ")});
            }
            table.Print(std::cout);
          });
    });
  }
  {
    auto request = std::make_shared<v1::FindPathsRequest>();
    auto predicates = std::make_shared<std::vector<std::string>>();
    auto* paths = app.add_subcommand("paths", "how two entities are connected: shortest chains of relationships");
    paths->add_option("from", *request->mutable_from_entity_id(), "entity id")->required();
    paths->add_option("to", *request->mutable_to_entity_id(), "entity id")->required();
    AddIntOption(
        paths, "--max-hops", [request](int value) { request->set_max_hops(value); },
        "longest chain, 1 to 4 (default 4)");
    AddIntOption(
        paths, "--max-paths", [request](int value) { request->set_max_paths(value); },
        "at most this many chains (default 5, max 20)");
    AddEnumOption(paths, "--predicate", *predicates, v1::RelationshipPredicate_descriptor(),
                  "follow only these relationships");
    paths->callback([request, predicates, &options] {
      SetEnums(*predicates, v1::RelationshipPredicate_descriptor(), request->mutable_predicates());
      RunQuery<v1::FindPathsRequest, v1::FindPathsResponse>(
          options, *request, &v1::QueryService::Stub::FindPaths, [](const v1::FindPathsResponse& response) {
            if (response.paths().empty()) std::cout << "no connection within the hops asked for\n";
            for (int i = 0; i < response.paths_size(); ++i) {
              std::cout << "path " << i + 1 << " (" << response.paths(i).edges_size() << " hops):\n";
              PrintRelationships(response.paths(i).edges());
            }
          });
    });
  }
  {
    auto request = std::make_shared<v1::WatchEventsRequest>();
    auto types = std::make_shared<std::vector<std::string>>();
    auto modalities = std::make_shared<std::vector<std::string>>();
    auto count = std::make_shared<int>(0);
    auto* watch = CommandGroup(app, "events", "find events")
                      ->add_subcommand("watch", "stream events as they are stored (until interrupted)");
    watch->add_option("--entity", *request->mutable_participant_entity_id(), "participant entity id");
    AddEnumOption(watch, "--type", *types, v1::EventType_descriptor(), "meet, attack, blockade, ...");
    watch->add_option("--cameo", *request->mutable_cameo_code_prefix(), "CAMEO code prefix, e.g. 19");
    watch->add_option("--location", *request->mutable_location_entity_id(), "place entity id");
    AddEnumOption(watch, "--modality", *modalities, v1::Modality_descriptor(),
                  "asserted, negated, hypothetical, reported");
    watch->add_option("--after", *request->mutable_after_event_id(),
                      "resume: first send the events stored after this event id");
    watch->add_option("--count", *count, "stop after this many events");
    watch->callback([request, types, modalities, count, &options] {
      SetEnums(*types, v1::EventType_descriptor(), request->mutable_types());
      SetEnums(*modalities, v1::Modality_descriptor(), request->mutable_modalities());
      auto stub = v1::QueryService::NewStub(options.Channel(options.query_address));
      grpc::ClientContext context;  // no deadline: a watch runs until stopped
      options.Authorize(context);
      auto reader = stub->WatchEvents(&context, *request);
      v1::WatchEventsResponse message;
      int received = 0;
      while (reader->Read(&message)) {
        google::protobuf::RepeatedPtrField<v1::Event> one;
        *one.Add() = message.event();
        if (options.json) {
          std::cout << ToJson(message);
        } else {
          PrintEvents(one);
        }
        std::cout.flush();
        if (*count > 0 && ++received == *count) {
          context.TryCancel();
          break;
        }
      }
      grpc::Status status = reader->Finish();
      if (!status.ok() && !(*count > 0 && received == *count)) options.exit_code = ReportError(status);
    });
  }
  auto* stats = app.add_subcommand("stats", "how big the store is and how fast articles arrive");
  stats->callback([&options] {
    RunQuery<v1::GetStoreStatsRequest, v1::GetStoreStatsResponse>(
        options, v1::GetStoreStatsRequest(), &v1::QueryService::Stub::GetStoreStats,
        [](const v1::GetStoreStatsResponse& stats) {
          Table table({"STORE", "COUNT", "RATE"});
          table.Add({"articles", std::to_string(stats.articles()), ""});
          table.Add({"stories", std::to_string(stats.stories()), ""});
          table.Add({"entities", std::to_string(stats.entities()), ""});
          table.Add({"mentions", std::to_string(stats.mentions()), ""});
          table.Add({"events", std::to_string(stats.events()), ""});
          table.Add({"relationships", std::to_string(stats.relationships()), ""});
          table.Add({"stored in the last hour", std::to_string(stats.articles_last_hour()),
                     std::to_string(stats.articles_last_hour()) + "/hour"});
          std::ostringstream daily;
          daily << std::fixed << std::setprecision(1) << stats.articles_last_day() / 24.0 << "/hour";
          table.Add({"stored in the last day", std::to_string(stats.articles_last_day()), daily.str()});
          table.Print(std::cout);
          std::ostringstream size;
          size << std::fixed << std::setprecision(1) << stats.database_bytes() / (1024.0 * 1024.0) << " MiB";
          std::cout << "last stored: " << FormatTime(stats.last_ingested_at(), /*with_time=*/true)
                    << "   database size: " << size.str() << '\n';
        });
  });
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
