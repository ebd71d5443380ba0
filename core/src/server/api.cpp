#include "termbridge/server/api.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "termbridge/base/error.hpp"
#include "termbridge/base/lang.hpp"
#include "termbridge/glossary/matcher.hpp"
#include "termbridge/glossary/termbase_ops.hpp"
#include "termbridge/text/normalize.hpp"
#include "termbridge/tm/memory.hpp"

namespace termbridge::server {

using json = nlohmann::json;

namespace {

// An answer other than 200, thrown from anywhere inside a handler.
struct Refusal {
  int status;
  std::string code;
  std::string message;
};

[[noreturn]] void bad_request(const std::string& message) {
  throw Refusal{400, "bad_request", message};
}

std::string status_name(glossary::TermStatus s) {
  return std::string(glossary::to_string(s));
}

// ---- JSON fields: every refusal names the field ----

const json* field(const json& obj, const char* name, const std::string& where) {
  if (!obj.is_object()) {
    bad_request((where.empty() ? std::string("the body") : where) + ": expected a JSON object");
  }
  auto it = obj.find(name);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

std::string path_of(const std::string& where, const char* name) {
  return where.empty() ? std::string(name) : where + "." + name;
}

std::optional<std::string> opt_string(const json& obj, const char* name,
                                      const std::string& where = {}) {
  const json* v = field(obj, name, where);
  if (!v) {
    return std::nullopt;
  }
  if (!v->is_string()) {
    bad_request("field " + path_of(where, name) + ": expected a string");
  }
  std::string s = v->get<std::string>();
  if (s.find('\0') != std::string::npos) {
    bad_request("field " + path_of(where, name) + ": a NUL character is not text");
  }
  return s;
}

std::string req_string(const json& obj, const char* name, const std::string& where = {}) {
  auto s = opt_string(obj, name, where);
  if (!s) {
    bad_request("missing field " + path_of(where, name));
  }
  return *s;
}

std::string req_text(const json& obj, const char* name, const std::string& where = {}) {
  std::string s = req_string(obj, name, where);
  if (s.empty()) {
    bad_request("field " + path_of(where, name) + ": empty");
  }
  return s;
}

LangTag lang_field(const json& obj, const char* name, bool required) {
  auto s = required ? std::optional(req_string(obj, name)) : opt_string(obj, name);
  if (!s || s->empty()) {
    if (required) {
      bad_request("field " + std::string(name) + ": empty");
    }
    return {};
  }
  auto tag = LangTag::try_parse(*s);
  if (!tag) {
    bad_request("field " + std::string(name) + ": not a language tag: " + termbridge::quoted(*s));
  }
  return *tag;
}

double number_field(const json& obj, const char* name, double fallback, double lo, double hi) {
  const json* v = field(obj, name, {});
  if (!v) {
    return fallback;
  }
  if (!v->is_number()) {
    bad_request("field " + std::string(name) + ": expected a number");
  }
  double d = v->get<double>();
  if (!(d >= lo && d <= hi)) {
    bad_request("field " + std::string(name) + ": expected a number from " +
                std::to_string(static_cast<long long>(lo)) + " to " +
                std::to_string(static_cast<long long>(hi)));
  }
  return d;
}

std::size_t count_value(std::string_view text, const char* name, std::size_t fallback,
                        std::size_t max) {
  if (text.empty()) {
    return fallback;
  }
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n == 0 || n > max) {
    bad_request(std::string(name) + ": expected a whole number from 1 to " + std::to_string(max) +
                ", not " + termbridge::quoted(text));
  }
  return n;
}

std::size_t limit_field(const json& obj, std::size_t fallback, std::size_t max) {
  const json* v = field(obj, "limit", {});
  if (!v) {
    return fallback;
  }
  if (!v->is_number_integer() || v->get<long long>() < 1 ||
      v->get<long long>() > static_cast<long long>(max)) {
    bad_request("field limit: expected a whole number from 1 to " + std::to_string(max));
  }
  return static_cast<std::size_t>(v->get<long long>());
}

json parse_body(const std::string& body) {
  if (body.empty()) {
    bad_request("the request needs a JSON body");
  }
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ...": the part
    // after the bracket says where and what.
    std::string what = e.what();
    std::size_t close = what.find("] ");
    bad_request("malformed JSON: " + (close == std::string::npos ? what : what.substr(close + 2)));
  }
  if (!j.is_object()) {
    bad_request("the body: expected a JSON object");
  }
  return j;
}

// A message may quote the body where it broke off, inside a UTF-8 sequence: such bytes
// are replaced (U+FFFD) rather than making the answer itself fail.
std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// ---- concepts in JSON ----

json term_json(const glossary::Term& t) {
  json j = {{"lang", t.lang.str()}, {"text", t.text}};
  if (t.type != glossary::TermType::unspecified) {
    j["type"] = std::string(glossary::to_string(t.type));
  }
  if (t.status != glossary::TermStatus::unspecified) {
    j["status"] = status_name(t.status);
  }
  if (!t.part_of_speech.empty()) {
    j["pos"] = t.part_of_speech;
  }
  if (!t.note.empty()) {
    j["note"] = t.note;
  }
  return j;
}

json concept_json(const glossary::Concept& c) {
  json terms = json::array();
  for (const auto& t : c.terms) {
    terms.push_back(term_json(t));
  }
  json j = {{"id", c.id}, {"terms", std::move(terms)}, {"version", concept_version(c)}};
  if (!c.domain.empty()) {
    j["domain"] = c.domain;
  }
  if (!c.definition.empty()) {
    j["definition"] = c.definition;
  }
  if (!c.notes.empty()) {
    j["notes"] = c.notes;
  }
  return j;
}

// The fields a client sets (id, domain, definition, notes, terms) onto `c`, which keeps
// what the API does not show (per-language data, other data categories, a term's extra
// categories when its language and text stay).
void apply_concept_json(const json& j, glossary::Concept& c) {
  const std::string where = "concept";
  c.domain = opt_string(j, "domain", where).value_or("");
  c.definition = opt_string(j, "definition", where).value_or("");
  c.notes.clear();
  if (const json* notes = field(j, "notes", where)) {
    if (!notes->is_array()) {
      bad_request("field concept.notes: expected an array of strings");
    }
    for (std::size_t i = 0; i < notes->size(); ++i) {
      const json& n = (*notes)[i];
      std::string at = "concept.notes[" + std::to_string(i) + "]";
      if (!n.is_string() || n.get<std::string>().find('\0') != std::string::npos) {
        bad_request("field " + at + ": expected a string without NUL characters");
      }
      if (!n.get<std::string>().empty()) {
        c.notes.push_back(n.get<std::string>());
      }
    }
  }
  const json* terms = field(j, "terms", where);
  if (!terms || !terms->is_array() || terms->empty()) {
    bad_request("field concept.terms: expected an array of one term or more");
  }
  std::vector<glossary::Term> old = std::move(c.terms);
  c.terms.clear();
  for (std::size_t i = 0; i < terms->size(); ++i) {
    std::string at = "concept.terms[" + std::to_string(i) + "]";
    const json& tj = (*terms)[i];
    glossary::Term t;
    std::string lang = req_text(tj, "lang", at);
    auto tag = LangTag::try_parse(lang);
    if (!tag) {
      bad_request("field " + at + ".lang: not a language tag: " + termbridge::quoted(lang));
    }
    t.lang = *tag;
    t.text = req_text(tj, "text", at);
    if (auto s = opt_string(tj, "status", at); s && !s->empty()) {
      auto st = glossary::parse_term_status(*s);
      if (!st) {
        bad_request("field " + at + ".status: unknown status " + termbridge::quoted(*s) +
                    " (preferred, admitted, deprecated, forbidden)");
      }
      t.status = *st;
    }
    if (auto s = opt_string(tj, "type", at); s && !s->empty()) {
      auto ty = glossary::parse_term_type(*s);
      if (!ty) {
        bad_request("field " + at + ".type: unknown term type " + termbridge::quoted(*s));
      }
      t.type = *ty;
    }
    t.part_of_speech = opt_string(tj, "pos", at).value_or("");
    t.note = opt_string(tj, "note", at).value_or("");
    for (const auto& o : old) {
      if (o.lang == t.lang && o.text == t.text) {
        t.extra = o.extra;
      }
    }
    for (const auto& u : c.terms) {
      if (u.lang == t.lang && u.text == t.text) {
        bad_request("field " + at + ": the term " + termbridge::quoted(t.text) + " (" +
                    t.lang.str() + ") is given twice");
      }
    }
    c.terms.push_back(std::move(t));
  }
}

// ---- the term base as the server holds it ----

struct Snapshot {
  glossary::TermBase tb;
  std::string stamp;
  std::string version;  // of the whole term base
  mutable std::mutex matchers_mutex;
  // One matcher per source language, built when first asked for.
  mutable std::map<std::string, std::unique_ptr<glossary::TermMatcher>, std::less<>> matchers;

