// HTTP request handling: raw bytes sent to a running NewsServer (over a store of data/sample,
// on loopback) get an answer or a closed connection, never a crash, and the server keeps
// answering. POST needs the token "fuzz" (the seeds carry it), so writes are fuzzed too.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "fuzz_util.h"
#include "newsweave/collection.h"
#include "newsweave/server.h"

namespace {

namespace nf = newsweave::fuzz;

newsweave::NewsServer* g_server = nullptr;
std::thread* g_thread = nullptr;

// At exit the server stops before the statics it uses are destroyed.
void StopServer() {
  g_server->Stop();
  g_thread->join();
}

// Sends `request`, closes the sending side and reads until the server closes (or 5 s pass).
// Returns the bytes received.
std::string Exchange(std::string_view request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  nf::Check(fd >= 0, "socket()");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(g_server->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  nf::Check(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0,
            "the server refuses connections");
  std::size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (bad request line, too large)
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string reply;
  char buf[16384];
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, 5000) > 0) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return reply;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const std::string db = nf::ScratchDir() + "/http.db";
  {
    auto collection = newsweave::Collection::Open(db, newsweave::CollectionOptions());
    nf::Check(collection.has_value(), "cannot make the store");
    const std::string sample = std::string(NEWSWEAVE_SOURCE_DIR) + "/data/sample";
    auto report = (*collection)
                      ->Ingest({sample + "/txt", sample + "/jsonl"}, "fuzz",
                               [](const newsweave::Diagnostic&) {});
    nf::Check(report.has_value(), "cannot ingest data/sample");
  }
  newsweave::ServerOptions options;
  options.port = 0;
  options.token = "fuzz";
  options.threads = 4;
  options.read_timeout_seconds = 1;
  options.max_body = 1 << 20;
  auto server = newsweave::NewsServer::Open(db, options);
  nf::Check(server.has_value(), "cannot start the server");
  g_server = server->release();  // lives as long as the process
  g_thread = new std::thread([] { g_server->Run(); });
  std::atexit(StopServer);
  for (int i = 0; i < 500; ++i) {
    if (Exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 200")) {
      return 0;
    }
    usleep(10000);
  }
  nf::Check(false, "the server does not answer /healthz");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Exchange(nf::AsView(data, size));
  return 0;
}
