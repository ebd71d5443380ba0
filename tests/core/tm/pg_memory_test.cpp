// What only the PostgreSQL memory has: URIs, a server to reach, tables of other programs in
// the same database, clients importing at once, and the same answers as the SQLite memory.
// The shared suite (memory_test.cpp) runs on both.

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "core/tm/memory_places.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/tm/memory.hpp"

namespace tbtm = termbridge::tm;
using termbridge::Error;
using termbridge::ErrorKind;
using termbridge::LangTag;

namespace {

tbtm::ImportOptions ko_en_import(std::string document) {
  tbtm::ImportOptions o;
  o.src_lang = LangTag::parse("ko");
  o.tgt_lang = LangTag::parse("en");
  o.document = std::move(document);
  return o;
}

tbtm::LookupOptions ko_en() {
  tbtm::LookupOptions o;
  o.src_lang = LangTag::parse("ko");
  o.tgt_lang = LangTag::parse("en");
  return o;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

tbtm::UnitSource source_of(const Pairs& pairs) {
  auto i = std::make_shared<std::size_t>(0);
  return [&pairs, i](tbtm::TranslationUnit& u) {
    if (*i >= pairs.size()) {
      return false;
    }
    const auto& [src, tgt] = pairs[(*i)++];
    u.variants.push_back({LangTag::parse("ko"), {src, {}}, {}, {}, {}});
    u.variants.push_back({LangTag::parse("en"), {tgt, {}}, {}, {}, {}});
    return true;
  };
}

// Sentence pairs of the shared corpus, or made-up ones when it is absent.
Pairs corpus(std::size_t at_most) {
  Pairs pairs;
  std::string base = TB_SOURCE_DIR "/../shared/data/corpus/korean-english-park.dev.";
  std::ifstream en(base + "en"), ko(base + "ko");
  std::string e, k;
  while (pairs.size() < at_most && std::getline(en, e) && std::getline(ko, k)) {
    if (!e.empty() && !k.empty()) {
      pairs.emplace_back(k, e);
    }
  }
  if (pairs.empty()) {
    const char* words[] = {"국방부는", "합참은",   "북한이", "동해상으로", "미사일을", "발사했다",
                           "훈련을",   "실시했다", "회의를", "열었다",     "양국은",   "논의했다"};
    std::mt19937 rng(7);
    for (std::size_t i = 0; i < at_most; ++i) {
      std::string ko_text, en_text = "unit " + std::to_string(i);
      for (int w = 0; w < 8; ++w) {
        ko_text += std::string(w ? " " : "") + words[rng() % 12];
      }
      pairs.emplace_back(ko_text + " " + std::to_string(i) + ".", en_text);
    }
  }
  return pairs;
}

}  // namespace

#if TB_HAVE_POSTGRESQL

TEST_SUITE("tm.memory.postgresql") {
  TEST_CASE(
      "a server that cannot be reached is an error naming the URI without its password "
      "(postgresql)") {
    const std::string uri = "postgresql://desk:s3cret@/tm?host=/nonexistent/socket/dir";
    CHECK(tbtm::is_database_uri(uri));
    CHECK(tbtm::is_database_uri("postgres://db.example/tm"));
    CHECK_FALSE(tbtm::is_database_uri("postgresql.tm.sqlite"));
    try {
      tbtm::TranslationMemory memory(uri);
      FAIL("no error");
    } catch (const Error& e) {
      const std::string message = e.what();
      CHECK(e.kind() == ErrorKind::io);
      CHECK(message.find("cannot connect to translation memory "
                         "'postgresql://desk@/tm?host=/nonexistent/socket/dir'") == 0);
      CHECK(message.find("s3cret") == std::string::npos);
    }
    try {
      tbtm::TranslationMemory memory("postgresql:///tm?host=/nonexistent&password=s3cret");
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("'postgresql:///tm?host=/nonexistent'") !=
            std::string::npos);
      CHECK(std::string(e.what()).find("s3cret") == std::string::npos);
    }
  }

  TEST_CASE("tables of another program are not taken for a memory (postgresql)") {
    auto place = tbtest::PgPlace::make();
    if (!place) {
      return;
    }
    std::string location = place->memory("other");
    std::string schema = place->schema("other");
    REQUIRE(tbtest::pg_run(place->database(), "CREATE TABLE " + schema +
                                                  ".tm_units(x integer); INSERT INTO " + schema +
                                                  ".tm_units VALUES (42)"));
    CHECK_THROWS_WITH_AS(tbtm::TranslationMemory{location},
                         doctest::Contains("is not a termbridge translation memory"), Error);
    std::string value;
    REQUIRE(tbtest::pg_run(place->database(), "SELECT x FROM " + schema + ".tm_units", nullptr,
                           &value));
    CHECK(value == "42");
    CHECK_FALSE(place->exists(location));
  }

