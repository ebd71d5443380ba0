#include <string>
#include <vector>

#include "glossary/korean.hpp"
#include "lexicon/utf32.hpp"
#include "termbridge/lexicon/lexicon.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/text/script.hpp"

namespace termbridge::lexicon {

using detail::decode;
using detail::encode;

std::vector<std::string> words(std::string_view utf8, const LangTag& lang) {
  std::vector<std::string> out;
  const bool korean = lang.language() == "ko";
  std::string key = text::normalize(utf8, text::NormalForm::nfkc_cf);
  text::Script before = text::Script::space;
  for (const auto& run : text::script_runs(key)) {
    std::string_view w = run.span.of(key);
    text::Script script = run.script;
    text::Script prev = before;
    before = script;
    switch (script) {
      case text::Script::digit:
      case text::Script::space:
      case text::Script::punct:
        continue;
      case text::Script::hangul: {
        std::u32string s = decode(w);
        // A counter glued to a number belongs to the number (10년, 3명): left out with it.
        if (prev == text::Script::digit && glossary::korean::is_counter(s.front())) {
          continue;
        }
        if (korean) {
          s.resize(detail::korean_stem_end(s));
        }
        out.push_back(encode(s));
        break;
      }
      default:
        out.emplace_back(w);
    }
  }
  return out;
}

}  // namespace termbridge::lexicon
