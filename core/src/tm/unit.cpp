#include "termbridge/tm/unit.hpp"

#include <ctime>

namespace termbridge::tm {

const Variant* TranslationUnit::find(const LangTag& lang) const {
  for (const auto& v : variants) {
    if (v.lang == lang) {
      return &v;
    }
  }
  for (const auto& v : variants) {
    if (v.lang.matches(lang) || lang.matches(v.lang)) {
      return &v;
    }
  }
  return nullptr;
}

const Variant* TranslationUnit::find_language(const LangTag& lang) const {
  if (const Variant* v = find(lang)) {
    return v;
  }
  for (const auto& v : variants) {
    if (v.lang.language() == lang.language()) {
      return &v;
    }
  }
  return nullptr;
}

Variant* TranslationUnit::find(const LangTag& lang) {
  return const_cast<Variant*>(static_cast<const TranslationUnit*>(this)->find(lang));
}

std::string_view InlineCode::attr(std::string_view name) const {
  for (const auto& a : attrs) {
    if (a.type == name) {
      return a.value;
    }
  }
  return {};
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
  return buf;
}

}  // namespace termbridge::tm
