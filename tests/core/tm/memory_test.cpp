#include "termbridge/tm/memory.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "core/temp_dir.hpp"
#include "core/tm/memory_places.hpp"
#include "termbridge/base/error.hpp"

namespace tbtm = termbridge::tm;
namespace fs = std::filesystem;
using termbridge::Error;
using termbridge::ErrorKind;
using termbridge::LangTag;

namespace {

using termbridge::test::TempDir;

const std::vector<std::pair<std::string, std::string>> kPairs = {
    {"한미 양국은 12일 워싱턴에서 핵협의그룹 회의를 열었다.",
     "South Korea and the United States held a Nuclear Consultative Group meeting in "
     "Washington on the 12th."},
    {"국방부는 연합훈련 계획을 발표했다.",
     "The Ministry of National Defense announced the combined exercise plan."},
    {"북한은 동해상으로 탄도미사일 2발을 발사했다.",
     "North Korea fired two ballistic missiles into the East Sea."},
};

tbtm::ImportOptions ko_en(std::string document = "ncg-2025.ko.txt") {
  tbtm::ImportOptions o;
  o.src_lang = LangTag::parse("ko");
  o.tgt_lang = LangTag::parse("en");
  o.document = std::move(document);
  return o;
}

tbtm::UnitSource from_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                            std::size_t throw_after = SIZE_MAX) {
  auto i = std::make_shared<std::size_t>(0);
  return [&pairs, i, throw_after](tbtm::TranslationUnit& u) {
    if (*i == throw_after) {
      throw Error(ErrorKind::parse, "bad line in the middle of the input");
    }
    if (*i >= pairs.size()) {
      return false;
    }
    const auto& [src, tgt] = pairs[(*i)++];
    u.variants.push_back({LangTag::parse("ko"), {src, {}}, {}, {}, {}});
    u.variants.push_back({LangTag::parse("en"), {tgt, {}}, {}, {}, {}});
    return true;
  };
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

tbtm::LookupOptions ko_en_lookup() {
  tbtm::LookupOptions o;
  o.src_lang = LangTag::parse("ko");
  o.tgt_lang = LangTag::parse("en");
  return o;
}

}  // namespace

// The suite below runs once on each storage: MEMORY_TEST("...") gives "... (sqlite)" and
// "... (postgresql)", the body getting the Place its memories live in.
#define TB_MEMORY_TEST_CAT2(a, b) a##b
#define TB_MEMORY_TEST_CAT(a, b) TB_MEMORY_TEST_CAT2(a, b)
#define TB_MEMORY_TEST(title, fn)               \
  static void fn(tbtest::Place& place);         \
  TEST_CASE(title " (sqlite)") {                \
    tbtest::SqlitePlace place;                  \
    fn(place);                                  \
  }                                             \
  TEST_CASE(title " (postgresql)") {            \
    if (auto place = tbtest::PgPlace::make()) { \
      fn(*place);                               \
    }                                           \
  }                                             \
  static void fn(tbtest::Place& place)
#define MEMORY_TEST(title) TB_MEMORY_TEST(title, TB_MEMORY_TEST_CAT(memory_test_, __LINE__))

