#include "termbridge/text/word_breaker.hpp"

#include <algorithm>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "text/icu_util.hpp"

namespace termbridge::text {

bool segments_by_dictionary(std::string_view language) {
  static constexpr std::string_view kLangs[] = {"ja", "zh", "yue", "th", "lo", "km", "my"};
  return std::find(std::begin(kLangs), std::end(kLangs), language) != std::end(kLangs);
}

struct WordBreaker::Impl {
  std::unique_ptr<icu::BreakIterator> it;
  // Reused from text to text: utext_openUTF8 on an existing UText only resets it.
  UText text = UTEXT_INITIALIZER;
  ~Impl() { utext_close(&text); }
};

WordBreaker::WordBreaker(std::string_view language)
    : impl_(std::make_unique<Impl>()), language_(language) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->it.reset(icu::BreakIterator::createWordInstance(icu::Locale(language_.c_str()), status));
  check(status, "creating the word break iterator");
}

WordBreaker::~WordBreaker() = default;
WordBreaker::WordBreaker(WordBreaker&&) noexcept = default;
WordBreaker& WordBreaker::operator=(WordBreaker&&) noexcept = default;

void WordBreaker::boundaries(std::string_view utf8, std::vector<std::uint8_t>& at) {
  at.assign(utf8.size() + 1, 0);
  at[0] = 1;
  at[utf8.size()] = 1;
  if (utf8.empty()) {
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  utext_openUTF8(&impl_->text, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  check(status, "opening text");
  impl_->it->setText(&impl_->text, status);
  check(status, "setting the text");
  // With UTF-8 UText, break positions are byte offsets into the input.
  for (int32_t b = impl_->it->first(); b != icu::BreakIterator::DONE; b = impl_->it->next()) {
    at[static_cast<std::size_t>(b)] = 1;
  }
}

}  // namespace termbridge::text
