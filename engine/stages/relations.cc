#include "engine/stages/relations.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <vector>

#include "engine/stages/confidence.h"
#include "engine/stages/document_entities.h"
#include "engine/stages/entity_types.h"
#include "engine/stages/parse_relations.h"
#include "engine/stages/sentence_view.h"

namespace dossier::engine {
namespace {

// Two adjacent names are related by the words between them only when these are few.
constexpr size_t kMaxWordsBetweenRelated = 7;

// The relationships one sentence states.
class SentenceRelations {
 public:
  SentenceRelations(const Lexicon& lexicon, Doc& doc, size_t sentence)
      : lexicon_(lexicon), doc_(doc), view_(doc, sentence), tokens_(view_.tokens()), mentions_(view_.mentions()) {}

  // "Niamey, the capital of Niger", "the Nigerien capital, Niamey", "Ségou, Mali".
  void Extract() {
    for (size_t m = 0; m + 1 < mentions_.size(); ++m) {
      const LocalMention& a = mentions_[m];
      const LocalMention& b = mentions_[m + 1];
      const Cluster& ea = view_.ClusterOf(a);
      const Cluster& eb = view_.ClusterOf(b);
      // Relations are stated by a few words between two names.
      if (b.first_token > a.end_token + kMaxWordsBetweenRelated) continue;
      std::string between = view_.Folded(a.end_token, b.first_token);
      if (eb.type == v1::ENTITY_TYPE_COUNTRY &&
          (ea.type == v1::ENTITY_TYPE_CITY || ea.type == v1::ENTITY_TYPE_FACILITY)) {
        bool demonym_capital = between == ", the" && b.end_token < tokens_.size() &&
                               tokens_[b.end_token].folded == "capital";  // "Manila, the Philippine capital"
        if (between == ", the capital of" || between == ", capital of" || demonym_capital) {
          Add(a, v1::RELATIONSHIP_PREDICATE_CAPITAL_OF, b, 0.85);
        } else if (between == "," && !b.modifier && !lexicon_.FindDemonym(view_.Folded(b.first_token, b.end_token))) {
          Add(a, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, b, 0.7);
        }
      }
      if (ea.type == v1::ENTITY_TYPE_COUNTRY && eb.type == v1::ENTITY_TYPE_CITY &&
          (between == "capital," || between == "capital")) {
        Add(b, v1::RELATIONSHIP_PREDICATE_CAPITAL_OF, a, 0.8);
      }
      ExtractApposition(a, b, between);
    }
    ExtractAreasOfOperation();
  }

 private:
  // "The Front, which has fought in Cauca and Nariño since 2019, ...": an armed group or
  // company operates in the regions, areas and countries its sentence puts it in.
  void ExtractAreasOfOperation() {
    for (const auto& actor : mentions_) {
      auto kind = view_.ClusterOf(actor).organization_kind;
      if (kind != v1::ORGANIZATION_KIND_ARMED_GROUP && kind != v1::ORGANIZATION_KIND_COMPANY) continue;
      for (const auto& place : mentions_) {
        auto type = view_.ClusterOf(place).type;
        if (type != v1::ENTITY_TYPE_ADMIN_AREA && type != v1::ENTITY_TYPE_REGION && type != v1::ENTITY_TYPE_COUNTRY) {
          continue;
        }
        if (place.possessive || place.modifier) continue;
        size_t before = place.first_token;
        // "in the Sahel", "in Colombia's Cauca"
        for (const auto& owner : mentions_) {
          if (owner.possessive && owner.end_token == before) before = owner.first_token;
        }
        if (before > 0 && tokens_[before - 1].folded == "the") --before;
        if (before == 0 || tokens_[before - 1].folded != "in") continue;
        Add(actor, v1::RELATIONSHIP_PREDICATE_OPERATES_IN, place, kInferredOfficeConfidence);
      }
    }
  }

