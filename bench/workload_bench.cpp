// The measuring half of `bench/run` (issue #7): search latency against a running `ketnoi serve`
// and the anchors of the same run (raw Xapian, SQLite FTS5, PostgreSQL full text), and the
// anchors of the import workload (raw Xapian indexing, SQLite bulk insert). It prints
// `M key=value` lines that bench/run turns into the table; progress goes to stderr.
//
//   workload_bench fts5-build DATA_DIR OUT.db     FTS5 table over the public tasks of DATA_DIR
//   workload_bench pg-load DATA_DIR CONNINFO      the same tasks into PostgreSQL (unaccent + GIN)
//   workload_bench w1 DATA_DIR PORT [options]     search: HTTP at concurrency 1 and C, anchors
//       --queries N (1000)  --warmup N (100)  --clients C (16)  --fts DB  --pg CONNINFO
//       --seed S (1, the demo seed)  --inproc 0|1 (1: also Ketnoi's Searcher in process)
//   workload_bench w2 TASKS.jsonl WORK_DIR        import anchors over the rows of the file
//
// Every anchor gets the same queries as Ketnoi: all words required, ranked, top 20. The
// response cache of the server never answers a measured query: queries are distinct, and the
// warm-up, concurrency-1 and concurrency-C sets are disjoint.
#include <libpq-fe.h>
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "../tests/http_client.h"
#include "queries.h"
#include "search/index.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "workload_bench: %s\n", what.c_str());
  std::exit(1);
}

void Metric(const std::string& key, double value) {
  std::printf("M %s=%.3f\n", key.c_str(), value);
  std::fflush(stdout);
}

struct Summary {
  double p50 = 0, p90 = 0, p99 = 0, worst = 0, mean = 0;
};

Summary Summarise(std::vector<double> v) {
  Summary s;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  s.p50 = at(0.5);
  s.p90 = at(0.9);
  s.p99 = at(0.99);
  s.worst = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  return s;
}

void Report(const std::string& name, const std::vector<double>& ms) {
  Summary s = Summarise(ms);
  Metric(name + "_p50", s.p50);
  Metric(name + "_p90", s.p90);
  Metric(name + "_p99", s.p99);
  Metric(name + "_max", s.worst);
  Metric(name + "_mean", s.mean);
}

// The đ→d folding unicode61 lacks (it removes combining marks only; đ is a letter of its own).
std::string FoldD(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xC4 && i + 1 < s.size() && (s[i + 1] == '\x91' || s[i + 1] == '\x90')) {
      out += s[i + 1] == '\x91' ? 'd' : 'D';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string UrlEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// --- the tasks of a data directory, read straight from its SQLite store -----------------------

struct TaskText {
  int64_t id;
  std::string code, title, keywords, abstract;
};

template <typename F>
int64_t ForEachPublicTask(const std::string& data_dir, F&& f) {
  sqlite3* db = nullptr;
  std::string path = data_dir + "/ketnoi.db";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    Die("cannot open " + path);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT id, code, title, keywords, abstract FROM tasks "
                         "WHERE confidentiality = 'public' ORDER BY id",
                         -1, &st, nullptr) != SQLITE_OK)
    Die(sqlite3_errmsg(db));
  auto text = [&](int col) {
    const unsigned char* p = sqlite3_column_text(st, col);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  };
  int64_t n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    f(TaskText{sqlite3_column_int64(st, 0), text(1), text(2), text(3), text(4)});
    ++n;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK)
    Die(std::string(sql) + ": " + (err ? err : "?"));
}

// --- fts5-build ---------------------------------------------------------------------------------

