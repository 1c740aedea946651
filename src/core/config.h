#pragma once
// Configuration of one data directory: `ketnoi.toml` inside it, then KETNOI_* environment
// variables, then command-line flags, each overriding the one before.
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace ketnoi {

// One `[[harvest]]` entry of ketnoi.toml: an OAI-PMH endpoint `ketnoi serve` harvests every
// `interval` (exchange/harvest.h).
struct HarvestSchedule {
  std::string url;
  std::string prefix;  // "" → the richer `ketnoi` format when offered, else oai_dc
  std::string set;
  std::string source;  // "" → named after the URL's host
  std::chrono::seconds interval{std::chrono::hours(24)};
};

struct Config {
  std::filesystem::path data_dir = "data";
  // "" means the embedded SQLite file <data_dir>/ketnoi.db; otherwise "sqlite:PATH" or a
  // libpq URI "postgresql://…".
  std::string store_url;
  std::string lang = "vi";  // "vi" or "en": the language of messages on the command line
  std::string server_bind = "127.0.0.1";
  int server_port = 8080;
  // How many matching documents a search examines to count facets exactly. Counts are exact
  // when the match set is smaller; larger sets show counts from this sample, scaled (marked
  // "about"). 5,000 keeps a search at a million tasks near 10 ms (bench W1); 20,000 took
  // twice as long for counts that are estimates either way on large result sets.
  int search_facet_sample = 5000;
  // The address users reach the site at ("https://ketnoi.hanoi.gov.vn"), used in links sent by
  // mail. Never taken from the request's Host header (a forged one would leak reset tokens).
  // Empty: http://<server.bind>:<server.port>.
  std::string server_public_url;
  // The command `ketnoi mail` pipes each queued message to (RFC 5322 text on stdin).
  std::string mail_sendmail = "/usr/sbin/sendmail -t -i";
  // Records in one page of an OAI-PMH list (the provider's resumption tokens page by this).
  int oai_page_size = 100;
  // Sources harvested on a schedule by `ketnoi serve` (`[[harvest]]` tables; file only).
  std::vector<HarvestSchedule> harvest;

  std::filesystem::path IndexDir() const { return data_dir / "index"; }
  std::filesystem::path FilesDir() const { return data_dir / "files"; }
  std::filesystem::path SqlitePath() const { return data_dir / "ketnoi.db"; }
  std::string EffectiveStoreUrl() const;
};

// Each known key ("store.url", "server.port", …), its environment variable
// (KETNOI_STORE_URL, …) and how to set it on a Config from text.
struct ConfigKey {
  const char* key;
  const char* env;
  std::function<Status(Config&, const std::string&)> set;
};
const std::vector<ConfigKey>& ConfigKeys();

struct ConfigSources {
  std::filesystem::path data_dir = "data";
  std::map<std::string, std::string> flags;  // key → value, from the command line
  // Reads an environment variable; defaults to ::getenv. Tests inject their own.
  std::function<std::optional<std::string>(const char*)> getenv;
};

Result<Config> LoadConfig(const ConfigSources& sources);

}  // namespace ketnoi
