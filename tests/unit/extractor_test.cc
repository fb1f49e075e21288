#include "engine/extractor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/normalize/normalizer.h"

namespace dossier::engine {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Pair;

// (subject name, predicate, object name)
using Relation = std::tuple<std::string, v1::RelationshipPredicate, std::string>;

class ExtractorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { lexicon_ = *Lexicon::Load(); }

  void Extract(const std::string& body, const std::string& published = "2025-03-12") {
    RawDocument raw;
    raw.url = "https://observer.example/story";
    raw.title = "A story";
    raw.published = published;
    raw.content = body;
    auto normalized = Normalizer(lexicon_).Normalize(raw);
    ASSERT_TRUE(normalized.ok()) << normalized.status();
    article_ = *normalized;
    facts_ = Extractor(lexicon_, *syntax::SyntaxModels::Embedded()).Extract(article_);
  }

  const ExtractedEntity* Entity(const std::string& key) const {
    for (const auto& entity : facts_.entities) {
      if (entity.key == key) return &entity;
    }
    return nullptr;
  }

  size_t EntityIndex(const std::string& key) const { return static_cast<size_t>(Entity(key) - facts_.entities.data()); }

  // The text each mention of `key` points at, in order.
  std::vector<std::string> MentionTexts(const std::string& key) const {
    std::vector<std::string> texts;
    for (const auto& mention : facts_.mentions) {
      if (facts_.entities[mention.entity].key == key) {
        texts.push_back(article_.clean_text.substr(mention.span.start, mention.span.end - mention.span.start));
      }
    }
    return texts;
  }

  std::vector<Relation> Relations() const {
    std::vector<Relation> relations;
    for (const auto& relation : facts_.relationships) {
      relations.emplace_back(facts_.entities[relation.subject].name, relation.predicate,
                             facts_.entities[relation.object].name);
    }
    return relations;
  }

  // (type, agent name) of every event with an agent.
  std::vector<std::pair<v1::EventType, std::string>> EventAgents() const {
    std::vector<std::pair<v1::EventType, std::string>> events;
    for (const auto& event : facts_.events) {
      for (const auto& participant : event.participants) {
        if (participant.role == v1::PARTICIPANT_ROLE_AGENT) {
          events.emplace_back(event.type, facts_.entities[participant.entity].name);
        }
      }
    }
    return events;
  }

  const ExtractedEvent* Event(v1::EventType type) const {
    for (const auto& event : facts_.events) {
      if (event.type == type) return &event;
    }
    return nullptr;
  }

  // (entity key, role) of each participant.
  std::vector<std::pair<std::string, v1::ParticipantRole>> Participants(const ExtractedEvent& event) const {
    std::vector<std::pair<std::string, v1::ParticipantRole>> out;
    for (const auto& participant : event.participants) {
      out.emplace_back(facts_.entities[participant.entity].key, participant.role);
    }
    return out;
  }

  static std::shared_ptr<const Lexicon> lexicon_;
  NormalizedArticle article_;
  Extraction facts_;
};
std::shared_ptr<const Lexicon> ExtractorTest::lexicon_;

constexpr const char* kTalks =
    "Niger's Interior Minister Adamou Sani met Ghanaian envoy Efua Mensah in Niamey on Monday, the ministry said. "
    "Mensah praised the border police. The River Guard Front (RGF), an armed group, has blocked trucks near "
    "Tillaberi. Officials said the RGF is unlikely to attack the capital.";

TEST_F(ExtractorTest, FindsCountriesPeopleAndOrganisationsWithOffsets) {
  Extract(kTalks);
  ASSERT_NE(Entity("country:NE"), nullptr);
  EXPECT_EQ(Entity("country:NE")->name, "Niger");
  EXPECT_THAT(Entity("country:NE")->external_ids, Contains(Pair("iso3166-1-alpha3", "NER")));
  EXPECT_THAT(MentionTexts("country:NE"), ElementsAre("Niger"));
  EXPECT_THAT(MentionTexts("country:GH"), ElementsAre("Ghanaian"));
  EXPECT_THAT(MentionTexts("person:adamou sani"), ElementsAre("Adamou Sani"));
  // "Mensah" alone later in the article is the same person as "Efua Mensah".
  EXPECT_THAT(MentionTexts("person:efua mensah"), ElementsAre("Efua Mensah", "Mensah"));
  const ExtractedEntity* front = Entity("organization:river guard front");
  ASSERT_NE(front, nullptr);
  EXPECT_EQ(front->organization_kind, v1::ORGANIZATION_KIND_ARMED_GROUP);
  EXPECT_THAT(front->aliases, ElementsAre("RGF"));
  EXPECT_THAT(MentionTexts("organization:river guard front"), ElementsAre("River Guard Front", "RGF", "RGF"));
}