int Fts5Build(const std::string& data_dir, const std::string& out) {
  std::filesystem::remove(out);
  sqlite3* db = nullptr;
  if (sqlite3_open(out.c_str(), &db) != SQLITE_OK) Die("cannot create " + out);
  Exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
  Exec(db,
       "CREATE VIRTUAL TABLE fts USING fts5(code, title, keywords, abstract, "
       "tokenize = 'unicode61 remove_diacritics 2')");
  auto t0 = Clock::now();
  Exec(db, "BEGIN");
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO fts (rowid, code, title, keywords, abstract) VALUES (?,?,?,?,?)",
                     -1, &ins, nullptr);
  int64_t n = ForEachPublicTask(data_dir, [&](const TaskText& t) {
    sqlite3_bind_int64(ins, 1, t.id);
    std::string cols[4] = {FoldD(t.code), FoldD(t.title), FoldD(t.keywords), FoldD(t.abstract)};
    for (int i = 0; i < 4; ++i)
      sqlite3_bind_text(ins, i + 2, cols[i].data(), static_cast<int>(cols[i].size()),
                        SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE) Die(sqlite3_errmsg(db));
    sqlite3_reset(ins);
  });
  sqlite3_finalize(ins);
  Exec(db, "COMMIT");
  Exec(db, "INSERT INTO fts(fts) VALUES('optimize')");
  double s = Seconds(Clock::now() - t0);
  sqlite3_close(db);
  Metric("fts5_rows", static_cast<double>(n));
  Metric("fts5_build_s", s);
  return 0;
}

// --- pg-load ------------------------------------------------------------------------------------

void PgExec(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  auto st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Die(sql + ": " + PQerrorMessage(c));
  PQclear(r);
}

PGconn* PgConnect(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) Die(std::string("PostgreSQL: ") + PQerrorMessage(c));
  return c;
}

// COPY text format: backslash, tab, newline and carriage return escaped.
void CopyField(std::string& line, const std::string& s) {
  for (char ch : s) {
    switch (ch) {
      case '\\':
        line += "\\\\";
        break;
      case '\t':
        line += "\\t";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      default:
        line += ch;
    }
  }
}

int PgLoad(const std::string& data_dir, const std::string& conninfo) {
  PGconn* c = PgConnect(conninfo);
  PgExec(c, "SET client_min_messages = warning");
  PgExec(c, "CREATE EXTENSION IF NOT EXISTS unaccent");
  PgExec(c, "DROP TABLE IF EXISTS bench_raw, bench_fts");
  PgExec(c,
         "CREATE UNLOGGED TABLE bench_raw (id bigint, code text, title text, keywords text, "
         "abstract text)");
  auto t0 = Clock::now();
  PGresult* r = PQexec(c, "COPY bench_raw FROM STDIN");
  if (PQresultStatus(r) != PGRES_COPY_IN) Die(std::string("COPY: ") + PQerrorMessage(c));
  PQclear(r);
  std::string buf;
  int64_t n = ForEachPublicTask(data_dir, [&](const TaskText& t) {
    buf += std::to_string(t.id);
    for (const std::string* s : {&t.code, &t.title, &t.keywords, &t.abstract}) {
      buf += '\t';
      CopyField(buf, *s);
    }
    buf += '\n';
    if (buf.size() > (1 << 20)) {
      if (PQputCopyData(c, buf.data(), static_cast<int>(buf.size())) != 1) Die(PQerrorMessage(c));
      buf.clear();
    }
  });
  if (!buf.empty() && PQputCopyData(c, buf.data(), static_cast<int>(buf.size())) != 1)
    Die(PQerrorMessage(c));
  if (PQputCopyEnd(c, nullptr) != 1) Die(PQerrorMessage(c));
  r = PQgetResult(c);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) Die(std::string("COPY: ") + PQerrorMessage(c));
  PQclear(r);
  while ((r = PQgetResult(c))) PQclear(r);
  double copy_s = Seconds(Clock::now() - t0);
  // One tsvector per task over the same fields, without accents (unaccent also folds đ→d).
  PgExec(c,
         "CREATE TABLE bench_fts AS SELECT id, title, to_tsvector('simple', "
         "unaccent(concat_ws(' ', code, title, keywords, abstract))) AS tsv FROM bench_raw");
  PgExec(c, "ALTER TABLE bench_fts ADD PRIMARY KEY (id)");
  PgExec(c, "CREATE INDEX bench_fts_tsv ON bench_fts USING gin (tsv)");
  PgExec(c, "DROP TABLE bench_raw");
  PgExec(c, "VACUUM ANALYZE bench_fts");
  double s = Seconds(Clock::now() - t0);
  PQfinish(c);
  Metric("pg_rows", static_cast<double>(n));
  Metric("pg_copy_s", copy_s);
  Metric("pg_load_s", s);
  return 0;
}