  const glossary::TermMatcher& matcher(const LangTag& lang) const {
    std::lock_guard lock(matchers_mutex);
    auto& m = matchers[lang.str()];
    if (!m) {
      m = std::make_unique<glossary::TermMatcher>(tb, lang);
    }
    return *m;
  }
};

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
  // The length first, so that ("ab", "c") and ("a", "bc") differ.
  for (std::size_t n = s.size(), i = 0; i < 8; ++i, n >>= 8) {
    h = (h ^ (n & 0xff)) * 0x100000001b3ULL;
  }
  for (char ch : s) {
    h = (h ^ static_cast<unsigned char>(ch)) * 0x100000001b3ULL;
  }
  return h;
}

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string concept_version(const glossary::Concept& c) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto add = [&](std::string_view s) { h = fnv1a(h, s); };
  auto add_descriptions = [&](const std::vector<glossary::Description>& ds) {
    add(std::to_string(ds.size()));
    for (const auto& d : ds) {
      add(d.type);
      add(d.text);
      add(d.element);
    }
  };
  add(c.id);
  add(c.domain);
  add(c.definition);
  add(std::to_string(c.notes.size()));
  for (const auto& n : c.notes) {
    add(n);
  }
  add(std::to_string(c.terms.size()));
  for (const auto& t : c.terms) {
    add(t.text);
    add(t.lang.str());
    add(glossary::to_string(t.type));
    add(glossary::to_string(t.status));
    add(t.part_of_speech);
    add(t.note);
    add_descriptions(t.extra);
  }
  add(std::to_string(c.languages.size()));
  for (const auto& l : c.languages) {
    add(l.lang.str());
    add(l.definition);
    add(std::to_string(l.notes.size()));
    for (const auto& n : l.notes) {
      add(n);
    }
  }
  add_descriptions(c.descriptions);
  return hex(h);
}

