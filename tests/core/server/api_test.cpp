#include "termbridge/server/api.hpp"

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/temp_dir.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/tm/memory.hpp"

namespace fs = std::filesystem;
using namespace termbridge;
using json = nlohmann::json;

namespace {

using termbridge::test::TempDir;

// A term base held in memory: the store the Api is written against, without a file.
class MemoryTermStore final : public server::TermStore {
 public:
  std::string name() const override { return "memory"; }
  std::string stamp() const override {
    std::lock_guard lock(mutex_);
    return std::to_string(edits_);
  }
  glossary::TermBase load() const override {
    std::lock_guard lock(mutex_);
    return tb_;
  }
  void edit(const std::function<Edits(const glossary::TermBase&)>& decide) override {
    std::lock_guard lock(mutex_);
    for (auto& [id, c] : decide(tb_)) {
      if (!c) {
        tb_.remove(id);
      } else if (auto* there = tb_.find(id)) {
        *there = *c;
      } else {
        tb_.add(*c);
      }
    }
    ++edits_;
  }
  glossary::TermBase tb_;

 private:
  mutable std::mutex mutex_;
  int edits_ = 0;
};

const char* kRo = "Bearer ro-token-0123456789abcdef";
const char* kRw = "Bearer rw-token-0123456789abcdef";

server::Tokens tokens() {
  return server::Tokens::parse(
      "# team tokens\nro ro-token-0123456789abcdef\nrw rw-token-0123456789abcdef\n", "tokens");
}

glossary::TermBase ncg_termbase() {
  glossary::TermBase tb;
  glossary::Concept c;
  c.id = "ncg";
  glossary::Term ko, en;
  ko.text = "핵협의그룹";
  ko.lang = LangTag::parse("ko");
  en.text = "Nuclear Consultative Group";
  en.lang = LangTag::parse("en");
  en.status = glossary::TermStatus::preferred;
  c.terms = {ko, en};
  tb.add(c);
  return tb;
}

struct Fixture {
  TempDir dir{"server-test"};
  MemoryTermStore store;
  std::unique_ptr<server::Api> api;
  Fixture() {
    store.tb_ = ncg_termbase();
    server::ApiOptions o;
    o.max_body = 4096;
    o.readers = 2;
    api = std::make_unique<server::Api>(dir.file("tm.sqlite"), &store, tokens(), o);
  }
  server::Response call(std::string method, std::string path, std::string body = {},
                        std::string auth = kRw) {
    server::Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.authorization = std::move(auth);
    return api->handle(r);
  }
  std::uint64_t units() {
    termbridge::tm::TranslationMemory m(dir.file("tm.sqlite"),
                                        {.create = false, .read_only = true});
    return m.stats().units;
  }
};

std::string error_code(const server::Response& r) {
  return json::parse(r.body).at("error").at("code").get<std::string>();
}

const std::string kImport = R"({"src_lang": "ko", "tgt_lang": "en", "units": [
  {"source": "한미 양국은 핵협의그룹 회의를 열었다.",
   "target": "The two allies held a Nuclear Consultative Group meeting."},
  {"source": "국방부는 훈련 계획을 발표했다.", "target": "The ministry announced the drill plan.",
   "document": "drill.ko.txt"}]})";

}  // namespace

