#include "termbridge/server/http.hpp"

#include "termbridge/base/error.hpp"

#ifdef TB_HAVE_HTTPLIB
#include <httplib.h>
#endif

namespace termbridge::server {

#ifdef TB_HAVE_HTTPLIB

bool http_available() noexcept {
  return true;
}

struct HttpServer::Impl {
  Api& api;
  HttpOptions options;
  httplib::Server server;
  int port = 0;

  Impl(Api& a, HttpOptions o) : api(a), options(std::move(o)) {}

  void serve(const httplib::Request& req, httplib::Response& res) {
    Request r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [k, v] : req.params) {
      r.params.emplace(k, v);
    }
    r.authorization = req.get_header_value("Authorization");
    r.body = req.body;
    Response out = api.handle(r);
    res.status = out.status;
    res.set_content(out.body, "application/json");
  }
};

HttpServer::HttpServer(Api& api, HttpOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {
  auto& s = impl_->server;
  Impl* impl = impl_.get();
  auto threads = std::max<std::size_t>(impl->options.threads, 1);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // cpp-httplib refuses a larger body with 413 before reading it (by its Content-Length,
  // or as a chunked body grows past it); the error handler below gives that refusal, and
  // its own 400s, a JSON body like every other answer.
  s.set_payload_max_length(impl->options.max_body);
  // cpp-httplib writes a response's head and body apart: with Nagle's algorithm the body
  // waits for the client's delayed ACK, some 40 ms on every request.
  s.set_tcp_nodelay(true);
  s.set_read_timeout(impl->options.read_timeout);
  s.set_write_timeout(impl->options.write_timeout);
  s.set_keep_alive_timeout(impl->options.idle_timeout.count());
  auto handler = [impl](const httplib::Request& req, httplib::Response& res) {
    impl->serve(req, res);
  };
  // Every path and method goes to the Api, which answers 404 and 405 itself.
  s.Get(".*", handler);
  s.Post(".*", handler);
  s.Put(".*", handler);
  s.Delete(".*", handler);
  s.Patch(".*", handler);
  s.Options(".*", handler);
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;  // the Api's own answer
        }
        std::string code = res.status == 413   ? "payload_too_large"
                           : res.status == 414 ? "uri_too_long"
                           : res.status == 404 ? "not_found"
                           : res.status == 405 ? "method_not_allowed"
                                               : "bad_request";
        std::string message = res.status == 413   ? "the body is over the server's limit"
                              : res.status == 404 ? "no such resource"
                                                  : "the request could not be read";
        Response out = Api::error(res.status, code, message);
        res.set_content(out.body, "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));
  const auto& o = impl->options;
  if (o.port < 0 || o.port > 65535) {
    throw Error(ErrorKind::invalid_argument, "port " + std::to_string(o.port) + " out of range");
  }
  if (o.port == 0) {
    impl->port = s.bind_to_any_port(o.host);
    if (impl->port < 0) {
      impl->port = 0;
    }
  } else if (s.bind_to_port(o.host, o.port)) {
    impl->port = o.port;
  }
  if (impl->port <= 0) {
    throw Error(ErrorKind::io, "cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                   " (a host of this machine, and a port not in use?)");
  }
}

HttpServer::~HttpServer() {
  impl_->server.stop();
}

const std::string& HttpServer::host() const noexcept {
  return impl_->options.host;
}

int HttpServer::port() const noexcept {
  return impl_->port;
}

void HttpServer::run() {
  if (!impl_->server.listen_after_bind()) {
    // stop() before run() ends it the same way; a failure of the socket itself is not.
    if (impl_->server.is_valid()) {
      throw Error(ErrorKind::io, "the server stopped listening on " + impl_->options.host + ":" +
                                     std::to_string(impl_->port));
    }
  }
}

void HttpServer::stop() {
  impl_->server.stop();
}

#else

bool http_available() noexcept {
  return false;
}

struct HttpServer::Impl {
  HttpOptions options;
};

HttpServer::HttpServer(Api&, HttpOptions) {
  throw Error(ErrorKind::invalid_argument,
              "this termbridge was built without cpp-httplib (Debian: libcpp-httplib-dev), so "
              "it cannot serve; build it again with that package installed");
}

HttpServer::~HttpServer() = default;

const std::string& HttpServer::host() const noexcept {
  return impl_->options.host;
}

int HttpServer::port() const noexcept {
  return 0;
}

void HttpServer::run() {}

void HttpServer::stop() {}

#endif

}  // namespace termbridge::server