// ---- tokens ----

Tokens Tokens::parse(std::string_view text, std::string_view source_name) {
  Tokens tokens;
  std::uint64_t line_no = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    auto trim = [](std::string_view s) {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
      }
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
      }
      return s;
    };
    line = trim(line);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    SourceLocation at{std::string(source_name), line_no, 1};
    std::size_t space = line.find_first_of(" \t");
    std::string_view rights = line.substr(0, space);
    std::string_view token =
        space == std::string_view::npos ? std::string_view() : trim(line.substr(space));
    Access access = rights == "ro" ? Access::read : rights == "rw" ? Access::write : Access::none;
    if (access == Access::none) {
      throw Error(
          ErrorKind::parse,
          "expected \"ro TOKEN\" or \"rw TOKEN\", not " + termbridge::quoted(rights) + " first",
          at);
    }
    bool printable =
        std::all_of(token.begin(), token.end(), [](char ch) { return ch > ' ' && ch < 0x7f; });
    if (!printable || token.size() < 16 || token.size() > 256) {
      throw Error(ErrorKind::parse,
                  "a token is 16 to 256 printable ASCII characters without spaces", at);
    }
    if (!tokens.tokens_.emplace(std::string(token), access).second) {
      throw Error(ErrorKind::parse, "this token is given twice", at);
    }
  }
  if (tokens.tokens_.empty()) {
    throw Error(ErrorKind::parse, "no token (lines \"ro TOKEN\" or \"rw TOKEN\")",
                {std::string(source_name)});
  }
  return tokens;
}

Access Tokens::access(std::string_view token) const {
  // Every token is compared, all bytes of each, so the time taken does not tell how much
  // of a guess was right.
  Access found = Access::none;
  for (const auto& [t, a] : tokens_) {
    unsigned char diff = t.size() == token.size() ? 0 : 1;
    for (std::size_t i = 0; i < t.size(); ++i) {
      diff |=
          static_cast<unsigned char>(static_cast<unsigned char>(t[i]) ^
                                     static_cast<unsigned char>(i < token.size() ? token[i] : 0));
    }
    if (diff == 0) {
      found = a;
    }
  }
  return found;
}