  TEST_CASE("a memory of a newer schema version is refused and left as it was (postgresql)") {
    auto place = tbtest::PgPlace::make();
    if (!place) {
      return;
    }
    std::string location = place->memory("newer");
    {
      tbtm::TranslationMemory memory(location);
      memory.import_units(source_of({{"국방부는 발표했다.", "The ministry announced."}}),
                          ko_en_import("a.txt"));
    }
    std::string schema = place->schema("newer");
    REQUIRE(tbtest::pg_run(place->database(), "UPDATE " + schema +
                                                  ".tm_meta SET value = '99' WHERE key = "
                                                  "'schema_version'"));
    CHECK_THROWS_WITH_AS(tbtm::TranslationMemory{location},
                         doctest::Contains("has schema version 99, newer than this termbridge"),
                         Error);
    std::string count;
    REQUIRE(tbtest::pg_run(place->database(), "SELECT count(*) FROM " + schema + ".tm_units",
                           nullptr, &count));
    CHECK(count == "1");
  }

  TEST_CASE("a memory opened read-only refuses writes (postgresql)") {
    auto place = tbtest::PgPlace::make();
    if (!place) {
      return;
    }
    std::string location = place->memory("ro");
    Pairs one = {{"국방부는 발표했다.", "The ministry announced."}};
    tbtm::TranslationMemory(location).import_units(source_of(one), ko_en_import("a.txt"));
    tbtm::TranslationMemory reader(location, {.create = false, .read_only = true});
    CHECK_THROWS_WITH_AS(reader.import_units(source_of(one), ko_en_import("b.txt")),
                         doctest::Contains("was opened read-only"), Error);
    CHECK_THROWS_AS(reader.remove_document("a.txt"), Error);
    CHECK(reader.stats().units == 1);
    CHECK(reader.lookup(one[0].first, ko_en()).size() == 1);
  }

  TEST_CASE(
      "a reader's kept index lists follow other clients' imports and removals "
      "(postgresql)") {
    auto place = tbtest::PgPlace::make();
    if (!place) {
      return;
    }
    const std::string location = place->memory("kept");
    const Pairs first = {{"국방부는 연합훈련 계획을 발표했다.", "The ministry announced the plan."},
                         {"합참은 경계태세를 강화했다.", "The JCS raised readiness."}};
    const Pairs second = {
        {"국방부는 연합훈련 일정을 발표했다.", "The ministry announced the dates."}};
    tbtm::TranslationMemory writer(location);
    writer.import_units(source_of(first), ko_en_import("first.txt"));
    tbtm::TranslationMemory reader(location, {.create = false, .read_only = true});
    const std::string query = "국방부는 연합훈련 일정을 발표했다.";
    auto before = reader.lookup(query, ko_en());
    REQUIRE(before.size() == 1);
    CHECK(before[0].target == first[0].second);
    writer.import_units(source_of(second), ko_en_import("second.txt"));
    auto added = reader.lookup(query, ko_en());
    REQUIRE(added.size() == 2);
    CHECK(added[0].score == 100.0);
    CHECK(added[0].target == second[0].second);
    CHECK(writer.remove_document("first.txt") == 2);
    auto removed = reader.lookup(query, ko_en());
    REQUIRE(removed.size() == 1);
    CHECK(removed[0].target == second[0].second);
    CHECK(writer.remove_document("second.txt") == 1);
    CHECK(reader.lookup(query, ko_en()).empty());
    writer.import_units(source_of(first), ko_en_import("again.txt"));
    auto again = reader.lookup(query, ko_en());
    REQUIRE(again.size() == 1);
    CHECK(again[0].target == first[0].second);
    CHECK(again[0].unit.props.at(0).value == "again.txt");
  }