TEST_F(ExtractorTest, MeetingHasParticipantsPlaceAndResolvedWeekday) {
  Extract(kTalks);
  const ExtractedEvent* meet = Event(v1::EVENT_TYPE_MEET);
  ASSERT_NE(meet, nullptr);
  EXPECT_EQ(meet->cameo_code, "040");
  EXPECT_THAT(Participants(*meet),
              ElementsAre(Pair("person:adamou sani", v1::PARTICIPANT_ROLE_AGENT),
                          Pair("person:efua mensah", v1::PARTICIPANT_ROLE_CO_PARTICIPANT),
                          Pair("city:2440485", v1::PARTICIPANT_ROLE_LOCATION)));  // Niamey's GeoNames id
  EXPECT_EQ(meet->modality, v1::MODALITY_REPORTED);
  EXPECT_EQ(meet->attributed_to, "the ministry");
  // Published Wednesday 2025-03-12: "on Monday" is 2025-03-10.
  ASSERT_TRUE(meet->time.start.has_value());
  EXPECT_EQ(*meet->time.start, std::chrono::sys_days(std::chrono::year(2025) / 3 / 10));
  EXPECT_EQ(meet->time.granularity, v1::TIME_GRANULARITY_DAY);
  EXPECT_EQ(meet->time.resolution, v1::TIME_RESOLUTION_RELATIVE_TO_PUBLICATION);
  std::string evidence = article_.clean_text.substr(meet->span.start, meet->span.end - meet->span.start);
  EXPECT_EQ(evidence, "Adamou Sani met Ghanaian envoy Efua Mensah in Niamey");
}

TEST_F(ExtractorTest, GazetteerCitiesLieInTheirCountriesAndDemonymCapitals) {
  Extract(
      "The minister arrived in Manila, the Philippine capital, on Tuesday. Rain fell in Sylhet, in northern "
      "Bangladesh. "
      "Dhaka stayed dry.");
  auto relations = Relations();
  EXPECT_THAT(relations, Contains(std::tuple(std::string("Manila"), v1::RELATIONSHIP_PREDICATE_CAPITAL_OF,
                                             std::string("Philippines"))));
  EXPECT_THAT(relations, Contains(std::tuple(std::string("Sylhet"), v1::RELATIONSHIP_PREDICATE_LOCATED_IN,
                                             std::string("Bangladesh"))));
  // Dhaka and Bangladesh are never named in one sentence: no evidence, no fact.
  EXPECT_THAT(relations, ::testing::Not(Contains(std::tuple(std::string("Dhaka"), v1::RELATIONSHIP_PREDICATE_LOCATED_IN,
                                                            std::string("Bangladesh")))));
}

TEST_F(ExtractorTest, AdminAreasFromIso31662NeedAPlaceContextToo) {
  Extract("Fighting spread in Cabo Delgado on Monday, officials said.");
  const ExtractedEntity* province = Entity("admin_area:MZ-P");
  ASSERT_NE(province, nullptr);
  EXPECT_EQ(province->type, v1::ENTITY_TYPE_ADMIN_AREA);
  EXPECT_THAT(province->external_ids, Contains(Pair("iso3166-2", "MZ-P")));
  EXPECT_THAT(MentionTexts("admin_area:MZ-P"), ElementsAre("Cabo Delgado"));
}

