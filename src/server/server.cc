#include "newsweave/server.h"

#include <httplib.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "server/api.h"
#include "server/http_server.h"
#include "server/web_assets.h"

namespace newsweave {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
// The page loads its own script, style and API only; article text it shows can carry
// markup, and the page inserts it as text, so this is a second line of defence.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Compares without an early exit, so the time taken does not tell how much of a token matched.
bool SameToken(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  }
  return diff == 0;
}

}  // namespace

struct NewsServer::Impl {
  ServerOptions options;
  std::string db;
  std::unique_ptr<Collection> writer;
  std::mutex write_mutex;
  std::mutex readers_mutex;
  std::vector<std::unique_ptr<Store>> readers;  // idle read connections
  std::string scratch;                          // directory for request bodies
  std::atomic<std::uint64_t> posts{0};
  std::unique_ptr<server::HttpServer> http;
  int port = 0;

  ~Impl() {
    if (!scratch.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(scratch, ec);
    }
  }

  // Runs `fn` with a read connection of its own (opened when none is idle).
  template <typename Fn>
  server::ApiResponse WithReader(Fn fn) {
    std::unique_ptr<Store> store;
    {
      std::lock_guard<std::mutex> lock(readers_mutex);
      if (!readers.empty()) {
        store = std::move(readers.back());
        readers.pop_back();
      }
    }
    if (!store) {
      auto opened = Store::Open(db);
      if (!opened) return server::ErrorResponse(500, opened.error().message);
      store = std::move(*opened);
    }
    server::ApiResponse r = fn(*store);
    std::lock_guard<std::mutex> lock(readers_mutex);
    readers.push_back(std::move(store));
    return r;
  }

  static void Send(httplib::Response& res, const server::ApiResponse& r) {
    res.status = r.status;
    res.set_content(r.body, kJson);
  }

  // A query parameter as a number in [low, high], or `fallback` when absent.
  static bool IntParam(const httplib::Request& req, const char* name, long fallback, long low,
                       long high, long* out, httplib::Response& res) {
    *out = fallback;
    if (!req.has_param(name)) return true;
    const std::string v = req.get_param_value(name);
    char* end = nullptr;
    const long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || n < low || n > high) {
      Send(res,
           server::ErrorResponse(400, std::string(name) + " must be a number from " +
                                          std::to_string(low) + " to " + std::to_string(high)));
      return false;
    }
    *out = n;
    return true;
  }

  void Routes() {
    const long max = static_cast<long>(options.max_results);
    http->Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
      Send(res, WithReader([](Store& s) { return server::Health(s); }));
    });
    http->Get("/api/stories", [this, max](const httplib::Request& req, httplib::Response& res) {
      long offset, limit;
      if (!IntParam(req, "offset", 0, 0, 1L << 40, &offset, res) ||
          !IntParam(req, "limit", 20, 1, max, &limit, res)) {
        return;
      }
      Send(res, WithReader([&](Store& s) { return server::ListStories(s, offset, limit); }));
    });
    http->Get(
        R"(/api/stories/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
          Send(res, WithReader([&](Store& s) { return server::GetStory(s, req.matches[1]); }));
        });
    http->Get(
        R"(/api/events/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
          Send(res, WithReader([&](Store& s) { return server::GetEvent(s, req.matches[1]); }));
        });
    http->Get(R"(/api/articles/(.+)/similar)",
              [this, max](const httplib::Request& req, httplib::Response& res) {
                long limit;
                if (!IntParam(req, "limit", 10, 1, max, &limit, res)) return;
                Send(res, WithReader([&](Store& s) {
                       return server::SimilarArticles(s, req.matches[1], static_cast<int>(limit));
                     }));
              });
    http->Get(R"(/api/articles/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      Send(res, WithReader([&](Store& s) { return server::GetArticle(s, req.matches[1]); }));
    });
    http->Get("/api/search", [this, max](const httplib::Request& req, httplib::Response& res) {
      long limit;
      if (!IntParam(req, "limit", 20, 1, max, &limit, res)) return;
      if (!req.has_param("q")) return Send(res, server::ErrorResponse(400, "give q=WORDS"));
      Send(res, WithReader([&](Store& s) {
             return server::Search(s, req.get_param_value("q"), static_cast<int>(limit));
           }));
    });
    http->Get("/api/similarity", [this](const httplib::Request& req, httplib::Response& res) {
      if (!req.has_param("a") || !req.has_param("b")) {
        return Send(res, server::ErrorResponse(400, "give a=ID and b=ID"));
      }
      Send(res, WithReader([&](Store& s) {
             return server::Similarity(s, req.get_param_value("a"), req.get_param_value("b"));
           }));
    });
    http->Post("/api/articles", [this](const httplib::Request& req, httplib::Response& res) {
      if (!options.token.empty()) {
        const std::string auth = req.get_header_value("Authorization");
        const std::string prefix = "Bearer ";
        if (auth.empty()) {
          return Send(res, server::ErrorResponse(401,
                                                 "this server needs a token for writes: "
                                                 "Authorization: Bearer TOKEN"));
        }
        if (!auth.starts_with(prefix) || !SameToken(auth.substr(prefix.size()), options.token)) {
          return Send(res, server::ErrorResponse(401, "wrong token"));
        }
      }
      const std::string file = scratch + "/body-" + std::to_string(++posts) + ".jsonl";
      std::lock_guard<std::mutex> lock(write_mutex);
      Send(res, server::PostArticles(*writer, req.body, file));
    });
    // The web page, compiled into the binary (web/, web_assets.h): "/", "/app.js", ...
    http->Get(R"(/[A-Za-z0-9._-]*)", [](const httplib::Request& req, httplib::Response& res) {
      const server::WebAsset* asset = server::FindWebAsset(req.path);
      if (asset == nullptr) {
        res.status = 404;  // the error handler writes the JSON error
        return;
      }
      res.set_header("Cache-Control", "no-cache");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Content-Security-Policy", kPagePolicy);
      res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
    });
    // Anything else: 404 or 405 as JSON (a handler that set an error body keeps it).
    http->set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      std::string message;
      const server::HttpServer::Limit hit = server::HttpServer::LimitHit();
      if (hit == server::HttpServer::Limit::kHeaders) {
        res.status = 431;
        message = "request line and headers over 64 KiB";
      } else if (hit == server::HttpServer::Limit::kBytes) {
        res.status = 413;
        message = "request body too large (more than " + std::to_string(options.max_body) +
                  " bytes, max_body)";
      } else if (res.status == 413 && req.get_header_value("Content-Type")
                                          .starts_with("application/x-www-form-urlencoded")) {
        // cpp-httplib caps form-encoded bodies at 8 KiB, whatever the body limit.
        message =
            "form-encoded bodies are limited to 8 KiB: send the articles with "
            "Content-Type: application/x-ndjson (or application/json)";
      } else if (res.status == 413) {
        message = "request body too large (more than " + std::to_string(options.max_body) +
                  " bytes, max_body)";
      } else if (res.status == 404 && req.path.starts_with("/api/")) {
        message = "no such endpoint: " + req.method + " " + req.path;
      } else if (res.status == 404) {
        message = "not found: " + req.path;
      } else {
        message = "HTTP status " + std::to_string(res.status);
      }
      Send(res, server::ErrorResponse(res.status, message));
    });
    http->set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "internal error";
          try {
            if (ep) std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what += std::string(": ") + e.what();
          } catch (...) {
          }
          Send(res, server::ErrorResponse(500, what));
        });
    // A write method on a read endpoint, or a read on the write one: 405.
    // Both answer before the body is read; the connection then closes rather than read the
    // body as the next request.
    http->set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
      const bool api = req.path.starts_with("/api/") || req.path == "/healthz";
      const bool post_ok = req.path == "/api/articles";
      if (api && req.method != "GET" && req.method != "HEAD" &&
          !(post_ok && req.method == "POST")) {
        res.set_header("Allow", post_ok ? "POST" : "GET");
        Send(res, server::ErrorResponse(405, req.method + " is not allowed on " + req.path));
        server::HttpServer::CloseAfterResponse();
        return httplib::Server::HandlerResponse::Handled;
      }
      // cpp-httplib inflates gzip and deflate bodies without bounding what comes out: a 200 KB
      // body of gzipped newlines grew the server by 300 MB, max_body notwithstanding.
      const std::string encoding = req.get_header_value("Content-Encoding");
      if (!encoding.empty() && encoding != "identity") {
        Send(res,
             server::ErrorResponse(415, "compressed request bodies (Content-Encoding: " + encoding +
                                            ") are not accepted; send them as "
                                            "they are"));
        server::HttpServer::CloseAfterResponse();
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
};

