#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "termbridge/text/normalize.hpp"
#include "termbridge/tm/memory.hpp"

namespace termbridge::tm {

std::uint64_t concordance(const TranslationMemory& memory, std::string_view phrase,
                          ConcordanceSide side,
                          const std::function<void(const TranslationUnit&)>& sink,
                          const ExportFilter& filter) {
  const std::string key = text::match_key(phrase).text;
  if (key.find_first_not_of(" \t\r\n") == std::string::npos) {
    return 0;
  }
  auto holds = [&key](const std::string& text) {
    return text::match_key(text).text.find(key) != std::string::npos;
  };
  std::uint64_t found = 0;
  memory.export_units(
      [&](const TranslationUnit& u) {
        if (u.variants.size() < 2) {
          return;
        }
        bool hit = (side != ConcordanceSide::target && holds(u.variants[0].segment.text)) ||
                   (side != ConcordanceSide::source && holds(u.variants[1].segment.text));
        if (hit) {
          ++found;
          sink(u);
        }
      },
      filter);
  return found;
}

}  // namespace termbridge::tm
