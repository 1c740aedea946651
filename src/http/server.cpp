// The one translation unit that includes RESTinio (and asio): ~15 s to compile, so keep it alone.
#include "http/server.h"

#include <restinio/all.hpp>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <list>
#include <optional>
#include <unordered_map>
#include <mutex>
#include <thread>

#include "store/change_log.h"

namespace ketnoi::http {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Latency buckets of the Prometheus histogram, in seconds.
constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
constexpr size_t kBucketCount = std::size(kBuckets);

struct RouteMetrics {
  std::map<int, uint64_t> by_status;
  uint64_t buckets[kBucketCount] = {};
  uint64_t count = 0;
  double sum = 0;
};

class Metrics {
 public:
  void Observe(const std::string& route, const std::string& method, int status, double seconds) {
    std::lock_guard lock(mu_);
    RouteMetrics& m = routes_[{route, method}];
    ++m.by_status[status];
    ++m.count;
    m.sum += seconds;
    for (size_t i = 0; i < kBucketCount; ++i)
      if (seconds <= kBuckets[i]) ++m.buckets[i];
  }
  std::string Text(size_t queue_depth, int64_t index_lag, uint64_t rejected) const {
    std::string out;
    char buf[1024];
    auto label = [](const std::string& s) {
      std::string e;
      for (char c : s) e += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
      return e;
    };
    std::lock_guard lock(mu_);
    out += "# HELP ketnoi_http_requests_total HTTP requests answered, by route and status.\n";
    out += "# TYPE ketnoi_http_requests_total counter\n";
    for (const auto& [key, m] : routes_)
      for (const auto& [status, n] : m.by_status) {
        std::snprintf(buf, sizeof buf,
                      "ketnoi_http_requests_total{route=\"%s\",method=\"%s\",status=\"%d\"} %llu\n",
                      label(key.first).c_str(), key.second.c_str(), status,
                      static_cast<unsigned long long>(n));
        out += buf;
      }
    out += "# HELP ketnoi_http_request_duration_seconds Time from request to response, by route.\n";
    out += "# TYPE ketnoi_http_request_duration_seconds histogram\n";
    for (const auto& [key, m] : routes_) {
      std::string l = "route=\"" + label(key.first) + "\",method=\"" + key.second + "\"";
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBucketCount; ++i) {
        cumulative = m.buckets[i];
        std::snprintf(buf, sizeof buf,
                      "ketnoi_http_request_duration_seconds_bucket{%s,le=\"%g\"} %llu\n", l.c_str(),
                      kBuckets[i], static_cast<unsigned long long>(cumulative));
        out += buf;
      }
      std::snprintf(buf, sizeof buf,
                    "ketnoi_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %llu\n", l.c_str(),
                    static_cast<unsigned long long>(m.count));
      out += buf;
      std::snprintf(buf, sizeof buf, "ketnoi_http_request_duration_seconds_sum{%s} %.6f\n",
                    l.c_str(), m.sum);
      out += buf;
      std::snprintf(buf, sizeof buf, "ketnoi_http_request_duration_seconds_count{%s} %llu\n",
                    l.c_str(), static_cast<unsigned long long>(m.count));
      out += buf;
    }
    out +=
        "# HELP ketnoi_worker_queue_depth Requests waiting for a worker.\n"
        "# TYPE ketnoi_worker_queue_depth gauge\nketnoi_worker_queue_depth " +
        std::to_string(queue_depth) +
        "\n# HELP ketnoi_http_rejected_total Requests answered 503 because the queue was full.\n"
        "# TYPE ketnoi_http_rejected_total counter\nketnoi_http_rejected_total " +
        std::to_string(rejected) +
        "\n# HELP ketnoi_index_lag_changes Change-log entries not yet applied to the index.\n"
        "# TYPE ketnoi_index_lag_changes gauge\nketnoi_index_lag_changes " +
        std::to_string(index_lag) + "\n";
    return out;
  }

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, RouteMetrics> routes_;  // GUARDED_BY(mu_)
};

// A worker's own resources: store connections are not shared between threads.
struct WorkerContext {
  std::unique_ptr<store::Db> db;
  std::unique_ptr<registry::Registry> registry;
  std::unique_ptr<search::Searcher> searcher;
  Worker worker;
};