// --- w1 -----------------------------------------------------------------------------------------

struct Options {
  std::map<std::string, std::string> named;
  std::string Get(const std::string& k, const std::string& def = "") const {
    auto it = named.find(k);
    return it == named.end() ? def : it->second;
  }
};

Options ParseOptions(int argc, char** argv, int from) {
  Options o;
  for (int i = from; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0) Die("unexpected argument " + k);
    o.named[k.substr(2)] = argv[i + 1];
  }
  return o;
}

// One engine under test at concurrency 1: returns latency in ms and whether anything matched.
struct Engine {
  Engine(std::string n, std::function<bool(const std::string&)> r)
      : name(std::move(n)), run(std::move(r)) {}
  std::string name;
  std::function<bool(const std::string&)> run;  // true when the query found something
  std::vector<double> ms;
  int found = 0, errors = 0;
};

int W1(const std::string& data_dir, int port, const Options& o) {
  const size_t n = std::stoul(o.Get("queries", "1000"));
  const size_t warm = std::stoul(o.Get("warmup", "100"));
  const int clients = std::stoi(o.Get("clients", "16"));
  const uint64_t seed = std::stoull(o.Get("seed", "1"));
  const std::string index_dir = data_dir + "/index";

  Xapian::Database xdb(index_dir);
  const int64_t docs = xdb.get_doccount();
  auto all = ketnoi::bench::MakeQueries(seed, docs, warm + 2 * n);
  if (all.size() < warm + 2 * n) Die("not enough distinct queries");
  std::vector<std::string> warmup(all.begin(), all.begin() + warm);
  std::vector<std::string> c1(all.begin() + warm, all.begin() + warm + n);
  std::vector<std::string> cn(all.begin() + warm + n, all.end());
  Metric("w1_docs", static_cast<double>(docs));
  Metric("w1_queries", static_cast<double>(n));

  std::vector<Engine> engines;

  engines.emplace_back("w1_http", [&](const std::string& q) {
    auto r = ketnoi::test_support::HttpGet(port, "/api/v1/tasks?q=" + UrlEncode(q));
    if (r.status != 200) throw std::runtime_error(std::to_string(r.status));
    return r.body.find("\"total\":0,") == std::string::npos;
  });

  ketnoi::search::Searcher searcher(index_dir);
  if (o.Get("inproc", "1") == "1")
    engines.emplace_back("w1_inproc", [&](const std::string& q) {
      ketnoi::search::SearchRequest req;
      req.query = q;
      req.limit = 20;
      req.facets = true;
      auto r = searcher.Search(req);
      if (!r.ok()) throw std::runtime_error(r.status().ToString());
      return r->total > 0;
    });

  engines.emplace_back("w1_xapian", [&](const std::string& q) {
    std::vector<Xapian::Query> terms;
    for (const auto& t : ketnoi::text::Tokenize(q)) terms.emplace_back(t.folded);
    Xapian::Enquire enquire(xdb);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
    Xapian::MSet m = enquire.get_mset(0, 20);
    return !m.empty();
  });

  sqlite3* fts = nullptr;
  sqlite3_stmt* fts_stmt = nullptr;
  if (!o.Get("fts").empty()) {
    if (sqlite3_open_v2(o.Get("fts").c_str(), &fts, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      Die("cannot open " + o.Get("fts"));
    sqlite3_prepare_v2(fts, "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20", -1,
                       &fts_stmt, nullptr);
    engines.emplace_back("w1_fts5", [&](const std::string& q) {
      // Every word required, each as a quoted string (no FTS5 syntax).
      std::string match;
      for (const auto& t : ketnoi::text::Tokenize(q))
        match += (match.empty() ? "\"" : " \"") + FoldD(t.lower) + "\"";
      sqlite3_bind_text(fts_stmt, 1, match.c_str(), -1, SQLITE_TRANSIENT);
      int rows = 0, rc;
      while ((rc = sqlite3_step(fts_stmt)) == SQLITE_ROW) ++rows;
      sqlite3_reset(fts_stmt);
      if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(fts));
      return rows > 0;
    });
  }

  PGconn* pg = nullptr;
  if (!o.Get("pg").empty()) {
    pg = PgConnect(o.Get("pg"));
    PGresult* r = PQprepare(pg, "q",
                            "SELECT id FROM bench_fts, plainto_tsquery('simple', unaccent($1)) q "
                            "WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 20",
                            1, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Die(std::string("prepare: ") + PQerrorMessage(pg));
    PQclear(r);
    engines.emplace_back("w1_pg", [&](const std::string& q) {
      const char* params[1] = {q.c_str()};
      PGresult* res = PQexecPrepared(pg, "q", 1, params, nullptr, nullptr, 0);
      if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        std::string e = PQerrorMessage(pg);
        PQclear(res);
        throw std::runtime_error(e);
      }
      bool any = PQntuples(res) > 0;
      PQclear(res);
      return any;
    });
  }

  // Warm-up (caches of every engine, the page cache), not measured and never repeated later.
  for (const auto& q : warmup)
    for (auto& e : engines) try {
        e.run(q);
      } catch (const std::exception&) {
      }

  // Concurrency 1, interleaved per query so that the noise of a shared machine falls on every
  // engine alike. The engine that runs a query first reads its posting lists from disk (or
  // the page cache) for the others that share its files (Ketnoi over HTTP, Ketnoi in process
  // and raw Xapian read the same index), so the first place rotates from query to query.
  auto t_c1 = Clock::now();
  for (size_t i = 0; i < c1.size(); ++i) {
    for (size_t k = 0; k < engines.size(); ++k) {
      auto& e = engines[(i + k) % engines.size()];
      auto t0 = Clock::now();
      try {
        e.found += e.run(c1[i]) ? 1 : 0;
      } catch (const std::exception& ex) {
        if (++e.errors <= 3)
          std::fprintf(stderr, "%s: %s: %s\n", e.name.c_str(), c1[i].c_str(), ex.what());
      }
      e.ms.push_back(Ms(Clock::now() - t0));
    }
    if ((i + 1) % 200 == 0) std::fprintf(stderr, "  w1 concurrency 1: %zu/%zu\n", i + 1, n);
  }
  std::fprintf(stderr, "  w1 concurrency 1: %.1f s\n", Seconds(Clock::now() - t_c1));
  for (auto& e : engines) {
    Report(e.name, e.ms);
    Metric(e.name + "_found", static_cast<double>(e.found) / static_cast<double>(n));
    Metric(e.name + "_errors", e.errors);
  }

  // Concurrency C over the server: C clients, each sending its next query as soon as the last
  // one is answered.
  std::atomic<size_t> next{0};
  std::atomic<int> errors{0};
  std::vector<std::vector<double>> per(static_cast<size_t>(clients));
  auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      for (size_t i; (i = next++) < cn.size();) {
        auto s = Clock::now();
        auto r = ketnoi::test_support::HttpGet(port, "/api/v1/tasks?q=" + UrlEncode(cn[i]));
        per[static_cast<size_t>(c)].push_back(Ms(Clock::now() - s));
        if (r.status != 200) ++errors;
      }
    });
  for (auto& t : threads) t.join();
  double wall = Seconds(Clock::now() - t0);
  std::vector<double> merged;
  for (auto& v : per) merged.insert(merged.end(), v.begin(), v.end());
  Report("w1_http_c" + std::to_string(clients), merged);
  Metric("w1_http_cn_p99", Summarise(merged).p99);
  Metric("w1_http_cn_p50", Summarise(merged).p50);
  Metric("w1_http_cn_rps", static_cast<double>(merged.size()) / wall);
  Metric("w1_http_cn_errors", errors.load());
  Metric("w1_clients", clients);

  if (fts_stmt) sqlite3_finalize(fts_stmt);
  if (fts) sqlite3_close(fts);
  if (pg) PQfinish(pg);
  return 0;
}

