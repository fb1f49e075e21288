#include "engine/stages/coreference.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "engine/lexicon/word_sets.h"
#include "engine/normalize/text.h"
#include "engine/stages/entity_types.h"

namespace dossier::engine {
namespace {

// What makes two mentions name one entity: their type, and their gazetteer id or else their
// folded name.
std::tuple<v1::EntityType, bool, std::string> Identity(const Mention& mention) {
  if (!mention.gazetteer_ids.empty()) return {mention.type, true, mention.gazetteer_ids.front().second};
  return {mention.type, false, FoldForMatching(mention.name)};
}

void GroupMentions(Doc& doc) {
  std::map<std::tuple<v1::EntityType, bool, std::string>, size_t> cluster_of_identity;
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    Mention& mention = doc.mentions[m];
    if (mention.antecedent) {
      mention.cluster = doc.mentions[*mention.antecedent].cluster;
    } else {
      auto [it, inserted] = cluster_of_identity.emplace(Identity(mention), doc.clusters.size());
      if (inserted) {
        doc.clusters.push_back(
            {mention.type, mention.organization_kind, mention.name, mention.gazetteer_ids, mention.city, {}, {}});
      }
      mention.cluster = it->second;
    }
    Cluster& cluster = doc.clusters[mention.cluster];
    cluster.mentions.push_back(m);
    if (mention.defines_acronym &&
        std::find(cluster.aliases.begin(), cluster.aliases.end(), mention.name) == cluster.aliases.end()) {
      cluster.aliases.push_back(mention.name);
    }
  }
}

// The cluster of this type (and kind) mentioned last before a byte offset of the article.
std::optional<size_t> LastClusterBefore(const Doc& doc, size_t offset, v1::EntityType type, v1::OrganizationKind kind) {
  for (auto it = doc.mentions.rbegin(); it != doc.mentions.rend(); ++it) {
    if (it->span.end <= offset && IsOfKind(doc.ClusterOf(*it), type, kind)) return it->cluster;
  }
  return std::nullopt;
}

// The cluster of this type (and kind) mentioned most often before a byte offset; the later
// one of a tie.
std::optional<size_t> MostMentionedClusterBefore(const Doc& doc, size_t offset, v1::EntityType type,
                                                 v1::OrganizationKind kind) {
  std::map<size_t, int> counts;
  std::optional<size_t> best;
  for (const Mention& mention : doc.mentions) {
    if (mention.span.end > offset || !IsOfKind(doc.ClusterOf(mention), type, kind)) continue;
    // "JNIM, al-Qaeda's affiliate": an organisation named as a possessor or modifier is not
    // what the text is about (a country so named often is: "Namibia's minister").
    if (type == v1::ENTITY_TYPE_ORGANIZATION && (mention.possessive || mention.modifier)) continue;
    int count = ++counts[mention.cluster];
    if (!best || count >= counts[*best]) best = mention.cluster;
  }
  return best;
}

// The "the" or "its" that makes the noun at t a definite description, before at most a few
// describing words ("the company", "the Seoul-based company", "the two companies").
std::optional<size_t> DeterminerOf(const Doc& doc, const Sentence& sentence, size_t t) {
  constexpr size_t kMaxDescribingTokens = 4;
  for (size_t d = t; d > sentence.first_token && t - d <= kMaxDescribingTokens; --d) {
    const Token& token = doc.tokens[d - 1];
    if (token.folded == "the" || token.folded == "its") return d - 1;
    bool hyphenated = token.text == "-" || (d < t && doc.tokens[d].text == "-");
    bool describes = token.upos == "ADJ" || token.upos == "NUM" || token.xpos == "VBN" || hyphenated;
    if (!describes) return std::nullopt;
  }
  return std::nullopt;
}

void ResolveAnaphors(Doc& doc) {
  // Pronouns, and the nouns of definite descriptions with the entities they refer back to.
  static const WordMap<std::pair<v1::EntityType, v1::OrganizationKind>> kAnaphors = {
      {"group", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"rebels", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
      {"militants", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
      {"insurgents", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
      {"fighters", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
      {"gang", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
      {"militia", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
      {"company", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
      {"companies", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
      {"firm", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
      {"bank", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
      {"operator", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
      {"ministry", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
      {"commission", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
      {"court", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
      {"agency", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_UNSPECIFIED}},  // UN agencies too
      {"organisation", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"organization", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"army", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
      {"police", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
      {"council", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
      {"government", {v1::ENTITY_TYPE_COUNTRY, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"junta", {v1::ENTITY_TYPE_COUNTRY, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"country", {v1::ENTITY_TYPE_COUNTRY, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"military", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
      {"alliance", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"bloc", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"minister", {v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"president", {v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"he", {v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED}},
      {"she", {v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED}},
  };
  for (const Sentence& sentence : doc.sentences) {
    for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
      const std::string& word = doc.tokens[t].folded;
      auto anaphor = kAnaphors.find(word);
      if (anaphor == kAnaphors.end()) continue;
      bool pronoun = word == "he" || word == "she";
      std::optional<size_t> determiner = pronoun ? std::nullopt : DeterminerOf(doc, sentence, t);
      if (!pronoun && !determiner) continue;
      size_t first = pronoun ? t : *determiner;
      auto [type, kind] = anaphor->second;
      // A pronoun or a person's title ("the minister") points at the last person; another
      // description at the most talked-about entity.
      auto cluster = pronoun || type == v1::ENTITY_TYPE_PERSON
                         ? LastClusterBefore(doc, doc.tokens[first].start, type, kind)
                         : MostMentionedClusterBefore(doc, doc.tokens[first].start, type, kind);
      if (cluster) doc.anaphors.push_back({first, t + 1, *cluster});
    }
  }
}

}  // namespace

void CoreferenceStage::Process(Doc& doc) const {
  GroupMentions(doc);
  ResolveAnaphors(doc);
}

}  // namespace dossier::engine