// ---- the API ----

struct Api::Impl {
  std::string memory_path;
  TermStore* terms;
  Tokens tokens;
  ApiOptions options;

  // One writer: imports and removals take turns here rather than waiting on the database.
  std::mutex writer_mutex;
  tm::TranslationMemory writer;

  // Lookups run at once on connections of their own (SQLite in WAL mode lets readers go on
  // beside a writer).
  std::mutex readers_mutex;
  std::condition_variable reader_free;
  std::vector<std::unique_ptr<tm::TranslationMemory>> readers;

  std::mutex snapshot_mutex;
  std::shared_ptr<const Snapshot> snapshot;

  Impl(const std::string& memory, TermStore* store, Tokens t, ApiOptions o)
      : memory_path(memory),
        terms(store),
        tokens(std::move(t)),
        options(std::move(o)),
        writer(memory) {
    for (std::size_t i = 0; i < std::max<std::size_t>(options.readers, 1); ++i) {
      readers.push_back(std::make_unique<tm::TranslationMemory>(
          memory, tm::OpenOptions{.create = false, .read_only = true}));
    }
    if (terms) {
      snapshot = load_snapshot();
    }
  }

  std::shared_ptr<const Snapshot> load_snapshot() const {
    auto s = std::make_shared<Snapshot>();
    // The stamp before the read: a change in between makes the next request read again.
    s->stamp = terms->stamp();
    s->tb = terms->load();
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const auto& c : s->tb.concepts()) {
      h = fnv1a(h, concept_version(c));
    }
    s->version = hex(h);
    return s;
  }

  // The term base as stored now: read again when another program changed it.
  std::shared_ptr<const Snapshot> term_base() {
    if (!terms) {
      throw Refusal{404, "not_found", "this server has no term base (serve --glossary)"};
    }
    std::lock_guard lock(snapshot_mutex);
    if (terms->stamp() != snapshot->stamp) {
      snapshot = load_snapshot();
    }
    return snapshot;
  }

  class Reader {
   public:
    explicit Reader(Impl& impl) : impl_(impl) {
      std::unique_lock lock(impl_.readers_mutex);
      impl_.reader_free.wait(lock, [&] { return !impl_.readers.empty(); });
      memory_ = std::move(impl_.readers.back());
      impl_.readers.pop_back();
    }
    ~Reader() {
      {
        std::lock_guard lock(impl_.readers_mutex);
        impl_.readers.push_back(std::move(memory_));
      }
      impl_.reader_free.notify_one();
    }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    tm::TranslationMemory* operator->() { return memory_.get(); }
    tm::TranslationMemory& operator*() { return *memory_; }

   private:
    Impl& impl_;
    std::unique_ptr<tm::TranslationMemory> memory_;
  };

  // The store refuses an edit it cannot write (a term in a language the file has no column
  // for): the caller's to fix, so 400 with its message.
  void edit_terms(const std::function<TermStore::Edits(const glossary::TermBase&)>& decide) {
    try {
      terms->edit(decide);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid_argument) {
        throw;
      }
      bad_request(e.message());
    }
  }

  Response route(const Request& req);
  json lookup(const json& body);
  json concordance(const json& body);
  json add_units(const json& body);
  json remove_unit(std::string_view id_text);
  json stats();
  json search_terms(const Request& req);
  json get_concept(const std::string& id);
  json add_concept(const json& body);
  json edit_concept(const std::string& id, const json* body, std::string_view version);
};

Api::Api(const std::string& memory, TermStore* terms, Tokens tokens, ApiOptions options)
    : impl_(std::make_unique<Impl>(memory, terms, std::move(tokens), std::move(options))) {}

Api::~Api() = default;

Response Api::error(int status, std::string_view code, std::string_view message) {
  json j = {{"error", {{"code", code}, {"message", message}}}};
  return {status, dump(j)};
}

