#include "engine/stages/document_entities.h"

#include <algorithm>
#include <map>
#include <vector>

#include "engine/lexicon/lexicon.h"
#include "engine/stages/entity_types.h"

namespace dossier::engine {
namespace {

// An article is about a country (or company) only if it names it this often.
constexpr int kMinMentionsOfDominantEntity = 3;

// The cluster counted most, if it dominates: counted at least kMinMentionsOfDominantEntity
// times and more than twice as often as any other. A `favoured` cluster (the dateline's
// country) needs only to be counted no less than any other.
std::optional<size_t> Dominant(const std::map<size_t, int>& counts, std::optional<size_t> favoured) {
  auto top =
      std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  if (top == counts.end()) return std::nullopt;
  if (favoured && counts.contains(*favoured) && counts.at(*favoured) == top->second &&
      top->second >= kMinMentionsOfDominantEntity) {
    return favoured;
  }
  if (top->second < kMinMentionsOfDominantEntity) return std::nullopt;
  for (const auto& [cluster, count] : counts) {
    if (cluster != top->first && count * 2 > top->second) return std::nullopt;
  }
  return top->first;
}

}  // namespace

std::optional<size_t> FindGazetteerCluster(const Doc& doc, std::string_view scheme, std::string_view id) {
  for (size_t c = 0; c < doc.clusters.size(); ++c) {
    for (const auto& [cluster_scheme, cluster_id] : doc.clusters[c].gazetteer_ids) {
      if (cluster_scheme == scheme && cluster_id == id) return c;
    }
  }
  return std::nullopt;
}

std::string GazetteerCountryOf(const Cluster& cluster) {
  if (cluster.city) return cluster.city->country_alpha2;
  for (const auto& [scheme, id] : cluster.gazetteer_ids) {
    if (scheme == "iso3166-2") return id.substr(0, 2);  // "MZ-P" lies in MZ
  }
  return "";
}

std::optional<size_t> DominantCluster(const Doc& doc, v1::EntityType type, v1::OrganizationKind kind) {
  std::map<size_t, int> counts;
  for (const Mention& mention : doc.mentions) {
    if (IsOfKind(doc.ClusterOf(mention), type, kind)) ++counts[mention.cluster];
  }
  return Dominant(counts, std::nullopt);
}

std::optional<size_t> DominantCountry(const Doc& doc) {
  std::vector<std::optional<size_t>> country_of(doc.clusters.size());
  for (size_t c = 0; c < doc.clusters.size(); ++c) {
    if (doc.clusters[c].type == v1::ENTITY_TYPE_COUNTRY) {
      country_of[c] = c;
    } else if (std::string alpha2 = GazetteerCountryOf(doc.clusters[c]); !alpha2.empty()) {
      country_of[c] = FindGazetteerCluster(doc, "iso3166-1-alpha2", alpha2);
    }
  }
  std::map<size_t, int> counts;
  for (const Mention& mention : doc.mentions) {
    if (auto country = country_of[mention.cluster]) ++counts[*country];
  }
  std::optional<size_t> dateline;
  if (!doc.mentions.empty() && doc.mentions.front().span.sentence == 0 && doc.mentions.front().span.start == 0) {
    dateline = country_of[doc.mentions.front().cluster];
  }
  return Dominant(counts, dateline);
}

}  // namespace dossier::engine
