#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dossier/v1/entity.pb.h"
#include "dossier/v1/event.pb.h"
#include "dossier/v1/relationship.pb.h"
#include "dossier/v1/time.pb.h"
#include "engine/normalize/article.h"

namespace dossier::engine {

/// Version of the engine's code; bump it when extraction output changes so stored articles
/// can be reprocessed. The version stamped on facts adds the trained models' digest
/// (Extractor::version()), so a retrained model also triggers reprocessing.
inline constexpr std::string_view kEngineVersion = "dossier-extract/0.22.0";

/// A sentence as a UTF-8 byte range [start, end) of the clean text.
struct SentenceSpan {
  size_t start = 0;
  size_t end = 0;
};

/// Where a fact is stated: a sentence and a UTF-8 byte range of the clean text.
struct TextSpan {
  size_t sentence = 0;
  size_t start = 0;
  size_t end = 0;
};

/// An entity found in one article. `key` identifies it across articles.
struct ExtractedEntity {
  std::string key;  // e.g. "country:NE", "person:salif kone"
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  v1::OrganizationKind organization_kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::pair<std::string, std::string>> external_ids;  // scheme, value
};

struct ExtractedMention {
  size_t entity = 0;  // index into Extraction::entities
  TextSpan span;
  double confidence = 0;
};

struct ExtractedParticipant {
  size_t entity = 0;
  v1::ParticipantRole role = v1::PARTICIPANT_ROLE_UNSPECIFIED;
  std::string text;
};

struct ExtractedTime {
  std::optional<Timestamp> start;
  std::optional<Timestamp> end;
  v1::TimeGranularity granularity = v1::TIME_GRANULARITY_UNSPECIFIED;
  v1::TimeResolution resolution = v1::TIME_RESOLUTION_UNSPECIFIED;
  std::string text;
};

struct ExtractedEvent {
  v1::EventType type = v1::EVENT_TYPE_UNSPECIFIED;
  std::string cameo_code;
  std::string trigger_text;
  std::vector<ExtractedParticipant> participants;
  std::optional<size_t> location;
  v1::Modality modality = v1::MODALITY_ASSERTED;
  std::string attributed_to;
  ExtractedTime time;
  double confidence = 0;
  TextSpan span;
  /// Reports of the same event (type, participants, day) share this key across articles.
  std::string merge_key;
};

struct ExtractedRelationship {
  size_t subject = 0;
  v1::RelationshipPredicate predicate = v1::RELATIONSHIP_PREDICATE_UNSPECIFIED;
  size_t object = 0;
  std::string role_title;
  double confidence = 0;
  TextSpan span;
};

/// A role title seen before a person's name ("Interior Minister Salif Kone").
struct ExtractedRole {
  size_t entity = 0;
  std::string title;
  std::optional<size_t> organization;
  TextSpan span;
};

/// Every fact found in one article; all spans point into its clean text.
struct Extraction {
  std::string extractor_version;        // code and models that found these facts
  std::vector<SentenceSpan> sentences;  // every language; TextSpan::sentence indexes it
  std::vector<ExtractedEntity> entities;
  std::vector<ExtractedMention> mentions;
  std::vector<ExtractedEvent> events;
  std::vector<ExtractedRelationship> relationships;
  std::vector<ExtractedRole> roles;
};

}  // namespace dossier::engine
