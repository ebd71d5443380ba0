#include "termbridge/text/words.hpp"

#include <memory>
#include <string>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "text/icu_util.hpp"

namespace termbridge::text {

std::vector<Word> words(std::string_view utf8, std::string_view lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, decltype(&utext_close)> ut(
      utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status),
      utext_close);
  check(status, "opening text");
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale(std::string(lang).c_str()), status));
  check(status, "creating the word break iterator");
  it->setText(ut.get(), status);
  check(status, "setting the text");
  std::vector<Word> out;
  // With UTF-8 UText, break positions are byte offsets into the input.
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    int32_t tag = it->getRuleStatus();
    if (tag >= UBRK_WORD_NONE && tag < UBRK_WORD_NONE_LIMIT) {
      continue;
    }
    bool letters = !(tag >= UBRK_WORD_NUMBER && tag < UBRK_WORD_NUMBER_LIMIT);
    out.push_back(
        Word{Span{static_cast<std::size_t>(start), static_cast<std::size_t>(end)}, letters});
  }
  return out;
}

}  // namespace termbridge::text
