// Bilingual tables (TSV, CSV, OmegaT TSV, chosen by the first byte): read row by row, then
// every unit format written and read back.

#include <sstream>

#include "fuzz_common.hpp"
#include "termbridge/io/bilingual.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  namespace tm = termbridge::tm;  // not ::tm of <ctime>
  if (size == 0) {
    return 0;
  }
  const io::Format formats[] = {io::Format::tsv, io::Format::csv, io::Format::omegat_tsv};
  const io::Format format = formats[data[0] % 3];
  std::vector<tm::TranslationUnit> units;
  LangTag src, tgt;
  try {
    std::istringstream in{std::string(fuzz::bytes(data + 1, size - 1))};
    io::BilingualReadOptions options;
    if (format == io::Format::omegat_tsv || (data[0] & 4) != 0) {
      options.src_lang = LangTag::parse("ko");
      options.tgt_lang = LangTag::parse("en");
    }
    options.on_bad_entry = (data[0] & 8) != 0 ? OnBadEntry::skip : OnBadEntry::fail;
    io::BilingualReader reader(in, "fuzz.tsv", format, options);
    src = reader.langs().src;
    tgt = reader.langs().tgt;
    tm::TranslationUnit unit;
    while (units.size() < fuzz::kMaxUnits && reader.next(unit)) {
      units.push_back(unit);
    }
  } catch (const Error& e) {
    fuzz::expected(e);
    return 0;
  }
  fuzz::round_trip_units(units, src, tgt);
  return 0;
}
