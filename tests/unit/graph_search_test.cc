#include "graph/graph_search.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace dossier::query::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// An in-memory graph standing in for the relationships table; counts the edges it hands out.
class MemoryGraph {
 public:
  void Add(int64_t subject, int64_t object) {
    edges_.push_back({static_cast<int64_t>(edges_.size()) + 1, subject, object});
  }
  ExpandFn Expander() {
    return [this](const std::vector<int64_t>& nodes, size_t limit) -> absl::StatusOr<std::vector<Edge>> {
      std::set<int64_t> wanted(nodes.begin(), nodes.end());
      std::vector<Edge> found;
      for (const Edge& edge : edges_) {
        if (found.size() == limit) break;
        if (wanted.contains(edge.subject) || wanted.contains(edge.object)) found.push_back(edge);
      }
      edges_read_ += found.size();
      return found;
    };
  }
  // Every simple path from `from` to `to` of at most max_hops edges, by exhaustive search.
  std::vector<std::vector<int64_t>> AllPaths(int64_t from, int64_t to, int max_hops) const {
    std::vector<std::vector<int64_t>> paths;
    std::vector<int64_t> path;
    std::set<int64_t> visited{from};
    std::function<void(int64_t)> visit = [&](int64_t node) {
      if (node == to) {
        paths.push_back(path);
        return;
      }
      if (static_cast<int>(path.size()) == max_hops) return;
      for (const Edge& edge : edges_) {
        int64_t next = edge.subject == node ? edge.object : edge.object == node ? edge.subject : -1;
        if (next < 0 || visited.contains(next)) continue;
        visited.insert(next);
        path.push_back(edge.id);
        visit(next);
        path.pop_back();
        visited.erase(next);
      }
    };
    visit(from);
    return paths;
  }
  size_t edges_read() const { return edges_read_; }

 private:
  std::vector<Edge> edges_;
  size_t edges_read_ = 0;
};

TEST(ShortestPathsTest, FindsPathsShortestFirstInEitherDirection) {
  MemoryGraph graph;
  graph.Add(1, 2);  // edge 1
  graph.Add(3, 2);  // edge 2: followed against its direction
  graph.Add(1, 4);  // edge 3
  graph.Add(4, 5);  // edge 4
  graph.Add(5, 3);  // edge 5
  auto paths = ShortestPaths(1, 3, {.max_hops = 4, .max_paths = 5}, graph.Expander());
  ASSERT_TRUE(paths.ok()) << paths.status();
  EXPECT_THAT(*paths, ElementsAre(ElementsAre(1, 2), ElementsAre(3, 4, 5)));

  auto short_only = ShortestPaths(1, 3, {.max_hops = 2, .max_paths = 5}, graph.Expander());
  ASSERT_TRUE(short_only.ok());
  EXPECT_THAT(*short_only, ElementsAre(ElementsAre(1, 2)));
  auto first_only = ShortestPaths(1, 3, {.max_hops = 4, .max_paths = 1}, graph.Expander());
  ASSERT_TRUE(first_only.ok());
  EXPECT_THAT(*first_only, ElementsAre(ElementsAre(1, 2)));
}

TEST(ShortestPathsTest, NoPathBetweenComponentsAndNoneToItself) {
  MemoryGraph graph;
  graph.Add(1, 2);
  graph.Add(3, 4);
  auto none = ShortestPaths(1, 4, {}, graph.Expander());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto itself = ShortestPaths(1, 1, {}, graph.Expander());
  ASSERT_TRUE(itself.ok());
  EXPECT_TRUE(itself->empty());
}

TEST(ShortestPathsTest, ParallelEdgesMakeDistinctPaths) {
  MemoryGraph graph;
  graph.Add(1, 2);  // e.g. MEMBER_OF
  graph.Add(2, 1);  // and LEADS the other way
  auto paths = ShortestPaths(1, 2, {}, graph.Expander());
  ASSERT_TRUE(paths.ok());
  EXPECT_THAT(*paths, UnorderedElementsAre(ElementsAre(1), ElementsAre(2)));
}

