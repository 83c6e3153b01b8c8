// The HTTP server under `newsweave serve`: cpp-httplib parses requests and runs the handlers,
// and this class decides which connections get a worker thread, so that connections that are
// many, silent or slow cannot take the server down.
//
// cpp-httplib alone gives every accepted connection a worker for its whole life (a silent
// client holds one until its keep-alive timeout, a client that trickles bytes holds one for
// ever) and queues the others without limit. Here, one thread waits (epoll) on every
// connection that has no request in progress; a connection goes to a worker only when it has
// bytes to read, for one request, and comes back afterwards. Limits:
//  - at most max_connections are open; a new one past that closes the connection that has
//    waited longest without a request in progress, or, when every one is busy, is answered
//    503 at once and closed;
//  - a connection without a request in progress is closed after idle_seconds;
//  - a request must arrive within request_seconds of waiting (its response likewise), however
//    slowly its bytes trickle in; its request line and headers may take 64 KiB, all of it
//    max_request_bytes (cpp-httplib does not bound chunked bodies, nor headers, itself);
//  - a connection whose request could not be read whole is closed after the answer;
//  - the listen backlog is raised from cpp-httplib's 5 to 4096 (kernel memory, not
//    descriptors), and the accepting thread waits while 64 accepted sockets are not yet taken
//    in: the process holds at most max_connections + 64 connection descriptors.
#ifndef NEWSWEAVE_SERVER_HTTP_SERVER_H_
#define NEWSWEAVE_SERVER_HTTP_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace newsweave::server {

struct ConnectionOptions {
  int threads = 32;                   // workers: requests served at once
  std::size_t max_connections = 512;  // open at once, idle, waiting or being served
  int idle_seconds = 5;               // without a request in progress
  int io_timeout_seconds = 10;        // one read or write waits at most this long
  int request_seconds = 60;           // total waiting for one request's bytes (and response's)
  std::size_t max_request_bytes = 17u << 20;  // request line, headers and body together
  std::size_t max_requests = 1000;            // on one connection
};

// Counters since the server started.
struct ConnectionStats {
  std::size_t open = 0;         // connections open now
  std::uint64_t accepted = 0;   // connections taken in
  std::uint64_t rejected = 0;   // answered 503 and closed at once (every one was busy)
  std::uint64_t evicted = 0;    // idle connections closed to make room for a new one
  std::uint64_t timed_out = 0;  // idle connections closed after idle_seconds
};

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(const ConnectionOptions& options);
  ~HttpServer() override;

  // Raises the listen backlog of the bound socket (call after bind_to_port).
  void RaiseBacklog();

  // The counters now (thread-safe).
  ConnectionStats stats() const;

  // For a handler (or the pre-routing handler) that answers without reading the request's
  // body: the connection closes once the response is written, instead of reading the body as
  // the next request.
  static void CloseAfterResponse();

  // For the error handler: the limit the request being answered hit while it was read
  // (cpp-httplib answers such a request 400 without saying why).
  enum class Limit { kNone, kHeaders, kBytes };
  static Limit LimitHit();

 private:
  class Dispatcher;
  struct Connection;

  // Called by cpp-httplib's accept loop for each new socket: hands it to the dispatcher.
  bool process_and_close_socket(socket_t sock) override;
  // Serves one request of `c` on a worker; false when the connection is to be closed.
  bool ServeOne(Connection* c, bool last);

  ConnectionOptions options_;
  std::atomic<Dispatcher*> dispatcher_{nullptr};
  std::atomic<std::size_t> open_{0};
  std::atomic<std::uint64_t> accepted_{0}, rejected_{0}, evicted_{0}, timed_out_{0};
};

}  // namespace newsweave::server

#endif  // NEWSWEAVE_SERVER_HTTP_SERVER_H_
