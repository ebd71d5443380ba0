#include "io/inline_plan.hpp"

#include <set>

namespace termbridge::io {

InlinePlan plan_inline(const tm::Segment& seg, std::string_view container) {
  using Kind = tm::InlineCode::Kind;
  const auto& codes = seg.codes;
  InlinePlan plan;
  if (codes.empty()) {
    return plan;
  }
  plan.nested.assign(codes.size(), 0);
  plan.ids.resize(codes.size());
  plan.paired.assign(codes.size(), 0);
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto& c = codes[i];
    if (c.element != container) {
      continue;
    }
    if (c.kind == Kind::open) {
      stack.push_back(i);
    } else if (c.kind == Kind::close && !stack.empty() && codes[stack.back()].id == c.id) {
      plan.nested[stack.back()] = 1;
      plan.nested[i] = 1;
      stack.pop_back();
    } else if (c.kind == Kind::close) {
      // A close that does not match the innermost open: those opens cannot enclose it.
      stack.clear();
    }
  }
  std::set<std::string, std::less<>> used;
  for (const auto& c : codes) {
    used.insert(c.id);
  }
  std::size_t next = 1;
  auto fresh = [&]() {
    std::string id;
    do {
      id = std::to_string(next++);
    } while (used.count(id) != 0);
    used.insert(id);
    return id;
  };
  stack.clear();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const auto& c = codes[i];
    plan.ids[i] = c.id;
    if (c.kind == Kind::open) {
      if (plan.ids[i].empty()) {
        plan.ids[i] = fresh();
      }
      stack.push_back(i);
    } else if (c.kind == Kind::close) {
      // The innermost open with the same id (or, without an id, the innermost open).
      std::size_t k = stack.size();
      while (k > 0 && !c.id.empty() && codes[stack[k - 1]].id != c.id) {
        --k;
      }
      if (k > 0) {
        plan.paired[i] = 1;
        plan.paired[stack[k - 1]] = 1;
        if (plan.ids[i].empty()) {
          plan.ids[i] = plan.ids[stack[k - 1]];
        }
        stack.erase(stack.begin() + static_cast<long>(k - 1));
      } else if (plan.ids[i].empty()) {
        plan.ids[i] = fresh();
      }
    }
  }
  return plan;
}

}  // namespace termbridge::io
