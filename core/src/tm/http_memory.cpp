// A memory served by `termbridge serve`, through its /v1 API: lookups and imports go to the
// server, which holds the memory file or database. The API's JSON is read here rather than
// with core/server's types, since server comes after tm in the module order; the two are
// kept together by tests/cli/serve_tm_test.sh, which compares a pre-translation through the
// server with one on the file.

#include <cstdlib>

#include "termbridge/base/error.hpp"
#include "tm/backend.hpp"

#ifdef TB_HAVE_HTTPLIB
#include <httplib.h>

#include <nlohmann/json.hpp>
#endif

namespace termbridge::tm::detail {

#ifdef TB_HAVE_HTTPLIB

namespace {

using json = nlohmann::json;

[[noreturn]] void unsupported(const std::string& uri, const char* what) {
  throw Error(ErrorKind::invalid_argument,
              std::string(what) + " is not offered by a served memory (" + uri +
                  "); run it where the memory is, on the file or database the server was given");
}

class HttpMemory final : public MemoryBackend {
 public:
  HttpMemory(const std::string& uri, const OpenOptions& options) : uri_(uri) {
    std::string rest = uri.substr(7);
    if (auto slash = rest.find('/'); slash != std::string::npos) {
      if (rest.substr(slash) != "/") {
        throw Error(
            ErrorKind::invalid_argument,
            "a served memory is http://HOST:PORT, without a path: " + termbridge::quoted(uri));
      }
      rest = rest.substr(0, slash);
    }
    if (rest.empty()) {
      throw Error(ErrorKind::invalid_argument, "no host in " + termbridge::quoted(uri));
    }
    uri_ = "http://" + rest;
    token_ = options.token;
    if (token_.empty()) {
      if (const char* env = std::getenv("TERMBRIDGE_TOKEN")) {
        token_ = env;
      }
    }
    if (token_.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  "a served memory needs a token: --token TOKEN or TERMBRIDGE_TOKEN");
    }
    client_ = std::make_unique<httplib::Client>(uri_);
    client_->set_bearer_token_auth(token_);
    client_->set_keep_alive(true);
    client_->set_tcp_nodelay(true);
    client_->set_connection_timeout(std::chrono::seconds(10));
    client_->set_read_timeout(std::chrono::seconds(120));
    client_->set_write_timeout(std::chrono::seconds(120));
    // Reaches the server, proves the token, and learns how the memory cuts Korean.
    json s = call("GET", "/v1/stats", {});
    mode_ = parse_korean_tokens(s.at("tm").at("korean_tokens").get<std::string>());
  }

  const std::string& path() const noexcept override { return uri_; }
  KoreanTokens korean_tokens() const noexcept override { return mode_; }

  ImportResult import_units(const UnitSource& next, const ImportOptions& options) override {
    if (options.src_lang.empty() || options.tgt_lang.empty()) {
      throw Error(ErrorKind::invalid_argument, "an import needs the source and target language");
    }
    json units = json::array();
    TranslationUnit u;
    std::uint64_t skipped = 0;
    std::uint64_t read = 0;
    while (next(u)) {
      ++read;
      const Variant* src = u.find(options.src_lang);
      const Variant* tgt = u.find(options.tgt_lang);
      if (!src || !tgt || src->segment.text.empty() || tgt->segment.text.empty()) {
        ++skipped;  // as a local import skips them
        continue;
      }
      json j = {{"source", src->segment.text}, {"target", tgt->segment.text}};
      for (const auto& p : u.props) {
        if (p.type == "x-document" && !p.value.empty()) {
          j["document"] = p.value;
        }
      }
      if (!u.notes.empty()) {
        j["note"] = u.notes.front();
      }
      units.push_back(std::move(j));
      if (options.on_progress && read % 1000 == 0) {
        options.on_progress(read);
      }
      u = TranslationUnit();
    }
    // One request, so one transaction on the server: the import is whole or not at all.
    json body = {{"src_lang", options.src_lang.str()},
                 {"tgt_lang", options.tgt_lang.str()},
                 {"units", std::move(units)}};
    if (!options.document.empty()) {
      body["document"] = options.document;
    }
    json r = call("POST", "/v1/tm/units", body.dump());
    ImportResult out;
    out.added = r.at("added").get<std::uint64_t>();
    out.duplicates = r.at("duplicates").get<std::uint64_t>();
    out.skipped = r.at("skipped").get<std::uint64_t>() + skipped;
    return out;
  }

  std::uint64_t export_units(const std::function<void(const TranslationUnit&)>&,
                             const ExportFilter&) const override {
    unsupported(uri_, "export");
  }