TEST_SUITE("tm.memory") {
  MEMORY_TEST("a new memory is created on first use and reopens with its units") {
    std::string path = place.memory("news");
    {
      tbtm::TranslationMemory memory(path);
      auto r = memory.import_units(from_pairs(kPairs), ko_en());
      CHECK(r.added == 3);
      CHECK(r.duplicates == 0);
    }
    CHECK(place.exists(path));
    tbtm::TranslationMemory again(path, {.create = false});
    auto s = again.stats();
    CHECK(s.units == 3);
    CHECK(s.schema_version == place.schema_version());
    REQUIRE(s.language_pairs.size() == 1);
    CHECK(s.language_pairs[0].src_lang == "ko");
    CHECK(s.language_pairs[0].tgt_lang == "en");
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].document == "ncg-2025.ko.txt");
  }

  MEMORY_TEST("a missing memory is not created when creation is off") {
    CHECK_THROWS_AS(tbtm::TranslationMemory(place.memory("none"), {.create = false}), Error);
    CHECK_FALSE(place.exists(place.memory("none")));
    CHECK_THROWS_AS(tbtm::TranslationMemory(place.memory("none"), {.read_only = true}), Error);
    CHECK_FALSE(place.exists(place.memory("none")));
  }

  MEMORY_TEST("concordance finds a phrase inside words, on the side asked, case folded") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs(kPairs), ko_en());
    auto sources = [&](std::string_view phrase, tbtm::ConcordanceSide side,
                       const tbtm::ExportFilter& filter = {}) {
      std::vector<std::string> out;
      auto n = tbtm::concordance(
          memory, phrase, side,
          [&](const tbtm::TranslationUnit& u) { out.push_back(u.variants[0].segment.text); },
          filter);
      CHECK(n == out.size());
      return out;
    };
    // Inside a Korean word (핵협의그룹은 is no token of the fuzzy index).
    CHECK(sources("핵협의", tbtm::ConcordanceSide::both) ==
          std::vector<std::string>{kPairs[0].first});
    CHECK(sources("nuclear consultative", tbtm::ConcordanceSide::target).size() == 1);
    CHECK(sources("NUCLEAR CONSULTATIVE", tbtm::ConcordanceSide::both).size() == 1);
    CHECK(sources("nuclear consultative", tbtm::ConcordanceSide::source).empty());
    CHECK(sources("했다", tbtm::ConcordanceSide::source).size() == 2);
    CHECK(sources("   ", tbtm::ConcordanceSide::both).empty());
    tbtm::ExportFilter en_ko;
    en_ko.src_lang = LangTag::parse("en");
    CHECK(sources("했다", tbtm::ConcordanceSide::both, en_ko).empty());
  }

  MEMORY_TEST("the same unit imported twice is stored once") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs(kPairs), ko_en());
    auto r = memory.import_units(from_pairs(kPairs), ko_en("other.txt"));
    CHECK(r.added == 0);
    CHECK(r.duplicates == 3);
    CHECK(memory.stats().units == 3);
  }

  MEMORY_TEST("the same source with another translation is a new unit") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs(kPairs), ko_en());
    std::vector<std::pair<std::string, std::string>> other = {
        {kPairs[1].first, "The Defense Ministry announced the combined exercise plan."}};
    CHECK(memory.import_units(from_pairs(other), ko_en()).added == 1);
    auto m = memory.lookup(kPairs[1].first, ko_en_lookup());
    REQUIRE(m.size() == 2);
    CHECK(m[0].score == 100.0);
    CHECK(m[1].score == 100.0);
  }

  MEMORY_TEST("units without both languages are skipped") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    std::vector<std::pair<std::string, std::string>> pairs = {{"국방부는 밝혔다.", ""}};
    auto r = memory.import_units(from_pairs(pairs), ko_en());
    CHECK(r.skipped == 1);
    CHECK(r.added == 0);
  }

  TEST_CASE("a file that is not a database is an error and stays untouched") {
    TempDir dir{"tm-test"};
    std::string path = dir.file("notes.txt");
    std::ofstream(path) << "핵협의그룹 회의 메모\nThis is not a database.\n";
    std::string before = bytes_of(path);
    CHECK_THROWS_WITH_AS(
        tbtm::TranslationMemory{path},
        ("'" + path + "' is not a translation memory (not an SQLite database)").c_str(), Error);
    CHECK(bytes_of(path) == before);
    CHECK_FALSE(fs::exists(path + "-wal"));
  }

  TEST_CASE("a memory of a newer schema version is refused and stays untouched") {
    TempDir dir{"tm-test"};
    std::string path = dir.file("future.tm.sqlite");
    {
      tbtm::TranslationMemory memory(path);
      memory.import_units(from_pairs(kPairs), ko_en());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version=3", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    std::string before = bytes_of(path);
    try {
      tbtm::TranslationMemory memory(path);
      FAIL("opened a newer memory");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::parse);
      CHECK(std::string(e.what()).find("schema version 3, newer than this termbridge reads (2)") !=
            std::string::npos);
    }
    CHECK(bytes_of(path) == before);
  }

  TEST_CASE("another SQLite database is not taken for a memory") {
    TempDir dir{"tm-test"};
    std::string path = dir.file("other.sqlite");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE glossary(term TEXT)", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(db);
    CHECK_THROWS_WITH_AS(tbtm::TranslationMemory{path},
                         ("'" + path +
                          "' is an SQLite database but not a termbridge translation memory (no "
                          "schema version)")
                             .c_str(),
                         Error);
  }

  MEMORY_TEST("an import that fails part-way leaves the memory as it was") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs({kPairs[0]}), ko_en());
    std::vector<std::pair<std::string, std::string>> more(kPairs.begin() + 1, kPairs.end());
    CHECK_THROWS_WITH_AS(memory.import_units(from_pairs(more, 1), ko_en()),
                         "bad line in the middle of the input", Error);
    CHECK(memory.stats().units == 1);
    CHECK(memory.lookup(kPairs[1].first, ko_en_lookup()).empty());
    // The memory still takes imports afterwards.
    CHECK(memory.import_units(from_pairs(more), ko_en()).added == 2);
    CHECK(memory.lookup(kPairs[1].first, ko_en_lookup()).size() == 1);
  }

  MEMORY_TEST("a first import that fails part-way leaves the memory empty and usable") {
    std::string path = place.memory("tm");
    {
      tbtm::TranslationMemory memory(path);
      CHECK_THROWS_WITH_AS(memory.import_units(from_pairs(kPairs, 2), ko_en()),
                           "bad line in the middle of the input", Error);
      CHECK(memory.stats().units == 0);
      CHECK(memory.lookup(kPairs[0].first, ko_en_lookup()).empty());
    }
    tbtm::TranslationMemory memory(path);
    CHECK(memory.import_units(from_pairs(kPairs), ko_en()).added == 3);
    CHECK(memory.import_units(from_pairs(kPairs), ko_en()).duplicates == 3);
    CHECK(memory.lookup(kPairs[2].first, ko_en_lookup()).size() == 1);
  }

  MEMORY_TEST("duplicates within a first import are stored once") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    std::vector<std::pair<std::string, std::string>> twice = {kPairs[0], kPairs[1], kPairs[0]};
    auto r = memory.import_units(from_pairs(twice), ko_en());
    CHECK(r.added == 2);
    CHECK(r.duplicates == 1);
    CHECK(memory.import_units(from_pairs({kPairs[1]}), ko_en()).duplicates == 1);
    CHECK(memory.remove_document("ncg-2025.ko.txt") == 2);
  }

  TEST_CASE("the memory stays in WAL mode after a first import") {
    TempDir dir{"tm-test"};
    std::string path = dir.file("tm.sqlite");
    {
      tbtm::TranslationMemory memory(path);
      memory.import_units(from_pairs(kPairs), ko_en());
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string mode = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(mode == "wal");
  }

  MEMORY_TEST("a second writer waits, then fails clearly, and nothing is corrupted") {
    std::string path = place.memory("tm");
    tbtm::TranslationMemory first(path);
    tbtm::TranslationMemory second(path, {.busy_timeout_ms = 100});
    bool second_failed = false;
    std::string message;
    std::size_t i = 0;
    first.import_units(
        [&](tbtm::TranslationUnit& u) {
          if (i == 1) {
            try {
              second.import_units(from_pairs(kPairs), ko_en("second.txt"));
            } catch (const Error& e) {
              second_failed = true;
              message = e.what();
            }
          }
          if (i >= kPairs.size()) {
            return false;
          }
          const auto& [src, tgt] = kPairs[i++];
          u.variants.push_back({LangTag::parse("ko"), {src, {}}, {}, {}, {}});
          u.variants.push_back({LangTag::parse("en"), {tgt, {}}, {}, {}, {}});
          return true;
        },
        ko_en());
    CHECK(second_failed);
    CHECK(message.find("is locked by another writer") != std::string::npos);
    CHECK(second.stats().units == 3);
    CHECK(second.import_units(from_pairs(kPairs), ko_en()).duplicates == 3);
  }

  MEMORY_TEST("a second writer opening during a first bulk import waits for it") {
    // The first import into an empty memory runs with a rollback journal; switching back to
    // WAL on open used to fail at once there (SQLite skips the busy handler for it).
    std::string path = place.memory("tm");
    tbtm::TranslationMemory first(path);
    const std::vector<std::pair<std::string, std::string>> others = {
        {"합참은 경계태세를 유지했다.", "The JCS maintained its readiness posture."},
        {"국방부는 훈련을 마쳤다.", "The ministry finished the exercise."}};
    std::thread second_thread;
    std::string second_error;
    std::uint64_t second_added = 0;
    std::size_t i = 0;
    first.import_units(
        [&](tbtm::TranslationUnit& u) {
          if (i == 1) {
            second_thread = std::thread([&] {
              try {
                tbtm::TranslationMemory second(path);
                second_added = second.import_units(from_pairs(others), ko_en("second.txt")).added;
              } catch (const Error& e) {
                second_error = e.what();
              }
            });
            // Long enough for the second to reach the lock while this import holds it.
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
          }
          if (i >= kPairs.size()) {
            return false;
          }
          const auto& [src, tgt] = kPairs[i++];
          u.variants.push_back({LangTag::parse("ko"), {src, {}}, {}, {}, {}});
          u.variants.push_back({LangTag::parse("en"), {tgt, {}}, {}, {}, {}});
          return true;
        },
        ko_en());
    second_thread.join();
    CHECK(second_error == "");
    CHECK(second_added == 2);
    CHECK(first.stats().units == 5);
  }

  MEMORY_TEST("a reader sees the memory while a writer imports") {
    std::string path = place.memory("tm");
    tbtm::TranslationMemory writer(path);
    writer.import_units(from_pairs({kPairs[0]}), ko_en());
    tbtm::TranslationMemory reader(path, {.read_only = true});
    std::size_t seen = 0;
    std::size_t i = 0;
    writer.import_units(
        [&](tbtm::TranslationUnit& u) {
          seen = reader.lookup(kPairs[0].first, ko_en_lookup()).size();
          if (i >= 2) {
            return false;
          }
          const auto& [src, tgt] = kPairs[1 + i++];
          u.variants.push_back({LangTag::parse("ko"), {src, {}}, {}, {}, {}});
          u.variants.push_back({LangTag::parse("en"), {tgt, {}}, {}, {}, {}});
          return true;
        },
        ko_en());
    CHECK(seen == 1);
    CHECK(reader.stats().units == 3);
  }

  MEMORY_TEST("a fuzzy lookup returns the near sentence with its score and diff") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs(kPairs), ko_en());
    std::string q = "국방부는 연합훈련 일정을 발표했다.";
    auto m = memory.lookup(q, ko_en_lookup());
    REQUIRE(m.size() == 1);
    // 국방부 는 연합훈련 일정/계획 을 발표했다 . : 7 tokens, one differs.
    CHECK(m[0].score == doctest::Approx(100.0 * 6 / 7));
    CHECK(m[0].target == kPairs[1].second);
    CHECK(m[0].source == kPairs[1].first);
    REQUIRE(m[0].diff.size() == 3);
    CHECK(m[0].diff[1].kind == tbtm::DiffPart::Kind::changed);
    CHECK(m[0].diff[1].query.of(q) == "일정");
    CHECK(m[0].diff[1].match.of(m[0].source) == "계획");
  }

  MEMORY_TEST("matches below the threshold are not returned") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs(kPairs), ko_en());
    auto o = ko_en_lookup();
    CHECK(memory.lookup("국방부는 오늘 새 계획을 밝혔다.", o).empty());
    o.threshold = 30;
    CHECK_FALSE(memory.lookup("국방부는 오늘 새 계획을 밝혔다.", o).empty());
  }

  MEMORY_TEST("lookups keep to the language pair asked for") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs(kPairs), ko_en());
    auto o = ko_en_lookup();
    o.tgt_lang = LangTag::parse("ja");
    CHECK(memory.lookup(kPairs[0].first, o).empty());
    o.tgt_lang = LangTag::parse("en-US");
    CHECK(memory.lookup(kPairs[0].first, o).size() == 1);
    o.tgt_lang = LangTag::parse("en");
    CHECK(memory.lookup(kPairs[0].first, o).size() == 1);
  }

  MEMORY_TEST("units are removed by id and by document, index included") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs({kPairs[0]}), ko_en("a.txt"));
    memory.import_units(from_pairs({kPairs[1], kPairs[2]}), ko_en("b.txt"));
    auto m = memory.lookup(kPairs[0].first, ko_en_lookup());
    REQUIRE(m.size() == 1);
    CHECK(memory.remove_ids({m[0].id, 999}) == 1);
    CHECK(memory.lookup(kPairs[0].first, ko_en_lookup()).empty());
    CHECK(memory.remove_document("b.txt") == 2);
    CHECK(memory.stats().units == 0);
    CHECK(memory.stats().index_tokens == 0);
    CHECK(memory.remove_document("b.txt") == 0);
  }

  MEMORY_TEST("export gives back units with their origin") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    auto o = ko_en("ncg.ko.txt");
    o.align_score = 0.93;
    memory.import_units(from_pairs(kPairs), o);
    std::vector<tbtm::TranslationUnit> out;
    auto n = memory.export_units([&](const tbtm::TranslationUnit& u) { out.push_back(u); });
    CHECK(n == 3);
    REQUIRE(out.size() == 3);
    CHECK(out[0].variants.size() == 2);
    CHECK(out[0].variants[0].segment.text == kPairs[0].first);
    CHECK(out[0].variants[1].segment.text == kPairs[0].second);
    CHECK(out[0].creation_date.size() == 16);
    CHECK(out[0].props.at(0) == tbtm::Prop{"x-document", "ncg.ko.txt"});
    CHECK(out[0].props.at(1) == tbtm::Prop{"x-align-score", "0.93"});
  }

  MEMORY_TEST("props and notes of imported units survive") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    bool done = false;
    memory.import_units(
        [&](tbtm::TranslationUnit& u) {
          if (done) {
            return false;
          }
          done = true;
          u.props = {{"x-document", "seed.txt"}, {"x-domain", "defense\tnews"}};
          u.notes = {"checked by\nthe desk"};
          u.variants.push_back({LangTag::parse("ko"), {kPairs[2].first, {}}, {}, {}, {}});
          u.variants.push_back({LangTag::parse("en"), {kPairs[2].second, {}}, {}, {}, {}});
          return true;
        },
        ko_en());
    std::vector<tbtm::TranslationUnit> out;
    memory.export_units([&](const tbtm::TranslationUnit& u) { out.push_back(u); });
    REQUIRE(out.size() == 1);
    CHECK(out[0].props.at(0) == tbtm::Prop{"x-document", "seed.txt"});
    CHECK(out[0].props.at(1) == tbtm::Prop{"x-domain", "defense\tnews"});
    REQUIRE(out[0].notes.size() == 1);
    CHECK(out[0].notes[0] == "checked by\nthe desk");
  }

  MEMORY_TEST("an alignment score that is not a number is dropped with a warning naming the unit") {
    tbtm::TranslationMemory memory(place.memory("tm"));
    const std::vector<std::string> scores = {"0.87", "0.9x", "high", "nan"};
    std::size_t at = 0;
    auto o = ko_en();
    std::vector<std::pair<std::uint64_t, std::string>> warnings;
    o.on_warning = [&](std::uint64_t unit, const std::string& message) {
      warnings.emplace_back(unit, message);
    };
    memory.import_units(
        [&](tbtm::TranslationUnit& u) {
          if (at == scores.size()) {
            return false;
          }
          u.props = {{"x-align-score", scores[at]}};
          u.variants.push_back(
              {LangTag::parse("ko"), {kPairs[at % 3].first + std::to_string(at), {}}, {}, {}, {}});
          u.variants.push_back({LangTag::parse("en"), {kPairs[at % 3].second, {}}, {}, {}, {}});
          ++at;
          return true;
        },
        o);
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[0].first == 2);
    CHECK(warnings[0].second.find("'0.9x' is not a number") != std::string::npos);
    CHECK(warnings[1].first == 3);
    CHECK(warnings[2].first == 4);
    std::vector<tbtm::TranslationUnit> out;
    memory.export_units([&](const tbtm::TranslationUnit& u) { out.push_back(u); });
    REQUIRE(out.size() == 4);
    std::size_t with_score = 0;
    for (const auto& u : out) {
      for (const auto& p : u.props) {
        if (p.type == "x-align-score") {
          ++with_score;
          CHECK(p.value == "0.87");
        }
      }
    }
    CHECK(with_score == 1);
  }

  MEMORY_TEST("the index finds the best match of a full scan") {
    // Real news sentences with word edits, against the shared corpus when it is there.
    std::string base = TB_SOURCE_DIR "/../shared/data/corpus/korean-english-park.dev.";
    std::ifstream en(base + "en"), ko(base + "ko");
    if (!en || !ko) {
      MESSAGE("shared corpus absent; skipped");
      return;
    }
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string e, k;
    while (std::getline(en, e) && std::getline(ko, k)) {
      if (!e.empty() && !k.empty()) {
        pairs.emplace_back(k, e);
      }
    }
    tbtm::TranslationMemory memory(place.memory("tm"));
    memory.import_units(from_pairs(pairs), ko_en());
    std::mt19937 rng(20251212);
    std::size_t found = 0, compared = 0;
    for (int q = 0; q < 60; ++q) {
      const std::string& src = pairs[rng() % pairs.size()].first;
      // Drop one eojeol and swap two: a realistic revision of the sentence.
      std::vector<std::string> words;
      std::istringstream ws(src);
      for (std::string w; ws >> w;) {
        words.push_back(w);
      }
      if (words.size() < 6) {
        continue;
      }
      words.erase(words.begin() + static_cast<long>(rng() % words.size()));
      std::size_t j = rng() % (words.size() - 1);
      std::swap(words[j], words[j + 1]);
      std::string query;
      for (const auto& w : words) {
        query += (query.empty() ? "" : " ") + w;
      }
      auto linear = memory.lookup_linear(query, ko_en_lookup());
      auto index = memory.lookup(query, ko_en_lookup());
      if (linear.empty()) {
        continue;
      }
      ++compared;
      if (!index.empty() && index[0].score == linear[0].score) {
        ++found;
      }
    }
    CHECK(compared >= 20);
    CHECK(found == compared);
  }
}