TEST_F(ExtractorTest, CoordinatedSubjectsActTogether) {
  Extract("Officials said Ghana and Togo signed a border accord in Lomé on Monday.");
  const ExtractedEvent* agreement = Event(v1::EVENT_TYPE_AGREEMENT);
  ASSERT_NE(agreement, nullptr);
  EXPECT_THAT(Participants(*agreement), ElementsAre(Pair("country:GH", v1::PARTICIPANT_ROLE_AGENT),
                                                    Pair("country:TG", v1::PARTICIPANT_ROLE_CO_PARTICIPANT),
                                                    Pair("city:2365267", v1::PARTICIPANT_ROLE_LOCATION)));
}

TEST_F(ExtractorTest, UndatedSentencesTakeTheirParagraphsTimeElseTheStorysTime) {
  Extract(
      "Adamou Sani met Efua Mensah in Niamey on Monday. Mensah praised the border police.\n\n"
      "Ghana criticised Togo on Tuesday. It also accused Togo of smuggling.\n\n"
      "In a separate statement, Mali criticised Niger.");
  auto start_of = [&](v1::EventType type, std::string_view agent) -> std::optional<Timestamp> {
    for (const auto& event : facts_.events) {
      if (event.type == type && facts_.entities[event.participants.at(0).entity].name == agent) return event.time.start;
    }
    return std::nullopt;
  };
  auto day = [](unsigned d) { return Timestamp(std::chrono::sys_days(std::chrono::year(2025) / 3 / d)); };
  EXPECT_EQ(start_of(v1::EVENT_TYPE_PRAISE, "Efua Mensah"), day(10));  // its paragraph's Monday
  EXPECT_EQ(start_of(v1::EVENT_TYPE_CRITICIZE, "Ghana"), day(11));
  // A paragraph without a time expression tells the story of the article's lead: Monday,
  // not the publication day.
  EXPECT_EQ(start_of(v1::EVENT_TYPE_CRITICIZE, "Mali"), day(10));
}

TEST_F(ExtractorTest, ModalitySeparatesClaimsFromHypotheticals) {
  Extract(kTalks);
  const ExtractedEvent* praise = Event(v1::EVENT_TYPE_PRAISE);
  ASSERT_NE(praise, nullptr);
  EXPECT_EQ(praise->modality, v1::MODALITY_ASSERTED);
  const ExtractedEvent* blockade = Event(v1::EVENT_TYPE_BLOCKADE);
  ASSERT_NE(blockade, nullptr);
  EXPECT_THAT(Participants(*blockade), Contains(Pair("organization:river guard front", v1::PARTICIPANT_ROLE_AGENT)));

  Extract("The Lake Patrol Movement lacks the strength to seize the port of Kribi, analysts said.");
  const ExtractedEvent* seize = Event(v1::EVENT_TYPE_SEIZE);
  ASSERT_NE(seize, nullptr);
  EXPECT_EQ(seize->modality, v1::MODALITY_HYPOTHETICAL);

  Extract("Officials in Bamako say the Azawad Front denied it attacked Kidal.");
  const ExtractedEvent* attack = Event(v1::EVENT_TYPE_ATTACK);
  ASSERT_NE(attack, nullptr);
  EXPECT_EQ(attack->modality, v1::MODALITY_NEGATED);
}

TEST_F(ExtractorTest, RolesAndRelationshipsCarryEvidence) {
  Extract(kTalks);
  size_t sani = EntityIndex("person:adamou sani");
  size_t niger = EntityIndex("country:NE");
  size_t mensah = EntityIndex("person:efua mensah");
  size_t ghana = EntityIndex("country:GH");
  std::vector<std::tuple<size_t, v1::RelationshipPredicate, size_t, std::string>> relations;
  for (const auto& relation : facts_.relationships) {
    relations.emplace_back(relation.subject, relation.predicate, relation.object, relation.role_title);
    EXPECT_LT(relation.span.start, relation.span.end);
  }
  EXPECT_THAT(relations, Contains(std::tuple(sani, v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, niger,
                                             std::string("Interior Minister"))));
  EXPECT_THAT(relations,
              Contains(std::tuple(mensah, v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, ghana, std::string("envoy"))));
  EXPECT_THAT(relations, Contains(std::tuple(mensah, v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, ghana, std::string())));
}

