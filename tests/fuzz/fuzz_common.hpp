#pragma once

// What the fuzz targets share: reporting a finding, and writing what a reader read in the
// formats that fit and reading it back.
//
// A finding is an abort(): libFuzzer (or the replay driver) then keeps the input. An
// expected error (termbridge::Error) is no finding; the targets catch it. Round trips are
// checked as a fixed point: what termbridge writes, read back and written again, must come
// out byte for byte the same (the first write may normalize; after it nothing may change).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/units.hpp"
#include "termbridge/tm/unit.hpp"

namespace fuzz {

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Prints what went wrong (and the two texts that should have been equal) and aborts.
[[noreturn]] inline void finding(std::string_view what, std::string_view a = {},
                                 std::string_view b = {}) {
  std::string report = "FINDING: " + std::string(what) + "\n";
  if (!a.empty() || !b.empty()) {
    report += "--- first (" + std::to_string(a.size()) + " bytes)\n" + std::string(a) +
              "\n--- second (" + std::to_string(b.size()) + " bytes)\n" + std::string(b) +
              "\n---\n";
  }
  std::fwrite(report.data(), 1, report.size(), stderr);
  std::abort();
}

// An expected error: no finding. Printed with TB_FUZZ_VERBOSE set, to see which seeds a
// reader refuses.
inline void expected(const termbridge::Error& e) {
  if (std::getenv("TB_FUZZ_VERBOSE") != nullptr) {
    std::fprintf(stderr, "expected error: %s\n", e.what());
  }
}

inline void check_equal(std::string_view what, std::string_view a, std::string_view b) {
  if (a != b) {
    finding(what, a, b);
  }
}

// Reads back text termbridge wrote: an Error here is a finding, naming `what`.
template <class F>
auto read_back(std::string_view what, const std::string& written, F&& read) {
  try {
    return read();
  } catch (const termbridge::Error& e) {
    finding(std::string(what) + ": termbridge cannot read what it wrote: " + e.what(), written);
  }
}

// Units written as `format` (an Error from the writer is a refusal, returned as nullopt).
inline std::optional<std::string> write_units(
    const std::vector<termbridge::tm::TranslationUnit>& units, termbridge::io::Format format,
    const termbridge::LangTag& src, const termbridge::LangTag& tgt) {
  using namespace termbridge;
  namespace tm = termbridge::tm;  // not ::tm of <ctime>
  std::ostringstream out;
  try {
    io::UnitWriteOptions options;
    options.src_lang = src;
    options.tgt_lang = tgt;
    options.original = "fuzz.txt";
    // Fixed, so that two writes of the same units are the same bytes.
    options.tmx_header.creation_date = "20250101T000000Z";
    io::UnitWriter writer(out, format, options);
    for (const auto& unit : units) {
      writer.write(unit);
    }
    writer.finish();
  } catch (const Error&) {
    return std::nullopt;
  }
  return out.str();
}

inline std::vector<termbridge::tm::TranslationUnit> read_units(const std::string& text,
                                                               termbridge::io::Format format,
                                                               const termbridge::LangTag& src,
                                                               const termbridge::LangTag& tgt) {
  using namespace termbridge;
  namespace tm = termbridge::tm;  // not ::tm of <ctime>
  std::istringstream in(text);
  io::UnitReadOptions options;
  options.src_lang = src;
  options.tgt_lang = tgt;
  options.encoding = "utf-8";
  io::UnitReader reader(in, "written", format, options);
  std::vector<tm::TranslationUnit> units;
  tm::TranslationUnit unit;
  while (reader.next(unit)) {
    units.push_back(unit);
  }
  return units;
}

// Writes `units` in every unit format, reads each back, writes again: the two writes must be
// the same bytes, and what was written must be readable. XLIFF read as units gives only the
// translated segments (by design), so there the fixed point is checked one round later.
inline void round_trip_units(const std::vector<termbridge::tm::TranslationUnit>& units,
                             const termbridge::LangTag& src, const termbridge::LangTag& tgt) {
  using namespace termbridge;
  namespace tm = termbridge::tm;  // not ::tm of <ctime>
  if (src.empty() || tgt.empty() || units.empty()) {
    return;
  }
  for (io::Format format : {io::Format::tmx, io::Format::xliff12, io::Format::xliff20,
                            io::Format::xliff21, io::Format::tsv, io::Format::csv}) {
    std::string name(io::format_name(format));
    auto first = write_units(units, format, src, tgt);
    if (!first) {
      continue;
    }
    for (int round = io::is_xliff(format) ? 0 : 1; round < 2; ++round) {
      auto again = read_back(name, *first, [&] { return read_units(*first, format, src, tgt); });
      auto second = write_units(again, format, src, tgt);
      if (!second) {
        finding(name + ": units read back from a written file cannot be written again", *first);
      }
      if (round == 1) {
        check_equal(name + ": written, read back and written again differs", *first, *second);
      }
      first = std::move(second);
    }
  }
}

// Keeps the targets fast: inputs with more units than this are cut (the fuzzer finds the
// same paths with fewer).
inline constexpr std::size_t kMaxUnits = 2000;

}  // namespace fuzz