  // Relations stated by the words between two adjacent mentions: "Chai, a village in
  // Macomia", "Dashdondog of the governing Unity Party", "Phiri (PRM)", "Razafimahefa, who
  // heads the TAM coalition", "the DSB, led by Brigadier Suleiman".
  void ExtractApposition(const LocalMention& a, const LocalMention& b, const std::string& between) {
    // ", a village in", "district of" ("Macomia district of Cabo Delgado province").
    static const RE2 kPlaceIn(
        R"(, (?:a|an|the) (?:[a-z-]+ ){0,2}(?:in|of|near)(?: the)?|(?:district|province|region|county|state|department|municipality) of(?: the)?)");
    // "Monterrey-based Grupo Valdés", "the Montreal-based charity Santé Solidarité": `between`
    // is the folded words as written after the place, "-based" or "-based charity".
    static const RE2 kBasedIn(R"(-[a-z]+(?: [a-z-]+){0,2})");
    static const RE2 kMemberOf(
        R"(,? ?(?:(?:a|an) [a-z-]+ )?(?:of|from|for) the(?: opposition| governing| ruling)?|\()");
    static const RE2 kWhoLeads(R"(, who (?:heads|leads|chairs|founded) the)");
    static const RE2 kLedBy(R"(,? ?(?:(?:who )?(?:are|is|was|were) )?led by(?: [a-z-]+){0,3})");
    const Cluster& ea = view_.ClusterOf(a);
    const Cluster& eb = view_.ClusterOf(b);
    bool a_place = IsPlaceOtherThanCountry(ea.type);
    if (a_place && IsPlace(eb.type) && between.find("capital") == std::string::npos &&
        RE2::FullMatch(between, kPlaceIn)) {
      Add(a, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, b, 0.7);
    }
    if (a.attributive && eb.type == v1::ENTITY_TYPE_ORGANIZATION && RE2::FullMatch(between, kBasedIn)) {
      Add(b, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, a, 0.7);
    }
    if (ea.type == v1::ENTITY_TYPE_PERSON && eb.organization_kind == v1::ORGANIZATION_KIND_POLITICAL_PARTY &&
        RE2::FullMatch(between, kMemberOf)) {
      Add(a, v1::RELATIONSHIP_PREDICATE_MEMBER_OF, b, 0.75);
    }
    if (ea.type == v1::ENTITY_TYPE_PERSON && eb.type == v1::ENTITY_TYPE_ORGANIZATION &&
        RE2::FullMatch(between, kWhoLeads)) {
      Add(a, v1::RELATIONSHIP_PREDICATE_LEADS, b, 0.75);
    }
    if (ea.type == v1::ENTITY_TYPE_ORGANIZATION && eb.type == v1::ENTITY_TYPE_PERSON &&
        RE2::FullMatch(between, kLedBy) && OnlyTitlesAfterLedBy(a.end_token, b.first_token)) {
      Add(b, v1::RELATIONSHIP_PREDICATE_LEADS, a, 0.75);
    }
  }

  // "led by Brigadier": whatever follows "by" is a title of the leader.
  bool OnlyTitlesAfterLedBy(size_t start, size_t end) const {
    size_t t = start;
    while (t < end && tokens_[t].folded != "by") ++t;
    for (++t; t < end; ++t) {
      if (!lexicon_.IsRoleTitle(tokens_[t].folded)) return false;
    }
    return true;
  }

  void Add(const LocalMention& subject, v1::RelationshipPredicate predicate, const LocalMention& object,
           double confidence) {
    size_t first = std::min(subject.first_token, object.first_token);
    size_t last = std::max(subject.end_token, object.end_token);
    doc_.relationships.push_back({subject.cluster, predicate, object.cluster, "", confidence, view_.Span(first, last)});
  }

