#include "core/config.h"

#include <cstdlib>
#define TOML_EXCEPTIONS 0
#define TOML_HEADER_ONLY 1
#include <toml++/toml.h>

namespace ketnoi {

std::string Config::EffectiveStoreUrl() const {
  if (!store_url.empty()) return store_url;
  return "sqlite:" + SqlitePath().string();
}

namespace {
Status SetInt(int& out, const std::string& key, const std::string& v, int lo, int hi) {
  try {
    size_t used = 0;
    int n = std::stoi(v, &used);
    if (used == v.size() && n >= lo && n <= hi) {
      out = n;
      return Status::Ok();
    }
  } catch (const std::exception&) {
  }
  return Status::Invalid(
      {"config.bad_number",
       {{"key", key}, {"value", v}, {"min", std::to_string(lo)}, {"max", std::to_string(hi)}}});
}
}  // namespace

const std::vector<ConfigKey>& ConfigKeys() {
  static const std::vector<ConfigKey> kKeys = {
      {"store.url", "KETNOI_STORE_URL",
       [](Config& c, const std::string& v) {
         c.store_url = v;
         return Status::Ok();
       }},
      {"lang", "KETNOI_LANG",
       [](Config& c, const std::string& v) {
         if (v != "vi" && v != "en") return Status::Invalid({"config.bad_lang", {{"value", v}}});
         c.lang = v;
         return Status::Ok();
       }},
      {"server.bind", "KETNOI_SERVER_BIND",
       [](Config& c, const std::string& v) {
         c.server_bind = v;
         return Status::Ok();
       }},
      {"server.port", "KETNOI_SERVER_PORT",
       [](Config& c, const std::string& v) {
         return SetInt(c.server_port, "server.port", v, 1, 65535);
       }},
      {"search.facet_sample", "KETNOI_SEARCH_FACET_SAMPLE",
       [](Config& c, const std::string& v) {
         return SetInt(c.search_facet_sample, "search.facet_sample", v, 100, 100000000);
       }},
      {"server.public_url", "KETNOI_SERVER_PUBLIC_URL",
       [](Config& c, const std::string& v) {
         if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
           return Status::Invalid({"config.bad_url", {{"key", "server.public_url"}, {"value", v}}});
         c.server_public_url = v;
         while (!c.server_public_url.empty() && c.server_public_url.back() == '/')
           c.server_public_url.pop_back();
         return Status::Ok();
       }},
      {"mail.sendmail", "KETNOI_MAIL_SENDMAIL",
       [](Config& c, const std::string& v) {
         c.mail_sendmail = v;
         return Status::Ok();
       }},
      {"oai.page_size", "KETNOI_OAI_PAGE_SIZE",
       [](Config& c, const std::string& v) {
         return SetInt(c.oai_page_size, "oai.page_size", v, 1, 10000);
       }},
  };
  return kKeys;
}

namespace {
const ConfigKey* FindKey(const std::string& key) {
  for (const auto& k : ConfigKeys())
    if (key == k.key) return &k;
  return nullptr;
}

// "90", "90s", "15m", "6h", "1d" → seconds (at least 1).
std::optional<std::chrono::seconds> ParseInterval(const std::string& v) {
  if (v.empty()) return std::nullopt;
  size_t digits = v.find_first_not_of("0123456789");
  if (digits == 0) return std::nullopt;
  std::string unit = digits == std::string::npos ? "s" : v.substr(digits);
  int64_t n = 0;
  try {
    n = std::stoll(v.substr(0, digits));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  int64_t scale = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
  if (scale == 0 || n < 1 || n > 366 * 86400 / scale) return std::nullopt;
  return std::chrono::seconds(n * scale);
}

// The `[[harvest]]` array of tables: url (required), prefix, set, source, interval.
Status ParseHarvest(const toml::node& node, const std::string& file, Config& config) {
  const toml::array* array = node.as_array();
  auto bad = [&](size_t index, const std::string& key) {
    return Status::Invalid({"config.bad_harvest",
                            {{"file", file}, {"index", std::to_string(index + 1)}, {"key", key}}});
  };
  if (!array) return bad(0, "harvest");
  for (size_t i = 0; i < array->size(); ++i) {
    const toml::table* t = array->get(i)->as_table();
    if (!t) return bad(i, "harvest");
    HarvestSchedule h;
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      std::optional<std::string> text = v.value<std::string>();
      if (key == "interval") {
        if (auto n = v.value<int64_t>()) text = std::to_string(*n);
        auto interval = text ? ParseInterval(*text) : std::nullopt;
        if (!interval) return bad(i, key);
        h.interval = *interval;
        continue;
      }
      if (!text) return bad(i, key);
      if (key == "url")
        h.url = *text;
      else if (key == "prefix")
        h.prefix = *text;
      else if (key == "set")
        h.set = *text;
      else if (key == "source")
        h.source = *text;
      else
        return bad(i, key);
    }
    if (h.url.rfind("http://", 0) != 0 && h.url.rfind("https://", 0) != 0) return bad(i, "url");
    config.harvest.push_back(std::move(h));
  }
  return Status::Ok();
}

// Flattens a TOML table into dotted keys with their values as text.
Status Flatten(const toml::table& table, const std::string& prefix, const std::string& file,
               std::map<std::string, std::string>& out) {
  for (const auto& [k, node] : table) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      KETNOI_RETURN_IF_ERROR(Flatten(*sub, key, file, out));
    } else if (auto s = node.value<std::string>()) {
      out[key] = *s;
    } else if (auto i = node.value<int64_t>()) {
      out[key] = std::to_string(*i);
    } else if (auto b = node.value<bool>()) {
      out[key] = *b ? "true" : "false";
    } else {
      return Status::Invalid({"config.bad_value", {{"file", file}, {"key", key}}});
    }
  }
  return Status::Ok();
}
}  // namespace

Result<Config> LoadConfig(const ConfigSources& sources) {
  Config config;
  config.data_dir = sources.data_dir;
  auto file = sources.data_dir / "ketnoi.toml";
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    toml::parse_result parsed = toml::parse_file(file.string());
    if (!parsed) {
      const auto& err = parsed.error();
      return Status::Invalid({"config.parse_error",
                              {{"file", file.string()},
                               {"line", std::to_string(err.source().begin.line)},
                               {"reason", std::string(err.description())}}});
    }
    if (const toml::node* harvest = parsed.table().get("harvest")) {
      KETNOI_RETURN_IF_ERROR(ParseHarvest(*harvest, file.string(), config));
      parsed.table().erase("harvest");
    }
    std::map<std::string, std::string> values;
    KETNOI_RETURN_IF_ERROR(Flatten(parsed.table(), "", file.string(), values));
    for (const auto& [k, v] : values) {
      const ConfigKey* key = FindKey(k);
      if (!key)
        return Status::Invalid({"config.unknown_key", {{"file", file.string()}, {"key", k}}});
      KETNOI_RETURN_IF_ERROR(key->set(config, v));
    }
  }
  auto getenv =
      sources.getenv ? sources.getenv : [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    return std::string(v);
  };
  for (const auto& key : ConfigKeys())
    if (auto v = getenv(key.env)) KETNOI_RETURN_IF_ERROR(key.set(config, *v));
  for (const auto& [k, v] : sources.flags) {
    const ConfigKey* key = FindKey(k);
    if (!key) return Status::Invalid({"config.unknown_key", {{"file", "--"}, {"key", k}}});
    KETNOI_RETURN_IF_ERROR(key->set(config, v));
  }
  return config;
}

}  // namespace ketnoi