TEST_F(ExtractorTest, GazetteerCitiesNeedAPlaceContext) {
  Extract(
      "SÉGOU — Traders from Kayes met officials in Markala on Friday. Bamako, Mali stayed calm. "
      "Officials said Marion Dupont was absent.");
  const ExtractedEntity* segou = Entity("city:2451478");
  ASSERT_NE(segou, nullptr) << "the all-caps dateline is a place";
  EXPECT_EQ(segou->name, "Ségou");
  EXPECT_THAT(segou->external_ids, Contains(Pair("geonames", "2451478")));
  EXPECT_THAT(MentionTexts("city:2451478"), ElementsAre("SÉGOU"));
  EXPECT_NE(Entity("city:2460596"), nullptr) << "\"Bamako, Mali\" is a place";
  EXPECT_NE(Entity("person:marion dupont"), nullptr) << "a city name inside a longer name is not a city";
  for (const auto& entity : facts_.entities) EXPECT_NE(entity.name, "Marion");
}

TEST_F(ExtractorTest, RolesInAppositionAndInferredGovernmentOffices) {
  Extract(
      "Kenya's trade minister, Wanjiru Kamau, met traders in Nairobi. Officials said Otieno Odhiambo, the "
      "district administrator of Kisumu, was absent. Defence Minister Peter Mwangi said Kenya would act. "
      "Kenya and Kenya's partners agreed.");
  std::vector<std::tuple<std::string, v1::RelationshipPredicate, std::string, std::string>> relations;
  for (const auto& relation : facts_.relationships) {
    relations.emplace_back(facts_.entities[relation.subject].key, relation.predicate,
                           facts_.entities[relation.object].key, relation.role_title);
  }
  EXPECT_THAT(relations, Contains(std::tuple(std::string("person:wanjiru kamau"), v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE,
                                             std::string("country:KE"), std::string("trade minister"))));
  EXPECT_THAT(relations,
              Contains(std::tuple(std::string("person:otieno odhiambo"), v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE,
                                  std::string("city:191245"), std::string("district administrator"))));
  // Kenya dominates the article, so the unattributed minister is Kenya's (low confidence).
  EXPECT_THAT(relations, Contains(std::tuple(std::string("person:peter mwangi"), v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE,
                                             std::string("country:KE"), std::string("Defence Minister"))));
}

TEST_F(ExtractorTest, CountryAliasesResolveToOneEntityAndEventsShareMergeKeys) {
  Extract("The U.S. and the United States Senate differ. America sanctioned Niger on Friday.");
  EXPECT_THAT(MentionTexts("country:US"), Contains("U.S."));
  EXPECT_THAT(MentionTexts("country:US"), Contains("America"));
  const ExtractedEvent* sanction = Event(v1::EVENT_TYPE_SANCTION);
  ASSERT_NE(sanction, nullptr);
  std::string first_key = sanction->merge_key;
  Extract("Niger was hit when the U.S. sanctioned Niger on Friday, officials in Niamey noted.");
  sanction = Event(v1::EVENT_TYPE_SANCTION);
  ASSERT_NE(sanction, nullptr);
  EXPECT_NE(sanction->merge_key, first_key) << "asserted and reported reports are kept apart";
}

TEST_F(ExtractorTest, MembershipLeadershipPartsAndAreasOfOperation) {
  Extract(
      "Voters chose Tuya Bold of the opposition Green Steppe Party on Sunday. "
      "On Monday, Ochir Bat, who heads the Herders Alliance Party, conceded. "
      "The Eastern Shield Brigades, led by Brigadier Dorj Ganbold, attacked a depot in Mozambique's Cabo Delgado "
      "province. "
      "The Mongolian Border Force said Mongolia would reinforce the Chinese border.");
  auto relations = Relations();
  EXPECT_THAT(relations, Contains(Relation("Tuya Bold", v1::RELATIONSHIP_PREDICATE_MEMBER_OF, "Green Steppe Party")));
  EXPECT_THAT(relations, Contains(Relation("Ochir Bat", v1::RELATIONSHIP_PREDICATE_LEADS, "Herders Alliance Party")));
  EXPECT_THAT(relations,
              Contains(Relation("Dorj Ganbold", v1::RELATIONSHIP_PREDICATE_LEADS, "Eastern Shield Brigades")));
  EXPECT_THAT(relations,
              Contains(Relation("Eastern Shield Brigades", v1::RELATIONSHIP_PREDICATE_OPERATES_IN, "Cabo Delgado")));
  EXPECT_THAT(relations, Contains(Relation("Mongolian Border Force", v1::RELATIONSHIP_PREDICATE_PART_OF, "Mongolia")));
  // The Chinese border is not the Chinese state's part: China gets no PART_OF.
  for (const auto& [subject, predicate, object] : relations) EXPECT_NE(object, "China") << subject;
}

