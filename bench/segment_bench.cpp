// Sentence segmentation throughput: termbridge's SRX segmenter with the built-in rules
// against a plain ICU sentence-iterator loop over the same paragraphs, in the same run.
//
//   segment_bench FILE [REPEAT]    FILE: one paragraph per line (blank lines are skipped)
//   segment_bench --icu LANG FILE  prints ICU's plain segmentation, one sentence per line
//                                  and a blank line between paragraphs (for scoring)

#include <ctime>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "termbridge/base/span.hpp"
#include "termbridge/segment/segmenter.hpp"
#include "termbridge/text/script.hpp"

namespace {

using termbridge::Span;

struct Paragraph {
  std::size_t begin, size;
  std::string lang;
};

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error(std::string("cannot open ") + path);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<Span> icu_split(icu::BreakIterator& it, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  it.setText(ut, status);
  std::vector<Span> out;
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    out.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(end)});
  }
  utext_close(ut);
  return out;
}

std::unique_ptr<icu::BreakIterator> icu_iterator(const std::string& lang) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale(lang.c_str()), status));
  if (U_FAILURE(status)) {
    throw std::runtime_error("cannot create the ICU sentence iterator");
  }
  return it;
}

int print_icu(const std::string& lang, const char* path) {
  auto text = read_file(path);
  auto it = icu_iterator(lang);
  std::istringstream in(text);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    }
    if (!first) {
      std::cout << '\n';
    }
    first = false;
    for (Span s : icu_split(*it, line)) {
      auto sentence = std::string(s.of(line));
      auto b = sentence.find_first_not_of(" \t\r");
      auto e = sentence.find_last_not_of(" \t\r");
      if (b != std::string::npos) {
        std::cout << sentence.substr(b, e - b + 1) << '\n';
      }
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 4 && std::string(argv[1]) == "--icu") {
      return print_icu(argv[2], argv[3]);
    }
    if (argc < 2) {
      std::cerr << "usage: segment_bench FILE [REPEAT] | segment_bench --icu LANG FILE\n";
      return 2;
    }
    int repeat = argc > 2 ? std::stoi(argv[2]) : 1;
    auto text = read_file(argv[1]);
    std::vector<Paragraph> paragraphs;
    for (std::size_t pos = 0; pos < text.size();) {
      auto nl = text.find('\n', pos);
      if (nl == std::string::npos) {
        nl = text.size();
      }
      if (nl > pos) {
        auto p = std::string_view(text).substr(pos, nl - pos);
        paragraphs.push_back({pos, nl - pos, termbridge::text::guess_language(p)});
      }
      pos = nl + 1;
    }
    auto ko_it = icu_iterator("ko");
    auto en_it = icu_iterator("en");
    auto segmenter = termbridge::segment::Segmenter::builtin();
    segmenter.split("Warm-up. Done.", "en");
    // The machine may be shared: each side is timed in CPU time of this thread, the two
    // alternate, and the best pass of each counts.
    double icu_best = 1e300, srx_best = 1e300;
    std::size_t icu_n = 0, srx_n = 0;
    for (int r = 0; r < repeat; ++r) {
      auto t0 = cpu_seconds();
      icu_n = 0;
      for (const auto& p : paragraphs) {
        auto& it = p.lang == "ko" ? *ko_it : *en_it;
        icu_n += icu_split(it, std::string_view(text).substr(p.begin, p.size)).size();
      }
      auto t1 = cpu_seconds();
      srx_n = 0;
      for (const auto& p : paragraphs) {
        srx_n += segmenter.split(std::string_view(text).substr(p.begin, p.size), p.lang).size();
      }
      auto t2 = cpu_seconds();
      icu_best = std::min(icu_best, t1 - t0);
      srx_best = std::min(srx_best, t2 - t1);
    }
    double mb = static_cast<double>(text.size()) / 1e6;
    std::printf("input: %.1f MB, %zu paragraphs, best of %d pass(es), CPU time\n", mb,
                paragraphs.size(), repeat);
    std::printf("icu sentence iterator: %8.1f MB/s  (%zu sentences)\n", mb / icu_best, icu_n);
    std::printf("termbridge srx:        %8.1f MB/s  (%zu sentences)\n", mb / srx_best, srx_n);
    std::printf("ratio srx/icu: %.2f\n", icu_best / srx_best);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "segment_bench: " << e.what() << '\n';
    return 2;
  }
}
