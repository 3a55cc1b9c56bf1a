// Lookup in the table that cmake/embed_assets.cmake generates, sorted by path.

#include "trialwise/web/assets.hpp"

#include <algorithm>
#include <cstddef>

namespace trialwise::web {
namespace detail {
extern const Asset kAssets[];
extern const std::size_t kAssetCount;
}  // namespace detail

std::span<const Asset> assets() noexcept { return {detail::kAssets, detail::kAssetCount}; }

const Asset* find_asset(std::string_view path) noexcept {
  if (path == "/") path = "/index.html";
  const auto all = assets();
  const auto it = std::lower_bound(all.begin(), all.end(), path,
                                   [](const Asset& a, std::string_view p) { return a.path < p; });
  return it != all.end() && it->path == path ? &*it : nullptr;
}

}  // namespace trialwise::web
