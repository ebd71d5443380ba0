#pragma once

// Where a test's translation memories live: files in a fresh directory (SQLite), or fresh
// schemas of the test cluster's database (PostgreSQL; tests/pg_cluster.sh, whose URI the
// ctest fixture "pg" passes in TB_PG_URI_FILE). PgPlace::make() says why and gives nothing
// when there is no cluster, so the PostgreSQL half of a suite skips.

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include <doctest/doctest.h>

#include "termbridge/tm/memory.hpp"

#if TB_HAVE_POSTGRESQL
#include <libpq-fe.h>
#endif

namespace tbtest {

class Place {
 public:
  virtual ~Place() = default;
  // The location of the memory called `name` in this place (the same for the same name); no
  // memory is there until termbridge makes one.
  virtual std::string memory(const std::string& name) = 0;
  // Whether termbridge made a memory at `location`.
  virtual bool exists(const std::string& location) = 0;
  virtual int schema_version() const = 0;
};

class SqlitePlace : public Place {
 public:
  SqlitePlace() {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("tb-tm-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~SqlitePlace() override { std::filesystem::remove_all(dir_); }
  std::string memory(const std::string& name) override {
    return (dir_ / (name + ".tm.sqlite")).string();
  }
  bool exists(const std::string& location) override { return std::filesystem::exists(location); }
  int schema_version() const override { return termbridge::tm::TranslationMemory::kSchemaVersion; }

 private:
  std::filesystem::path dir_;
};

// The URI of the test database, or empty (with the reason in `why`).
inline std::string pg_test_uri(std::string& why) {
#if TB_HAVE_POSTGRESQL
  if (const char* uri = std::getenv("TB_PG_URI")) {
    return uri;
  }
  const char* file = std::getenv("TB_PG_URI_FILE");
  std::string uri;
  if (file != nullptr) {
    std::ifstream in(file);
    std::getline(in, uri);
  }
  if (uri.empty()) {
    why =
        "no PostgreSQL test cluster (ctest starts one with tests/pg_cluster.sh when the "
        "postgresql package is installed; or set TB_PG_URI)";
  }
  return uri;
#else
  why = "termbridge was built without libpq";
  return {};
#endif
}

#if TB_HAVE_POSTGRESQL
// Runs SQL on the test database; false on failure (with the message in `error`).
inline bool pg_run(const std::string& uri, const std::string& sql, std::string* error = nullptr,
                   std::string* value = nullptr) {
  PGconn* c = PQconnectdb(uri.c_str());
  bool ok = PQstatus(c) == CONNECTION_OK;
  if (ok) {
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    PGresult* r = PQexec(c, sql.c_str());
    auto status = PQresultStatus(r);
    ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (ok && value != nullptr && PQntuples(r) > 0) {
      *value = PQgetvalue(r, 0, 0);
    }
    if (!ok && error != nullptr) {
      *error = PQresultErrorMessage(r);
    }
    PQclear(r);
  } else if (error != nullptr) {
    *error = PQerrorMessage(c);
  }
  PQfinish(c);
  return ok;
}

class PgPlace : public Place {
 public:
  static std::unique_ptr<PgPlace> make() {
    std::string why;
    std::string uri = pg_test_uri(why);
    if (uri.empty()) {
      MESSAGE("skipped: " << why);
      return nullptr;
    }
    return std::make_unique<PgPlace>(uri);
  }
  explicit PgPlace(std::string uri) : uri_(std::move(uri)) {}
  ~PgPlace() override {
    for (const auto& [name, schema] : schemas_) {
      pg_run(uri_, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
  const std::string& database() const { return uri_; }
  // The schema of memory `name` (made on first use).
  std::string schema(const std::string& name) {
    auto it = schemas_.find(name);
    if (it != schemas_.end()) {
      return it->second;
    }
    static std::atomic<int> n{0};
    std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(n++);
    std::string error;
    REQUIRE_MESSAGE(pg_run(uri_, "CREATE SCHEMA " + schema, &error), error);
    schemas_.emplace(name, schema);
    return schema;
  }
  std::string memory(const std::string& name) override {
    // libpq passes options= to the server: the memory's tables go to its own schema.
    return uri_ + (uri_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema(name);
  }
  bool exists(const std::string& location) override {
    for (const auto& [name, schema] : schemas_) {
      if (location.ends_with("%3D" + schema)) {
        std::string found;
        pg_run(uri_, "SELECT to_regclass('" + schema + ".tm_meta') IS NOT NULL", nullptr, &found);
        return found == "t";
      }
    }
    return false;
  }
  int schema_version() const override { return 1; }

 private:
  std::string uri_;
  std::map<std::string, std::string> schemas_;
};
#else
class PgPlace : public Place {
 public:
  static std::unique_ptr<PgPlace> make() {
    std::string why;
    pg_test_uri(why);
    MESSAGE("skipped: " << why);
    return nullptr;
  }
};
#endif

}  // namespace tbtest