Response Api::handle(const Request& request) noexcept {
  try {
    try {
      return impl_->route(request);
    } catch (const Refusal& r) {
      return error(r.status, r.code, r.message);
    } catch (const Error& e) {
      // The caller's values are checked before the memory or term base sees them; what is
      // left is the storage failing (a locked or full disk, a lost connection).
      if (impl_->options.log) {
        impl_->options.log(e.what());
      }
      return error(500, "internal", "the request failed on the server; nothing was changed");
    } catch (const std::exception& e) {
      if (impl_->options.log) {
        impl_->options.log(e.what());
      }
      return error(500, "internal", "the request failed on the server; nothing was changed");
    }
  } catch (...) {
    return {500, R"({"error":{"code":"internal","message":"the request failed on the server"}})"};
  }
}

Response Api::Impl::route(const Request& req) {
  // No token, no access: the token is checked before the path, so that a caller without
  // one learns nothing of what is served.
  std::string_view auth = req.authorization;
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.empty()) {
    throw Refusal{401, "unauthorized", "missing token (Authorization: Bearer TOKEN)"};
  }
  if (!auth.starts_with(kBearer)) {
    throw Refusal{401, "unauthorized", "expected Authorization: Bearer TOKEN"};
  }
  Access access = tokens.access(auth.substr(kBearer.size()));
  if (access == Access::none) {
    throw Refusal{401, "unauthorized", "unknown token"};
  }

  const std::string& p = req.path;
  const std::string& m = req.method;
  struct Route {
    std::vector<std::string_view> methods;  // allowed; the writing ones named in `writes`
    std::set<std::string_view> writes;
  };
  Route route;
  std::string tail;  // the id at the end of the path
  if (p == "/v1/health" || p == "/v1/stats" || p == "/v1/tm/stats") {
    route = {{"GET"}, {}};
  } else if (p == "/v1/tm/lookup" || p == "/v1/tm/concordance") {
    route = {{"POST"}, {}};
  } else if (p == "/v1/tm/units") {
    route = {{"POST"}, {"POST"}};
  } else if (p.starts_with("/v1/tm/units/") && p.size() > 13) {
    route = {{"DELETE"}, {"DELETE"}};
    tail = p.substr(13);
  } else if (p == "/v1/terms") {
    route = {{"GET", "POST"}, {"POST"}};
  } else if (p.starts_with("/v1/terms/") && p.size() > 10) {
    route = {{"GET", "PUT", "DELETE"}, {"PUT", "DELETE"}};
    tail = p.substr(10);
  } else {
    throw Refusal{404, "not_found", "no such resource: " + p};
  }
  if (std::find(route.methods.begin(), route.methods.end(), m) == route.methods.end()) {
    std::string allowed;
    for (auto a : route.methods) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(a);
    }
    throw Refusal{405, "method_not_allowed", m + " is not allowed on " + p + " (" + allowed + ")"};
  }
  if (route.writes.count(m) && access != Access::write) {
    throw Refusal{403, "forbidden", "this token may read only"};
  }
  if (req.body.size() > options.max_body) {
    throw Refusal{413, "payload_too_large",
                  "the body is over " + std::to_string(options.max_body) + " bytes"};
  }

  auto ok = [](const json& j, int status = 200) { return Response{status, dump(j)}; };
  if (p == "/v1/health") {
    return ok({{"status", "ok"}, {"access", access == Access::write ? "rw" : "ro"}});
  }
  if (p == "/v1/stats" || p == "/v1/tm/stats") {
    return ok(stats());
  }
  if (p == "/v1/tm/lookup") {
    return ok(lookup(parse_body(req.body)));
  }
  if (p == "/v1/tm/concordance") {
    return ok(concordance(parse_body(req.body)));
  }
  if (p == "/v1/tm/units") {
    return ok(add_units(parse_body(req.body)));
  }
  if (p.starts_with("/v1/tm/units/")) {
    return ok(remove_unit(tail));
  }
  if (p == "/v1/terms") {
    if (m == "GET") {
      return ok(search_terms(req));
    }
    return ok(add_concept(parse_body(req.body)), 201);
  }
  if (m == "GET") {
    return ok(get_concept(tail));
  }
  if (m == "PUT") {
    json body = parse_body(req.body);
    return ok(edit_concept(tail, &body, {}));
  }
  auto v = req.params.find("version");
  if (v == req.params.end() || v->second.empty()) {
    bad_request("missing parameter version (DELETE /v1/terms/ID?version=V)");
  }
  return ok(edit_concept(tail, nullptr, v->second));
}

