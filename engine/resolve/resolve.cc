#include "engine/resolve/resolve.h"

#include <algorithm>

#include "engine/lexicon/word_sets.h"
#include "engine/normalize/text.h"
#include "engine/resolve/entity_keys.h"
#include "engine/resolve/event_keys.h"

namespace dossier::engine {
namespace {

ExtractedEvent ToExtractedEvent(const Doc& doc, const Event& event, const std::vector<ExtractedEntity>& entities) {
  ExtractedEvent extracted;
  extracted.type = event.type;
  extracted.cameo_code = event.cameo_code;
  extracted.trigger_text = std::string(doc.tokens[event.trigger].text);
  for (const Participant& participant : event.participants) {
    extracted.participants.push_back({participant.cluster, participant.role, participant.text});
  }
  extracted.location = event.location;
  extracted.modality = event.modality;
  extracted.attributed_to = event.attributed_to;
  extracted.time = event.time;
  extracted.confidence = event.confidence;
  extracted.span = event.span;
  extracted.merge_key = EventMergeKey(extracted, entities);
  return extracted;
}

// Each sentence's relationships in text order (the roles it states, then the relations
// between its names), then those found over the whole article, in the order found.
std::vector<ExtractedRelationship> OrderedRelationships(const Doc& doc) {
  std::vector<const Relationship*> ordered;
  for (const Relationship& relationship : doc.relationships) ordered.push_back(&relationship);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Relationship* a, const Relationship* b) {
    if (a->document_level != b->document_level) return b->document_level;
    return !a->document_level && a->span.sentence < b->span.sentence;
  });
  std::vector<ExtractedRelationship> relationships;
  for (const Relationship* r : ordered) {
    relationships.push_back({r->subject, r->predicate, r->object, r->role_title, r->confidence, r->span});
  }
  return relationships;
}

// A name read as a person in one sentence and as a place in another: the reading with the
// strongest evidence wins, and the weaker entity's facts move to it.
void MergeEntitiesTypedTwice(Extraction& result) {
  std::vector<double> strength(result.entities.size(), 0);
  for (const auto& mention : result.mentions) {
    strength[mention.entity] = std::max(strength[mention.entity], mention.confidence);
  }
  std::vector<std::string> folded_names;
  StringMap<size_t> strongest;  // folded name -> entity
  for (size_t e = 0; e < result.entities.size(); ++e) {
    folded_names.push_back(FoldForMatching(result.entities[e].name));
    auto [it, inserted] = strongest.emplace(folded_names.back(), e);
    if (!inserted && strength[e] > strength[it->second]) it->second = e;
  }
  std::vector<size_t> target(result.entities.size());
  bool merged = false;
  for (size_t e = 0; e < result.entities.size(); ++e) {
    target[e] = strongest.find(folded_names[e])->second;
    merged |= target[e] != e;
  }
  if (!merged) return;
  // Keep the surviving entities in order and renumber every reference.
  std::vector<size_t> index(result.entities.size());
  std::vector<ExtractedEntity> kept;
  for (size_t e = 0; e < result.entities.size(); ++e) {
    if (target[e] != e) continue;
    index[e] = kept.size();
    kept.push_back(std::move(result.entities[e]));
  }
  auto renumber = [&](size_t& entity) { entity = index[target[entity]]; };
  for (auto& mention : result.mentions) renumber(mention.entity);
  for (auto& event : result.events) {
    for (auto& participant : event.participants) renumber(participant.entity);
    if (event.location) renumber(*event.location);
  }
  for (auto& role : result.roles) {
    renumber(role.entity);
    if (role.organization) renumber(*role.organization);
  }
  for (auto& relationship : result.relationships) {
    renumber(relationship.subject);
    renumber(relationship.object);
  }
  std::erase_if(result.relationships, [](const auto& r) { return r.subject == r.object; });
  result.entities = std::move(kept);
}

}  // namespace

Extraction Resolve(const Doc& doc) {
  Extraction result;
  for (const Sentence& sentence : doc.sentences) result.sentences.push_back({sentence.start, sentence.end});
  for (const Cluster& cluster : doc.clusters) {
    result.entities.push_back({EntityKey(cluster), cluster.type, cluster.organization_kind, cluster.name,
                               cluster.aliases, cluster.gazetteer_ids});
  }
  for (const Mention& mention : doc.mentions)
    result.mentions.push_back({mention.cluster, mention.span, mention.confidence});
  for (const Event& event : doc.events) result.events.push_back(ToExtractedEvent(doc, event, result.entities));
  result.relationships = OrderedRelationships(doc);
  for (const Role& role : doc.roles) result.roles.push_back({role.person, role.title, role.organization, role.span});
  // Event merge keys above use each participant's key as read; merging moves the facts, not the keys.
  MergeEntitiesTypedTwice(result);
  return result;
}

}  // namespace dossier::engine
