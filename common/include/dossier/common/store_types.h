#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "dossier/v1/article.pb.h"

// Conversions between PostgreSQL values and API types shared by both repositories.
namespace dossier::store {

/// "2025-03-12T08:30:00Z" for a timestamptz parameter; nullopt binds SQL NULL.
std::optional<std::string> TimestampParam(std::optional<std::chrono::sys_seconds> time);

/// Same, from an API timestamp; unset (nullptr) binds SQL NULL.
std::optional<std::string> TimestampParam(const google::protobuf::Timestamp* time);

/// Sets `out` from a field holding microseconds since the epoch; NULL leaves it unset.
void ReadMicros(const pqxx::field& field, google::protobuf::Timestamp* out);

/// Microseconds since the epoch as a Timestamp (floor division: negative times too).
void MicrosToTimestamp(int64_t micros, google::protobuf::Timestamp* out);

/// The first column of every row, as ids.
std::vector<int64_t> FirstColumnIds(const pqxx::result& rows);

/// The values of a bigint[] field; NULL gives an empty vector.
std::vector<int64_t> ReadBigintArray(const pqxx::field& field);

/// A PostgreSQL array literal ("{1,2,3}") for a bigint[] parameter.
std::string BigintArrayParam(const std::vector<int64_t>& values);

/// Select list for an article row as ArticleFromRow reads it (table alias `a`).
inline constexpr const char* kArticleColumns =
    "a.id, a.url, a.canonical_url, a.source, a.title, a.authors, "
    "(extract(epoch FROM a.published_at) * 1000000)::bigint, a.language, a.content_hash, "
    "a.story_id, (extract(epoch FROM a.ingested_at) * 1000000)::bigint, a.extractor_version, "
    "a.stripped_blocks::text, a.quality_flags, a.sentence_count";

/// Fills `article` (all but clean_text) from a row selected with kArticleColumns.
void ArticleFromRow(const pqxx::row& row, v1::Article* article);

}  // namespace dossier::store
