#pragma once

// An Api on a TCP port, through cpp-httplib: a thread pool of workers, read and write
// timeouts, and a body limit checked before a body is read whole.
//
//   server::HttpServer http(api, {.host = "127.0.0.1", .port = 0});
//   std::cerr << "listening on " << http.host() << ':' << http.port() << '\n';
//   http.run();  // until stop() is called from another thread

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "termbridge/server/api.hpp"

namespace termbridge::server {

// False when termbridge was built without cpp-httplib; HttpServer then throws.
bool http_available() noexcept;

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                              // 0: any free port (see HttpServer::port)
  std::size_t threads = 8;                      // worker threads (connections served at once)
  std::size_t max_body = std::size_t{8} << 20;  // bytes; a larger request gets 413
  std::chrono::seconds read_timeout{10};        // for a request's bytes to arrive
  std::chrono::seconds write_timeout{10};       // for the response to be taken
  std::chrono::seconds idle_timeout{5};         // a kept-alive connection without a request
};

class HttpServer {
 public:
  // Binds the port (Error(io) naming host and port when it cannot); does not serve yet.
  // Throws Error(invalid_argument) when termbridge was built without cpp-httplib.
  HttpServer(Api& api, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  const std::string& host() const noexcept;
  int port() const noexcept;  // the bound port, also when 0 was asked for
  // Serves until stop(); the requests under way are answered before it returns.
  void run();
  // Thread-safe; not async-signal-safe (call it from a thread that waited for the signal).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace termbridge::server
