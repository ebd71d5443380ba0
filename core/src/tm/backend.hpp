#pragma once

// Where a TranslationMemory keeps its units: the one interface its storages implement. The
// SQLite file (memory.cpp) is the default; a postgresql:// URI opens the PostgreSQL memory
// (pg_memory.cpp). TranslationMemory hands each call over unchanged, so both keep the
// contracts of memory.hpp.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "termbridge/tm/memory.hpp"

namespace termbridge::tm::detail {

class MemoryBackend {
 public:
  virtual ~MemoryBackend() = default;
  MemoryBackend() = default;
  MemoryBackend(const MemoryBackend&) = delete;
  MemoryBackend& operator=(const MemoryBackend&) = delete;

  // For messages: a file path, or a URI without its password.
  virtual const std::string& path() const noexcept = 0;
  virtual KoreanTokens korean_tokens() const noexcept = 0;
  virtual ImportResult import_units(const UnitSource& next, const ImportOptions& options) = 0;
  virtual std::uint64_t export_units(const std::function<void(const TranslationUnit&)>& sink,
                                     const ExportFilter& filter) const = 0;
  virtual std::vector<MemoryMatch> lookup(std::string_view query,
                                          const LookupOptions& options) const = 0;
  virtual std::vector<MemoryMatch> lookup_linear(std::string_view query,
                                                 const LookupOptions& options) const = 0;
  virtual std::uint64_t remove_ids(const std::vector<std::int64_t>& ids) = 0;
  virtual std::uint64_t remove_document(std::string_view document) = 0;
  virtual MemoryStats stats() const = 0;
  virtual std::vector<std::pair<std::string, std::string>> language_pairs() const = 0;
};

std::unique_ptr<MemoryBackend> open_sqlite(const std::string& path, const OpenOptions& options);
// Throws Error(invalid_argument) when termbridge was built without libpq.
std::unique_ptr<MemoryBackend> open_postgresql(const std::string& uri, const OpenOptions& options);

// A memory served by `termbridge serve` (http://HOST:PORT). Throws Error(invalid_argument)
// when termbridge was built without cpp-httplib, Error(io) when the server cannot be
// reached or refuses the token.
std::unique_ptr<MemoryBackend> open_http(const std::string& uri, const OpenOptions& options);

// `uri` without its password (user:password@ and password=... alike): what messages and
// path() show.
std::string redact_uri(std::string_view uri);

}  // namespace termbridge::tm::detail