class WorkerPool {
 public:
  using Job = std::function<void(Worker&)>;

  void Start(std::vector<std::unique_ptr<WorkerContext>> contexts, size_t limit) {
    limit_ = limit;
    contexts_ = std::move(contexts);
    for (auto& ctx : contexts_) threads_.emplace_back([this, c = ctx.get()] { Loop(*c); });
  }
  // False when the queue is full or the pool is stopping: the caller answers 503.
  bool Submit(Job job) {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= limit_) return false;
    queue_.push_back(std::move(job));
    cv_.notify_one();
    return true;
  }
  size_t Depth() const {
    std::lock_guard lock(mu_);
    return queue_.size();
  }
  // Refuses new jobs, lets queued and running ones finish, joins the threads.
  void Drain() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
      cv_.notify_all();
    }
    for (auto& t : threads_)
      if (t.joinable()) t.join();
    threads_.clear();
  }

 private:
  void Loop(WorkerContext& ctx) {
    while (true) {
      Job job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping and drained
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job(ctx.worker);
    }
  }

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;  // GUARDED_BY(mu_)
  size_t limit_ = 0;
  std::vector<std::unique_ptr<WorkerContext>> contexts_;
  std::vector<std::thread> threads_;
};

// Rendered responses of GET routes, keyed by method, path, query and language cookie. Entries
// belong to a generation: the last change-log sequence the index has applied. When the index
// follower applies new changes the generation moves on and older entries are never served.
class ResponseCache {
 public:
  explicit ResponseCache(size_t max_entries) : max_entries_(max_entries) {}

  std::optional<Response> Get(const std::string& key, int64_t generation) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return std::nullopt;
    if (it->second.generation != generation) {
      lru_.erase(it->second.lru);
      map_.erase(it);
      return std::nullopt;
    }
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.response;
  }

  void Put(const std::string& key, int64_t generation, const Response& response) {
    if (response.body.size() > kMaxBody || max_entries_ == 0) return;
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) {
      lru_.erase(it->second.lru);
      map_.erase(it);
    }
    lru_.push_front(key);
    map_.emplace(key, Entry{response, generation, lru_.begin()});
    while (map_.size() > max_entries_) {
      map_.erase(lru_.back());
      lru_.pop_back();
    }
  }

 private:
  static constexpr size_t kMaxBody = 512 * 1024;
  struct Entry {
    Response response;
    int64_t generation;
    std::list<std::string>::iterator lru;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> map_;  // GUARDED_BY(mu_)
  std::list<std::string> lru_;                  // GUARDED_BY(mu_)
  size_t max_entries_;
};

std::string ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "OK";
  }
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20)
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace

struct Server::Impl {
  Config config;
  Router router;
  ServerOptions opt;
  WorkerPool pool;
  Metrics metrics;
  std::atomic<uint64_t> rejected{0};
  std::atomic<int64_t> index_lag{0};
  std::atomic<int64_t> generation{0};  // last change applied to the index
  ResponseCache cache;

  // Single flight: identical cacheable requests that arrive while one is being computed wait
  // for its answer instead of taking a worker each (a hot page under load costs one render).
  struct Waiter {
    restinio::request_handle_t req;
    Request request;  // method, path and If-None-Match are all a waiter needs
    SteadyClock::time_point start;
  };
  std::mutex inflight_mu;
  std::unordered_map<std::string, std::vector<Waiter>> inflight;  // GUARDED_BY(inflight_mu)

  std::vector<Waiter> TakeWaiters(const std::string& key) {
    std::lock_guard lock(inflight_mu);
    auto it = inflight.find(key);
    if (it == inflight.end()) return {};
    std::vector<Waiter> out = std::move(it->second);
    inflight.erase(it);
    return out;
  }

  // The response for a request that may hold the same ETag already.
  static Response ForRequest(Response resp, const Request& r) {
    std::string inm = r.Header("if-none-match");
    if (resp.status == 200 && !inm.empty())
      for (const auto& [k, v] : resp.headers)
        if (k == "ETag" && inm == v) {
          resp.status = 304;
          resp.body.clear();
        }
    return resp;
  }
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopping_streams{false};
  std::mutex log_mu;

  std::thread follower;
  std::mutex follower_mu;
  std::condition_variable follower_cv;

