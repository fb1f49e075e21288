#include "dossier/common/store_types.h"

#include <absl/strings/str_join.h>
#include <absl/strings/str_split.h>
#include <absl/strings/strip.h>
#include <absl/time/time.h>

#include <nlohmann/json.hpp>

namespace dossier::store {
namespace {

// Elements of a one-dimensional PostgreSQL array of plain values.
std::vector<std::string> ReadArray(const pqxx::field& field) {
  std::vector<std::string> values;
  auto parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::done; item = parser.get_next()) {
    if (item.first == pqxx::array_parser::string_value) values.push_back(item.second);
  }
  return values;
}

}  // namespace

std::optional<std::string> TimestampParam(std::optional<std::chrono::sys_seconds> time) {
  if (!time) return std::nullopt;
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(time->time_since_epoch().count()),
                          absl::UTCTimeZone());
}

std::optional<std::string> TimestampParam(const google::protobuf::Timestamp* time) {
  if (!time) return std::nullopt;
  absl::Time t = absl::FromUnixSeconds(time->seconds()) + absl::Nanoseconds(time->nanos());
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", t, absl::UTCTimeZone());
}

void MicrosToTimestamp(int64_t micros, google::protobuf::Timestamp* out) {
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(rest * 1000));
}

void ReadMicros(const pqxx::field& field, google::protobuf::Timestamp* out) {
  if (!field.is_null()) MicrosToTimestamp(field.as<int64_t>(), out);
}

std::vector<int64_t> FirstColumnIds(const pqxx::result& rows) {
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row[0].as<int64_t>());
  return ids;
}

std::vector<int64_t> ReadBigintArray(const pqxx::field& field) {
  std::vector<int64_t> values;
  if (field.is_null()) return values;
  for (const auto& value : ReadArray(field)) values.push_back(std::stoll(value));
  return values;
}

std::string BigintArrayParam(const std::vector<int64_t>& values) { return "{" + absl::StrJoin(values, ",") + "}"; }

void ArticleFromRow(const pqxx::row& row, v1::Article* article) {
  article->set_id(row[0].as<std::string>());
  article->set_url(row[1].as<std::string>());
  article->set_canonical_url(row[2].as<std::string>());
  article->set_source(row[3].as<std::string>());
  article->set_title(row[4].as<std::string>());
  for (auto& author : ReadArray(row[5])) article->add_authors(std::move(author));
  ReadMicros(row[6], article->mutable_published_at());
  article->set_language(row[7].as<std::string>());
  article->set_content_hash(row[8].as<std::string>());
  if (!row[9].is_null()) article->set_story_id(row[9].as<std::string>());
  ReadMicros(row[10], article->mutable_ingested_at());
  article->set_extractor_version(row[11].as<std::string>());
  for (const auto& block : nlohmann::json::parse(row[12].as<std::string>())) {
    auto* out = article->add_stripped_blocks();
    out->set_reason(static_cast<v1::StrippedBlockReason>(block.value("reason", 0)));
    out->set_length(block.value("length", int64_t{0}));
    out->set_preview(block.value("preview", ""));
  }
  for (const auto& flag : ReadArray(row[13])) {
    article->add_quality_flags(static_cast<v1::ArticleQualityFlag>(std::stoi(flag)));
  }
  article->set_sentence_count(row[14].as<int32_t>());
}

}  // namespace dossier::store