json Api::Impl::lookup(const json& body) {
  std::string query = req_text(body, "query");
  tm::LookupOptions o;
  o.src_lang = lang_field(body, "src_lang", true);
  o.tgt_lang = lang_field(body, "tgt_lang", true);
  o.threshold = number_field(body, "min_score", 70.0, 0.0, 100.0);
  o.max_results = limit_field(body, 5, options.max_limit);
  o.candidates = static_cast<std::size_t>(number_field(body, "candidates", 200, 1, 10000));
  if (const json* d = field(body, "diff", {})) {
    if (!d->is_boolean()) {
      bad_request("field diff: expected true or false");
    }
    o.with_diff = d->get<bool>();
  }
  std::vector<tm::MemoryMatch> matches;
  {
    Reader memory(*this);
    matches = memory->lookup(query, o);
  }
  json out = json::array();
  for (const auto& mm : matches) {
    json diff = json::array();
    for (const auto& d : mm.diff) {
      // Byte spans too, so that a client gets the diff exactly as a local lookup gives it.
      diff.push_back({{"kind", std::string(tm::to_string(d.kind))},
                      {"query", std::string(d.query.of(query))},
                      {"match", std::string(d.match.of(mm.source))},
                      {"query_span", {d.query.begin, d.query.end}},
                      {"match_span", {d.match.begin, d.match.end}}});
    }
    json props = json::array();
    for (const auto& prop : mm.unit.props) {
      props.push_back({{"type", prop.type}, {"value", prop.value}});
    }
    const auto& u = mm.unit;
    json j = {{"id", mm.id},
              {"score", mm.score},
              {"source", mm.source},
              {"target", mm.target},
              {"diff", std::move(diff)},
              {"unit",
               {{"creation_date", u.creation_date},
                {"creation_id", u.creation_id},
                {"change_date", u.change_date},
                {"change_id", u.change_id},
                {"props", std::move(props)},
                {"notes", u.notes},
                {"src_lang", u.variants.size() > 1 ? u.variants[0].lang.str() : std::string()},
                {"tgt_lang", u.variants.size() > 1 ? u.variants[1].lang.str() : std::string()}}}};
    if (mm.part_of != 0) {
      j["part_of"] = mm.part_of;
    }
    for (const auto& prop : mm.unit.props) {
      if (prop.type == "x-document") {
        j["document"] = prop.value;
      }
    }
    out.push_back(std::move(j));
  }
  json hints = json::array();
  if (terms) {
    auto snap = term_base();
    const auto& matcher = snap->matcher(o.src_lang);
    for (const auto& hit : matcher.find(query)) {
      const glossary::Concept* c = snap->tb.find(hit.concept_id);
      json targets = json::array();
      if (c) {
        for (const auto* t : c->terms_in(o.tgt_lang)) {
          if (!t->text.empty()) {
            json tj = {{"text", t->text}};
            if (t->status != glossary::TermStatus::unspecified) {
              tj["status"] = status_name(t->status);
            }
            targets.push_back(std::move(tj));
          }
        }
      }
      hints.push_back({{"concept_id", hit.concept_id},
                       {"text", std::string(hit.surface)},
                       {"start", hit.span.begin},
                       {"end", hit.span.end},
                       {"targets", std::move(targets)}});
    }
  }
  return {{"matches", std::move(out)}, {"terms", std::move(hints)}};
}

json Api::Impl::concordance(const json& body) {
  std::string text = req_text(body, "text");
  tm::ExportFilter filter;
  filter.src_lang = lang_field(body, "src_lang", false);
  filter.tgt_lang = lang_field(body, "tgt_lang", false);
  std::string side = opt_string(body, "side").value_or("both");
  if (side != "source" && side != "target" && side != "both") {
    bad_request("field side: expected \"source\", \"target\" or \"both\", not " +
                termbridge::quoted(side));
  }
  std::size_t limit = limit_field(body, 20, options.max_limit);
  json out = json::array();
  std::uint64_t found = 0;
  Reader memory(*this);
  tm::concordance(
      *memory, text,
      side == "source"   ? tm::ConcordanceSide::source
      : side == "target" ? tm::ConcordanceSide::target
                         : tm::ConcordanceSide::both,
      [&](const tm::TranslationUnit& u) {
        const std::string& src = u.variants[0].segment.text;
        const std::string& tgt = u.variants[1].segment.text;
        if (++found <= limit) {
          // Exported units carry their memory id as tuid.
          std::int64_t id = 0;
          auto [end, ec] = std::from_chars(u.id.data(), u.id.data() + u.id.size(), id);
          json j = {{"source", src}, {"target", tgt}};
          if (ec == std::errc() && end == u.id.data() + u.id.size()) {
            j["id"] = id;
          } else {
            j["id"] = u.id;
          }
          for (const auto& prop : u.props) {
            if (prop.type == "x-document") {
              j["document"] = prop.value;
            }
          }
          out.push_back(std::move(j));
        }
      },
      filter);
  return {{"units", std::move(out)}, {"total", found}};
}

