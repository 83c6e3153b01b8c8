#include "server/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/api.h"

namespace newsweave::server {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kBufferBytes = 8192;
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;  // request line and headers

// Set by a handler that leaves the request's body unread: the connection closes after the
// response (ServeOne reads and resets it on the same worker thread).
thread_local bool t_close_after_response = false;
// The limit the request being read on this worker hit, if any.
thread_local HttpServer::Limit t_limit_hit = HttpServer::Limit::kNone;
constexpr int kPollMillis = 100;         // how often idle connections are checked for their age
constexpr std::size_t kMaxPending = 64;  // accepted sockets not yet taken in
constexpr int kBacklog = 4096;           // connections the kernel holds before accept()

// Waits up to `ms` for `fd` to be ready for `events`.
bool WaitFd(int fd, short events, int ms) {
  pollfd p{fd, events, 0};
  int r;
  do {
    r = ::poll(&p, 1, ms);
  } while (r < 0 && errno == EINTR);
  return r > 0;
}

void CloseSocket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

// The address and port of a socket's end (`peer`: the other end).
void AddressOf(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage a{};
  socklen_t len = sizeof(a);
  ip.clear();
  port = 0;
  if ((peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&a), &len)
            : ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len)) != 0) {
    return;
  }
  char buf[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&a);
    ::inet_ntop(AF_INET, &v4->sin_addr, buf, sizeof(buf));
    port = ntohs(v4->sin_port);
  } else if (a.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&a);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, buf, sizeof(buf));
    port = ntohs(v6->sin6_port);
  }
  ip = buf;
}

}  // namespace

struct HttpServer::Connection {
  explicit Connection(int s) : sock(s) {}
  int sock;
  char buffer[kBufferBytes];
  std::size_t begin = 0, end = 0;  // bytes read but not yet parsed
  std::size_t requests = 0;
  Clock::time_point idle_since;
  std::list<Connection*>::iterator idle_pos;  // in the dispatcher's idle list, while idle
};

