// termbridge serve: one memory and one term base for a team, over HTTP (core/server).

#include <atomic>
#include <csignal>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <thread>

#include "commands/commands.hpp"
#include "termbridge/base/error.hpp"
#include "termbridge/io/format.hpp"
#include "termbridge/io/termbase_io.hpp"
#include "termbridge/server/api.hpp"
#include "termbridge/server/http.hpp"
#include "termbridge/termdb/store.hpp"

namespace termbridge::cli {

namespace {

// The term base in a file, edited as `glossary set` edits it: under the file's lock from
// the read to the rename, written whole to a temporary file that replaces it, in the
// format and encoding it had. The one place the server touches term-base files.
class FileTermStore final : public server::TermStore {
 public:
  explicit FileTermStore(std::string path) : path_(std::move(path)) {}

  std::string name() const override { return path_; }

  std::string stamp() const override {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
      throw Error(ErrorKind::io, "cannot read " + termbridge::quoted(path_));
    }
    // A rename gives a new inode, an edit in place a new time or size.
    return std::to_string(st.st_ino) + ':' + std::to_string(st.st_size) + ':' +
           std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec);
  }

  glossary::TermBase load() const override { return io::read_termbase_file(path_); }

  void edit(const std::function<Edits(const glossary::TermBase&)>& decide) override {
    FileLock lock(path_);
    Edits edits = decide(io::read_termbase_file(path_));
    if (edits.empty()) {
      return;
    }
    std::string data = read_all(path_);
    io::Format f = io::input_format(path_, data.substr(0, 4096), "");
    for (const auto& [id, c] : edits) {
      data = io::edit_termbase_text(data, f, path_, id, c ? &*c : nullptr);
    }
    Output out(path_, path_);
    out.stream() << data;
    out.commit();
  }

 private:
  std::string path_;
};

// The term base in PostgreSQL (termdb): an edit reads the term base, decides and writes in
// one transaction during which other writers (a `glossary set` on the same URI too) wait, so
// the version the server checked is the one it replaces. The stamp is every concept's id and
// version: any change by anyone bumps one. One connection, so one thread at a time.
class DbTermStore final : public server::TermStore {
 public:
  explicit DbTermStore(const std::string& uri)
      : store_(uri, termdb::OpenOptions{.create = false, .read_only = false}) {}

  std::string name() const override { return store_.where(); }

  std::string stamp() const override {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [id, version] : store_.versions()) {
      out += id;
      out += '\t';
      out += std::to_string(version);
      out += '\n';
    }
    return out;
  }

  glossary::TermBase load() const override {
    std::lock_guard lock(mutex_);
    return store_.load();
  }

  void edit(const std::function<Edits(const glossary::TermBase&)>& decide) override {
    std::lock_guard lock(mutex_);
    store_.modify([&](glossary::TermBase& tb) {
      for (auto& [id, c] : decide(tb)) {
        if (!c) {
          tb.remove(id);
        } else if (glossary::Concept* there = tb.find(id)) {
          *there = std::move(*c);
        } else {
          tb.add(std::move(*c));
        }
      }
    });
  }

 private:
  mutable std::mutex mutex_;
  termdb::TermStore store_;
};