  std::vector<MemoryMatch> lookup(std::string_view query,
                                  const LookupOptions& options) const override {
    if (options.src_lang.empty() || options.tgt_lang.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  "a lookup in a served memory needs the source and target language");
    }
    std::vector<MemoryMatch> out;
    if (options.max_results == 0) {
      return out;
    }
    json body = {{"query", query},
                 {"src_lang", options.src_lang.str()},
                 {"tgt_lang", options.tgt_lang.str()},
                 {"min_score", options.threshold},
                 {"limit", options.max_results},
                 {"candidates", options.candidates},
                 {"diff", options.with_diff}};
    json r = call("POST", "/v1/tm/lookup", body.dump());
    for (const auto& m : r.at("matches")) {
      MemoryMatch mm;
      mm.id = m.at("id").get<std::int64_t>();
      mm.part_of = m.value("part_of", std::int64_t{0});
      mm.score = m.at("score").get<double>();
      mm.source = m.at("source").get<std::string>();
      mm.target = m.at("target").get<std::string>();
      const json& uj = m.at("unit");
      TranslationUnit& u = mm.unit;
      u.id = std::to_string(mm.id);
      u.creation_date = uj.at("creation_date").get<std::string>();
      u.creation_id = uj.at("creation_id").get<std::string>();
      u.change_date = uj.at("change_date").get<std::string>();
      u.change_id = uj.at("change_id").get<std::string>();
      for (const auto& p : uj.at("props")) {
        u.props.push_back({p.at("type").get<std::string>(), p.at("value").get<std::string>()});
      }
      u.notes = uj.at("notes").get<std::vector<std::string>>();
      Variant src, tgt;
      src.lang = LangTag::parse(uj.at("src_lang").get<std::string>());
      tgt.lang = LangTag::parse(uj.at("tgt_lang").get<std::string>());
      src.segment.text = mm.source;
      tgt.segment.text = mm.target;
      u.variants.push_back(std::move(src));
      u.variants.push_back(std::move(tgt));
      for (const auto& d : m.at("diff")) {
        DiffPart part;
        std::string kind = d.at("kind").get<std::string>();
        part.kind = kind == "changed"      ? DiffPart::Kind::changed
                    : kind == "query_only" ? DiffPart::Kind::query_only
                    : kind == "match_only" ? DiffPart::Kind::match_only
                                           : DiffPart::Kind::same;
        part.query = {d.at("query_span")[0].get<std::size_t>(),
                      d.at("query_span")[1].get<std::size_t>()};
        part.match = {d.at("match_span")[0].get<std::size_t>(),
                      d.at("match_span")[1].get<std::size_t>()};
        mm.diff.push_back(part);
      }
      out.push_back(std::move(mm));
    }
    return out;
  }

  std::vector<MemoryMatch> lookup_linear(std::string_view, const LookupOptions&) const override {
    unsupported(uri_, "a linear lookup");
  }
  std::uint64_t remove_ids(const std::vector<std::int64_t>&) override {
    unsupported(uri_, "removal by id");
  }
  std::uint64_t remove_document(std::string_view) override {
    unsupported(uri_, "removal by document");
  }

  MemoryStats stats() const override {
    json s = call("GET", "/v1/stats", {}).at("tm");
    MemoryStats out;
    out.units = s.at("units").get<std::uint64_t>();
    out.parts = s.at("parts").get<std::uint64_t>();
    out.index_tokens = s.at("index_tokens").get<std::uint64_t>();
    out.korean_tokens = parse_korean_tokens(s.at("korean_tokens").get<std::string>());
    out.schema_version = TranslationMemory::kSchemaVersion;
    for (const auto& p : s.at("language_pairs")) {
      out.language_pairs.push_back({p.at("src_lang").get<std::string>(),
                                    p.at("tgt_lang").get<std::string>(),
                                    p.at("units").get<std::uint64_t>()});
    }
    for (const auto& d : s.at("documents")) {
      out.documents.push_back(
          {d.at("document").get<std::string>(), d.at("units").get<std::uint64_t>()});
    }
    return out;
  }

  std::vector<std::pair<std::string, std::string>> language_pairs() const override {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& p : stats().language_pairs) {
      out.emplace_back(p.src_lang, p.tgt_lang);
    }
    return out;
  }

 private:
  // The client is one connection: requests from one memory object take turns.
  json call(const char* method, const char* path, const std::string& body) const {
    std::lock_guard lock(mutex_);
    httplib::Result res = std::string_view(method) == "GET"
                              ? client_->Get(path)
                              : client_->Post(path, body, "application/json");
    if (!res) {
      throw Error(ErrorKind::io,
                  "cannot reach the memory at " + uri_ + ": " + httplib::to_string(res.error()));
    }
    json j = json::parse(res->body, nullptr, false);
    if (res->status != 200) {
      std::string message = "HTTP " + std::to_string(res->status);
      if (!j.is_discarded() && j.contains("error")) {
        message = j["error"].value("message", message);
      }
      throw Error(
          res->status == 400 || res->status == 413 ? ErrorKind::invalid_argument : ErrorKind::io,
          "the memory at " + uri_ + " refused " + path + " (" + std::to_string(res->status) +
              "): " + message);
    }
    if (j.is_discarded()) {
      throw Error(ErrorKind::parse, "the memory at " + uri_ + " did not answer JSON to " + path);
    }
    return j;
  }

  std::string uri_;
  std::string token_;
  KoreanTokens mode_ = KoreanTokens::particles;
  mutable std::mutex mutex_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace

std::unique_ptr<MemoryBackend> open_http(const std::string& uri, const OpenOptions& options) {
  try {
    return std::make_unique<HttpMemory>(uri, options);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::parse,
                "the memory at " + uri + " answered JSON of another shape: " + e.what());
  }
}

#else

std::unique_ptr<MemoryBackend> open_http(const std::string& uri, const OpenOptions&) {
  throw Error(ErrorKind::invalid_argument,
              "this termbridge was built without cpp-httplib (Debian: libcpp-httplib-dev), so "
              "it cannot use the served memory " +
                  termbridge::quoted(uri));
}

#endif

}  // namespace termbridge::tm::detail
