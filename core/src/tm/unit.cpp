#include "termbridge/tm/unit.hpp"

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

Variant* TranslationUnit::find(const LangTag& lang) {
  return const_cast<Variant*>(static_cast<const TranslationUnit*>(this)->find(lang));
}

}  // namespace termbridge::tm