TEST_F(ExtractorTest, NationalCapitalsComeFromTheGazetteerWhenTheSentenceNamesTheCountry) {
  Extract("Officials in Niamey said Niger would reply. In Maradi, traders were calm. Niger's army stayed quiet.");
  EXPECT_THAT(Relations(), Contains(Relation("Niamey", v1::RELATIONSHIP_PREDICATE_CAPITAL_OF, "Niger")));
  EXPECT_THAT(Relations(),
              ::testing::Not(Contains(Relation("Niamey", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "Niger"))));
  // Maradi and Niger are never named in one sentence: no evidence, no fact.
  EXPECT_THAT(Relations(),
              ::testing::Not(Contains(Relation("Maradi", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "Niger"))));
}

TEST_F(ExtractorTest, SubdivisionsGoByTheirEnglishNamesAndHoldTheirCities) {
  Extract("Shelling hit homes in Goma, North Kivu, on Monday. Aid arrived the next day.");
  const ExtractedEntity* province = Entity("admin_area:CD-NK");  // ISO lists it as "Nord-Kivu"
  ASSERT_NE(province, nullptr);
  EXPECT_EQ(province->name, "North Kivu");
  EXPECT_THAT(Relations(), Contains(Relation("Goma", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "North Kivu")));
}

TEST_F(ExtractorTest, ContextTypesUnknownNames) {
  Extract(
      "Voters backed Together for Tomorrow (TFT) on Sunday. Fighters reached Kobani Dere, a town near the border, "
      "and the village of Ngatu. Traders fled to Gao and Arbala. The Lisbon-based charity Casa Aberta sent aid.");
  const ExtractedEntity* party = Entity("organization:together for tomorrow");
  ASSERT_NE(party, nullptr);
  EXPECT_THAT(party->aliases, Contains("TFT"));
  EXPECT_NE(Entity("city:kobani dere"), nullptr);  // ", a town near ..."
  EXPECT_NE(Entity("city:ngatu"), nullptr);        // "the village of ..."
  // "Gao and Arbala": Gao is a GeoNames town; Arbala, coordinated with it, is a town too.
  EXPECT_NE(Entity("city:arbala"), nullptr);
  // "Lisbon-based": Lisbon is mentioned, on its own bytes, and takes no part in events.
  EXPECT_THAT(MentionTexts("city:2267057"), ElementsAre("Lisbon"));
  // ... and the place of the organisation it describes, with a common noun between them.
  EXPECT_THAT(Relations(), Contains(Relation("Casa Aberta", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "Lisbon")));
}

TEST_F(ExtractorTest, CounterpartsAndCapitalisedTitlesBeforeACommaHaveOwners) {
  Extract(
      "Ghana's Foreign Minister, Kofi Adjei, met his Togolese counterpart, Foreign Secretary Yawo Agbeko, in Lome. "
      "He later called his Nigerien counterpart, Amina Sani.");
  auto relations = Relations();
  EXPECT_THAT(relations, Contains(Relation("Kofi Adjei", v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, "Ghana")));
  EXPECT_THAT(relations, Contains(Relation("Yawo Agbeko", v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, "Togo")));
  EXPECT_THAT(relations, Contains(Relation("Yawo Agbeko", v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, "Togo")));
  EXPECT_THAT(relations, Contains(Relation("Amina Sani", v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, "Niger")));
}