  const Lexicon& lexicon_;
  Doc& doc_;
  const SentenceView view_;
  const std::span<const Token> tokens_;
  const std::vector<LocalMention>& mentions_;
};

// PART_OF for government bodies: the country in their name, else the article's country.
void AddGovernmentBodiesToTheirCountries(Doc& doc) {
  std::set<size_t> placed;  // bodies whose country is settled
  for (size_t body = 0; body < doc.clusters.size(); ++body) {
    for (size_t m : doc.clusters[body].mentions) {
      const Mention& mention = doc.mentions[m];
      if (mention.country_in_name.empty()) continue;
      placed.insert(body);
      if (auto country = FindGazetteerCluster(doc, "iso3166-1-alpha2", mention.country_in_name)) {
        doc.relationships.push_back({body, v1::RELATIONSHIP_PREDICATE_PART_OF, *country, "", kGazetteerFactConfidence,
                                     doc.Span(mention.first_token, mention.end_token), /*document_level=*/true});
      }
      break;
    }
  }
  std::optional<size_t> dominant_country = DominantCountry(doc);
  if (!dominant_country) return;
  for (const Mention& mention : doc.mentions) {
    if (doc.ClusterOf(mention).organization_kind != v1::ORGANIZATION_KIND_GOVERNMENT_BODY ||
        !placed.insert(mention.cluster).second) {
      continue;
    }
    doc.relationships.push_back({mention.cluster, v1::RELATIONSHIP_PREDICATE_PART_OF, *dominant_country, "",
                                 kInferredOfficeConfidence, mention.span, /*document_level=*/true});
  }
}

// What the gazetteers know about places the article names: a city lies in its country
// (or is its capital) and in its first-level subdivision, a subdivision lies in its
// country; stated when one sentence names both, that sentence being the evidence.
void AddGazetteerRelations(Doc& doc) {
  auto relate = [&](size_t place, std::optional<size_t> container, v1::RelationshipPredicate predicate) {
    if (!container) return;
    for (size_t place_mention_index : doc.clusters[place].mentions) {
      const Mention& place_mention = doc.mentions[place_mention_index];
      for (size_t container_mention_index : doc.clusters[*container].mentions) {
        const Mention& container_mention = doc.mentions[container_mention_index];
        if (container_mention.sentence != place_mention.sentence) continue;
        TextSpan evidence{place_mention.sentence, std::min(place_mention.span.start, container_mention.span.start),
                          std::max(place_mention.span.end, container_mention.span.end)};
        doc.relationships.push_back(
            {place, predicate, *container, "", kGazetteerFactConfidence, evidence, /*document_level=*/true});
        return;
      }
    }
  };
  std::vector<size_t> cities;
  for (size_t c = 0; c < doc.clusters.size(); ++c) {
    if (const City* city = doc.clusters[c].city) {
      cities.push_back(c);
      relate(c, FindGazetteerCluster(doc, "iso3166-1-alpha2", city->country_alpha2),
             city->national_capital ? v1::RELATIONSHIP_PREDICATE_CAPITAL_OF : v1::RELATIONSHIP_PREDICATE_LOCATED_IN);
      if (!city->admin_area_code.empty()) {
        relate(c, FindGazetteerCluster(doc, "iso3166-2", city->admin_area_code), v1::RELATIONSHIP_PREDICATE_LOCATED_IN);
      }
    }
  }
  for (size_t c = 0; c < doc.clusters.size(); ++c) {
    if (doc.clusters[c].city) continue;
    if (std::string alpha2 = GazetteerCountryOf(doc.clusters[c]); !alpha2.empty()) {
      relate(c, FindGazetteerCluster(doc, "iso3166-1-alpha2", alpha2), v1::RELATIONSHIP_PREDICATE_LOCATED_IN);
    }
  }
  // "Goma International Airport", "Tuguegarao City Hall": a facility named after a city
  // the article names lies in it; its name is the evidence.
  for (size_t facility = 0; facility < doc.clusters.size(); ++facility) {
    const Cluster& cluster = doc.clusters[facility];
    if (cluster.type != v1::ENTITY_TYPE_FACILITY) continue;
    for (size_t city : cities) {
      const std::string& city_name = doc.clusters[city].name;
      if (cluster.name.size() > city_name.size() && cluster.name.starts_with(city_name) &&
          cluster.name[city_name.size()] == ' ') {
        doc.relationships.push_back({facility, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, city, "",
                                     kGazetteerFactConfidence, doc.mentions[cluster.mentions.front()].span,
                                     /*document_level=*/true});
      }
    }
  }
}

}  // namespace

void RelationsStage::Process(Doc& doc) const {
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    SentenceRelations(*lexicon_, doc, s).Extract();
    AddRelationsFromParse(doc, s);
  }
  AddGovernmentBodiesToTheirCountries(doc);
  AddGazetteerRelations(doc);
}

}  // namespace dossier::engine