int int_option(const Args& args, std::string_view name, int fallback, int lo, int hi) {
  auto v = args.value(name);
  if (!v) {
    return fallback;
  }
  try {
    std::size_t used = 0;
    int n = std::stoi(*v, &used);
    if (used == v->size() && n >= lo && n <= hi) {
      return n;
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--" + std::string(name) + " expects a whole number from " + std::to_string(lo) +
                   " to " + std::to_string(hi) + ", not " + termbridge::quoted(*v));
}

// HOST:PORT, [IPV6]:PORT; port 0 picks a free one.
std::pair<std::string, int> parse_listen(const std::string& value) {
  std::size_t colon = value.rfind(':');
  std::string host = colon == std::string::npos ? std::string() : value.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::string port = colon == std::string::npos ? std::string() : value.substr(colon + 1);
  bool digits = !port.empty() && port.size() <= 5 &&
                port.find_first_not_of("0123456789") == std::string::npos;
  if (host.empty() || !digits || std::stoi(port) > 65535) {
    throw UsageError(
        "--listen expects HOST:PORT such as 127.0.0.1:8080 (port 0: any free "
        "port), not " +
        termbridge::quoted(value));
  }
  return {host, std::stoi(port)};
}

int run_serve(const Args& args, const Context& ctx) {
  if (!args.positionals().empty()) {
    throw UsageError("unexpected argument " + termbridge::quoted(args.positionals()[0]));
  }
  auto memory = args.value("tm");
  if (!memory) {
    throw UsageError(
        "missing --tm MEMORY (a memory file, created when missing, or a "
        "postgresql:// URI)");
  }
  auto tokens_path = args.value("tokens");
  if (!tokens_path) {
    throw UsageError(
        "missing --tokens FILE: the server refuses every request without a "
        "token (lines \"ro TOKEN\" or \"rw TOKEN\")");
  }
  if (!server::http_available()) {
    throw Error(ErrorKind::invalid_argument,
                "this termbridge was built without cpp-httplib (Debian: libcpp-httplib-dev), "
                "so it cannot serve");
  }
  auto [host, port] = parse_listen(args.value_or("listen", "127.0.0.1:8080"));
  server::HttpOptions http;
  http.host = host;
  http.port = port;
  http.threads = static_cast<std::size_t>(int_option(args, "threads", 8, 1, 256));
  http.read_timeout = std::chrono::seconds(int_option(args, "read-timeout", 10, 1, 3600));
  http.write_timeout = std::chrono::seconds(int_option(args, "write-timeout", 10, 1, 3600));
  http.max_body = args.value("max-body")
                      ? static_cast<std::size_t>(parse_size("max-body", *args.value("max-body")))
                      : std::size_t{8} << 20;

  struct stat st {};
  if (::stat(tokens_path->c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    ctx.warn(*tokens_path + ": others may read the tokens (chmod 600 " + *tokens_path + ")");
  }
  auto tokens = server::Tokens::parse(read_all(*tokens_path), *tokens_path);

  std::unique_ptr<server::TermStore> store;
  if (auto g = args.value("glossary")) {
    if (termdb::is_database_uri(*g)) {
      store = std::make_unique<DbTermStore>(*g);
    } else {
      store = std::make_unique<FileTermStore>(*g);
    }
  }
  server::ApiOptions options;
  options.max_body = http.max_body;
  options.readers = http.threads;
  options.log = [&ctx](std::string_view message) {
    // Not ctx.warn: --quiet must not hide the failures of a server.
    std::cerr << "termbridge " << ctx.command << ": error: " << message << std::endl;
  };

  // SIGINT and SIGTERM are taken by a thread of their own (sigwait) that stops the server:
  // stop() is not safe in a signal handler. Blocked before the workers start, so that they
  // inherit the mask and the signal reaches only that thread.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  server::Api api(*memory, store.get(), std::move(tokens), options);
  server::HttpServer server(api, http);
  std::cerr << "termbridge serve: listening on http://"
            << (host.find(':') == std::string::npos ? host : "[" + host + "]") << ':'
            << server.port() << '/' << std::endl;

  std::atomic<bool> done{false};
  std::atomic<int> got{0};
  std::thread waiter([&] {
    const timespec tick{0, 200'000'000};
    while (!done) {
      int sig = sigtimedwait(&stop_signals, nullptr, &tick);
      if (sig > 0) {
        got = sig;
        server.stop();
        return;
      }
    }
  });
  try {
    server.run();
  } catch (...) {
    done = true;
    waiter.join();
    throw;
  }
  done = true;
  waiter.join();
  if (got != 0) {
    ctx.note(std::string("stopped on ") + (got == SIGINT ? "SIGINT" : "SIGTERM"));
  }
  return kExitOk;
}

}  // namespace

Command serve_command() {
  return Command{
      "serve",
      "serve a memory and a term base over HTTP (JSON API with tokens)",
      "--tm MEMORY --tokens FILE [--glossary TERMBASE] [--listen HOST:PORT]",
      {{"tm", 0, "MEMORY",
        "the memory served: a file (created when missing) or a postgresql:// URI"},
       {"glossary", 'g', "TERMBASE",
        "the term base served and edited: a file (TBX, CSV, TSV) or a postgresql:// URI"},
       {"tokens", 0, "FILE", "access tokens, one a line: \"ro TOKEN\" (read) or \"rw TOKEN\""},
       {"listen", 0, "HOST:PORT",
        "address to listen on (default 127.0.0.1:8080; port 0: any free port, printed)"},
       {"threads", 0, "N", "worker threads, each with its own memory connection (default 8)"},
       {"max-body", 0, "BYTES", "the largest request body (default 8M; suffixes K, M, G)"},
       {"read-timeout", 0, "SECONDS", "time for a request to arrive (default 10)"},
       {"write-timeout", 0, "SECONDS", "time for a response to be taken (default 10)"}},
      "Serves the memory and the term base to a team through a JSON API under /v1:\n"
      "  POST /v1/tm/lookup        fuzzy matches with their diff, and term hints\n"
      "  POST /v1/tm/concordance   units whose source or target holds a phrase\n"
      "  POST /v1/tm/units         add units (one transaction)          [rw]\n"
      "  DELETE /v1/tm/units/ID    remove a unit                        [rw]\n"
      "  GET /v1/stats             memory and term-base figures\n"
      "  GET /v1/terms?query=Q     term search;  GET /v1/terms/ID  one concept\n"
      "  POST /v1/terms            add a concept                        [rw]\n"
      "  PUT|DELETE /v1/terms/ID   change or remove a concept, naming its version [rw]\n"
      "  GET /v1/health\n"
      "Every request needs \"Authorization: Bearer TOKEN\"; a read-only token gets 403 on\n"
      "writes. Errors are JSON {\"error\": {\"code\", \"message\"}}; an edit naming a stale\n"
      "version gets 409. SIGINT or SIGTERM stops the server after the requests under way.\n\n"
      "example:\n"
      "  printf 'rw %s\\n' \"$(head -c 24 /dev/urandom | base64)\" > tokens; chmod 600 tokens\n"
      "  termbridge serve --tm team.tm.sqlite -g defense.tsv --tokens tokens\n"
      "  curl -H \"Authorization: Bearer $TOKEN\" -d '{\"query\": \"핵협의그룹 회의\",\n"
      "       \"src_lang\": \"ko\", \"tgt_lang\": \"en\"}' http://127.0.0.1:8080/v1/tm/lookup\n",
      run_serve,
      {},
  };
}

}  // namespace termbridge::cli
