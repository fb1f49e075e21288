#include "doc_output.h"

#include <optional>
#include <sstream>

#include "output.h"

namespace dossierctl {
namespace {

namespace engine = dossier::engine;
namespace v1 = dossier::v1;
using nlohmann::json;

// A head as CoNLL-U numbers it: 1-based within the sentence, 0 for the root; none for a
// token no parser has read (an article in another language).
std::optional<int> SentenceHead(const engine::Sentence& sentence, const engine::Token& token) {
  if (token.deprel.empty()) return std::nullopt;
  return token.head < 0 ? 0 : token.head - static_cast<int>(sentence.first_token) + 1;
}

json SpanJson(const engine::Doc& doc, size_t start, size_t end) {
  return {{"start", start}, {"end", end}, {"text", std::string(doc.text.substr(start, end - start))}};
}

json TokensJson(const engine::Doc& doc, const engine::Sentence& sentence) {
  json tokens = json::array();
  for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
    const engine::Token& token = doc.tokens[t];
    tokens.push_back({{"id", t - sentence.first_token + 1},
                      {"text", std::string(token.text)},
                      {"start", token.start},
                      {"end", token.end},
                      {"upos", token.upos},
                      {"xpos", token.xpos},
                      {"lemma", token.lemma},
                      {"head", SentenceHead(sentence, token) ? json(*SentenceHead(sentence, token)) : json()},
                      {"deprel", token.deprel},
                      {"ner", token.ner}});
  }
  return tokens;
}

std::string ClusterName(const engine::Doc& doc, size_t cluster) {
  return cluster < doc.clusters.size() ? doc.clusters[cluster].name : "";
}

json EventsJson(const engine::Doc& doc) {
  json events = json::array();
  for (const auto& event : doc.events) {
    json participants = json::array();
    for (const auto& participant : event.participants) {
      participants.push_back({{"cluster", participant.cluster},
                              {"name", ClusterName(doc, participant.cluster)},
                              {"role", EnumLabel(v1::ParticipantRole_descriptor(), participant.role)},
                              {"text", participant.text}});
    }
    events.push_back({{"type", EnumLabel(v1::EventType_descriptor(), event.type)},
                      {"trigger", std::string(doc.tokens[event.trigger].text)},
                      {"participants", std::move(participants)},
                      {"modality", EnumLabel(v1::Modality_descriptor(), event.modality)},
                      {"attributed_to", event.attributed_to},
                      {"time", event.time.text},
                      {"evidence", SpanJson(doc, event.span.start, event.span.end)}});
  }
  return events;
}

}  // namespace

json DocJson(const engine::Doc& doc) {
  json sentences = json::array();
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const engine::Sentence& sentence = doc.sentences[s];
    json item = SpanJson(doc, sentence.start, sentence.end);
    item["index"] = s;
    item["tokens"] = TokensJson(doc, sentence);
    if (s < doc.times.size()) {
      json times = json::array();
      for (const auto& expression : doc.times[s].expressions) times.push_back(expression.time.text);
      item["times"] = std::move(times);
    }
    sentences.push_back(std::move(item));
  }
  json mentions = json::array();
  for (const auto& mention : doc.mentions) {
    json item = SpanJson(doc, mention.span.start, mention.span.end);
    item.update({{"sentence", mention.sentence},
                 {"type", EnumLabel(v1::EntityType_descriptor(), mention.type)},
                 {"name", mention.name},
                 {"cluster", mention.cluster},
                 {"confidence", mention.confidence}});
    if (mention.organization_kind != v1::ORGANIZATION_KIND_UNSPECIFIED) {
      item["organization_kind"] = EnumLabel(v1::OrganizationKind_descriptor(), mention.organization_kind);
    }
    mentions.push_back(std::move(item));
  }
  json clusters = json::array();
  for (size_t c = 0; c < doc.clusters.size(); ++c) {
    const auto& cluster = doc.clusters[c];
    clusters.push_back({{"index", c},
                        {"name", cluster.name},
                        {"type", EnumLabel(v1::EntityType_descriptor(), cluster.type)},
                        {"aliases", cluster.aliases},
                        {"mentions", cluster.mentions.size()}});
  }
  json anaphors = json::array();
  for (const auto& anaphor : doc.anaphors) {
    json item = SpanJson(doc, doc.tokens[anaphor.first_token].start, doc.tokens[anaphor.end_token - 1].end);
    item["cluster"] = anaphor.cluster;
    item["refers_to"] = ClusterName(doc, anaphor.cluster);
    anaphors.push_back(std::move(item));
  }
  json relationships = json::array();
  for (const auto& relation : doc.relationships) {
    relationships.push_back({{"subject", ClusterName(doc, relation.subject)},
                             {"predicate", EnumLabel(v1::RelationshipPredicate_descriptor(), relation.predicate)},
                             {"object", ClusterName(doc, relation.object)},
                             {"role_title", relation.role_title},
                             {"evidence", SpanJson(doc, relation.span.start, relation.span.end)}});
  }
  return {{"sentences", std::move(sentences)}, {"mentions", std::move(mentions)},
          {"clusters", std::move(clusters)},   {"anaphors", std::move(anaphors)},
          {"events", EventsJson(doc)},         {"relationships", std::move(relationships)}};
}

std::string DocConllu(const engine::Doc& doc) {
  std::ostringstream out;
  auto field = [](const std::string& value) { return value.empty() ? std::string("_") : value; };
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const engine::Sentence& sentence = doc.sentences[s];
    out << "# sent_id = " << s + 1 << "\n# text = " << doc.text.substr(sentence.start, sentence.end - sentence.start)
        << '\n';
    for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
      const engine::Token& token = doc.tokens[t];
      std::string misc = "Offsets=" + std::to_string(token.start) + "-" + std::to_string(token.end);
      if (t + 1 < doc.tokens.size() && doc.tokens[t + 1].start == token.end) misc += "|SpaceAfter=No";
      if (!token.ner.empty()) misc += "|NER=" + token.ner;
      std::optional<int> head = SentenceHead(sentence, token);
      out << t - sentence.first_token + 1 << '\t' << token.text << '\t' << field(token.lemma) << '\t'
          << field(token.upos) << '\t' << field(token.xpos) << "\t_\t" << (head ? std::to_string(*head) : "_") << '\t'
          << field(token.deprel) << "\t_\t" << misc << '\n';
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace dossierctl
