// The server's connection limits on loopback: a flood of connections, silent and slow
// clients, and a full server's 503. Each test bounds its own time.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "newsweave/server.h"
#include "server/http_server.h"

namespace newsweave::server {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Open file descriptors of this process.
std::size_t OpenFds() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n - 1;  // the directory being listed
}

// Threads of this process.
std::size_t Threads() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("Threads:")) return std::stoul(line.substr(8));
  }
  return 0;
}

// Starts a non-blocking connection to 127.0.0.1:port; -1 when the system refuses a socket.
int StartConnect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Blocking connection, for the slow clients.
int Connect(int port) {
  const int fd = StartConnect(port);
  if (fd < 0) return -1;
  pollfd p{fd, POLLOUT, 0};
  ::poll(&p, 1, 2000);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

// True when the server has closed `fd` (EOF or reset), waiting up to `ms`.
bool ClosedByServer(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, ms) <= 0) return false;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
  }
  return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

// A bare server with the options and one route, run on a thread of its own.
class Running {
 public:
  explicit Running(const ConnectionOptions& options) : server_(options) {
    server_.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{\"ok\": true}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    server_.RaiseBacklog();
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Running() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  HttpServer& server() { return server_; }

  // GET /healthz on a fresh connection; the seconds it took, or -1 on failure.
  double TimedHealth() {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(3, 0);
    client.set_read_timeout(3, 0);
    const Clock::time_point start = Clock::now();
    auto res = client.Get("/healthz");
    return res && res->status == 200 ? SecondsSince(start) : -1;
  }

 private:
  HttpServer server_;
  int port_ = 0;
  std::thread thread_;
};

TEST(ServerLimitsTest, TenThousandConnectionsStayBoundedAndHealthAnswers) {
  const Clock::time_point start = Clock::now();
  std::size_t wanted = 10000;
  rlimit fds{};
  ::getrlimit(RLIMIT_NOFILE, &fds);
  fds.rlim_cur = fds.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &fds);
  ::getrlimit(RLIMIT_NOFILE, &fds);
  ConnectionOptions options;  // the defaults: 32 workers, 512 connections
  const std::size_t spare = options.max_connections + 200;
  if (fds.rlim_cur < wanted + spare) {
    wanted = fds.rlim_cur > spare + 1000 ? fds.rlim_cur - spare : 1000;
    std::printf("RLIMIT_NOFILE is %llu: trying %zu connections instead of 10,000\n",
                static_cast<unsigned long long>(fds.rlim_cur), wanted);
  }
  const std::size_t fds_before = OpenFds(), threads_before = Threads();
  auto running = std::make_unique<Running>(options);
  const int port = running->port();

  std::vector<int> clients;
  clients.reserve(wanted);
  std::size_t refused = 0, most_fds = 0, most_threads = 0;
  double slowest_health = 0;
  auto sample = [&] {
    most_fds = std::max(most_fds, OpenFds() - fds_before - clients.size());
    most_threads = std::max(most_threads, Threads() - threads_before);
  };
  for (std::size_t i = 0; i < wanted; ++i) {
    const int fd = StartConnect(port);
    if (fd < 0) {
      ++refused;
    } else {
      clients.push_back(fd);
    }
    if (i % 1000 == 999) {
      sample();
      const double t = running->TimedHealth();  // while the flood goes on
      EXPECT_GE(t, 0) << "after " << i + 1 << " connections";
      slowest_health = std::max(slowest_health, t);
    }
  }
  // Wait for the server to take in what the kernel queued (SYNs dropped by a full backlog are
  // sent again after a second).
  while (running->server().stats().accepted < clients.size() && SecondsSince(start) < 8) {
    sample();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  sample();
  const ConnectionStats flood = running->server().stats();
  const double health_while_open = running->TimedHealth();
  std::printf(
      "%zu connections attempted (%zu refused by the system), %llu taken in by the server; "
      "%llu idle ones closed for newer, %llu answered 503; open at the end %zu; server fds at "
      "most %zu, threads at most %zu; slowest GET /healthz during the flood %.3f s, after %.3f s\n",
      wanted, refused, static_cast<unsigned long long>(flood.accepted),
      static_cast<unsigned long long>(flood.evicted),
      static_cast<unsigned long long>(flood.rejected), flood.open, most_fds, most_threads,
      slowest_health, health_while_open);
  EXPECT_GE(flood.accepted, clients.size() * 9 / 10);
  EXPECT_LE(flood.open, options.max_connections);
  // All but max_connections were let go (but the few /healthz ones, served and closed).
  EXPECT_GE(flood.evicted + flood.rejected + 20, flood.accepted - options.max_connections);
  // The server's own descriptors: its connections, at most 64 accepted but not yet taken in,
  // the listening socket, epoll and a few more.
  EXPECT_LE(most_fds, options.max_connections + 64 + 16);
  // The accepting thread, the polling thread and the workers.
  EXPECT_LE(most_threads, static_cast<std::size_t>(options.threads) + 4);
  EXPECT_GE(health_while_open, 0);
  EXPECT_LT(health_while_open, 1.0);
  EXPECT_LT(slowest_health, 2.0);

  // The connections the server let go are closed on its side.
  std::size_t closed = 0;
  for (int fd : clients) closed += ClosedByServer(fd, 0);
  EXPECT_GE(closed + 16, flood.evicted + flood.rejected);
  for (int fd : clients) ::close(fd);
  clients.clear();
  const Clock::time_point closing = Clock::now();
  while (running->server().stats().open > 0 && SecondsSince(closing) < 3) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(running->server().stats().open, 0u);
  const double health_after = running->TimedHealth();
  EXPECT_GE(health_after, 0);
  EXPECT_LT(health_after, 1.0);
  running.reset();
  EXPECT_LE(OpenFds(), fds_before + 2);
  EXPECT_LT(SecondsSince(start), 15.0);
}

TEST(ServerLimitsTest, SilentAndTricklingClientsAreClosed) {
  ConnectionOptions options;
  options.threads = 2;
  options.idle_seconds = 1;
  options.io_timeout_seconds = 1;
  options.request_seconds = 2;
  Running running(options);
  // Twenty clients that connect and say nothing hold no worker...
  std::vector<int> silent;
  for (int i = 0; i < 20; ++i) silent.push_back(Connect(running.port()));
  const double health = running.TimedHealth();
  EXPECT_GE(health, 0);
  EXPECT_LT(health, 0.5);
  // ...and are closed after idle_seconds.
  const Clock::time_point start = Clock::now();
  std::size_t closed = 0;
  for (int fd : silent) {
    closed += ClosedByServer(fd, 3000);
    ::close(fd);
  }
  EXPECT_EQ(closed, silent.size());
  EXPECT_LT(SecondsSince(start), 2.5);
  EXPECT_EQ(running.server().stats().timed_out, silent.size());

  // Clients that send a byte every 300 ms (each wait shorter than the I/O timeout) are cut off
  // once their request has taken request_seconds of waiting.
  std::vector<std::thread> tricklers;
  std::vector<double> held(2, 0);
  for (int k = 0; k < 2; ++k) {
    tricklers.emplace_back([&, k] {
      const int fd = Connect(running.port());
      const std::string request =
          "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(100, 'z') + "\r\n\r\n";
      const Clock::time_point t0 = Clock::now();
      for (char c : request) {
        if (::send(fd, &c, 1, MSG_NOSIGNAL) != 1 || ClosedByServer(fd, 300)) break;
      }
      held[k] = SecondsSince(t0);
      ::close(fd);
    });
  }
  for (std::thread& t : tricklers) t.join();
  for (double seconds : held) {
    EXPECT_GT(seconds, 1.5);
    EXPECT_LT(seconds, 4.0);
  }
  EXPECT_GE(running.TimedHealth(), 0);
}

// A NewsServer over an empty store, run on a thread of its own.
class NewsServerRun {
 public:
  explicit NewsServerRun(const ServerOptions& options)
      : db_((std::filesystem::temp_directory_path() /
             ("nw-limits-" + std::to_string(getpid()) + ".db"))
                .string()) {
    auto server = NewsServer::Open(db_, options);
    EXPECT_TRUE(server.has_value()) << server.error().message;
    if (!server) return;
    server_ = std::move(*server);
    thread_ = std::thread([this] { server_->Run(); });
    httplib::Client client("127.0.0.1", port());
    for (int i = 0; i < 200 && !client.Get("/healthz"); ++i) usleep(10000);
  }
  ~NewsServerRun() {
    if (server_) {
      server_->Stop();
      thread_.join();
      server_.reset();
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((db_ + suffix).c_str());
  }
  int port() const { return server_ ? server_->port() : 0; }

 private:
  std::string db_;
  std::unique_ptr<NewsServer> server_;
  std::thread thread_;
};

// Sends `request` on a new connection and returns what comes back until the server closes it
// (or 3 seconds pass).
std::string Exchange(int port, const std::string& request) {
  const int fd = Connect(port);
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buf[4096];
  const Clock::time_point start = Clock::now();
  pollfd p{fd, POLLIN, 0};
  while (SecondsSince(start) < 3 && ::poll(&p, 1, 100) >= 0) {
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) {
      answer += n == 0 ? "<closed>" : "<reset>";
      break;
    }
    answer.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

TEST(ServerLimitsTest, CompressedBodiesLongHeadersAndBigChunkedBodiesAreRefused) {
  ServerOptions options;
  options.port = 0;
  options.max_body = 64 * 1024;
  NewsServerRun run(options);
  // cpp-httplib would inflate a gzip body without bound.
  std::string answer = Exchange(run.port(),
                                "POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Encoding: "
                                "gzip\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 415 ")) << answer;
  EXPECT_NE(answer.find("Content-Encoding: gzip) are not accepted"), std::string::npos) << answer;
  EXPECT_TRUE(answer.ends_with("<closed>")) << answer;
  // Headers that never end: cut off at 64 KiB.
  std::string headers = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  while (headers.size() < 200 * 1024) headers += "X-Filler: " + std::string(1000, 'f') + "\r\n";
  answer = Exchange(run.port(), headers);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 431 ")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("request line and headers over 64 KiB"), std::string::npos) << answer;
  EXPECT_TRUE(answer.ends_with("<closed>") || answer.ends_with("<reset>")) << answer;
  // A chunked body is not held to max_body by cpp-httplib; the connection's byte limit
  // (max_body + 1 MiB) ends it.
  std::string chunked =
      "POST /api/articles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk = std::string(65536, 'x');
  for (int i = 0; i < 40; ++i) chunked += "10000\r\n" + chunk + "\r\n";  // 2.5 MiB
  chunked += "0\r\n\r\n";
  answer = Exchange(run.port(), chunked);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413 ")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("request body too large (more than 65536 bytes, max_body)"),
            std::string::npos)
      << answer;
  EXPECT_TRUE(answer.ends_with("<closed>") || answer.ends_with("<reset>")) << answer;
  // The server is well.
  httplib::Client client("127.0.0.1", run.port());
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST(ServerLimitsTest, AFullServerAnswers503AtOnce) {
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.max_connections = 2;
  options.request_seconds = 3;
  NewsServerRun run(options);
  const int port = run.port();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the first /healthz closes
  // Two requests in progress (their headers never end) take both connections...
  std::vector<int> busy;
  for (int i = 0; i < 2; ++i) {
    busy.push_back(Connect(port));
    const std::string start = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    ASSERT_EQ(::send(busy.back(), start.data(), start.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(start.size()));
    // Once its bytes are in, a connection is being served, no longer idle (an idle one would
    // make room for the next).
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  // ...so the next one is told so at once.
  const Clock::time_point t0 = Clock::now();
  httplib::Client third("127.0.0.1", port);
  auto res = third.Get("/healthz");
  const double seconds = SecondsSince(t0);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(res->get_header_value("Retry-After"), "1");
  nlohmann::json body = nlohmann::json::parse(res->body);
  EXPECT_EQ(body["error"]["status"], 503);
  EXPECT_NE(body["error"]["message"].get<std::string>().find("max_connections"), std::string::npos);
  EXPECT_LT(seconds, 0.5);
  for (int fd : busy) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  httplib::Client after("127.0.0.1", port);
  auto ok = after.Get("/healthz");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

}  // namespace
}  // namespace newsweave::server