// On random graphs the search returns exactly the simple paths an exhaustive search finds
// (when asked for all of them), and the shortest ones when asked for fewer.
TEST(ShortestPathsTest, AgreesWithExhaustiveSearchOnRandomGraphs) {
  std::mt19937 random(20261123);
  int rounds_with_paths = 0;
  for (int round = 0; round < 60; ++round) {
    MemoryGraph graph;
    int nodes = 6 + round % 10;
    int edges = nodes + static_cast<int>(random() % (2 * nodes));
    std::uniform_int_distribution<int64_t> node(1, nodes);
    for (int e = 0; e < edges; ++e) {
      int64_t a = node(random), b = node(random);
      if (a != b) graph.Add(a, b);
    }
    int64_t from = node(random), to = node(random);
    int max_hops = 1 + round % 4;
    auto expected = graph.AllPaths(from, to, max_hops);
    if (from == to) expected.clear();
    rounds_with_paths += expected.size() > 1;
    auto all = ShortestPaths(from, to, {.max_hops = max_hops, .max_paths = 100000}, graph.Expander());
    ASSERT_TRUE(all.ok());
    std::multiset<std::vector<int64_t>> got(all->begin(), all->end()), want(expected.begin(), expected.end());
    EXPECT_EQ(got, want) << "round " << round << " from " << from << " to " << to << " max_hops " << max_hops;
    EXPECT_TRUE(
        std::is_sorted(all->begin(), all->end(), [](const auto& a, const auto& b) { return a.size() < b.size(); }));

    auto few = ShortestPaths(from, to, {.max_hops = max_hops, .max_paths = 2}, graph.Expander());
    ASSERT_TRUE(few.ok());
    std::vector<size_t> lengths;
    for (const auto& path : expected) lengths.push_back(path.size());
    std::sort(lengths.begin(), lengths.end());
    ASSERT_EQ(few->size(), std::min<size_t>(2, expected.size()));
    for (size_t i = 0; i < few->size(); ++i) EXPECT_EQ((*few)[i].size(), lengths[i]) << "round " << round;
  }
  EXPECT_GT(rounds_with_paths, 20);  // the graphs are dense enough to hold several paths
}

TEST(ShortestPathsTest, ReadsOnlyBallsAroundTheEndsNotTheWholeGraph) {
  // A long chain 1-2-...-200 with the ends 1 and 3: two hops need two small balls.
  MemoryGraph graph;
  for (int64_t n = 1; n < 200; ++n) graph.Add(n, n + 1);
  auto paths = ShortestPaths(1, 3, {.max_hops = 4}, graph.Expander());
  ASSERT_TRUE(paths.ok());
  EXPECT_THAT(*paths, ElementsAre(ElementsAre(1, 2)));
  EXPECT_LT(graph.edges_read(), 12u);
}

TEST(ShortestPathsTest, StopsWideningOnceEnoughShortPathsAreKnown) {
  // Two leaves of a hub, each leaf with a hundred leaves of its own: the one two-hop path
  // is known after one hop from each end; looking for four-hop paths reads the whole tree.
  auto tree = [] {
    MemoryGraph graph;
    for (int64_t leaf = 2; leaf <= 11; ++leaf) {
      graph.Add(1, leaf);
      for (int64_t n = 0; n < 100; ++n) graph.Add(leaf, 1000 * leaf + n);
    }
    return graph;
  };
  MemoryGraph one = tree(), all = tree();
  auto first = ShortestPaths(2, 3, {.max_hops = 4, .max_paths = 1}, one.Expander());
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size(), 1u);
  auto every = ShortestPaths(2, 3, {.max_hops = 4, .max_paths = 100}, all.Expander());
  ASSERT_TRUE(every.ok());
  EXPECT_EQ(every->size(), 1u);  // there is only the one path
  EXPECT_LT(one.edges_read() * 3, all.edges_read());
}

TEST(CollectNeighborhoodTest, BreadthFirstWithinDepthAndCaps) {
  MemoryGraph graph;
  graph.Add(1, 2);  // edge 1
  graph.Add(1, 3);  // edge 2
  graph.Add(2, 4);  // edge 3
  graph.Add(4, 5);  // edge 4
  graph.Add(2, 3);  // edge 5: between two entities of the first ring
  auto one = CollectNeighborhood(1, 1, 100, 1000, graph.Expander());
  ASSERT_TRUE(one.ok());
  EXPECT_THAT(one->entities, ElementsAre(1, 2, 3));
  EXPECT_THAT(one->edges, ElementsAre(1, 2));
  EXPECT_FALSE(one->truncated);

  auto two = CollectNeighborhood(1, 2, 100, 1000, graph.Expander());
  ASSERT_TRUE(two.ok());
  EXPECT_THAT(two->entities, ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(two->edges, UnorderedElementsAre(1, 2, 3, 5));

  auto capped = CollectNeighborhood(1, 3, 3, 1000, graph.Expander());
  ASSERT_TRUE(capped.ok());
  EXPECT_THAT(capped->entities, ElementsAre(1, 2, 3));
  EXPECT_TRUE(capped->truncated);
}

}  // namespace
}  // namespace dossier::query::graph
