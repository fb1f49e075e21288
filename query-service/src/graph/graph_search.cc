#include "graph/graph_search.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <limits>
#include <utility>

namespace dossier::query::graph {
namespace {

// A depth-first step budget: dense graphs can hold very many paths of equal length, and a
// search that runs out returns the paths found so far.
constexpr size_t kMaxSearchSteps = 1'000'000;

// The entities within `radius` hops of one end of a path search.
struct Ball {
  absl::flat_hash_map<int64_t, int> distance;
  std::vector<int64_t> frontier;  // the entities at distance == radius
  int radius = 0;

  explicit Ball(int64_t center) : distance{{center, 0}}, frontier{center} {}
  bool complete() const { return frontier.empty(); }  // nothing lies further out
};

// Each entity's edges, in the order they were read (strongest first), each edge once.
class Adjacency {
 public:
  void Add(const Edge& edge) {
    if (!seen_.insert(edge.id).second) return;
    neighbours_[edge.subject].emplace_back(edge.id, edge.object);
    neighbours_[edge.object].emplace_back(edge.id, edge.subject);
  }
  const std::vector<std::pair<int64_t, int64_t>>& Of(int64_t node) const {
    static const std::vector<std::pair<int64_t, int64_t>> kNone;
    auto it = neighbours_.find(node);
    return it == neighbours_.end() ? kNone : it->second;
  }

 private:
  absl::flat_hash_set<int64_t> seen_;
  absl::flat_hash_map<int64_t, std::vector<std::pair<int64_t, int64_t>>> neighbours_;  // (edge, neighbour)
};

// Depth-first enumeration of simple paths of one exact length, pruned by a lower bound on
// the hops left to the target.
class PathEnumerator {
 public:
  PathEnumerator(const Adjacency& adjacency, const Ball& target, int64_t to, size_t max_paths)
      : adjacency_(adjacency), target_(target), to_(to), max_paths_(max_paths) {}

  void Enumerate(int64_t from, int length) {
    on_path_ = {from};
    Visit(from, length);
  }
  bool Done() const { return paths_.size() >= max_paths_ || steps_ > kMaxSearchSteps; }
  std::vector<std::vector<int64_t>> TakePaths() { return std::move(paths_); }

 private:
  void Visit(int64_t node, int length) {
    ++steps_;
    int depth = static_cast<int>(edges_.size());
    if (node == to_) {
      if (depth == length) paths_.push_back(edges_);
      return;
    }
    for (const auto& [edge, next] : adjacency_.Of(node)) {
      if (Done()) return;
      if (on_path_.contains(next) || depth + 1 + HopsLeftAtLeast(next) > length) continue;
      on_path_.insert(next);
      edges_.push_back(edge);
      Visit(next, length);
      edges_.pop_back();
      on_path_.erase(next);
    }
  }

  // Exact inside the target's ball; just beyond its radius outside it (or never, when the
  // ball is complete).
  int HopsLeftAtLeast(int64_t node) const {
    auto it = target_.distance.find(node);
    if (it != target_.distance.end()) return it->second;
    return target_.complete() ? std::numeric_limits<int>::max() / 2 : target_.radius + 1;
  }

  const Adjacency& adjacency_;
  const Ball& target_;
  const int64_t to_;
  const size_t max_paths_;
  absl::flat_hash_set<int64_t> on_path_;
  std::vector<int64_t> edges_;
  std::vector<std::vector<int64_t>> paths_;
  size_t steps_ = 0;
};

}  // namespace

absl::StatusOr<Neighborhood> CollectNeighborhood(int64_t center, int depth, size_t max_entities,
                                                 size_t max_edges_per_hop, const ExpandFn& expand) {
  Neighborhood result;
  result.entities.push_back(center);
  absl::flat_hash_set<int64_t> included{center};
  absl::flat_hash_set<int64_t> edges_taken;
  std::vector<int64_t> frontier{center};
  for (int hop = 0; hop < depth && !frontier.empty(); ++hop) {
    auto edges = expand(frontier, max_edges_per_hop);
    if (!edges.ok()) return edges.status();
    if (edges->size() >= max_edges_per_hop) result.truncated = true;
    std::vector<int64_t> next;
    for (const Edge& edge : *edges) {
      for (int64_t node : {edge.subject, edge.object}) {
        if (included.contains(node)) continue;
        if (result.entities.size() >= max_entities) {
          result.truncated = true;
          continue;
        }
        included.insert(node);
        result.entities.push_back(node);
        next.push_back(node);
      }
      if (included.contains(edge.subject) && included.contains(edge.object) && edges_taken.insert(edge.id).second) {
        result.edges.push_back(edge.id);
      }
    }
    frontier = std::move(next);
  }
  return result;
}

absl::StatusOr<std::vector<std::vector<int64_t>>> ShortestPaths(int64_t from, int64_t to, const PathLimits& limits,
                                                                const ExpandFn& expand) {
  if (from == to || limits.max_hops < 1 || limits.max_paths == 0) return std::vector<std::vector<int64_t>>{};
  Adjacency adjacency;
  Ball source(from), target(to);
  size_t edges_read = 0;
  // The simple paths of at most `max_length` edges within what has been read, shortest first.
  auto paths_up_to = [&](int max_length) {
    PathEnumerator enumerator(adjacency, target, to, limits.max_paths);
    for (int length = 1; length <= max_length && !enumerator.Done(); ++length) enumerator.Enumerate(from, length);
    return enumerator.TakePaths();
  };
  while (source.radius + target.radius < limits.max_hops && edges_read < limits.max_edges) {
    // Paths no longer than the two radii together are all inside the balls already; once
    // there are max_paths of them, longer ones cannot make the answer (hubs make balls grow
    // fast, so stopping early matters).
    auto short_paths = paths_up_to(source.radius + target.radius);
    if (short_paths.size() >= limits.max_paths) return short_paths;
    Ball* side = source.frontier.size() <= target.frontier.size() ? &source : &target;
    if (side->complete()) side = side == &source ? &target : &source;
    if (side->complete()) break;  // both ends' components are fully known
    auto edges = expand(side->frontier, limits.max_edges - edges_read);
    if (!edges.ok()) return edges.status();
    edges_read += edges->size();
    std::vector<int64_t> next;
    for (const Edge& edge : *edges) {
      adjacency.Add(edge);
      for (int64_t node : {edge.subject, edge.object}) {
        if (side->distance.try_emplace(node, side->radius + 1).second) next.push_back(node);
      }
    }
    side->frontier = std::move(next);
    ++side->radius;
  }
  return paths_up_to(limits.max_hops);
}

}  // namespace dossier::query::graph