json Api::Impl::add_units(const json& body) {
  tm::ImportOptions o;
  o.src_lang = lang_field(body, "src_lang", true);
  o.tgt_lang = lang_field(body, "tgt_lang", true);
  o.document = opt_string(body, "document").value_or("");
  const json* units = field(body, "units", {});
  if (!units || !units->is_array()) {
    bad_request(units ? "field units: expected an array" : "missing field units");
  }
  // Every unit is checked before the memory is touched: a refused batch writes nothing.
  std::vector<tm::TranslationUnit> batch;
  batch.reserve(units->size());
  for (std::size_t i = 0; i < units->size(); ++i) {
    std::string at = "units[" + std::to_string(i) + "]";
    const json& uj = (*units)[i];
    tm::TranslationUnit u;
    tm::Variant src, tgt;
    src.lang = o.src_lang;
    tgt.lang = o.tgt_lang;
    src.segment.text = req_text(uj, "source", at);
    tgt.segment.text = req_text(uj, "target", at);
    if (auto d = opt_string(uj, "document", at); d && !d->empty()) {
      u.props.push_back({"x-document", *d});
    }
    if (auto n = opt_string(uj, "note", at); n && !n->empty()) {
      u.notes.push_back(*n);
    }
    u.variants.push_back(std::move(src));
    u.variants.push_back(std::move(tgt));
    batch.push_back(std::move(u));
  }
  std::size_t next = 0;
  tm::ImportResult r;
  {
    std::lock_guard lock(writer_mutex);
    r = writer.import_units(
        [&](tm::TranslationUnit& u) {
          if (next == batch.size()) {
            return false;
          }
          u = std::move(batch[next++]);
          return true;
        },
        o);
  }
  return {{"added", r.added}, {"duplicates", r.duplicates}, {"skipped", r.skipped}};
}

json Api::Impl::remove_unit(std::string_view id_text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) {
    bad_request("a unit id is a whole number above 0, not " + termbridge::quoted(id_text));
  }
  std::uint64_t removed = 0;
  {
    std::lock_guard lock(writer_mutex);
    removed = writer.remove_ids({id});
  }
  if (removed == 0) {
    throw Refusal{404, "not_found", "no unit " + std::to_string(id)};
  }
  return {{"removed", removed}};
}

json Api::Impl::stats() {
  tm::MemoryStats s;
  {
    Reader memory(*this);
    s = memory->stats();
  }
  json pairs = json::array();
  for (const auto& pr : s.language_pairs) {
    pairs.push_back({{"src_lang", pr.src_lang}, {"tgt_lang", pr.tgt_lang}, {"units", pr.units}});
  }
  json docs = json::array();
  for (std::size_t i = 0; i < s.documents.size() && i < 20; ++i) {
    docs.push_back({{"document", s.documents[i].document}, {"units", s.documents[i].units}});
  }
  json out = {{"tm",
               {{"units", s.units},
                {"parts", s.parts},
                {"index_tokens", s.index_tokens},
                {"korean_tokens", std::string(tm::to_string(s.korean_tokens))},
                {"language_pairs", std::move(pairs)},
                {"documents", std::move(docs)}}}};
  if (terms) {
    auto snap = term_base();
    json langs = json::array();
    for (const auto& l : snap->tb.languages()) {
      langs.push_back(l.str());
    }
    std::size_t n_terms = 0;
    for (const auto& c : snap->tb.concepts()) {
      n_terms += c.terms.size();
    }
    out["glossary"] = {{"concepts", snap->tb.size()},
                       {"terms", n_terms},
                       {"languages", std::move(langs)},
                       {"version", snap->version}};
  } else {
    out["glossary"] = nullptr;
  }
  return out;
}

