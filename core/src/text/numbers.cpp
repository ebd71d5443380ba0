#include "termbridge/text/numbers.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>

#include "termbridge/text/normalize.hpp"

namespace termbridge::text {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr std::array<std::pair<std::string_view, double>, 28> kWords = {{
    {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
    {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},
    {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
    {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},    {"seventy", 70},
    {"eighty", 80},  {"ninety", 90},    {"hundred", 100},
}};

constexpr std::array<std::pair<std::string_view, double>, 24> kOrdinals = {{
    {"first", 1},        {"second", 2},      {"third", 3},       {"fourth", 4},
    {"fifth", 5},        {"sixth", 6},       {"seventh", 7},     {"eighth", 8},
    {"ninth", 9},        {"tenth", 10},      {"eleventh", 11},   {"twelfth", 12},
    {"thirteenth", 13},  {"fourteenth", 14}, {"fifteenth", 15},  {"sixteenth", 16},
    {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19}, {"twentieth", 20},
    {"once", 1},         {"twice", 2},       {"thrice", 3},      {"dozen", 12},
}};

constexpr std::array<std::pair<std::string_view, double>, 21> kMonths = {{
    {"january", 1},   {"february", 2},  {"march", 3},  {"april", 4},     {"may", 5},
    {"june", 6},      {"july", 7},      {"august", 8}, {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"jan", 1},    {"feb", 2},       {"mar", 3},
    {"apr", 4},       {"aug", 8},       {"sept", 9},   {"oct", 10},      {"nov", 11},
    {"dec", 12},
}};

constexpr std::array<std::pair<std::string_view, double>, 5> kScales = {{
    {"thousand", 1e3},
    {"million", 1e6},
    {"billion", 1e9},
    {"trillion", 1e12},
    {"mn", 1e6},
}};

// Myriad units after digits, in UTF-8: Korean 십 백 천 만 억 조, and the Chinese and
// Japanese 百 千 万/萬 億/亿 兆 (3万人 = 30000, 5百万 = 5000000), which ko-ja and ko-zh texts
// are compared on. 十 is left out: digits before it do not occur.
constexpr std::array<std::pair<std::string_view, double>, 13> kMyriadUnits = {{
    {"\xEC\x8B\xAD", 1e1},   // 십
    {"\xEB\xB0\xB1", 1e2},   // 백
    {"\xEC\xB2\x9C", 1e3},   // 천
    {"\xEB\xA7\x8C", 1e4},   // 만
    {"\xEC\x96\xB5", 1e8},   // 억
    {"\xEC\xA1\xB0", 1e12},  // 조
    {"\xE7\x99\xBE", 1e2},   // 百
    {"\xE5\x8D\x83", 1e3},   // 千
    {"\xE4\xB8\x87", 1e4},   // 万
    {"\xE8\x90\xAC", 1e4},   // 萬
    {"\xE5\x84\x84", 1e8},   // 億
    {"\xE4\xBA\xBF", 1e8},   // 亿
    {"\xE5\x85\x86", 1e12},  // 兆
}};

template <std::size_t N>
const double* lookup(const std::array<std::pair<std::string_view, double>, N>& table,
                     std::string_view word) {
  for (const auto& [w, v] : table) {
    if (w == word) {
      return &v;
    }
  }
  return nullptr;
}

// A myriad unit at `pos` of `s`, with its byte length.
std::pair<double, std::size_t> myriad_unit_at(std::string_view s, std::size_t pos) {
  for (const auto& [w, v] : kMyriadUnits) {
    if (s.compare(pos, w.size(), w) == 0) {
      return {v, w.size()};
    }
  }
  return {0, 0};
}

}  // namespace

bool same_number(double a, double b) {
  double scale = std::max(std::fabs(a), std::fabs(b));
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, scale);
}

std::vector<NumberMention> find_numbers(std::string_view utf8) {
  // Work on the NFKC case-folded key: full-width digits become ASCII, words lower case.
  Normalized key = match_key(utf8);
  const std::string& s = key.text;
  std::vector<NumberMention> out;
  auto emit = [&](std::size_t b, std::size_t e, double v, bool spelled) {
    out.push_back(NumberMention{key.original_span(Span{b, e}), v, spelled});
  };
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (is_digit(c)) {
      std::size_t start = i;
      // Digits with thousands separators and dots.
      std::string digits;
      int dots = 0;
      std::size_t j = i;
      while (j < s.size()) {
        if (is_digit(s[j])) {
          digits += s[j++];
        } else if (s[j] == ',' && dots == 0 && j + 3 < s.size() && is_digit(s[j + 1]) &&
                   is_digit(s[j + 2]) && is_digit(s[j + 3]) &&
                   (j + 4 >= s.size() || !is_digit(s[j + 4]))) {
          ++j;  // thousands separator: exactly three digits follow
        } else if (s[j] == '.' && j + 1 < s.size() && is_digit(s[j + 1])) {
          ++dots;
          digits += '.';
          ++j;
        } else {
          break;
        }
      }
      if (dots >= 2) {
        // A date or version: each part is its own number.
        std::size_t part_start = start;
        std::size_t k = start;
        while (k <= j) {
          if (k == j || s[k] == '.') {
            emit(part_start, k, std::strtod(s.substr(part_start, k - part_start).c_str(), nullptr),
                 false);
            part_start = k + 1;
          }
          ++k;
        }
        i = j;
        continue;
      }
      double value = std::strtod(digits.c_str(), nullptr);
      std::size_t end = j;
      // Myriad units right after the digits: 3만, 3万, 1조2천억 (with further digit+unit groups).
      auto [unit, ulen] = myriad_unit_at(s, end);
      if (ulen > 0) {
        double total = 0;
        double group = value;
        std::size_t p = end;
        double last_big = 1e30;
        for (;;) {
          auto [u, l] = myriad_unit_at(s, p);
          // Every way out leaves the last group in `total` and none in `group`: counted in
          // both, 5천 명 was 10000 and 2만5천 명 30000.
          if (l == 0) {
            total += group;
            group = 0;
            break;
          }
          if (u >= 1e4) {
            if (u >= last_big) {
              total += group;
              group = 0;
              break;
            }
            total += (group == 0 ? 1 : group) * u;
            last_big = u;
            group = 0;
          } else {
            group = (group == 0 ? 1 : group) * u;
          }
          p += l;
          end = p;
          // A further group: digits then a unit (2천500만 -> 25000000).
          std::size_t q = p;
          std::string more;
          while (q < s.size() && is_digit(s[q])) {
            more += s[q++];
          }
          if (!more.empty() && myriad_unit_at(s, q).second > 0) {
            group += std::strtod(more.c_str(), nullptr);
            p = q;
          } else if (!more.empty()) {
            group += std::strtod(more.c_str(), nullptr);
            end = q;
            total += group;
            group = 0;
            break;
          }
        }
        value = total;
      } else {
        // English scale words: "2 million", "1.5 billion".
        std::size_t p = end;
        while (p < s.size() && s[p] == ' ') {
          ++p;
        }
        std::size_t w = p;
        while (w < s.size() && is_alpha(s[w])) {
          ++w;
        }
        if (w > p) {
          if (const double* sc = lookup(kScales, std::string_view(s).substr(p, w - p))) {
            value *= *sc;
            end = w;
          }
        }
      }
      emit(start, end, value, false);
      i = end;
      continue;
    }
    if (is_alpha(c) && (i == 0 || !is_alpha(s[i - 1]))) {
      std::size_t j = i;
      while (j < s.size() && is_alpha(s[j])) {
        ++j;
      }
      std::string_view word = std::string_view(s).substr(i, j - i);
      const double* v = lookup(kWords, word);
      if (!v) {
        v = lookup(kOrdinals, word);
      }
      if (!v) {
        v = lookup(kMonths, word);
        // "may", "mar" and "dec" are English words too: count them only before a day number.
        if (v && (word == "may" || word == "mar" || word == "dec")) {
          std::size_t p = j;
          while (p < s.size() && s[p] == ' ') {
            ++p;
          }
          if (p >= s.size() || !is_digit(s[p])) {
            v = nullptr;
          }
        }
      }
      if (v) {
        emit(i, j, *v, true);
      }
      i = j;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace termbridge::text