  TEST_CASE("clients importing at once neither lose nor duplicate a unit (postgresql)") {
    auto place = tbtest::PgPlace::make();
    if (!place) {
      return;
    }
    const std::string location = place->memory("shared");
    const Pairs all = corpus(1200);
    // Four clients, each making the memory if it is not there yet and importing an
    // overlapping half of the units in its own order, in batches of 50 (many transactions
    // each), while a fifth looks units up.
    constexpr int kClients = 4;
    std::vector<std::thread> clients;
    std::vector<std::string> errors(kClients + 1);
    std::vector<std::uint64_t> added(kClients, 0);
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        try {
          tbtm::TranslationMemory memory(location, {.busy_timeout_ms = 60000});
          Pairs mine;
          for (std::size_t i = 0; i < all.size(); ++i) {
            if ((i / 300 + static_cast<std::size_t>(c)) % 4 < 2) {
              mine.push_back(all[i]);
            }
          }
          std::shuffle(mine.begin(), mine.end(), std::mt19937(static_cast<unsigned>(c)));
          for (std::size_t at = 0; at < mine.size(); at += 50) {
            Pairs batch(mine.begin() + static_cast<std::ptrdiff_t>(at),
                        mine.begin() + static_cast<std::ptrdiff_t>(std::min(mine.size(), at + 50)));
            added[static_cast<std::size_t>(c)] +=
                memory.import_units(source_of(batch), ko_en_import("client" + std::to_string(c)))
                    .added;
          }
        } catch (const std::exception& e) {
          errors[static_cast<std::size_t>(c)] = e.what();
        }
      });
    }
    std::size_t looked_up = 0;
    clients.emplace_back([&] {
      try {
        // A reader opens the memory once it is there.
        std::unique_ptr<tbtm::TranslationMemory> opened;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!opened) {
          try {
            opened = std::make_unique<tbtm::TranslationMemory>(
                location, tbtm::OpenOptions{.create = false, .read_only = true});
          } catch (const Error&) {
            if (std::chrono::steady_clock::now() > deadline) {
              throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          }
        }
        auto& reader = *opened;
        for (std::size_t i = 0; i < 200; ++i) {
          looked_up += reader.lookup(all[(i * 7) % all.size()].first, ko_en()).empty() ? 0U : 1U;
        }
      } catch (const std::exception& e) {
        errors[kClients] = e.what();
      }
    });
    for (auto& t : clients) {
      t.join();
    }
    for (const auto& e : errors) {
      CHECK(e == "");
    }
    std::set<std::pair<std::string, std::string>> distinct(all.begin(), all.end());
    std::uint64_t total = 0;
    for (auto a : added) {
      total += a;
    }
    CHECK(total == distinct.size());  // every unit stored by exactly one client
    tbtm::TranslationMemory memory(location);
    CHECK(memory.stats().units == distinct.size());
    std::set<std::pair<std::string, std::string>> stored;
    std::size_t exported = 0;
    memory.export_units([&](const tbtm::TranslationUnit& u) {
      stored.emplace(u.variants[0].segment.text, u.variants[1].segment.text);
      ++exported;
    });
    CHECK(exported == distinct.size());
    CHECK(stored == distinct);
    // The index holds every unit once: each finds itself at 100.
    for (std::size_t i = 0; i < all.size(); i += 37) {
      auto m = memory.lookup(all[i].first, ko_en());
      REQUIRE_FALSE(m.empty());
      CHECK(m[0].score == 100.0);
    }
    MESSAGE(looked_up << " of 200 concurrent lookups found a match");
  }

  TEST_CASE("lookups give the SQLite memory's matches and scores (postgresql)") {
    auto place = tbtest::PgPlace::make();
    if (!place) {
      return;
    }
    const Pairs all = corpus(2000);
    tbtest::SqlitePlace files;
    tbtm::TranslationMemory sqlite(files.memory("same"));
    tbtm::TranslationMemory pg(place->memory("same"));
    // Two imports, so the index is appended to once.
    Pairs first(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2));
    Pairs second(all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2), all.end());
    for (auto* memory : {&sqlite, &pg}) {
      memory->import_units(source_of(first), ko_en_import("first.txt"));
      memory->import_units(source_of(second), ko_en_import("second.txt"));
    }
    std::mt19937 rng(20261207);
    std::size_t compared = 0, with_matches = 0;
    for (int q = 0; q < 150; ++q) {
      const std::string& src = all[rng() % all.size()].first;
      std::vector<std::string> words;
      std::istringstream ws(src);
      for (std::string w; ws >> w;) {
        words.push_back(w);
      }
      if (words.size() < 4) {
        continue;
      }
      // A revision: one word dropped and two swapped.
      words.erase(words.begin() + static_cast<long>(rng() % words.size()));
      std::size_t j = rng() % (words.size() - 1);
      std::swap(words[j], words[j + 1]);
      std::string query;
      for (const auto& w : words) {
        query += (query.empty() ? "" : " ") + w;
      }
      auto options = ko_en();
      options.threshold = 50;
      auto a = sqlite.lookup(query, options);
      auto b = pg.lookup(query, options);
      ++compared;
      with_matches += a.empty() ? 0U : 1U;
      REQUIRE(a.size() == b.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].score == b[i].score);
        CHECK(a[i].source == b[i].source);
        CHECK(a[i].target == b[i].target);
        CHECK(a[i].diff.size() == b[i].diff.size());
      }
    }
    CHECK(compared >= 100);
    CHECK(with_matches >= compared / 2);
    CHECK(sqlite.stats().units == pg.stats().units);
    CHECK(sqlite.stats().index_tokens == pg.stats().index_tokens);
  }
}

#endif
