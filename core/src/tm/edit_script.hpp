#pragma once

// The edit script between two token sequences, shared by fuzzy match highlighting and match
// repair. Private to the tm module.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace termbridge::tm {

enum class EditOp : std::uint8_t { same, sub, ins, del };  // ins: a query item, del: a match item

// The cheapest edit script turning a match of `k` items into a query of `n` items, in order.
// Inserting or deleting an item costs 1; sub_cost(i, j) is the cost of putting query item i
// in place of match item j, 0 exactly when they are equal. On ties a pairing goes before an
// insertion, an insertion before a deletion (counted from the end).
template <typename SubCost>
std::vector<EditOp> edit_script(std::size_t n, std::size_t k, SubCost&& sub_cost) {
  std::vector<std::uint32_t> d((n + 1) * (k + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return d[i * (k + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) {
    at(i, 0) = static_cast<std::uint32_t>(i);
  }
  for (std::size_t j = 0; j <= k; ++j) {
    at(0, j) = static_cast<std::uint32_t>(j);
  }
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= k; ++j) {
      at(i, j) = std::min({at(i - 1, j - 1) + static_cast<std::uint32_t>(sub_cost(i - 1, j - 1)),
                           at(i - 1, j) + 1, at(i, j - 1) + 1});
    }
  }
  std::vector<EditOp> ops;
  std::size_t i = n, j = k;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0) {
      auto cost = static_cast<std::uint32_t>(sub_cost(i - 1, j - 1));
      if (at(i, j) == at(i - 1, j - 1) + cost) {
        ops.push_back(cost == 0 ? EditOp::same : EditOp::sub);
        --i;
        --j;
        continue;
      }
    }
    if (i > 0 && at(i, j) == at(i - 1, j) + 1) {
      ops.push_back(EditOp::ins);
      --i;
    } else {
      ops.push_back(EditOp::del);
      --j;
    }
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

}  // namespace termbridge::tm
