#pragma once

// A term base kept in PostgreSQL, for a team that edits one term base at once: each concept
// has a version, bumped by every change to it, and an edit names the version it was made
// from, so that an edit made from a stale read is refused (ConflictError) instead of
// overwriting the other's. Files stay the default term base (termbridge::io reads and writes
// them); this is the term base at a postgresql:// URI.
//
// The tables (tb_*) go to the first schema of the connection's search path, beside a
// translation memory's tm_* tables if there is one. Their schema is versioned
// (TermStore::kSchemaVersion, kept in tb_meta): termbridge creates it on first use, upgrades
// an older one and refuses a newer one or tables of another program of the same names.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "termbridge/base/error.hpp"
#include "termbridge/glossary/termbase.hpp"

namespace termbridge::termdb {

// True for a term base that is a PostgreSQL database rather than a file: a postgresql:// (or
// postgres://) URI, as libpq reads it.
bool is_database_uri(std::string_view location);

// `uri` without its password (user:password@ and password=... alike): what messages show.
std::string redact_uri(std::string_view uri);

// An edit made from a version of a concept that is no longer the stored one: someone else
// changed or removed the concept in between. Nothing was written. Its kind is
// invalid_argument (the version given is no longer good); a caller that offers a retry
// catches this type.
class ConflictError : public Error {
 public:
  ConflictError(std::string where, std::string concept_id, std::int64_t expected,
                std::int64_t current);
  const std::string& concept_id() const noexcept { return concept_id_; }
  std::int64_t expected() const noexcept { return expected_; }
  // The stored version now; 0 when the concept has been removed.
  std::int64_t current() const noexcept { return current_; }

 private:
  std::string concept_id_;
  std::int64_t expected_ = 0;
  std::int64_t current_ = 0;
};

struct OpenOptions {
  bool create = true;      // create the tables when the database has none
  bool read_only = false;  // load and look up only: the server refuses any write too
};

struct VersionedConcept {
  glossary::Concept concept_;
  std::int64_t version = 0;  // 1 when added, one more at every change
};

// What TermStore::modify wrote.
struct ModifyResult {
  std::size_t added = 0;    // concepts not there before (version 1)
  std::size_t changed = 0;  // concepts that differ from the stored ones (version + 1)
  std::size_t removed = 0;  // concepts no longer in the term base
};

// One connection to one term base. Not for two threads at once: a server keeps one per
// thread (or a pool), as each holds its own connection.
class TermStore {
 public:
  static constexpr int kSchemaVersion = 1;

  // Connects to `uri`. Throws Error(io) naming the URI (without its password) when the server
  // cannot be reached or, without OpenOptions::create, the database has no term base;
  // Error(parse) for tables of another program or of a newer schema version (left as they
  // are); Error(invalid_argument) when termbridge was built without libpq.
  explicit TermStore(const std::string& uri, OpenOptions options = {});
  ~TermStore();
  TermStore(TermStore&&) noexcept;
  TermStore& operator=(TermStore&&) noexcept;

  // The URI without its password.
  const std::string& where() const noexcept;

  // The whole term base, concepts in their order (as added; an import appends), read in one
  // snapshot by a few queries whatever its size. `versions`, when given, receives each
  // concept's version, in the same order.
  glossary::TermBase load(std::vector<std::int64_t>* versions = nullptr) const;
  // Every concept's id and version, in the order of load().
  std::vector<std::pair<std::string, std::int64_t>> versions() const;
  // One concept with its version, or nullopt.
  std::optional<VersionedConcept> get(std::string_view id) const;

  // Adds a concept at the end; returns its version (1). Throws Error(invalid_argument) when
  // its id is empty or taken.
  std::int64_t add(const glossary::Concept& c);
  // Replaces the concept with c's id when its stored version is `expected_version`; returns
  // the new version. Throws ConflictError when the stored version differs or the concept has
  // been removed since.
  std::int64_t update(const glossary::Concept& c, std::int64_t expected_version);
  // Removes a concept when its stored version is `expected_version`; ConflictError as update.
  void remove(std::string_view id, std::int64_t expected_version);
  // Removes several concepts (id, expected version) in one transaction: a ConflictError for
  // any of them leaves every one in place.
  void remove(const std::vector<std::pair<std::string, std::int64_t>>& concepts);

  // Reads the whole term base, lets `change` edit it and writes what changed (versions bumped
  // for changed concepts, added concepts at the end), all in one transaction during which
  // other writers wait: an import. When `change` or a write throws, nothing is written.
  ModifyResult modify(const std::function<void(glossary::TermBase&)>& change);

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace termbridge::termdb
