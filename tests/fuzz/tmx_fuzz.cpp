// TMX: the streaming reader, then every unit format written and read back.

#include <sstream>

#include "fuzz_common.hpp"
#include "termbridge/io/tmx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  namespace tm = termbridge::tm;  // not ::tm of <ctime>
  std::vector<tm::TranslationUnit> units;
  io::TmxHeader header;
  try {
    std::istringstream in{std::string(fuzz::bytes(data, size))};
    io::TmxReadOptions options;
    options.on_bad_entry = OnBadEntry::skip;
    io::TmxReader reader(in, "fuzz.tmx", options);
    header = reader.header();
    tm::TranslationUnit unit;
    while (units.size() < fuzz::kMaxUnits && reader.next(unit)) {
      units.push_back(unit);
    }
  } catch (const Error& e) {
    fuzz::expected(e);
    return 0;
  }
  if (units.empty()) {
    return 0;
  }
  LangTag src = header.source();
  if (src.empty()) {
    src = units.front().variants.front().lang;
  }
  auto targets = io::target_languages(units, src);
  if (!targets.empty()) {
    fuzz::round_trip_units(units, src, targets.front());
  }
  return 0;
}