namespace {

// One request's reading and writing on a connection, for cpp-httplib's parser. Every wait is
// bounded by the I/O timeout and, all waits of the request together, by a budget; reading
// stops at max_request_bytes.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int sock, const ConnectionOptions& o, char* buffer, std::size_t* begin,
                   std::size_t* end)
      : sock_(sock),
        buffer_(buffer),
        begin_(begin),
        end_(end),
        io_ms_(o.io_timeout_seconds * 1000),
        read_budget_ms_(o.request_seconds * 1000),
        write_budget_ms_(o.request_seconds * 1000),
        max_bytes_(o.max_request_bytes) {}

  bool is_readable() const override { return *begin_ < *end_ || Wait(POLLIN, &read_budget_ms_); }
  bool is_writable() const override { return Wait(POLLOUT, &write_budget_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (*begin_ == *end_) {
      if (read_bytes_ >= max_bytes_) return Fail(HttpServer::Limit::kBytes);
      ssize_t n = -1;
      while (n < 0) {
        if (!Wait(POLLIN, &read_budget_ms_)) return Fail();
        n = ::recv(sock_, buffer_, kBufferBytes, MSG_DONTWAIT);
        if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) return Fail();
      }
      if (n == 0) return 0;
      *begin_ = 0;
      *end_ = static_cast<std::size_t>(n);
      read_bytes_ += static_cast<std::size_t>(n);
    }
    std::size_t k = std::min(size, *end_ - *begin_);
    if (!headers_done_) {
      // Until the blank line that ends the headers, bytes are handed out up to it only, and
      // there may be at most kMaxHeaderBytes of them (cpp-httplib grows a line until its end).
      for (std::size_t j = 0; j < k; ++j) {
        last4_ = (last4_ << 8) | static_cast<unsigned char>(buffer_[*begin_ + j]);
        if (last4_ == 0x0D0A0D0A) {
          headers_done_ = true;
          k = j + 1;
          break;
        }
      }
      header_bytes_ += k;
      if (!headers_done_ && header_bytes_ > kMaxHeaderBytes) {
        return Fail(HttpServer::Limit::kHeaders);
      }
    }
    std::memcpy(ptr, buffer_ + *begin_, k);
    *begin_ += k;
    return static_cast<ssize_t>(k);
  }

  // True when a read failed (timeout, over a limit, error): the connection is not reusable.
  bool failed() const { return failed_; }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      if (!Wait(POLLOUT, &write_budget_ms_)) return -1;
      const ssize_t n = ::send(sock_, ptr, size, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n >= 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    AddressOf(sock_, /*peer=*/true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    AddressOf(sock_, /*peer=*/false, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  ssize_t Fail(HttpServer::Limit limit = HttpServer::Limit::kNone) {
    failed_ = true;
    if (limit != HttpServer::Limit::kNone) t_limit_hit = limit;
    return -1;
  }

  // Waits for `events` within the I/O timeout and what is left of *budget_ms.
  bool Wait(short events, int* budget_ms) const {
    if (*budget_ms <= 0) return false;
    const int ms = std::min(io_ms_, *budget_ms);
    const Clock::time_point start = Clock::now();
    const bool ready = WaitFd(sock_, events, ms);
    const auto spent =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    *budget_ms -= ready ? static_cast<int>(spent) : ms;
    return ready;
  }

  int sock_;
  char* buffer_;
  std::size_t* begin_;
  std::size_t* end_;
  int io_ms_;
  mutable int read_budget_ms_;
  mutable int write_budget_ms_;
  std::size_t max_bytes_;
  std::size_t read_bytes_ = 0;
  std::size_t header_bytes_ = 0;
  bool headers_done_ = false;
  std::uint32_t last4_ = 0;  // the last four bytes of the headers read, to find their end
  bool failed_ = false;
};

}  // namespace

// Owns the connections: one thread polls the idle ones, workers serve one request at a time.
// Only the polling thread touches the idle list and epoll; a connection being served belongs
// to its worker, which closes it or gives it back.
class HttpServer::Dispatcher : public httplib::TaskQueue {
 public:
  explicit Dispatcher(HttpServer* server)
      : server_(server),
        options_(server->options_),
        workers_(static_cast<std::size_t>(std::max(1, options_.threads))) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.ptr = nullptr;  // the wake-up descriptor
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    ApiResponse busy =
        ErrorResponse(503, "the server has " + std::to_string(options_.max_connections) +
                               " connections busy (max_connections); try again in a moment");
    busy_response_ =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
        "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
        std::to_string(busy.body.size()) + "\r\n\r\n" + busy.body;
    poller_ = std::thread([this] { Poll(); });
  }

  ~Dispatcher() override {
    ::close(epoll_);
    ::close(wake_);
  }

  // cpp-httplib's accept loop hands over each socket as a task that calls
  // process_and_close_socket, which calls Admit: run at once, on the accepting thread.
  void enqueue(std::function<void()> fn) override { fn(); }

  void shutdown() override {
    server_->dispatcher_.store(nullptr);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    taken_.notify_all();
    Wake();
    poller_.join();
    workers_.shutdown();  // requests in progress end; their connections close
    for (Connection* c : returned_) Close(c);
    returned_.clear();
  }

  // A new socket from the accepting thread, which waits while kMaxPending are not yet taken
  // in: the connections that outrun the polling thread stay in the kernel's backlog, not in
  // descriptors of ours.
  void Admit(int sock) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      taken_.wait(lock, [this] { return not_taken_in_ < kMaxPending || stopping_; });
      pending_.push_back(sock);
      ++not_taken_in_;
    }
    Wake();
  }

 private:
  void Wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_, &one, sizeof(one));
  }

  void Close(Connection* c) {
    CloseSocket(c->sock);
    delete c;
    --server_->open_;
  }

  // Answers 503 without reading the request and closes.
  void Reject(int sock) {
    char scratch[4096];
    [[maybe_unused]] ssize_t n = ::recv(sock, scratch, sizeof(scratch), MSG_DONTWAIT);
    n = ::send(sock, busy_response_.data(), busy_response_.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    CloseSocket(sock);
  }

  // Idle: waits in epoll for its next request (or its end).
  void MakeIdle(Connection* c, int op) {
    c->idle_since = Clock::now();
    c->idle_pos = idle_.insert(idle_.end(), c);
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    ev.data.ptr = c;
    if (::epoll_ctl(epoll_, op, c->sock, &ev) != 0) {
      idle_.erase(c->idle_pos);
      Close(c);
    }
  }

  void CloseIdle(Connection* c) {
    idle_.erase(c->idle_pos);
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c->sock, nullptr);
    Close(c);
  }

  void TakeIn(int sock) {
    ++server_->accepted_;
    if (server_->open_.load() >= options_.max_connections) {
      if (idle_.empty()) {
        ++server_->rejected_;
        Reject(sock);
        return;
      }
      ++server_->evicted_;
      CloseIdle(idle_.front());  // the one that waited longest without a request
    }
    ++server_->open_;
    MakeIdle(new Connection(sock), EPOLL_CTL_ADD);
  }

  // On a worker: serves the connection's requests while it has some, then gives it back.
  void Serve(Connection* c) {
    for (;;) {
      bool stopping;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping = stopping_;
      }
      const bool last = stopping || ++c->requests >= options_.max_requests;
      if (!server_->ServeOne(c, last) || last) {
        Close(c);
        return;
      }
      if (c->begin == c->end) break;  // nothing pipelined: wait in epoll
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      returned_.push_back(c);
    }
    Wake();
  }

  void Poll() {
    std::vector<epoll_event> events(256);
    std::vector<int> pending;
    std::vector<Connection*> returned;
    for (;;) {
      const int n =
          ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), kPollMillis);
      for (int i = 0; i < n; ++i) {
        auto* c = static_cast<Connection*>(events[i].data.ptr);
        if (c == nullptr) {
          std::uint64_t count;
          [[maybe_unused]] ssize_t r = ::read(wake_, &count, sizeof(count));
          continue;
        }
        idle_.erase(c->idle_pos);  // armed only while idle; one-shot until given back
        workers_.enqueue([this, c] { Serve(c); });
      }
      bool stopping;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping = stopping_;
        pending.swap(pending_);
        returned.swap(returned_);
      }

      for (Connection* c : returned) {
        if (stopping) {
          Close(c);
        } else {
          MakeIdle(c, EPOLL_CTL_MOD);
        }
      }
      returned.clear();
      for (int sock : pending) {
        if (stopping) {
          CloseSocket(sock);
        } else {
          TakeIn(sock);
        }
      }
      if (!pending.empty()) {
        std::lock_guard<std::mutex> lock(mutex_);
        not_taken_in_ -= pending.size();
      }
      pending.clear();
      taken_.notify_one();
      if (stopping) break;
      const Clock::time_point too_old = Clock::now() - std::chrono::seconds(options_.idle_seconds);
      while (!idle_.empty() && idle_.front()->idle_since < too_old) {
        ++server_->timed_out_;
        CloseIdle(idle_.front());
      }
    }
    while (!idle_.empty()) CloseIdle(idle_.front());
  }

  HttpServer* server_;
  const ConnectionOptions options_;
  httplib::ThreadPool workers_;
  int epoll_ = -1;
  int wake_ = -1;
  std::string busy_response_;
  std::thread poller_;
  std::list<Connection*> idle_;  // oldest first; the polling thread's only

  std::mutex mutex_;               // guards the three below
  std::condition_variable taken_;  // sockets were taken in
  std::size_t not_taken_in_ = 0;   // in pending_, or being taken in
  bool stopping_ = false;
  std::vector<int> pending_;           // accepted, not yet taken in
  std::vector<Connection*> returned_;  // served, to wait for their next request
};