namespace {

// Two-sentence units in the style of aligned news, and their sentence pairs.
const std::vector<std::pair<std::string, std::string>> kTwoSentenceUnits = {
    {"국방부는 11일 워싱턴에서 핵협의그룹 회의를 열었다고 밝혔다. 양측은 확장억제 강화 방안을 "
     "논의했다.",
     "The Ministry of National Defense said it held a Nuclear Consultative Group meeting in "
     "Washington on the 11th. The two sides discussed ways to strengthen extended deterrence."},
    {"합동참모본부는 북한이 동해상으로 탄도미사일 2발을 발사했다고 밝혔다. 미사일은 약 600km를 "
     "비행했다.",
     "The Joint Chiefs of Staff said North Korea fired two ballistic missiles into the East "
     "Sea. The missiles flew about 600 km."},
};

// A stand-in for job::UnitSplitter (the tm module cannot align): sentences end at ". ", and
// sides of as many sentences pair in order.
std::vector<std::string> cut(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(". ", start)) != std::string_view::npos; start = at + 2) {
    out.emplace_back(text.substr(start, at + 1 - start));
  }
  out.emplace_back(text.substr(start));
  return out;
}

std::vector<tbtm::UnitPart> split_at_periods(const LangTag&, std::string_view source,
                                             const LangTag&, std::string_view target) {
  auto src = cut(source);
  auto tgt = cut(target);
  std::vector<tbtm::UnitPart> parts;
  if (src.size() < 2 || src.size() != tgt.size()) {
    return parts;
  }
  for (std::size_t i = 0; i < src.size(); ++i) {
    parts.push_back({src[i], tgt[i], 0.9});
  }
  return parts;
}