TEST_CASE("server tokens: ro and rw lines; malformed files are refused with their line") {
  auto t = tokens();
  CHECK(t.size() == 2);
  CHECK(t.access("ro-token-0123456789abcdef") == server::Access::read);
  CHECK(t.access("rw-token-0123456789abcdef") == server::Access::write);
  CHECK(t.access("rw-token-0123456789abcde") == server::Access::none);
  CHECK(t.access("") == server::Access::none);
  auto refused = [](const char* text) {
    try {
      (void)server::Tokens::parse(text, "tokens");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(refused("").find("no token") != std::string::npos);
  CHECK(refused("rx 0123456789abcdef0\n").find("tokens:1") != std::string::npos);
  CHECK(refused("\nro short\n").find("tokens:2") != std::string::npos);
  CHECK(refused("ro 0123456789abcdef0\nrw 0123456789abcdef0\n").find("twice") != std::string::npos);
}

TEST_CASE("server api: no token, an unknown one and a read-only one writing are refused") {
  Fixture f;
  auto r = f.call("GET", "/v1/stats", {}, "");
  CHECK(r.status == 401);
  CHECK(error_code(r) == "unauthorized");
  CHECK(f.call("GET", "/v1/stats", {}, "Bearer nope-nope-nope-nope-nope").status == 401);
  CHECK(f.call("GET", "/v1/stats", {}, "Basic cm8tdG9rZW4=").status == 401);
  // Unknown paths are not shown to a caller without a token.
  CHECK(f.call("GET", "/v1/nothing", {}, "").status == 401);
  CHECK(f.call("GET", "/v1/stats", {}, kRo).status == 200);
  r = f.call("POST", "/v1/tm/units", kImport, kRo);
  CHECK(r.status == 403);
  CHECK(error_code(r) == "forbidden");
  CHECK(f.call("DELETE", "/v1/tm/units/1", {}, kRo).status == 403);
  CHECK(f.call("POST", "/v1/terms", R"({"concept": {"id": "x", "terms": []}})", kRo).status == 403);
  CHECK(f.call("PUT", "/v1/terms/ncg", "{}", kRo).status == 403);
  CHECK(f.units() == 0);
  CHECK(f.store.load().size() == 1);
}

TEST_CASE("server api: 404, 405, 413 and 400 naming the field") {
  Fixture f;
  CHECK(f.call("GET", "/v1/nothing").status == 404);
  CHECK(f.call("GET", "/v2/stats").status == 404);
  auto r = f.call("GET", "/v1/tm/units");
  CHECK(r.status == 405);
  CHECK(error_code(r) == "method_not_allowed");
  r = f.call("POST", "/v1/tm/units", std::string(5000, ' '));
  CHECK(r.status == 413);
  CHECK(error_code(r) == "payload_too_large");
  r = f.call("POST", "/v1/tm/units", R"({"src_lang": "ko", "tgt_lang": "en", "units": [)");
  CHECK(r.status == 400);
  CHECK(json::parse(r.body)["error"]["message"].get<std::string>().find("malformed JSON") == 0);
  r = f.call("POST", "/v1/tm/units",
             R"({"src_lang": "ko", "tgt_lang": "en", "units": [{"source": "a", "target": "b"},
                 {"source": "c"}]})");
  CHECK(r.status == 400);
  CHECK(json::parse(r.body)["error"]["message"] == "missing field units[1].target");
  r = f.call("POST", "/v1/tm/lookup", R"({"query": "x", "src_lang": "k o", "tgt_lang": "en"})");
  CHECK(r.status == 400);
  CHECK(json::parse(r.body)["error"]["message"].get<std::string>().find("src_lang") !=
        std::string::npos);
  r = f.call("POST", "/v1/tm/lookup", R"({"query": 3, "src_lang": "ko", "tgt_lang": "en"})");
  CHECK(json::parse(r.body)["error"]["message"] == "field query: expected a string");
  // Broken off inside a Hangul syllable: the message quotes it, and is still valid JSON.
  r = f.call("POST", "/v1/tm/lookup", "{\"query\": \"\xed\x95");
  CHECK(r.status == 400);
  CHECK(error_code(r) == "bad_request");
  r = f.call("POST", "/v1/tm/lookup", R"(["query"])");
  CHECK(r.status == 400);
  r = f.call(
      "POST", "/v1/tm/units",
      R"({"src_lang": "ko", "tgt_lang": "en", "units": [{"source": "a\u0000", "target": "b"}]})");
  CHECK(r.status == 400);
  // The first unit of a refused batch is not stored either.
  CHECK(f.units() == 0);
}

