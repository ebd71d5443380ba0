// The translation memory: lines "source<TAB>target" imported into a new SQLite file in a
// temporary directory, then looked up and exported. Every unit stored must be exported,
// importing the same units again adds none, and lookups give scores in order.

#include <cstdio>
#include <filesystem>
#include <unistd.h>

#include "fuzz_common.hpp"
#include "termbridge/tm/memory.hpp"

namespace {

const std::string& temp_dir() {
  // Never destroyed: the atexit handler that removes it runs after static destructors.
  static const std::string* dir = [] {
    // Memory-backed when there is one: SQLite syncs each import, and a disk makes that slow.
    std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    std::string pattern = (base / "tb-fuzz-tm.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    auto* made = new std::string(pattern);
    std::atexit([] { std::filesystem::remove_all(temp_dir()); });
    return made;
  }();
  return *dir;
}

void remove_memory(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::remove((path + suffix).c_str());
  }
}

struct Cleanup {
  std::string path;
  ~Cleanup() { remove_memory(path); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  namespace tm = termbridge::tm;  // not ::tm of <ctime>
  const std::string_view input = fuzz::bytes(data, size);
  std::vector<tm::TranslationUnit> units;
  const LangTag ko = LangTag::parse("ko"), en = LangTag::parse("en");
  std::size_t start = 0;
  while (start < input.size() && units.size() < 200) {
    auto at = input.find('\n', start);
    auto line = input.substr(start, at == std::string_view::npos ? at : at - start);
    auto tab = line.find('\t');
    if (tab != std::string_view::npos) {
      tm::TranslationUnit unit;
      unit.variants.push_back({ko, {std::string(line.substr(0, tab)), {}}, {}, {}, {}});
      unit.variants.push_back({en, {std::string(line.substr(tab + 1)), {}}, {}, {}, {}});
      units.push_back(std::move(unit));
    }
    if (at == std::string_view::npos) {
      break;
    }
    start = at + 1;
  }

  Cleanup file{temp_dir() + "/m.sqlite"};
  remove_memory(file.path);  // a file left by an input that crashed is not this one's memory
  try {
    tm::OpenOptions open;
    open.korean_tokens = (size & 1) != 0 ? tm::KoreanTokens::particles : tm::KoreanTokens::eojeol;
    tm::TranslationMemory memory(file.path, open);
    tm::ImportOptions import;
    import.src_lang = ko;
    import.tgt_lang = en;
    import.document = "fuzz";
    auto source = [&, i = std::size_t{0}](tm::TranslationUnit& unit) mutable {
      if (i == units.size()) {
        return false;
      }
      unit = units[i++];
      return true;
    };
    tm::ImportResult first;
    try {
      first = memory.import_units(source, import);
    } catch (const Error& e) {
      fuzz::expected(e);
      return 0;  // nothing stored; a bad unit is refused as a whole
    }
    std::uint64_t exported = memory.export_units([](const tm::TranslationUnit&) {});
    if (exported != first.added || memory.stats().units != first.added) {
      fuzz::finding("memory: units stored and units exported differ", input);
    }
    auto again = [&, i = std::size_t{0}](tm::TranslationUnit& unit) mutable {
      if (i == units.size()) {
        return false;
      }
      unit = units[i++];
      return true;
    };
    if (memory.import_units(again, import).added != 0) {
      fuzz::finding("memory: the same units imported twice were stored twice", input);
    }
    for (std::size_t i = 0; i < units.size() && i < 8; ++i) {
      tm::LookupOptions lookup;
      lookup.src_lang = ko;
      lookup.tgt_lang = en;
      lookup.threshold = 0;
      auto matches = memory.lookup(units[i].variants[0].segment.text, lookup);
      for (std::size_t j = 0; j < matches.size(); ++j) {
        if (!(matches[j].score >= 0 && matches[j].score <= 100) ||
            (j > 0 && matches[j].score > matches[j - 1].score)) {
          fuzz::finding("memory: lookup scores out of range or out of order", input);
        }
      }
    }
  } catch (const Error& e) {
    fuzz::expected(e);
  }
  return 0;
}