TEST_F(ExtractorTest, PhraseTriggersWinAndNounsAfterDeterminersDoNotFire) {
  Extract(
      "Ghana imposed new sanctions on the Coastal Defence Front on Monday. Togo imposed a curfew in Lome. "
      "Kofi Mensah criticised Togo for an attack on the border post.");
  auto events = EventAgents();
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_SANCTION, "Ghana")));  // "imposed new sanctions"
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_RESTRICT, "Togo")));   // "imposed" alone
  // "Kofi Mensah" opens its sentence but a verb follows: a person.
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_CRITICIZE, "Kofi Mensah")));
  for (const auto& [type, agent] : events) EXPECT_NE(type, v1::EVENT_TYPE_ATTACK) << agent;  // "an attack"
}

TEST_F(ExtractorTest, PassivesAppositionsAndModifiersFindTheRealSubject) {
  Extract(
      "The accord was signed by Trade Minister Kofi Mensah on Monday. "
      "Yaw Boateng, a lawmaker from the Green Steppe Party, criticised Mensah on Tuesday. "
      "Residents of Tamale said the road was closed.");
  auto events = EventAgents();
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_AGREEMENT, "Kofi Mensah")));
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_CRITICIZE, "Yaw Boateng")));
  // The residents said it, not Tamale: no statement.
  for (const auto& [type, agent] : events) EXPECT_NE(type, v1::EVENT_TYPE_STATEMENT) << agent;
}

TEST_F(ExtractorTest, PlacesOfCompaniesFacilitiesAndDistricts) {
  Extract(
      "The Lisbon-based Atlantic Shipping Company bought the terminal. Flights to Goma stopped on Monday, and Goma "
      "International Airport closed. Fighters raided Chai in Macomia district of Cabo Delgado province.");
  auto relations = Relations();
  EXPECT_THAT(relations,
              Contains(Relation("Atlantic Shipping Company", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "Lisbon")));
  EXPECT_THAT(relations,
              Contains(Relation("Goma International Airport", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "Goma")));
  EXPECT_THAT(relations, Contains(Relation("Macomia", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "Cabo Delgado")));
}

TEST_F(ExtractorTest, AnEventTakesTheTimeAfterItsVerbBeforeATimeOfAnotherClause) {
  Extract("Kofi Mensah said on Tuesday that he would meet Ama Boateng in Accra next week.");
  const ExtractedEvent* meet = Event(v1::EVENT_TYPE_MEET);
  ASSERT_NE(meet, nullptr);
  ASSERT_TRUE(meet->time.start.has_value());
  // Published Wednesday 2025-03-12: next week starts Monday 2025-03-17.
  EXPECT_EQ(*meet->time.start, std::chrono::sys_days(std::chrono::year(2025) / 3 / 17));
  EXPECT_EQ(meet->time.granularity, v1::TIME_GRANULARITY_WEEK);
}

TEST_F(ExtractorTest, AnUnownedTitleBelongsToTheDatelineCountryWhenNoOtherCountsMore) {
  // Paraguay: Asunción and two mentions; Brazil: Brasília and two mentions. The tie goes to
  // the dateline's country.
  Extract(
      "ASUNCI\u00d3N, Paraguay \u2014 Health Minister Ana Recalde resigned on Tuesday. Brazil and Paraguay share "
      "the dam, and Brazil's president spoke in Bras\u00edlia.");
  EXPECT_THAT(Relations(), Contains(Relation("Ana Recalde", v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, "Paraguay")));
}

TEST_F(ExtractorTest, TwoWordDemonyms) {
  Extract("South African envoy Thabo Nkosi met Sudanese officials in Cairo.");
  EXPECT_THAT(Relations(), Contains(Relation("Thabo Nkosi", v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, "South Africa")));
  EXPECT_THAT(MentionTexts("country:ZA"), ElementsAre("South African"));
}

TEST_F(ExtractorTest, ANameTypedTwiceKeepsItsStrongestReading) {
  // "to Amaka Obi" alone could be a place; the titled mention says she is a person.
  Extract("The award went to Amaka Obi on Monday. Health Minister Amaka Obi thanked the nurses.");
  EXPECT_EQ(Entity("city:amaka obi"), nullptr);
  ASSERT_NE(Entity("person:amaka obi"), nullptr);
  EXPECT_THAT(MentionTexts("person:amaka obi"), ElementsAre("Amaka Obi", "Amaka Obi"));
}

