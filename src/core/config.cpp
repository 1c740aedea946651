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
  };
  return kKeys;
}

namespace {
const ConfigKey* FindKey(const std::string& key) {
  for (const auto& k : ConfigKeys())
    if (key == k.key) return &k;
  return nullptr;
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