// --- w2 -----------------------------------------------------------------------------------------

int W2(const std::string& jsonl, const std::string& work) {
  std::ifstream in(jsonl);
  if (!in) Die("cannot read " + jsonl);
  std::vector<nlohmann::ordered_json> rows;
  auto t_parse = Clock::now();
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(nlohmann::ordered_json::parse(line));
  if (rows.empty()) Die("no rows in " + jsonl);
  Metric("w2_rows", static_cast<double>(rows.size()));
  Metric("w2_parse_s", Seconds(Clock::now() - t_parse));
  std::filesystem::create_directories(work);

  // Raw Xapian: the same text fields, tokenised the way Ketnoi does (folded syllables with
  // positions, accented forms where different), the title as document data, one writer.
  {
    std::string dir = work + "/xapian";
    std::filesystem::remove_all(dir);
    auto t0 = Clock::now();
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    for (const auto& r : rows) {
      Xapian::Document doc;
      Xapian::termpos pos = 0;
      for (const char* key : {"Code", "Title", "Keywords", "Abstract"}) {
        auto it = r.find(key);
        if (it == r.end() || !it->is_string()) continue;
        for (const auto& t : ketnoi::text::Tokenize(it->get<std::string>())) {
          doc.add_posting(t.folded, ++pos);
          if (t.lower != t.folded) doc.add_term(t.lower);
        }
        pos += 100;
      }
      doc.set_data(r.value("Title", ""));
      db.replace_document(static_cast<Xapian::docid>(r.value("id", int64_t{0})), doc);
    }
    db.commit();
    db.close();
    Metric("w2_xapian_s", Seconds(Clock::now() - t0));
  }

  // SQLite bulk insert: every column of the file into one table, one transaction, WAL.
  {
    std::string path = work + "/bulk.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    std::vector<std::string> cols;
    for (const auto& [k, v] : rows.front().items()) cols.push_back(k);
    std::string create = "CREATE TABLE rows (", insert = "INSERT INTO rows VALUES (";
    for (size_t i = 0; i < cols.size(); ++i) {
      std::string name = cols[i];
      for (auto& ch : name)
        if (ch == '"') ch = '\'';
      create += (i ? ", \"" : "\"") + name + "\"" + (i == 0 ? " INTEGER PRIMARY KEY" : "");
      insert += i ? ",?" : "?";
    }
    create += ")";
    insert += ")";
    auto t0 = Clock::now();
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("cannot create " + path);
    Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    Exec(db, create.c_str());
    Exec(db, "BEGIN");
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, insert.c_str(), -1, &st, nullptr) != SQLITE_OK)
      Die(sqlite3_errmsg(db));
    for (const auto& r : rows) {
      for (size_t i = 0; i < cols.size(); ++i) {
        auto it = r.find(cols[i]);
        int p = static_cast<int>(i + 1);
        if (it == r.end() || it->is_null()) {
          sqlite3_bind_null(st, p);
        } else if (it->is_number_integer()) {
          sqlite3_bind_int64(st, p, it->get<int64_t>());
        } else if (it->is_string()) {
          const auto& s = it->get_ref<const std::string&>();
          sqlite3_bind_text(st, p, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
        } else {
          std::string s = it->dump();
          sqlite3_bind_text(st, p, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        }
      }
      if (sqlite3_step(st) != SQLITE_DONE) Die(sqlite3_errmsg(db));
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    Exec(db, "COMMIT");
    sqlite3_close(db);
    Metric("w2_sqlite_s", Seconds(Clock::now() - t0));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "fts5-build" && argc == 4) return Fts5Build(argv[2], argv[3]);
  if (cmd == "pg-load" && argc == 4) return PgLoad(argv[2], argv[3]);
  if (cmd == "w1" && argc >= 4) return W1(argv[2], std::atoi(argv[3]), ParseOptions(argc, argv, 4));
  if (cmd == "w2" && argc == 4) return W2(argv[2], argv[3]);
  std::fprintf(stderr,
               "usage: workload_bench fts5-build DATA_DIR OUT.db\n"
               "       workload_bench pg-load DATA_DIR CONNINFO\n"
               "       workload_bench w1 DATA_DIR PORT [--queries N] [--warmup N] [--clients C]\n"
               "                         [--fts DB] [--pg CONNINFO] [--seed S] [--inproc 0|1]\n"
               "       workload_bench w2 TASKS.jsonl WORK_DIR\n");
  return 2;
}