TEST_F(ExtractorTest, SubjectsNamedEarlierSpeakersAfterQuotesAndUnnamedSpeakers) {
  Extract(
      "The Coastal Defence Front attacked a convoy on Monday. The group seized the port of Tema on Tuesday. "
      "Interior Minister Salif Kone visited Accra. He criticised the Coastal Defence Front. "
      "\u201cWe will rebuild,\u201d said Ama Boateng. Officials said the road was closed.");
  auto events = EventAgents();
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_SEIZE, "Coastal Defence Front")));  // "The group"
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_CRITICIZE, "Salif Kone")));         // "He"
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_STATEMENT, "Ama Boateng")));
  // "Officials said" names no speaker: no statement, and nobody else is made to say it.
  size_t statements = 0;
  for (const auto& event : facts_.events) statements += event.type == v1::EVENT_TYPE_STATEMENT;
  EXPECT_EQ(statements, 1);
}

TEST_F(ExtractorTest, DisastersNeedNoActorAndHappenWhereTheSentenceSays) {
  Extract("An earthquake and its aftershocks struck villages in Jumla on Tuesday, killing 12 people.");
  const ExtractedEvent* disaster = Event(v1::EVENT_TYPE_DISASTER);
  ASSERT_NE(disaster, nullptr);
  ASSERT_TRUE(disaster->location.has_value());
  EXPECT_EQ(facts_.entities[*disaster->location].name, "Jumla");
  EXPECT_EQ(facts_.events.size(), 1);  // one disaster per sentence
}

TEST_F(ExtractorTest, NameRunsKeepInnerConjunctionsAndParticlesButNotAttributiveCompounds) {
  Extract(
      "Talks included the Ministry of Industry and Trade and Osman Abdelrahim al-Tayeb. "
      "The deal was signed by Singapore-based Lotus Bay Capital and Lieutenant-Colonel Kofi Mensah.");
  EXPECT_NE(Entity("organization:ministry of industry and trade"), nullptr);
  EXPECT_NE(Entity("person:osman abdelrahim al-tayeb"), nullptr);
  EXPECT_NE(Entity("organization:lotus bay capital"), nullptr);
  EXPECT_NE(Entity("person:kofi mensah"), nullptr);
}

// Tokens follow Universal Dependencies ("Ghana" "'s", "Accra" "-" "based", "did" "n't"); the
// rules still read names, titles and cues as they are written.
TEST_F(ExtractorTest, APossessiveCountryBeforeATitleOwnsTheOfficeAndIsNoPartOfTheName) {
  Extract("Ghana's Foreign Minister Ama Boateng met Togolese envoys in Lome on Monday.");
  EXPECT_THAT(MentionTexts("country:GH"), ElementsAre("Ghana"));
  EXPECT_THAT(MentionTexts("person:ama boateng"), ElementsAre("Ama Boateng"));
  EXPECT_THAT(Relations(), Contains(Relation("Ama Boateng", v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, "Ghana")));
  ASSERT_FALSE(facts_.roles.empty());
  EXPECT_EQ(facts_.roles[0].title, "Foreign Minister");
  EXPECT_THAT(EventAgents(), ElementsAre(Pair(v1::EVENT_TYPE_MEET, "Ama Boateng")));
}

TEST_F(ExtractorTest, HyphenatedNamesAreOneNameAndRepeatAsOne) {
  Extract(
      "Kwesi Appiah-Mensah met Omar al-Rashidi in Doha on Monday. Appiah-Mensah praised the talks, and "
      "al-Rashidi said they would meet again.");
  EXPECT_THAT(MentionTexts("person:kwesi appiah-mensah"), ElementsAre("Kwesi Appiah-Mensah", "Appiah-Mensah"));
  EXPECT_THAT(MentionTexts("person:omar al-rashidi"), ElementsAre("Omar al-Rashidi", "al-Rashidi"));
  auto events = EventAgents();
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_PRAISE, "Kwesi Appiah-Mensah")));
  EXPECT_THAT(events, Contains(Pair(v1::EVENT_TYPE_STATEMENT, "Omar al-Rashidi")));
}

