// Segmentation of one paragraph in each of ja, zh, de, fr, es and ru (the traps of each
// language, tests/core/segment/multilingual_paragraphs.hpp) by termbridge's built-in rules and
// by ICU's plain sentence iterator for the same locale: sentences right, and every boundary
// each gets wrong. ICU with its own abbreviation exceptions is counted too.
// Usage: segment_multilingual   (run by bench/segment_multilingual.sh)

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "../tests/core/segment/multilingual_paragraphs.hpp"
#include "termbridge/base/span.hpp"
#include "termbridge/segment/segmenter.hpp"

namespace {

using termbridge::Span;

bool is_space_at(std::string_view t, std::size_t i, std::size_t& next) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(t.data());
  auto j = static_cast<std::int32_t>(i);
  UChar32 c;
  U8_NEXT(s, j, static_cast<std::int32_t>(t.size()), c);
  next = static_cast<std::size_t>(j);
  return c >= 0 && u_isUWhiteSpace(c);
}

// [b, e) without white space on either side; empty spans are dropped by the caller.
Span trimmed(std::string_view t, std::size_t b, std::size_t e) {
  std::size_t next = 0;
  while (b < e && is_space_at(t, b, next)) {
    b = next;
  }
  while (e > b) {
    std::size_t p = e - 1;
    while (p > b && (static_cast<unsigned char>(t[p]) & 0xC0) == 0x80) {
      --p;
    }
    if (!is_space_at(t, p, next)) {
      break;
    }
    e = p;
  }
  return {b, e};
}

// What ICU's sentence BreakIterator for the locale gives: plain, or with ICU's own
// abbreviation exceptions (`ss` = "standard", as termbridge uses for languages without rules).
std::vector<Span> icu_split(std::string_view text, std::string_view lang, bool exceptions) {
  UErrorCode status = U_ZERO_ERROR;
  std::string locale(lang);
  if (exceptions) {
    locale += "@ss=standard";
  }
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale(locale.c_str()), status));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status);
  it->setText(ut, status);
  std::vector<Span> out;
  std::int32_t b = it->first();
  for (std::int32_t e = it->next(); e != icu::BreakIterator::DONE; b = e, e = it->next()) {
    auto s = trimmed(text, static_cast<std::size_t>(b), static_cast<std::size_t>(e));
    if (!s.empty()) {
      out.push_back(s);
    }
  }
  utext_close(ut);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "ICU: %s\n", u_errorName(status));
    std::exit(2);
  }
  return out;
}

std::set<std::size_t> ends(const std::vector<Span>& spans) {
  std::set<std::size_t> out;
  for (std::size_t i = 0; i + 1 < spans.size(); ++i) {
    out.insert(spans[i].end);
  }
  return out;
}

// "…ten characters before | ten after…" around byte p.
std::string context(std::string_view t, std::size_t p) {
  auto back = [&](std::size_t i, int n) {
    while (n-- > 0 && i > 0) {
      do {
        --i;
      } while (i > 0 && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80);
    }
    return i;
  };
  auto fwd = [&](std::size_t i, int n) {
    while (n-- > 0 && i < t.size()) {
      do {
        ++i;
      } while (i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80);
    }
    return i;
  };
  std::size_t b = back(p, 14);
  std::size_t e = fwd(p, 14);
  return "…" + std::string(t.substr(b, p - b)) + " | " + std::string(t.substr(p, e - p)) + "…";
}

struct Score {
  std::size_t right = 0;  // gold sentences found exactly
  std::vector<std::string> errors;
};

Score score(std::string_view text, const std::vector<Span>& gold, const std::vector<Span>& got) {
  Score s;
  std::set<std::pair<std::size_t, std::size_t>> found;
  for (auto g : got) {
    found.insert({g.begin, g.end});
  }
  for (auto g : gold) {
    s.right += found.count({g.begin, g.end});
  }
  auto gold_ends = ends(gold);
  auto got_ends = ends(got);
  for (auto p : got_ends) {
    if (!gold_ends.count(p)) {
      s.errors.push_back("false split " + context(text, p));
    }
  }
  for (auto p : gold_ends) {
    if (!got_ends.count(p)) {
      s.errors.push_back("missed       " + context(text, p));
    }
  }
  return s;
}

}  // namespace

int main() {
  auto segmenter = termbridge::segment::Segmenter::builtin();
  std::printf("lang\tsentences\ttermbridge_right\ticu_right\ticu_ss_right\n");
  std::string details;
  std::size_t total = 0;
  std::size_t tb_total = 0;
  std::size_t icu_total = 0;
  std::size_t icu_ss_total = 0;
  for (const auto& p : termbridge::segment::testdata::multilingual_paragraphs()) {
    std::string text = p.text();
    std::vector<Span> gold;
    std::size_t at = 0;
    for (auto s : p.sentences) {
      gold.push_back({at, at + s.size()});
      at += s.size() + p.separator.size();
    }
    auto tb = score(text, gold, segmenter.split(text, p.lang));
    auto icu = score(text, gold, icu_split(text, p.lang, false));
    auto icu_ss = score(text, gold, icu_split(text, p.lang, true));
    std::printf("%s\t%zu\t%zu\t%zu\t%zu\n", std::string(p.lang).c_str(), gold.size(), tb.right,
                icu.right, icu_ss.right);
    total += gold.size();
    tb_total += tb.right;
    icu_total += icu.right;
    icu_ss_total += icu_ss.right;
    for (const auto& e : tb.errors) {
      details += std::string(p.lang) + "\ttermbridge\t" + e + "\n";
    }
    for (const auto& e : icu.errors) {
      details += std::string(p.lang) + "\tICU\t" + e + "\n";
    }
  }
  std::printf("all\t%zu\t%zu\t%zu\t%zu\n\n%s", total, tb_total, icu_total, icu_ss_total,
              details.c_str());
  return tb_total == total ? 0 : 1;
}
