#include "engine/stages/roles.h"

#include <algorithm>

#include "engine/normalize/text.h"
#include "engine/stages/confidence.h"
#include "engine/stages/document_entities.h"
#include "engine/stages/entity_types.h"

namespace dossier::engine {
namespace {

bool TitleHasWord(std::string_view title, std::initializer_list<std::string_view> words) {
  std::string folded = FoldForMatching(title);
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return folded.find(word) != std::string::npos; });
}

bool IsGovernmentTitle(std::string_view title) {
  return TitleHasWord(title, {"minister", "president", "premier", "secretary", "chancellor"});
}

bool IsCorporateTitle(std::string_view title) {
  return TitleHasWord(title, {"executive", "chairman", "chairwoman", "founder", "managing director"});
}

// The role a cue states, once all mentions of its sentence are known (an owner may follow).
void FinishRole(Doc& doc, const Lexicon& lexicon, const RoleCue& cue) {
  std::optional<size_t> owner_mention = cue.owner;
  if (cue.owner_token) {
    auto [first_mention, end_mention] = doc.SentenceMentions(doc.mentions[cue.person].sentence);
    for (size_t m = first_mention; m < end_mention; ++m) {
      if (doc.mentions[m].first_token == *cue.owner_token) owner_mention = m;
    }
  }
  size_t person = doc.mentions[cue.person].cluster;
  std::optional<size_t> owner;
  size_t first = cue.first_token, last = cue.end_token;
  bool demonym = false;
  if (owner_mention && CanHoldOffices(doc.ClusterOf(doc.mentions[*owner_mention]).type)) {
    const Mention& mention = doc.mentions[*owner_mention];
    owner = mention.cluster;
    first = std::min(first, mention.first_token);
    last = std::max(last, mention.end_token);
    demonym = doc.ClusterOf(mention).type == v1::ENTITY_TYPE_COUNTRY &&
              lexicon.FindDemonym(doc.Folded(mention.first_token, mention.end_token)) != nullptr;
  }
  TextSpan span = doc.Span(first, last);
  doc.roles.push_back({person, cue.title, owner, span});
  if (!owner) return;
  const Cluster& owner_cluster = doc.clusters[*owner];
  if (owner_cluster.organization_kind == v1::ORGANIZATION_KIND_POLITICAL_PARTY &&
      TitleHasWord(cue.title, {"candidate", "lawmaker", "member", "deputy", "senator"})) {
    // "the Aliança Verde candidate, Inês Tavares": a party's candidate is its member, not an office holder.
    doc.relationships.push_back(
        {person, v1::RELATIONSHIP_PREDICATE_MEMBER_OF, *owner, "", kTitledPersonConfidence * 0.9, span});
    return;
  }
  doc.relationships.push_back(
      {person, v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, *owner, cue.title, kTitledPersonConfidence * 0.9, span});
  if (owner_cluster.type == v1::ENTITY_TYPE_ORGANIZATION &&
      TitleHasWord(cue.title, {"leader", "head", "chairman", "chairwoman", "chairperson", "commander"})) {
    doc.relationships.push_back(
        {person, v1::RELATIONSHIP_PREDICATE_LEADS, *owner, "", kTitledPersonConfidence * 0.8, span});
  }
  if (demonym) {
    doc.relationships.push_back({person, v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, *owner, "", kDemonymConfidence, span});
  }
}

// "Defence Minister Joaquim Mabunda" in an article about Mozambique, "Chief executive Ingrid
// Solheim" in one about Nordvik Telecom: a title named without its owner belongs to the
// country (or company) the article is about.
void InferOwners(Doc& doc, bool (*title_matches)(std::string_view), std::optional<size_t> owner) {
  if (!owner) return;
  for (Role& role : doc.roles) {
    if (role.organization || !title_matches(role.title)) continue;
    role.organization = owner;
    doc.relationships.push_back({role.person, v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, *owner, role.title,
                                 kInferredOfficeConfidence, role.span, /*document_level=*/true});
  }
}

}  // namespace

void RolesStage::Process(Doc& doc) const {
  for (const RoleCue& cue : doc.role_cues) FinishRole(doc, *lexicon_, cue);
  InferOwners(doc, IsGovernmentTitle, DominantCountry(doc));
  InferOwners(doc, IsCorporateTitle, DominantCluster(doc, v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY));
}

}  // namespace dossier::engine