TEST_CASE("server api: import, lookup with diff and term hints, concordance, stats, remove") {
  Fixture f;
  auto r = f.call("POST", "/v1/tm/units", kImport);
  REQUIRE(r.status == 200);
  CHECK(json::parse(r.body) == json{{"added", 2}, {"duplicates", 0}, {"skipped", 0}});
  r = f.call("POST", "/v1/tm/units", kImport);
  CHECK(json::parse(r.body) == json{{"added", 0}, {"duplicates", 2}, {"skipped", 0}});
  CHECK(f.units() == 2);

  r = f.call("POST", "/v1/tm/lookup",
             R"({"query": "한미 양국은 핵협의그룹 회의를 다시 열었다.", "src_lang": "ko",
                 "tgt_lang": "en", "min_score": 50})",
             kRo);
  REQUIRE(r.status == 200);
  json j = json::parse(r.body);
  REQUIRE(j["matches"].size() == 1);
  CHECK(j["matches"][0]["target"] == "The two allies held a Nuclear Consultative Group meeting.");
  CHECK(j["matches"][0]["score"].get<double>() < 100);
  bool query_only = false;
  for (const auto& d : j["matches"][0]["diff"]) {
    query_only = query_only || (d["kind"] == "query_only" && d["query"] == "다시");
  }
  CHECK(query_only);
  REQUIRE(j["terms"].size() == 1);
  CHECK(j["terms"][0]["concept_id"] == "ncg");
  CHECK(j["terms"][0]["targets"][0]["text"] == "Nuclear Consultative Group");

  r = f.call("POST", "/v1/tm/concordance", R"({"text": "DRILL plan", "side": "target"})", kRo);
  j = json::parse(r.body);
  CHECK(j["total"] == 1);
  CHECK(j["units"][0]["document"] == "drill.ko.txt");
  r = f.call("POST", "/v1/tm/concordance", R"({"text": "DRILL plan", "side": "source"})", kRo);
  CHECK(json::parse(r.body)["total"] == 0);

  j = json::parse(f.call("GET", "/v1/stats", {}, kRo).body);
  CHECK(j["tm"]["units"] == 2);
  CHECK(j["glossary"]["concepts"] == 1);

  j = json::parse(f.call("POST", "/v1/tm/concordance", R"({"text": "drill"})").body);
  std::int64_t id = j["units"][0]["id"].get<std::int64_t>();
  CHECK(f.call("DELETE", "/v1/tm/units/" + std::to_string(id)).status == 200);
  CHECK(f.call("DELETE", "/v1/tm/units/" + std::to_string(id)).status == 404);
  CHECK(f.call("DELETE", "/v1/tm/units/1;DROP").status == 400);
  CHECK(f.units() == 1);
}

TEST_CASE("server api: SQL metacharacters are stored and found verbatim") {
  Fixture f;
  const std::string nasty = "'; DROP TABLE units; -- 100% _x_ \\\" \\\\ `$(x)`";
  json batch = {{"src_lang", "ko"},
                {"tgt_lang", "en"},
                {"document", nasty},
                {"units", {{{"source", "국방부 " + nasty}, {"target", "MND " + nasty}}}}};
  auto r = f.call("POST", "/v1/tm/units", batch.dump());
  REQUIRE(r.status == 200);
  CHECK(f.units() == 1);
  json q = {{"text", nasty}};
  json j = json::parse(f.call("POST", "/v1/tm/concordance", q.dump()).body);
  REQUIRE(j["total"] == 1);
  CHECK(j["units"][0]["source"] == "국방부 " + nasty);
  CHECK(j["units"][0]["target"] == "MND " + nasty);
  CHECK(j["units"][0]["document"] == nasty);
  // "%" and "_" are not wildcards: a phrase that is only they finds nothing else.
  f.call("POST", "/v1/tm/units",
         json({{"src_lang", "ko"},
               {"tgt_lang", "en"},
               {"units", {{{"source", "가"}, {"target", "a"}}}}})
             .dump());
  CHECK(json::parse(f.call("POST", "/v1/tm/concordance", R"({"text": "%"})").body)["total"] == 1);
  CHECK(json::parse(f.call("POST", "/v1/tm/concordance", R"({"text": "_"})").body)["total"] == 1);
}