tbtm::ImportOptions ko_en_split() {
  auto o = ko_en("news.tsv");
  o.split = split_at_periods;
  return o;
}

std::vector<tbtm::TranslationUnit> exported(const tbtm::TranslationMemory& memory) {
  std::vector<tbtm::TranslationUnit> out;
  memory.export_units([&](const tbtm::TranslationUnit& u) { out.push_back(u); });
  return out;
}

}  // namespace

TEST_SUITE("tm.memory.parts") {
  MEMORY_TEST("a sentence of a two-sentence unit is found as a part of that unit") {
    tbtm::TranslationMemory memory(place.memory("parts"));
    auto r = memory.import_units(from_pairs(kTwoSentenceUnits), ko_en_split());
    CHECK(r.added == 2);
    CHECK(r.split == 2);
    CHECK(r.parts == 4);
    auto m = memory.lookup("양측은 확장억제 강화 방안을 논의했다.", ko_en_lookup());
    REQUIRE_FALSE(m.empty());
    CHECK(m[0].score == 100.0);
    CHECK(m[0].target == "The two sides discussed ways to strengthen extended deterrence.");
    CHECK(m[0].part_of == 1);
    CHECK(m[0].id > 2);  // parts come after the units of their import
    // The part keeps its unit's origin.
    CHECK(m[0].unit.props.at(0).value == "news.tsv");
    // The whole unit still answers the whole paragraph.
    auto whole = memory.lookup(kTwoSentenceUnits[1].first, ko_en_lookup());
    REQUIRE_FALSE(whole.empty());
    CHECK(whole[0].score == 100.0);
    CHECK(whole[0].id == 2);
    CHECK(whole[0].part_of == 0);
    CHECK(whole[0].target == kTwoSentenceUnits[1].second);
  }

  MEMORY_TEST("parts are neither exported nor counted as units") {
    std::vector<tbtm::TranslationUnit> plain, split;
    {
      tbtm::TranslationMemory memory(place.memory("plain"));
      memory.import_units(from_pairs(kTwoSentenceUnits), ko_en("news.tsv"));
      plain = exported(memory);
    }
    tbtm::TranslationMemory memory(place.memory("split"));
    memory.import_units(from_pairs(kTwoSentenceUnits), ko_en_split());
    split = exported(memory);
    REQUIRE(split.size() == 2);
    REQUIRE(plain.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(split[i].id == plain[i].id);
      CHECK(split[i].variants[0].segment.text == kTwoSentenceUnits[i].first);
      CHECK(split[i].variants[1].segment.text == kTwoSentenceUnits[i].second);
      CHECK(split[i].props == plain[i].props);
    }
    auto s = memory.stats();
    CHECK(s.units == 2);
    CHECK(s.parts == 4);
    REQUIRE(s.language_pairs.size() == 1);
    CHECK(s.language_pairs[0].units == 2);
    REQUIRE(s.documents.size() == 1);
    CHECK(s.documents[0].units == 2);
  }

  MEMORY_TEST("a unit's parts are removed with it") {
    tbtm::TranslationMemory memory(place.memory("parts"));
    memory.import_units(from_pairs(kTwoSentenceUnits), ko_en_split());
    CHECK(memory.remove_ids({1}) == 1);
    CHECK(memory.lookup("양측은 확장억제 강화 방안을 논의했다.", ko_en_lookup()).empty());
    CHECK(memory.stats().parts == 2);
    CHECK(memory.remove_document("news.tsv") == 1);
    CHECK(memory.stats().parts == 0);
    CHECK(memory.lookup("미사일은 약 600km를 비행했다.", ko_en_lookup()).empty());
  }

  MEMORY_TEST("units stored without parts get them at the next import") {
    std::string path = place.memory("old");
    {
      tbtm::TranslationMemory memory(path);
      memory.import_units(from_pairs(kTwoSentenceUnits), ko_en("news.tsv"));
    }
    tbtm::TranslationMemory memory(path);
    CHECK(memory.lookup("미사일은 약 600km를 비행했다.", ko_en_lookup()).empty());
    // The same units again: duplicates, but the units before are split now.
    auto r = memory.import_units(from_pairs(kTwoSentenceUnits), ko_en_split());
    CHECK(r.added == 0);
    CHECK(r.duplicates == 2);
    CHECK(r.parts == 4);
    auto m = memory.lookup("미사일은 약 600km를 비행했다.", ko_en_lookup());
    REQUIRE_FALSE(m.empty());
    CHECK(m[0].part_of == 2);
    // Split once: a later import finds nothing left to split.
    CHECK(memory.import_units(from_pairs(kPairs), ko_en_split()).parts == 0);
    CHECK(memory.stats().parts == 4);
  }

  MEMORY_TEST("a part equal to a stored unit is not stored; a unit equal to a part is") {
    tbtm::TranslationMemory memory(place.memory("parts"));
    const std::vector<std::pair<std::string, std::string>> sentence = {
        {"미사일은 약 600km를 비행했다.", "The missiles flew about 600 km."}};
    memory.import_units(from_pairs(kTwoSentenceUnits), ko_en_split());
    // Imported after the part with its texts: a unit of its own, offered once.
    auto r = memory.import_units(from_pairs(sentence), ko_en_split());
    CHECK(r.added == 1);
    CHECK(exported(memory).size() == 3);
    auto m = memory.lookup(sentence[0].first, ko_en_lookup());
    REQUIRE_FALSE(m.empty());
    CHECK(m[0].score == 100.0);
    CHECK((m.size() == 1 || m[1].score < 100.0));

    tbtm::TranslationMemory second(place.memory("first"));
    second.import_units(from_pairs(sentence), ko_en_split());
    CHECK(second.import_units(from_pairs(kTwoSentenceUnits), ko_en_split()).parts == 3);
  }

  MEMORY_TEST("parts are looked for after the units are committed, without the write lock") {
    const std::string path = place.memory("parts");
    tbtm::TranslationMemory memory(path);
    const std::vector<std::pair<std::string, std::string>> other = {
        {"합동참모본부는 경계태세를 강화했다.", "The Joint Chiefs of Staff raised readiness."}};
    auto options = ko_en_split();
    bool written = false;
    options.split = [&](const LangTag& src_lang, std::string_view source, const LangTag& tgt_lang,
                        std::string_view target) {
      if (!written) {
        // Another writer, which does not wait: the units are there, the memory is free.
        tbtm::TranslationMemory second(path, {.busy_timeout_ms = 0});
        CHECK(second.stats().units == 2);
        CHECK(second.import_units(from_pairs(other), ko_en("other.tsv")).added == 1);
        written = true;
      }
      return split_at_periods(src_lang, source, tgt_lang, target);
    };
    auto r = memory.import_units(from_pairs(kTwoSentenceUnits), options);
    CHECK(written);
    CHECK(r.added == 2);
    CHECK(r.parts == 4);
    CHECK(memory.stats().units == 3);
    auto m = memory.lookup("양측은 확장억제 강화 방안을 논의했다.", ko_en_lookup());
    REQUIRE_FALSE(m.empty());
    CHECK(m[0].part_of == 1);
    CHECK(m[0].id > 3);  // after the other writer's unit
    // The other writer's unit is looked at by the next import with a splitter, and left
    // alone (one sentence).
    CHECK(memory.import_units(from_pairs(other), ko_en_split()).parts == 0);
    CHECK(memory.stats().parts == 4);
  }

  MEMORY_TEST("units that may_split rules out are not given to the splitter") {
    tbtm::TranslationMemory memory(place.memory("parts"));
    auto options = ko_en_split();
    std::vector<std::string> asked;
    options.split = [&](const LangTag& src_lang, std::string_view source, const LangTag& tgt_lang,
                        std::string_view target) {
      asked.emplace_back(source);
      return split_at_periods(src_lang, source, tgt_lang, target);
    };
    options.may_split = [](std::string_view source, std::string_view target) {
      return source.find(". ") != std::string_view::npos &&
             target.find(". ") != std::string_view::npos;
    };
    memory.import_units(from_pairs(kPairs), options);
    CHECK(asked.empty());
    auto r = memory.import_units(from_pairs(kTwoSentenceUnits), options);
    CHECK(r.parts == 4);
    CHECK(asked.size() == 2);
  }

  MEMORY_TEST("a parts pass that fails leaves the units stored and the parts to the next import") {
    tbtm::TranslationMemory memory(place.memory("parts"));
    auto options = ko_en_split();
    options.split = [](const LangTag&, std::string_view, const LangTag&,
                       std::string_view) -> std::vector<tbtm::UnitPart> {
      throw termbridge::Error(termbridge::ErrorKind::io, "the splitter broke");
    };
    try {
      memory.import_units(from_pairs(kTwoSentenceUnits), options);
      FAIL("no error");
    } catch (const termbridge::Error& e) {
      CHECK(std::string(e.what()).find("2 units were stored") != std::string::npos);
      CHECK(std::string(e.what()).find("the splitter broke") != std::string::npos);
    }
    CHECK(memory.stats().units == 2);
    CHECK(memory.stats().parts == 0);
    const std::vector<std::pair<std::string, std::string>> none;
    CHECK(memory.import_units(from_pairs(none), ko_en_split()).parts == 4);
  }

  TEST_CASE("a memory of schema version 1 is read as it is, and upgraded by a writer") {
    TempDir dir{"tm-test"};
    std::string path = dir.file("v1.tm.sqlite");
    {
      tbtm::TranslationMemory memory(path);
      memory.import_units(from_pairs(kTwoSentenceUnits), ko_en("news.tsv"));
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "DROP INDEX units_part; ALTER TABLE units DROP COLUMN part_of; "
                         "PRAGMA user_version=1; PRAGMA wal_checkpoint(TRUNCATE);",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    {
      tbtm::TranslationMemory reader(path, {.create = false, .read_only = true});
      CHECK(reader.stats().units == 2);
      CHECK(exported(reader).size() == 2);
      auto m = reader.lookup(kTwoSentenceUnits[0].first, ko_en_lookup());
      REQUIRE_FALSE(m.empty());
      CHECK(m[0].part_of == 0);
    }
    tbtm::TranslationMemory writer(path);
    const std::vector<std::pair<std::string, std::string>> none;
    CHECK(writer.import_units(from_pairs(none), ko_en_split()).parts == 4);
    CHECK(writer.stats().schema_version == 2);
    CHECK(exported(writer).size() == 2);
    CHECK(writer.lookup("양측은 확장억제 강화 방안을 논의했다.", ko_en_lookup()).at(0).part_of ==
          1);
  }
}
