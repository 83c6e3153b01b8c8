// `newsweave serve --db FILE [--host 127.0.0.1] [--port 8080] [--token T]`.
#include <signal.h>

#include <cstdio>
#include <thread>

#include "cli/commands.h"
#include "cli/progress.h"
#include "newsweave/server.h"

namespace newsweave::cli {

int RunServe(const ServeFlags& flags) {
  // SIGINT and SIGTERM stop the server from a thread of their own, after the requests in
  // progress; blocked here before any thread starts, so that only that thread takes them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  ServerOptions options;
  options.host = flags.host;
  options.port = flags.port;
  options.token = flags.token;
  options.threads = flags.threads;
  options.max_body = flags.max_body_mb << 20;
  ProgressBar loading("loading");
  auto server = NewsServer::Open(flags.db, options,
                                 [&](uint64_t done, uint64_t all) { loading.Update(done, all); });
  loading.Finish();
  if (!server) {
    std::fprintf(stderr, "newsweave serve: %s\n", server.error().message.c_str());
    return 1;
  }
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "newsweave serve: stopping (signal %d)\n", sig);
    (*server)->Stop();
  });
  std::fprintf(stderr, "newsweave serve: %s on http://%s:%d/ (writes %s)\n", flags.db.c_str(),
               flags.host.c_str(), (*server)->port(),
               flags.token.empty() ? "open to anyone who can connect" : "need the token");
  const bool ok = (*server)->Run();
  if (!ok) {
    std::fprintf(stderr, "newsweave serve: the server stopped with an error\n");
    pthread_kill(stopper.native_handle(), SIGTERM);
  }
  stopper.join();
  return ok ? 0 : 1;
}

}  // namespace newsweave::cli