json Api::Impl::search_terms(const Request& req) {
  auto param = [&](const char* name) {
    auto it = req.params.find(name);
    return it == req.params.end() ? std::string() : it->second;
  };
  std::string query = param("query");
  if (query.empty()) {
    bad_request("missing parameter query (GET /v1/terms?query=TEXT)");
  }
  if (query.find('\0') != std::string::npos) {
    bad_request("parameter query: a NUL character is not text");
  }
  std::size_t limit = count_value(param("limit"), "parameter limit", 20, options.max_limit);
  auto snap = term_base();
  static const char* kRank[] = {"exact", "prefix", "contains", "fuzzy"};
  json hits = json::array();
  for (const auto& h : glossary::search(snap->tb, query, limit)) {
    hits.push_back({{"term", term_json(*h.term)},
                    {"match", kRank[std::clamp(h.rank, 0, 3)]},
                    {"concept", concept_json(*h.concept_)}});
  }
  return {{"hits", std::move(hits)}};
}

json Api::Impl::get_concept(const std::string& id) {
  auto snap = term_base();
  const glossary::Concept* c = snap->tb.find(id);
  if (!c) {
    throw Refusal{404, "not_found", "no concept " + termbridge::quoted(id)};
  }
  return {{"concept", concept_json(*c)}};
}

json Api::Impl::add_concept(const json& body) {
  const json* cj = field(body, "concept", {});
  if (!cj || !cj->is_object()) {
    bad_request(cj ? "field concept: expected an object" : "missing field concept");
  }
  glossary::Concept c;
  c.id = req_text(*cj, "id", "concept");
  apply_concept_json(*cj, c);
  std::string version = concept_version(c);
  edit_terms([&](const glossary::TermBase& tb) {
    if (const auto* there = tb.find(c.id)) {
      throw Refusal{409, "conflict",
                    "concept " + termbridge::quoted(c.id) + " exists (version " +
                        concept_version(*there) + "); change it with PUT /v1/terms/" + c.id};
    }
    return TermStore::Edits{{c.id, c}};
  });
  std::lock_guard lock(snapshot_mutex);
  snapshot = load_snapshot();
  return {{"id", c.id}, {"version", version}};
}

json Api::Impl::edit_concept(const std::string& id, const json* body, std::string_view version) {
  std::string expected(version);
  const json* cj = nullptr;
  if (body) {
    expected = req_text(*body, "version");
    cj = field(*body, "concept", {});
    if (!cj || !cj->is_object()) {
      bad_request(cj ? "field concept: expected an object" : "missing field concept");
    }
    if (auto given = opt_string(*cj, "id", "concept"); given && *given != id) {
      bad_request("field concept.id: " + termbridge::quoted(*given) +
                  " is not the concept of the path, " + termbridge::quoted(id) +
                  " (a concept keeps its id)");
    }
    // Checked before the store is locked, so that a malformed edit never waits for it.
    glossary::Concept probe;
    apply_concept_json(*cj, probe);
  }
  std::string new_version;
  edit_terms([&](const glossary::TermBase& tb) {
    const glossary::Concept* there = tb.find(id);
    if (!there) {
      throw Refusal{404, "not_found", "no concept " + termbridge::quoted(id)};
    }
    std::string current = concept_version(*there);
    if (current != expected) {
      throw Refusal{409, "conflict",
                    "concept " + termbridge::quoted(id) + " was changed since version " +
                        termbridge::quoted(expected) + "; it is at version " + current +
                        ": read it again and redo the edit"};
    }
    if (!cj) {
      return TermStore::Edits{{id, std::nullopt}};
    }
    glossary::Concept c = *there;
    apply_concept_json(*cj, c);
    new_version = concept_version(c);
    return TermStore::Edits{{id, std::move(c)}};
  });
  {
    std::lock_guard lock(snapshot_mutex);
    snapshot = load_snapshot();
  }
  if (!cj) {
    return {{"id", id}, {"removed", true}};
  }
  return {{"id", id}, {"version", new_version}};
}

}  // namespace termbridge::server
