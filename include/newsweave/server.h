// `newsweave serve`: the HTTP JSON API (src/server/API.md) and the web page over a
// collection, with cpp-httplib. One writer (POST /api/articles) at a time, readers in
// parallel on their own connections to the store (SQLite WAL).
#ifndef NEWSWEAVE_SERVER_H_
#define NEWSWEAVE_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "newsweave/collection.h"
#include "newsweave/status.h"

namespace newsweave {

struct ServerOptions {
  std::string host = "127.0.0.1";    // loopback unless asked otherwise
  int port = 8080;                   // 0: any free port (see NewsServer::port())
  std::string token;                 // non-empty: POST needs "Authorization: Bearer <token>"
  std::size_t max_body = 16u << 20;  // bytes; larger requests get 413
  // Worker threads: requests served at once. A connection holds a worker only while one of
  // its requests is being read, run or answered; idle connections wait in one polling thread.
  int threads = 32;
  // Connections open at once (idle, waiting for a worker or served). A new one past this
  // closes the connection that has been idle longest; when none is idle it gets 503 at once.
  std::size_t max_connections = 512;
  int idle_seconds = 5;           // a connection with no request in progress is closed after
  int read_timeout_seconds = 10;  // a client that sends (or reads) nothing this long is closed
  int request_seconds = 60;       // a request must arrive in this much waiting, however slow
  std::size_t max_results = 200;  // limit= is capped at this
  CollectionOptions collection;
};

class NewsServer {
 public:
  // Opens the collection at `db` (replaying it; `progress` gets articles replayed) and binds
  // the socket. Fails when the store cannot be opened or the address cannot be bound.
  static Result<std::unique_ptr<NewsServer>> Open(const std::string& db,
                                                  const ServerOptions& options,
                                                  const ProgressFn& progress = nullptr);
  ~NewsServer();
  NewsServer(const NewsServer&) = delete;
  NewsServer& operator=(const NewsServer&) = delete;

  // Answers requests until Stop() is called (from another thread or a signal handler's
  // thread). Returns false when the server could not run.
  bool Run();
  // Makes Run() return after the requests in progress.
  void Stop();
  // The bound port.
  int port() const;

 private:
  NewsServer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_SERVER_H_
