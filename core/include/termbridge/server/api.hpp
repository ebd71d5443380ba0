#pragma once

// The REST/JSON API of `termbridge serve`: one memory and one term base behind versioned
// paths (/v1/...), with bearer tokens. The handler is a function from a request to a
// response, without sockets, so it is tested as it is; http.hpp puts it on a port.
//
//   server::Api api(memory_uri, &term_store, tokens);
//   server::Response r = api.handle({.method = "GET", .path = "/v1/stats",
//                                    .authorization = "Bearer 8f3a..."});
//
// Every answer is JSON; an error is {"error": {"code": "...", "message": "..."}} with its
// status: 400 bad_request (malformed JSON, a missing or wrong field, named), 401
// unauthorized (no token or an unknown one), 403 forbidden (a read-only token writing), 404
// not_found, 405 method_not_allowed, 409 conflict (a term edit naming a stale version, or
// adding a concept that is there), 413 payload_too_large, 500 internal (the message says
// only that the request failed; the details go to the log callback).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "termbridge/glossary/termbase.hpp"

namespace termbridge::server {

enum class Access {
  none,   // unknown token: nothing
  read,   // lookups, searches, stats
  write,  // and imports, removals, term edits
};

// The tokens a server accepts, from a file of lines "ro TOKEN" or "rw TOKEN" (blank lines
// and lines starting with '#' are skipped). A token is 16 to 256 printable ASCII characters
// without spaces.
class Tokens {
 public:
  // Throws Error(parse) naming `source_name` and the line for a malformed line, a short
  // token or one given twice, and for a text without any token.
  static Tokens parse(std::string_view text, std::string_view source_name);
  Access access(std::string_view token) const;
  std::size_t size() const noexcept { return tokens_.size(); }

 private:
  std::map<std::string, Access, std::less<>> tokens_;
};

// Where the term base lives. The server reads it whole and edits it through edit(), so a
// term base in a file and one in a database differ only here.
class TermStore {
 public:
  virtual ~TermStore() = default;
  // For messages: the file name or the database URI without its password.
  virtual std::string name() const = 0;
  // A stamp that changes whenever the stored term base changes (also by another program),
  // so the server knows when to read it again.
  virtual std::string stamp() const = 0;
  virtual glossary::TermBase load() const = 0;
  // The concepts to store: id -> the new concept, or nullopt to remove it.
  using Edits = std::vector<std::pair<std::string, std::optional<glossary::Concept>>>;
  // Reads the current term base and calls `decide` with it, holding off other editors
  // until the edits it returns are stored (or `decide` throws, and nothing is stored).
  virtual void edit(const std::function<Edits(const glossary::TermBase&)>& decide) = 0;
};

// The version of a concept for optimistic edits: a hash of everything it holds, in hex. An
// edit names the version it was made from; another edit in between changes it.
std::string concept_version(const glossary::Concept& c);

struct Request {
  std::string method;                              // "GET", "POST", ...
  std::string path;                                // without the query string
  std::multimap<std::string, std::string> params;  // query string, decoded
  std::string authorization;  // the Authorization header ("Bearer TOKEN"), or empty
  std::string body;
};

struct Response {
  int status = 200;
  std::string body;  // JSON
};

struct ApiOptions {
  std::size_t max_body = std::size_t{8} << 20;  // bytes; a larger body is refused with 413
  std::size_t readers = 4;      // memory connections for lookups (one per worker thread)
  std::size_t max_limit = 100;  // the largest "limit" a request may ask for
  // Called with the details of a 500 (the client sees only that the request failed).
  std::function<void(std::string_view)> log;
};

class Api {
 public:
  // Opens the memory at `memory` (a file or a postgresql:// URI, created when missing) and
  // reads the term base of `terms` (may be null: term endpoints answer 404). Throws as
  // tm::TranslationMemory and the store do.
  Api(const std::string& memory, TermStore* terms, Tokens tokens, ApiOptions options = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Thread-safe: called from every worker thread at once. Never throws.
  Response handle(const Request& request) noexcept;

  // A JSON error response; for errors found before handle() (the HTTP layer's own 413).
  static Response error(int status, std::string_view code, std::string_view message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace termbridge::server