  using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
  restinio::running_server_handle_t<Traits> server;
  bool stopped = false;

  Impl(Config c, std::vector<Route> routes, ServerOptions o)
      : config(std::move(c)),
        router(std::move(routes)),
        opt(std::move(o)),
        cache(opt.cache_entries) {}

  // A streamed body: chunked transfer encoding, one chunk per piece, each written before the
  // next is produced (the worker waits for the write), so a million rows never sit in memory.
  void SendStream(const restinio::request_handle_t& req, const Request& r, const Response& resp,
                  const std::string& route_label, SteadyClock::time_point start) {
    auto rb = req->create_response<restinio::chunked_output_t>(restinio::http_status_line_t(
        restinio::http_status_code_t(static_cast<std::uint16_t>(resp.status)),
        ReasonPhrase(resp.status)));
    rb.append_header(restinio::http_field::content_type, resp.content_type);
    rb.append_header("X-Content-Type-Options", "nosniff");
    for (const auto& [k, v] : resp.headers) rb.append_header(k, v);
    size_t bytes = 0;
    if (r.method != "HEAD") {
      std::string piece;
      bool more = true;
      while (more && !stopping_streams.load()) {
        piece.clear();
        more = resp.stream(piece);
        if (piece.empty()) continue;
        bytes += piece.size();
        auto done = std::make_shared<std::promise<bool>>();
        auto written = done->get_future();
        rb.append_chunk(std::move(piece));
        rb.flush([done](const auto& ec) { done->set_value(!ec); });
        if (written.wait_for(opt.write_timeout) != std::future_status::ready || !written.get())
          break;  // the client went away or stopped reading
      }
    }
    double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    metrics.Observe(route_label, r.method, resp.status, seconds);
    rb.done();
    if (opt.access_log) {
      std::string line = "{\"ts\":\"" + FormatTimestamp(std::chrono::system_clock::now()) +
                         "\",\"method\":\"" + r.method + "\",\"path\":\"" + JsonEscape(r.path) +
                         "\",\"route\":\"" + JsonEscape(route_label) +
                         "\",\"status\":" + std::to_string(resp.status) +
                         ",\"ms\":" + std::to_string(seconds * 1000) +
                         ",\"bytes\":" + std::to_string(bytes) + ",\"streamed\":true}\n";
      std::lock_guard lock(log_mu);
      std::fwrite(line.data(), 1, line.size(), stderr);
    }
  }

  void Send(const restinio::request_handle_t& req, const Request& r, const Response& resp,
            const std::string& route_label, SteadyClock::time_point start) {
    if (resp.stream) return SendStream(req, r, resp, route_label, start);
    auto rb = req->create_response(restinio::http_status_line_t(
        restinio::http_status_code_t(static_cast<std::uint16_t>(resp.status)),
        ReasonPhrase(resp.status)));
    rb.append_header(restinio::http_field::content_type, resp.content_type);
    rb.append_header("X-Content-Type-Options", "nosniff");
    for (const auto& [k, v] : resp.headers) rb.append_header(k, v);
    if (r.method != "HEAD") rb.set_body(resp.body);
    // Counted before the response leaves, so a client that reads /metrics next sees it.
    double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    metrics.Observe(route_label, r.method, resp.status, seconds);
    rb.done();
    if (opt.access_log) {
      std::string line = "{\"ts\":\"" + FormatTimestamp(std::chrono::system_clock::now()) +
                         "\",\"method\":\"" + r.method + "\",\"path\":\"" + JsonEscape(r.path) +
                         "\",\"route\":\"" + JsonEscape(route_label) +
                         "\",\"status\":" + std::to_string(resp.status) +
                         ",\"ms\":" + std::to_string(seconds * 1000) +
                         ",\"bytes\":" + std::to_string(resp.body.size()) + "}\n";
      std::lock_guard lock(log_mu);
      std::fwrite(line.data(), 1, line.size(), stderr);
    }
  }