TEST_F(ExtractorTest, AnAttributivePlaceLocatesTheOrganisationItDescribes) {
  Extract("The Accra-based Volta Grain Company bought a mill in Tamale on Monday.");
  EXPECT_THAT(MentionTexts("city:2306104"), ElementsAre("Accra"));  // Accra's GeoNames id, without "-based"
  EXPECT_THAT(Relations(), Contains(Relation("Volta Grain Company", v1::RELATIONSHIP_PREDICATE_LOCATED_IN, "Accra")));
}

TEST_F(ExtractorTest, NegationsAndCompoundsAsWritten) {
  Extract(
      "The Harbour Front didn\u2019t attack the port on Monday. The Tema Dockers Movement staged a sit-in at the "
      "port. Engineers installed high-capacity pumps, and the Coastal Board said the port was safe.");
  const ExtractedEvent* attack = Event(v1::EVENT_TYPE_ATTACK);
  ASSERT_NE(attack, nullptr);
  EXPECT_EQ(attack->modality, v1::MODALITY_NEGATED);
  // "staged a sit-in" is a protest.
  EXPECT_THAT(EventAgents(), Contains(Pair(v1::EVENT_TYPE_PROTEST, "Tema Dockers Movement")));
  // "high-capacity" is no "capacity" to do something: the statement is not hypothetical.
  const ExtractedEvent* statement = Event(v1::EVENT_TYPE_STATEMENT);
  ASSERT_NE(statement, nullptr);
  EXPECT_EQ(statement->modality, v1::MODALITY_ASSERTED);
}

TEST_F(ExtractorTest, TheSubjectOfAVerbInsideAQuotationStandsBeforeTheQuotationMark) {
  Extract(
      "The Harbour Front met elders in Tema on Monday. Its leader said the group \u201cdid not attack the port\u201d. "
      "Ghana said troops \u201cdid not attack the port\u201d.");
  std::vector<std::pair<v1::EventType, std::string>> attacks;
  for (const auto& event : EventAgents()) {
    if (event.first == v1::EVENT_TYPE_ATTACK) attacks.push_back(event);
  }
  // "the group" is the Harbour Front; the troops are nobody named, not Ghana.
  EXPECT_THAT(attacks, ElementsAre(Pair(v1::EVENT_TYPE_ATTACK, "Harbour Front")));
}

TEST_F(ExtractorTest, AnOrganisationsNameMayHoldAPossessiveButAPlacesPossessiveEndsIt) {
  Extract(
      "The Tema Dockers\u2019 Union staged a sit-in at the port. The Public Prosecutor\u2019s Office said the "
      "People\u2019s Harbour Party had paid them. Ghana\u2019s Interior Ministry said the port was calm.");
  EXPECT_THAT(MentionTexts("organization:tema dockers' union"), ElementsAre("Tema Dockers\u2019 Union"));
  EXPECT_THAT(EventAgents(), Contains(Pair(v1::EVENT_TYPE_PROTEST, "Tema Dockers\u2019 Union")));
  EXPECT_NE(Entity("organization:public prosecutor's office"), nullptr);
  EXPECT_NE(Entity("organization:people's harbour party"), nullptr);
  EXPECT_THAT(MentionTexts("country:GH"), ElementsAre("Ghana"));
  EXPECT_NE(Entity("organization:interior ministry"), nullptr);
}

TEST_F(ExtractorTest, AbbreviatedTitlesAreNoPartOfNamesButInitialsAre) {
  Extract("Dr. Nadia Haidara met John K. Mensah in Accra on Monday.");
  EXPECT_THAT(MentionTexts("person:nadia haidara"), ElementsAre("Nadia Haidara"));
  EXPECT_THAT(MentionTexts("person:john k. mensah"), ElementsAre("John K. Mensah"));
}

TEST_F(ExtractorTest, NonEnglishArticlesYieldNoFacts) {
  Extract(
      "Le ministre de l'Intérieur a rencontré l'envoyée du Ghana à Niamey lundi, selon le ministère. "
      "Les deux responsables ont convenu de créer une commission mixte sur la sécurité des frontières "
      "qui se réunira chaque trimestre.");
  EXPECT_NE(article_.language, "en");
  EXPECT_TRUE(facts_.entities.empty());
}

}  // namespace
}  // namespace dossier::engine
