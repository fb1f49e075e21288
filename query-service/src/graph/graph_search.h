#pragma once

#include <absl/status/statusor.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

// Walks over the relationship graph: neighbourhoods and shortest paths. Pure C++: the edges
// come from a callback, so the walk is unit-tested without a database and the repository
// supplies the SQL.
namespace dossier::query::graph {

/// A relationship seen as an edge; walks follow it in either direction.
struct Edge {
  int64_t id = 0;
  int64_t subject = 0;
  int64_t object = 0;
};

/// Returns the edges touching any of `nodes` (strongest first), at most `limit` of them.
using ExpandFn = std::function<absl::StatusOr<std::vector<Edge>>(const std::vector<int64_t>& nodes, size_t limit)>;

/// Entities within `depth` hops of a centre, and the edges between them.
struct Neighborhood {
  std::vector<int64_t> entities;  // the centre first, then by distance
  std::vector<int64_t> edges;     // relationship ids
  bool truncated = false;         // a cap left entities or edges out
};

/// Breadth-first from `center` to `depth` hops, keeping at most `max_entities` entities
/// (the centre included) and reading at most `max_edges_per_hop` edges per hop; the
/// strongest edges are followed first.
absl::StatusOr<Neighborhood> CollectNeighborhood(int64_t center, int depth, size_t max_entities,
                                                 size_t max_edges_per_hop, const ExpandFn& expand);

/// Limits of a path search.
struct PathLimits {
  int max_hops = 4;
  size_t max_paths = 5;
  size_t max_edges = 200000;  // edges read in all before the search stops widening
};

/// Up to `max_paths` simple paths (no entity twice) of at most `max_hops` edges from `from`
/// to `to`, shortest first, each as its relationship ids in order. Grows a ball around each
/// end, always the end with the smaller frontier, until the two radii add up to max_hops
/// (or the paths no longer than the radii together are already max_paths); every path that
/// short lies inside the two balls, so a depth-first search bounded by the distance to `to`
/// finds them all (unless max_edges stopped the balls growing).
absl::StatusOr<std::vector<std::vector<int64_t>>> ShortestPaths(int64_t from, int64_t to, const PathLimits& limits,
                                                                const ExpandFn& expand);

}  // namespace dossier::query::graph