  restinio::request_handling_status_t Handle(restinio::request_handle_t req) {
    auto start = SteadyClock::now();
    Request r;
    r.method = req->header().method().c_str();
    r.path = UrlDecode(req->header().path(), false);
    r.query = ParseQuery(req->header().query());
    req->header().for_each_field([&](const auto& f) {
      std::string name = f.name();
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      r.headers[name] = f.value();
    });
    r.body = req->body();
    r.remote_addr = req->remote_endpoint().address().to_string();

    auto match = router.Find(r.method, r.path);
    std::string label = match ? match->route->path : "unmatched";
    const Route* route = match ? match->route : nullptr;
    if (match) r.params = std::move(match->params);
    bool method_not_allowed = !match && router.PathExists(r.path);
    // The fallback ("/404" handler) renders not-found pages in the reader's language.
    const Route* fallback = nullptr;
    for (const auto& rt : router.routes())
      if (rt.kind == "fallback") fallback = &rt;

    // Cacheable: GET/HEAD on public page, api and asset routes, never ops (health, metrics),
    // never for a request that comes with a session (the page shows who is signed in).
    std::string cache_key;
    if (route && (r.method == "GET" || r.method == "HEAD") && route->kind != "ops" &&
        opt.cache_entries > 0 && route->cacheable && r.Cookie(kSessionCookie).empty() &&
        auth::AllowsAnonymous(route->permission)) {
      cache_key = r.path + "?" + std::string(req->header().query()) + "#" + r.Cookie("lang");
      if (auto hit = cache.Get(cache_key, generation.load())) {
        Send(req, r, ForRequest(std::move(*hit), r), label, start);
        return restinio::request_accepted();
      }
      std::lock_guard lock(inflight_mu);
      auto it = inflight.find(cache_key);
      if (it != inflight.end()) {
        Request waiter;
        waiter.method = r.method;
        waiter.path = r.path;
        waiter.headers["if-none-match"] = r.Header("if-none-match");
        it->second.push_back({req, std::move(waiter), start});
        return restinio::request_accepted();
      }
      inflight[cache_key];  // this request computes the answer
    }

    bool queued =
        pool.Submit([this, req, r = std::move(r), route, fallback, label, method_not_allowed, start,
                     cache_key, gen = generation.load()](Worker& w) mutable {
          Response resp;
          try {
            if (route) {
              if (auto denied = Admit(*route, r, w))
                resp = std::move(*denied);
              else
                resp = route->handler(r, w);
            } else if (method_not_allowed) {
              resp.status = 405;
              resp.content_type = "text/plain; charset=utf-8";
              resp.body = "405 Method Not Allowed\n";
            } else if (fallback) {
              if (auto denied = Admit(*fallback, r, w))
                resp = std::move(*denied);
              else
                resp = fallback->handler(r, w);
              resp.status = 404;
            } else {
              resp.status = 404;
              resp.body = "404";
            }
          } catch (const std::exception& e) {
            resp = Response{};
            resp.status = 500;
            resp.content_type = "text/plain; charset=utf-8";
            resp.body = "500 Internal Server Error\n";
            std::fprintf(stderr, "handler error on %s: %s\n", r.path.c_str(), e.what());
          }
          AddSecurityHeaders(route ? route : fallback, r, resp);
          // A 304 is the client's copy: cache only full answers, and never private ones.
          bool personal = std::any_of(resp.headers.begin(), resp.headers.end(), [](const auto& h) {
            return h.first == "Set-Cookie" ||
                   (h.first == "Cache-Control" && h.second.find("private") != std::string::npos);
          });
          if (!cache_key.empty() && resp.status == 200 && !personal)
            cache.Put(cache_key, gen, resp);
          std::vector<Waiter> waiters =
              cache_key.empty() ? std::vector<Waiter>{} : TakeWaiters(cache_key);
          Send(req, r, resp, label, start);
          for (auto& wt : waiters)
            Send(wt.req, wt.request, ForRequest(resp, wt.request), label, wt.start);
        });
    if (!queued) {
      ++rejected;
      Response busy;
      busy.status = 503;
      busy.content_type = "text/plain; charset=utf-8";
      busy.body = "503 Service Unavailable — máy chủ đang bận, hãy thử lại sau giây lát.\n";
      busy.Header("Retry-After", "1");
      Request minimal;
      minimal.method = req->header().method().c_str();
      minimal.path = std::string(req->header().path());
      AddSecurityHeaders(nullptr, minimal, busy);
      Send(req, minimal, busy, label, start);
      if (!cache_key.empty())
        for (auto& wt : TakeWaiters(cache_key)) Send(wt.req, wt.request, busy, label, wt.start);
    }
    return restinio::request_accepted();
  }