HttpServer::HttpServer(const ConnectionOptions& options) : options_(options) {
  // What the Keep-Alive header of responses says.
  set_keep_alive_max_count(options.max_requests);
  set_keep_alive_timeout(options.idle_seconds);
  new_task_queue = [this] {
    auto* d = new Dispatcher(this);
    dispatcher_.store(d);
    return d;
  };
}

HttpServer::~HttpServer() = default;

void HttpServer::RaiseBacklog() {
  const socket_t sock = svr_sock_.load();
  if (sock == INVALID_SOCKET) return;
  ::listen(sock, kBacklog);  // the kernel caps it at net.core.somaxconn
}

ConnectionStats HttpServer::stats() const {
  ConnectionStats s;
  s.open = open_.load();
  s.accepted = accepted_.load();
  s.rejected = rejected_.load();
  s.evicted = evicted_.load();
  s.timed_out = timed_out_.load();
  return s;
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  Dispatcher* d = dispatcher_.load();
  if (d == nullptr) {
    CloseSocket(sock);
    return false;
  }
  d->Admit(sock);
  return true;
}

bool HttpServer::ServeOne(Connection* c, bool last) {
  ConnectionStream stream(c->sock, options_, c->buffer, &c->begin, &c->end);
  bool closed = false;
  t_close_after_response = false;
  t_limit_hit = Limit::kNone;
  const bool ok = process_request(stream, last, closed, nullptr);
  const bool keep = ok && !closed && !stream.failed() && !t_close_after_response;
  t_close_after_response = false;
  t_limit_hit = Limit::kNone;
  return keep;
}

void HttpServer::CloseAfterResponse() { t_close_after_response = true; }

HttpServer::Limit HttpServer::LimitHit() { return t_limit_hit; }

}  // namespace newsweave::server