NewsServer::NewsServer() : impl_(std::make_unique<Impl>()) {}
NewsServer::~NewsServer() = default;

Result<std::unique_ptr<NewsServer>> NewsServer::Open(const std::string& db,
                                                     const ServerOptions& options,
                                                     const ProgressFn& progress) {
  std::unique_ptr<NewsServer> s(new NewsServer());
  Impl& m = *s->impl_;
  m.options = options;
  m.db = db;
  auto writer = Collection::Open(db, options.collection, progress);
  if (!writer) return std::unexpected(writer.error());
  m.writer = std::move(*writer);
  std::string scratch =
      (std::filesystem::temp_directory_path() / "newsweave-serve-XXXXXX").string();
  if (mkdtemp(scratch.data()) == nullptr) {
    return MakeError(ErrorCode::kIOError, "cannot make a scratch directory in " +
                                              std::filesystem::temp_directory_path().string());
  }
  m.scratch = scratch;
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server binds
  // the same port silently and the two share its requests.
  server::ConnectionOptions connections;
  connections.threads = std::max(1, options.threads);
  connections.max_connections = std::max<std::size_t>(1, options.max_connections);
  connections.idle_seconds = options.idle_seconds;
  connections.io_timeout_seconds = options.read_timeout_seconds;
  connections.request_seconds = options.request_seconds;
  connections.max_request_bytes = options.max_body + (1u << 20);  // and the headers
  m.http = std::make_unique<server::HttpServer>(connections);
  m.http->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  m.http->set_payload_max_length(options.max_body);
  m.Routes();
  m.port = options.port == 0
               ? m.http->bind_to_any_port(options.host)
               : (m.http->bind_to_port(options.host, options.port) ? options.port : -1);
  if (m.port < 0) {
    return MakeError(ErrorCode::kIOError, "cannot listen on " + options.host + ":" +
                                              std::to_string(options.port) +
                                              " (in use, or not an address of this machine)");
  }
  m.http->RaiseBacklog();
  return s;
}

bool NewsServer::Run() { return impl_->http->listen_after_bind(); }
void NewsServer::Stop() { impl_->http->stop(); }
int NewsServer::port() const { return impl_->port; }

}  // namespace newsweave