  void FollowChangeLog() {
    auto db = store::Db::Open(config.EffectiveStoreUrl());
    if (!db.ok()) {
      std::fprintf(stderr, "index follower: %s\n", db.status().ToString().c_str());
      return;
    }
    registry::Registry reg(**db, SystemClock::Instance());
    search::Indexer indexer(reg, config.IndexDir());
    while (!stopping) {
      auto done = indexer.CatchUp();
      auto last = store::LastSeq(**db);
      auto applied = indexer.LastApplied();
      if (last.ok() && applied.ok()) {
        index_lag = *last - *applied;
        generation = *applied;
      }
      std::unique_lock lock(follower_mu);
      follower_cv.wait_for(lock, opt.index_poll, [&] { return stopping.load(); });
    }
  }
};

Server::Server(Config config, std::vector<Route> routes, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(routes), std::move(options))) {}

Server::~Server() { Stop(); }

const Router& Server::router() const { return impl_->router; }

std::string Server::MetricsText() const {
  return impl_->metrics.Text(impl_->pool.Depth(), impl_->index_lag.load(), impl_->rejected.load());
}

Status Server::Start() {
  Impl& s = *impl_;
  // Every route names a permission from the table; a route without one never serves.
  for (const auto& rt : s.router.routes())
    if (!auth::FindPermission(rt.permission))
      return Status::Internal(
          {"web.unknown_permission",
           {{"route", rt.method + " " + rt.path}, {"permission", rt.permission}}});
  std::vector<std::unique_ptr<WorkerContext>> contexts;
  for (int i = 0; i < std::max(1, s.opt.workers); ++i) {
    auto ctx = std::make_unique<WorkerContext>();
    KETNOI_ASSIGN_OR_RETURN(ctx->db, store::Db::Open(s.config.EffectiveStoreUrl()));
    ctx->registry = std::make_unique<registry::Registry>(*ctx->db, *s.opt.clock);
    ctx->searcher = std::make_unique<search::Searcher>(s.config.IndexDir());
    ctx->worker = Worker{ctx->db.get(), ctx->registry.get(), ctx->searcher.get(),
                         &s.config,     &s.router,           [this] { return MetricsText(); },
                         s.opt.clock};
    contexts.push_back(std::move(ctx));
  }
  s.pool.Start(std::move(contexts), static_cast<size_t>(std::max(1, s.opt.queue_limit)));
  s.follower = std::thread([&s] { s.FollowChangeLog(); });
  try {
    s.server = restinio::run_async<Impl::Traits>(
        restinio::own_io_context(),
        restinio::server_settings_t<Impl::Traits>{}
            .address(s.opt.bind)
            .port(static_cast<std::uint16_t>(s.opt.port))
            .read_next_http_message_timelimit(s.opt.read_timeout)
            .write_http_response_timelimit(s.opt.write_timeout)
            .handle_request_timeout(s.opt.handler_timeout)
            .incoming_http_msg_limits(
                restinio::incoming_http_msg_limits_t{}.max_body_size(s.opt.max_body_bytes))
            .request_handler([&s](auto req) { return s.Handle(std::move(req)); }),
        static_cast<std::size_t>(std::max(1, s.opt.io_threads)));
  } catch (const std::exception& e) {
    s.stopping = true;
    s.follower_cv.notify_all();
    if (s.follower.joinable()) s.follower.join();
    s.pool.Drain();
    return Status::Unavailable(
        {"web.listen_failed",
         {{"address", s.opt.bind + ":" + std::to_string(s.opt.port)}, {"reason", e.what()}}});
  }
  return Status::Ok();
}

void Server::Stop() {
  Impl& s = *impl_;
  if (s.stopped) return;
  s.stopped = true;
  s.stopping = true;
  s.stopping_streams = true;  // an export being streamed ends at its next piece
  s.pool.Drain();             // in-flight and queued requests are answered first
  if (s.server) {
    s.server->stop();
    s.server->wait();
    s.server.reset();
  }
  s.follower_cv.notify_all();
  if (s.follower.joinable()) s.follower.join();
}

void Server::BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void Server::WaitForStopSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  Stop();
}

}  // namespace ketnoi::http
