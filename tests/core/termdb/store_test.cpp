// The term base in its two storages: a file (edited as glossary add/set/remove edit it) and
// PostgreSQL (termdb::TermStore). TERMBASE_TEST("...") runs a case on both, as
// "... (file)" and "... (postgresql)"; what only PostgreSQL has (versions, conflicts,
// transactions, schemas) is tested on it alone below.

#include "termbridge/termdb/store.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "core/tm/memory_places.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/glossary/termbase.hpp"
#include "termbridge/glossary/termbase_ops.hpp"
#include "termbridge/io/termbase_io.hpp"

namespace gl = termbridge::glossary;
namespace tdb = termbridge::termdb;
namespace tbio = termbridge::io;
using termbridge::Error;
using termbridge::ErrorKind;
using termbridge::LangTag;

namespace {

// One term base in one storage.
class TermPlace {
 public:
  virtual ~TermPlace() = default;
  virtual gl::TermBase load() = 0;
  // Fills the (empty) term base with `tb`, header included.
  virtual void fill(const gl::TermBase& tb) = 0;
  virtual void add(const gl::Concept& c) = 0;
  // Replaces the concept with c's id (as read just before).
  virtual void set(const gl::Concept& c) = 0;
  virtual void remove(const std::string& id) = 0;
};

// A TBX file, edited in its bytes as the glossary command edits it.
class FilePlace : public TermPlace {
 public:
  FilePlace() {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("tb-termdb-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "terms.tbx").string();
  }
  ~FilePlace() override { std::filesystem::remove_all(dir_); }
  gl::TermBase load() override { return tbio::read_termbase_file(path_); }
  void fill(const gl::TermBase& tb) override {
    std::ofstream out(path_, std::ios::binary);
    tbio::write_termbase(tb, out, tbio::Format::tbx2);
  }
  void add(const gl::Concept& c) override { edit(c.id, &c); }
  void set(const gl::Concept& c) override { edit(c.id, &c); }
  void remove(const std::string& id) override { edit(id, nullptr); }

 private:
  void edit(const std::string& id, const gl::Concept* c) {
    std::string data;
    {
      std::ifstream in(path_, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      data = s.str();
    }
    data = tbio::edit_termbase_text(data, tbio::Format::tbx2, path_, id, c);
    std::ofstream out(path_, std::ios::binary);
    out << data;
  }
  std::filesystem::path dir_;
  std::string path_;
};

#if TB_HAVE_POSTGRESQL
class PgPlace : public TermPlace {
 public:
  explicit PgPlace(tbtest::PgPlace& db) : uri_(db.memory("terms")), store_(uri_) {}
  const std::string& uri() const { return uri_; }
  tdb::TermStore& store() { return store_; }
  gl::TermBase load() override { return store_.load(); }
  void fill(const gl::TermBase& tb) override {
    store_.modify([&](gl::TermBase& into) { into = tb; });
  }
  void add(const gl::Concept& c) override { store_.add(c); }
  void set(const gl::Concept& c) override { store_.update(c, store_.get(c.id)->version); }
  void remove(const std::string& id) override { store_.remove(id, store_.get(id)->version); }

 private:
  std::string uri_;
  tdb::TermStore store_;
};
#endif

gl::Term term(const char* lang, std::string text, gl::TermType type = gl::TermType::unspecified,
              gl::TermStatus status = gl::TermStatus::unspecified) {
  gl::Term t;
  t.lang = LangTag::parse(lang);
  t.text = std::move(text);
  t.type = type;
  t.status = status;
  return t;
}

// A concept using every field of the model, with text a storage could mangle: quotes,
// backslashes, braces, commas, tabs, new lines and Hangul.
gl::Concept full_concept(const std::string& id) {
  gl::Concept c;
  c.id = id;
  c.domain = "defense";
  c.definition = "a consultative body of the \"two\" allies, {NCG}";
  c.notes = {"first note, with a comma", "back\\slash and\ttab", "line one\nline two"};
  // A TBX reader leaves a concept-level <descrip>'s element empty (the writer picks it by
  // the type): so does this concept, to be the same after a file's round trip.
  c.descriptions = {{"context", "핵협의그룹은 2023년에 출범했다.", ""}};
  gl::Term en =
      term("en", "Nuclear Consultative Group", gl::TermType::full_form, gl::TermStatus::preferred);
  en.part_of_speech = "noun";
  en.note = "capitalized";
  en.extra = {{"termId", "t-1", "termNote"}};
  c.terms.push_back(en);
  c.terms.push_back(term("en", "NCG", gl::TermType::acronym, gl::TermStatus::admitted));
  c.terms.push_back(term("ko", "핵협의그룹", gl::TermType::full_form, gl::TermStatus::preferred));
  c.terms.push_back(term("ko", "핵 협의 그룹", gl::TermType::variant, gl::TermStatus::deprecated));
  gl::LanguageInfo ko;
  ko.lang = LangTag::parse("ko");
  ko.definition = "한미 핵협의 기구";
  ko.notes = {"국방부 용어"};
  c.languages.push_back(ko);
  return c;
}

gl::Concept simple_concept(const std::string& id, const std::string& en, const std::string& ko) {
  gl::Concept c;
  c.id = id;
  c.terms.push_back(term("en", en, gl::TermType::unspecified, gl::TermStatus::preferred));
  c.terms.push_back(term("ko", ko, gl::TermType::unspecified, gl::TermStatus::preferred));
  return c;
}

std::vector<std::string> ids(const gl::TermBase& tb) {
  std::vector<std::string> out;
  for (const auto& c : tb.concepts()) {
    out.push_back(c.id);
  }
  return out;
}

std::string as_tbx(const gl::TermBase& tb) {
  std::ostringstream out;
  tbio::write_termbase(tb, out, tbio::Format::tbx3);
  return out.str();
}

// The repository's own TBX term bases.
std::vector<std::string> tbx_fixtures() {
  std::vector<std::string> out;
  for (const char* dir : {TB_TEST_DATA, TB_SOURCE_DIR "/glossaries"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
      if (e.path().extension() == ".tbx") {
        out.push_back(e.path().string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

#if TB_HAVE_POSTGRESQL
#define TB_TERMBASE_PG_CASE(title, fn)       \
  TEST_CASE(title " (postgresql)") {         \
    if (auto db = tbtest::PgPlace::make()) { \
      PgPlace place(*db);                    \
      fn(place);                             \
    }                                        \
  }
#else
#define TB_TERMBASE_PG_CASE(title, fn) \
  TEST_CASE(title " (postgresql)") {   \
    tbtest::PgPlace::make();           \
  }
#endif
#define TB_TERMBASE_TEST(title, fn) \
  static void fn(TermPlace& place); \
  TEST_CASE(title " (file)") {      \
    FilePlace place;                \
    gl::TermBase empty;             \
    place.fill(empty);              \
    fn(place);                      \
  }                                 \
  TB_TERMBASE_PG_CASE(title, fn)    \
  static void fn(TermPlace& place)
#define TB_TERMBASE_CAT2(a, b) a##b
#define TB_TERMBASE_CAT(a, b) TB_TERMBASE_CAT2(a, b)
#define TERMBASE_TEST(title) TB_TERMBASE_TEST(title, TB_TERMBASE_CAT(termbase_test_, __LINE__))

TEST_SUITE("termdb.store") {
  TERMBASE_TEST("an added concept loads back with every field") {
    place.add(full_concept("ncg"));
    place.add(simple_concept("kill-chain", "Kill Chain", "킬체인"));
    gl::TermBase tb = place.load();
    CHECK(ids(tb) == std::vector<std::string>{"ncg", "kill-chain"});
    REQUIRE(tb.find("ncg") != nullptr);
    CHECK(*tb.find("ncg") == full_concept("ncg"));
    CHECK(*tb.find("kill-chain") == simple_concept("kill-chain", "Kill Chain", "킬체인"));
  }

  TERMBASE_TEST("set replaces a concept and keeps the others and their order") {
    place.add(simple_concept("a", "alpha", "알파"));
    place.add(simple_concept("b", "bravo", "브라보"));
    place.add(simple_concept("c", "charlie", "찰리"));
    gl::Concept b = *place.load().find("b");
    b.terms.push_back(term("en", "B", gl::TermType::acronym, gl::TermStatus::admitted));
    b.notes = {"changed"};
    b.terms.erase(b.terms.begin() + 1);  // ko 브라보
    place.set(b);
    gl::TermBase tb = place.load();
    CHECK(ids(tb) == std::vector<std::string>{"a", "b", "c"});
    CHECK(*tb.find("b") == b);
    CHECK(*tb.find("a") == simple_concept("a", "alpha", "알파"));
    CHECK(*tb.find("c") == simple_concept("c", "charlie", "찰리"));
  }

  TERMBASE_TEST("remove takes one concept out and keeps the rest") {
    place.add(simple_concept("a", "alpha", "알파"));
    place.add(full_concept("ncg"));
    place.add(simple_concept("c", "charlie", "찰리"));
    place.remove("ncg");
    gl::TermBase tb = place.load();
    CHECK(ids(tb) == std::vector<std::string>{"a", "c"});
    CHECK(tb.find("ncg") == nullptr);
    // The id is free again.
    place.add(simple_concept("ncg", "NCG", "핵협의그룹"));
    CHECK(ids(place.load()) == std::vector<std::string>{"a", "c", "ncg"});
  }

  TERMBASE_TEST("the repository's TBX term bases come back as they were read") {
    for (const auto& path : tbx_fixtures()) {
      CAPTURE(path);
      termbridge::Diagnostics diags;
      tbio::TermBaseReadOptions ro;
      ro.on_bad_entry = termbridge::OnBadEntry::warn;
      ro.diagnostics = &diags;
      gl::TermBase original = tbio::read_termbase_file(path, {}, ro);
      place.fill(original);
      gl::TermBase back = place.load();
      CHECK(back.concepts() == original.concepts());
      CHECK(back.title == original.title);
      CHECK(back.source_lang == original.source_lang);
      CHECK(as_tbx(back) == as_tbx(original));
      place.fill(gl::TermBase());
    }
  }
}

#if TB_HAVE_POSTGRESQL

namespace {

// A fresh term base in its own schema of the test database, or nothing (the test skips).
struct PgFixture {
  std::unique_ptr<tbtest::PgPlace> db = tbtest::PgPlace::make();
  std::string uri() { return db->memory("terms"); }
};

}  // namespace

TEST_SUITE("termdb.store") {
  TEST_CASE("a concept's version starts at 1 and grows with every change (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    tdb::TermStore store(f.uri());
    CHECK(store.add(simple_concept("a", "alpha", "알파")) == 1);
    gl::Concept a = store.get("a")->concept_;
    a.notes = {"one"};
    CHECK(store.update(a, 1) == 2);
    a.notes = {"two"};
    CHECK(store.update(a, 2) == 3);
    store.add(simple_concept("b", "bravo", "브라보"));
    using V = std::vector<std::pair<std::string, std::int64_t>>;
    CHECK(store.versions() == V{{"a", 3}, {"b", 1}});
    std::vector<std::int64_t> versions;
    gl::TermBase tb = store.load(&versions);
    CHECK(versions == std::vector<std::int64_t>{3, 1});
    CHECK(tb.find("a")->notes == std::vector<std::string>{"two"});
    // An import bumps what it changes and nothing else.
    auto r = store.modify([](gl::TermBase& t) {
      t.find("b")->domain = "navy";
      t.add(simple_concept("c", "charlie", "찰리"));
    });
    CHECK(r.added == 1);
    CHECK(r.changed == 1);
    CHECK(store.versions() == V{{"a", 3}, {"b", 2}, {"c", 1}});
  }

  TEST_CASE("an edit from a stale version is refused and writes nothing (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    tdb::TermStore store(f.uri());
    store.add(simple_concept("ncg", "NCG", "핵협의그룹"));
    gl::Concept mine = store.get("ncg")->concept_;
    gl::Concept theirs = mine;
    theirs.notes = {"theirs"};
    store.update(theirs, 1);
    mine.notes = {"mine"};
    try {
      store.update(mine, 1);
      FAIL("no conflict");
    } catch (const tdb::ConflictError& e) {
      CHECK(e.concept_id() == "ncg");
      CHECK(e.expected() == 1);
      CHECK(e.current() == 2);
      CHECK(std::string(e.what()).find("concept 'ncg' was changed by someone else since you read "
                                       "it (version 1, now 2); read it again and retry") !=
            std::string::npos);
    }
    CHECK(store.get("ncg")->concept_.notes == std::vector<std::string>{"theirs"});
    CHECK(store.get("ncg")->version == 2);
    CHECK_THROWS_AS(store.remove("ncg", 1), tdb::ConflictError);
    CHECK(store.get("ncg").has_value());
    // Several at once are all or none: the stale one keeps the current one in place too.
    store.add(simple_concept("scm", "SCM", "한미안보협의회의"));
    CHECK_THROWS_AS(store.remove({{"scm", 1}, {"ncg", 1}}), tdb::ConflictError);
    CHECK(store.get("scm").has_value());
    CHECK(store.get("ncg").has_value());
    store.remove({{"scm", 1}});
    CHECK_FALSE(store.get("scm").has_value());
    store.remove("ncg", 2);
    try {
      store.update(mine, 2);
      FAIL("no conflict");
    } catch (const tdb::ConflictError& e) {
      CHECK(e.current() == 0);
      CHECK(std::string(e.what()).find("was removed by someone else") != std::string::npos);
    }
    CHECK_FALSE(store.get("ncg").has_value());
  }

  TEST_CASE("two connections edit one concept at once: one wins, one conflicts (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    std::string uri = f.uri();
    {
      tdb::TermStore store(uri);
      store.add(simple_concept("ncg", "NCG", "핵협의그룹"));
    }
    for (int round = 0; round < 20; ++round) {
      CAPTURE(round);
      tdb::TermStore one(uri), two(uri);
      auto read = one.get("ncg");
      std::int64_t version = read->version;
      std::atomic<int> wins{0}, conflicts{0};
      std::atomic<bool> go{false};
      auto editor = [&](tdb::TermStore& store, const std::string& note) {
        gl::Concept c = read->concept_;
        c.terms.push_back(term("en", note));
        while (!go) {
          std::this_thread::yield();
        }
        try {
          store.update(c, version);
          ++wins;
        } catch (const tdb::ConflictError&) {
          ++conflicts;
        }
      };
      std::thread a(editor, std::ref(one), "from one " + std::to_string(round));
      std::thread b(editor, std::ref(two), "from two " + std::to_string(round));
      go = true;
      a.join();
      b.join();
      CHECK(wins == 1);
      CHECK(conflicts == 1);
      auto after = one.get("ncg");
      CHECK(after->version == version + 1);
      // The winner's term is there, whole: nothing half-written, nothing lost.
      const auto& terms = after->concept_.terms;
      CHECK(terms.size() == read->concept_.terms.size() + 1);
      CHECK(terms.back().text.find(std::to_string(round)) != std::string::npos);
    }
  }

  TEST_CASE("a failed import leaves the term base as it was (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    tdb::TermStore store(f.uri());
    store.add(full_concept("ncg"));
    gl::TermBase before = store.load();
    CHECK_THROWS_WITH_AS(store.modify([](gl::TermBase& tb) {
      tb.add(simple_concept("a", "alpha", "알파"));
      tb.find("ncg")->notes.clear();
      throw Error(ErrorKind::parse, "bad entry");
    }),
                         "bad entry", Error);
    // A write the server refuses half-way (bytes that are not UTF-8) rolls back the rest.
    CHECK_THROWS_WITH_AS(store.modify([](gl::TermBase& tb) {
      tb.add(simple_concept("b", "bravo", "브라보"));
      gl::Concept bad = simple_concept("bad", "x", "y");
      bad.terms[0].text = "\xff\xfe";
      tb.add(bad);
    }),
                         doctest::Contains("term base '"), Error);
    CHECK(store.load().concepts() == before.concepts());
    CHECK(store.versions().size() == 1);
  }

  TEST_CASE("adding an id that is taken is an error naming it (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    tdb::TermStore store(f.uri());
    store.add(simple_concept("a", "alpha", "알파"));
    CHECK_THROWS_WITH_AS(store.add(simple_concept("a", "other", "다른")),
                         doctest::Contains("concept 'a' is already in term base"), Error);
    CHECK(store.get("a")->concept_ == simple_concept("a", "alpha", "알파"));
  }

  TEST_CASE("a database without a term base is not made one when told not to (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    std::string uri = f.uri();
    const tdb::OpenOptions no_create{.create = false};
    CHECK_THROWS_WITH_AS(tdb::TermStore(uri, no_create),
                         doctest::Contains("holds no termbridge term base"), Error);
    std::string found;
    tbtest::pg_run(f.db->database(),
                   "SELECT count(*) FROM pg_class WHERE relname = 'tb_meta' AND relnamespace = "
                   "(SELECT oid FROM pg_namespace WHERE nspname = '" +
                       f.db->schema("terms") + "')",
                   nullptr, &found);
    CHECK(found == "0");
  }

  TEST_CASE("a term base of a newer schema version is refused and left alone (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    std::string uri = f.uri();
    {
      tdb::TermStore store(uri);
      store.add(simple_concept("a", "alpha", "알파"));
    }
    std::string schema = f.db->schema("terms");
    REQUIRE(tbtest::pg_run(f.db->database(), "UPDATE " + schema +
                                                 ".tb_meta SET value = '99' WHERE key = "
                                                 "'schema_version'"));
    CHECK_THROWS_WITH_AS(tdb::TermStore{uri},
                         doctest::Contains("has schema version 99, newer than this termbridge"),
                         Error);
    std::string count;
    tbtest::pg_run(f.db->database(), "SELECT count(*) FROM " + schema + ".tb_concepts", nullptr,
                   &count);
    CHECK(count == "1");
  }

  TEST_CASE("tables of another program are not taken for a term base (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    std::string uri = f.uri();
    std::string schema = f.db->schema("terms");
    REQUIRE(tbtest::pg_run(f.db->database(), "CREATE TABLE " + schema +
                                                 ".tb_concepts(x int); INSERT INTO " + schema +
                                                 ".tb_concepts VALUES (7)"));
    CHECK_THROWS_WITH_AS(tdb::TermStore{uri}, doctest::Contains("is not a termbridge term base"),
                         Error);
    std::string x;
    tbtest::pg_run(f.db->database(), "SELECT x FROM " + schema + ".tb_concepts", nullptr, &x);
    CHECK(x == "7");
  }

  TEST_CASE("errors name the URI without its password (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    // A port nobody listens on.
    std::string uri = "postgresql://someone:s3cret@127.0.0.1:1/terms?password=s3cret2";
    try {
      tdb::TermStore store(uri);
      FAIL("connected");
    } catch (const Error& e) {
      std::string m = e.what();
      CHECK(m.find("postgresql://someone@127.0.0.1:1/terms") != std::string::npos);
      CHECK(m.find("s3cret") == std::string::npos);
    }
  }

  TEST_CASE("a large term base loads whole and in order (postgresql)") {
    PgFixture f;
    if (!f.db) {
      return;
    }
    std::string uri = f.uri();
    std::string schema = f.db->schema("terms");
    gl::TermBase big = tbio::read_termbase_file(TB_SOURCE_DIR "/glossaries/defense.ko-en.tbx");
    REQUIRE(big.size() > 100);
    // The scans of tb_terms so far, as the server counts them. A connection sends its counts
    // when it closes, so each step below closes its store and waits for them to arrive.
    auto scans = [&] {
      std::string v;
      tbtest::pg_run(f.db->database(),
                     "SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0) FROM "
                     "pg_stat_user_tables WHERE schemaname = '" +
                         schema + "' AND relname = 'tb_terms'",
                     nullptr, &v);
      return std::stoll(v.empty() ? "0" : v);
    };
    auto scans_after = [&](long long before) {
      for (int i = 0; i < 100 && scans() == before; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      return scans();
    };
    long long start = scans();
    {
      tdb::TermStore store(uri);
      store.modify([&](gl::TermBase& tb) { tb = big; });
    }
    long long filled = scans_after(start);  // the import read the (empty) term base once
    gl::TermBase back;
    {
      tdb::TermStore store(uri, {.create = false, .read_only = true});
      back = store.load();
    }
    long long loaded = scans_after(filled);
    CHECK(back.concepts() == big.concepts());
    // One query for all terms, not one per concept (that would be hundreds of scans).
    CHECK(loaded - filled >= 1);
    CHECK(loaded - filled <= 2);
  }
}

#endif  // TB_HAVE_POSTGRESQL

TEST_CASE("redact_uri drops passwords, in the authority and as a parameter") {
  CHECK(tdb::redact_uri("postgresql://u:pw@h:5432/db?sslmode=require&password=x") ==
        "postgresql://u@h:5432/db?sslmode=require");
  CHECK(tdb::redact_uri("postgres:///db?host=/run/postgresql") ==
        "postgres:///db?host=/run/postgresql");
  CHECK(tdb::is_database_uri("postgresql://h/db"));
  CHECK(tdb::is_database_uri("postgres://h/db"));
  CHECK_FALSE(tdb::is_database_uri("terms.tbx"));
}