TEST_CASE("server api: term search, add, edit with its version; a stale version is 409") {
  Fixture f;
  json j = json::parse(f.call("GET", "/v1/terms/ncg", {}, kRo).body);
  std::string v1 = j["concept"]["version"];
  CHECK(v1 == server::concept_version(*f.store.load().find("ncg")));

  server::Request search;
  search.method = "GET";
  search.path = "/v1/terms";
  search.authorization = kRo;
  search.params.emplace("query", "nuclear consultative");
  j = json::parse(f.api->handle(search).body);
  REQUIRE(j["hits"].size() == 1);
  CHECK(j["hits"][0]["concept"]["id"] == "ncg");

  json edit = {
      {"version", v1},
      {"concept",
       {{"domain", "defense"},
        {"terms",
         {{{"lang", "ko"}, {"text", "핵협의그룹"}},
          {{"lang", "en"}, {"text", "Nuclear Consultative Group"}, {"status", "preferred"}},
          {{"lang", "en"}, {"text", "NCG"}, {"type", "acronym"}}}}}}};
  auto r = f.call("PUT", "/v1/terms/ncg", edit.dump());
  REQUIRE(r.status == 200);
  std::string v2 = json::parse(r.body)["version"];
  CHECK(v2 != v1);
  CHECK(f.store.load().find("ncg")->terms.size() == 3);

  // The same edit again names v1, which is stale now.
  r = f.call("PUT", "/v1/terms/ncg", edit.dump());
  CHECK(r.status == 409);
  CHECK(error_code(r) == "conflict");
  CHECK(json::parse(r.body)["error"]["message"].get<std::string>().find(v2) != std::string::npos);
  CHECK(f.store.load().find("ncg")->terms.size() == 3);

  json add = {{"concept", {{"id", "mnd"}, {"terms", {{{"lang", "ko"}, {"text", "국방부"}}}}}}};
  r = f.call("POST", "/v1/terms", add.dump());
  CHECK(r.status == 201);
  r = f.call("POST", "/v1/terms", add.dump());
  CHECK(r.status == 409);
  CHECK(f.store.load().size() == 2);

  r = f.call("DELETE", "/v1/terms/mnd");
  CHECK(r.status == 400);  // without its version
  server::Request del;
  del.method = "DELETE";
  del.path = "/v1/terms/mnd";
  del.authorization = kRw;
  del.params.emplace("version", "0000000000000000");
  CHECK(f.api->handle(del).status == 409);
  del.params.clear();
  del.params.emplace("version", server::concept_version(*f.store.load().find("mnd")));
  CHECK(f.api->handle(del).status == 200);
  CHECK(f.store.load().size() == 1);
  CHECK(f.call("GET", "/v1/terms/mnd").status == 404);
  CHECK(f.call("PUT", "/v1/terms/nothing", edit.dump()).status == 404);
}

TEST_CASE("server api: imports and lookups from many threads lose and double nothing") {
  Fixture f;
  constexpr int kThreads = 6, kBatches = 10, kPerBatch = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int b = 0; b < kBatches; ++b) {
        json units = json::array();
        for (int i = 0; i < kPerBatch; ++i) {
          std::string n = std::to_string(t) + "-" + std::to_string(b) + "-" + std::to_string(i);
          units.push_back(
              {{"source", "문장 " + n + " 회의를 열었다."}, {"target", "Sentence " + n}});
        }
        json batch = {{"src_lang", "ko"}, {"tgt_lang", "en"}, {"units", units}};
        auto r = f.call("POST", "/v1/tm/units", batch.dump());
        if (r.status != 200 || json::parse(r.body)["added"] != kPerBatch) {
          ++failures;
        }
        auto l =
            f.call("POST", "/v1/tm/lookup",
                   R"({"query": "문장 회의를 열었다.", "src_lang": "ko", "tgt_lang": "en"})", kRo);
        if (l.status != 200) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) {
    th.join();
  }
  CHECK(failures == 0);
  CHECK(f.units() == std::uint64_t{kThreads} * kBatches * kPerBatch);
}
