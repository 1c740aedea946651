// The OAI-PMH provider's routes: GET /oai and POST /oai (urlencoded body) hand the arguments to
// exchange::OaiProvider and send back its XML; GET /oai/ketnoi.xsd is the schema of the `ketnoi`
// metadata format.
#include "core/messages.h"
#include "exchange/oai.h"
#include "web/common.h"
#include "web/routes.h"

namespace ketnoi::web {

namespace {

// The site's address, as in links sent by mail: configured, never from the Host header.
std::string SiteUrl(const http::Worker& w) {
  if (!w.config->server_public_url.empty()) return w.config->server_public_url;
  return "http://" + w.config->server_bind + ":" + std::to_string(w.config->server_port);
}

http::Response OaiHandler(const http::Request& req, http::Worker& w) {
  exchange::OaiRequest oai;
  // The protocol's arguments: the query string, and for a POST the urlencoded body.
  oai.arguments = req.query;
  if (req.method == "POST")
    oai.arguments.insert(oai.arguments.end(), req.form.begin(), req.form.end());
  oai.lang = Lang(req);
  exchange::OaiOptions options;
  options.site_url = SiteUrl(w);
  options.page_size = w.config->oai_page_size;
  exchange::OaiProvider provider(*w.registry, *w.clock, options);
  Result<std::string> xml = provider.Handle(oai);
  http::Response resp;
  if (!xml.ok()) {
    resp.status = http::StatusToHttp(xml.status().code());
    resp.content_type = "text/plain; charset=utf-8";
    resp.body = Render(xml.status(), oai.lang);
    if (xml.status().code() == StatusCode::kUnavailable) resp.Header("Retry-After", "5");
    return resp;
  }
  // Protocol errors are answered 200 with an <error> element, as OAI-PMH requires.
  resp.content_type = "text/xml; charset=utf-8";
  resp.body = std::move(*xml);
  resp.Header("Cache-Control", "no-cache");
  return resp;
}

http::Response KetnoiSchema(const http::Request&, http::Worker&) {
  http::Response resp;
  resp.content_type = "text/xml; charset=utf-8";
  resp.body = std::string(exchange::KetnoiMetadataSchema());
  resp.Header("Cache-Control", "public, max-age=86400");
  return resp;
}

const std::vector<std::pair<std::string, std::string>> kOaiParams = {
    {"verb",
     "Identify | ListMetadataFormats | ListSets | GetRecord | ListIdentifiers | ListRecords"},
    {"identifier", "oai:ketnoi.hanoi.gov.vn:task/<id>"},
    {"metadataPrefix", "oai_dc | ketnoi"},
    {"from", "YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC), inclusive"},
    {"until", "YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC), inclusive"},
    {"set", "program:<code> | field:<1-6> | source:<name> (see ListSets)"},
    {"resumptionToken", "From the previous page of a list; valid for 24 hours"},
};

}  // namespace

void AddOaiRoutes(std::vector<http::Route>& routes) {
  // Not cacheable: every answer carries its responseDate, and tokens expire.
  routes.push_back({"GET",
                    "/oai",
                    "public",
                    "api",
                    "OAI-PMH 2.0 provider (XML)",
                    OaiHandler,
                    kOaiParams,
                    false,
                    {"text/xml"}});
  routes.push_back({"POST",
                    "/oai",
                    "public",
                    "api",
                    "OAI-PMH 2.0 provider (XML), arguments in an urlencoded body",
                    OaiHandler,
                    kOaiParams,
                    false,
                    {"text/xml"}});
  routes.push_back({"GET", "/oai/ketnoi.xsd", "public", "asset",
                    "XML schema of the ketnoi metadata format", KetnoiSchema});
}

}  // namespace ketnoi::web
