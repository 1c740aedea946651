#pragma once
// Runs a route table on RESTinio (see http.h for the shape).
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "http/http.h"

namespace ketnoi::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int io_threads = 2;
  int workers = 2;  // handler threads, each with its own store connection
  // Waiting requests beyond the workers; more are answered 503 at once. Small on purpose: a
  // request that waits longer than a second or two is worse than a quick "try again".
  int queue_limit = 32;
  std::chrono::seconds read_timeout{15};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds handler_timeout{30};
  std::uint64_t max_body_bytes = 16 * 1024 * 1024;
  std::chrono::milliseconds index_poll{500};  // how often the index follows the change log
  bool access_log = true;
  // Rendered GET responses kept until the index applies a newer change (0 disables).
  size_t cache_entries = 2000;
  // The clock handlers see (deadlines, timestamps); tests pass a FakeClock. Must outlive the
  // server.
  const Clock* clock = &SystemClock::Instance();
};

class Server {
 public:
  Server(Config config, std::vector<Route> routes, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens one store connection per worker, starts the index follower and the listener.
  Status Start();
  // Graceful stop: new requests get 503, queued and running handlers finish, then the
  // listener closes. Safe to call once.
  void Stop();
  // Blocks until SIGTERM or SIGINT, then Stop(). Signals must be blocked in every thread:
  // call BlockStopSignals() before creating any thread.
  void WaitForStopSignal();
  static void BlockStopSignals();

  const Router& router() const;
  // Prometheus text exposition of the server's metrics.
  std::string MetricsText() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketnoi::http
