#pragma once
// Internal to web/: page rendering shared by the page files (pages.cpp, account.cpp,
// records.cpp, files_audit.cpp). Includes mustache, so only web .cpp files include it.
#include <kainjow/mustache.hpp>

#include <string>
#include <utility>
#include <vector>

#include "http/http.h"

namespace ketnoi::web {

using kainjow::mustache::data;

std::string RenderTemplate(std::string_view name, const data& d);
std::string AssetUrl(std::string_view file);
data Labels(const std::string& lang);
std::string T(const std::string& id, const std::string& lang,
              std::vector<std::pair<std::string, std::string>> params = {});
// A page in the layout (navigation shows who is signed in).
http::Response Page(const http::Request& req, const std::string& lang, const std::string& title,
                    const std::string& template_name, data body_data, int status = 200);
http::Response MessagePage(const http::Request& req, const std::string& lang, int status,
                           const std::string& heading, const std::string& text);
http::Response NotFoundPage(const http::Request& req, http::Worker&);
http::Response ErrorPage(const http::Request& req, const std::string& lang, const Status& s);
inline data Bool(bool b) { return b ? data::type::bool_true : data::type::bool_false; }

// Forms: one template (form.mustache) for every form, errors next to their field.
struct FormField {
  std::string name, label;
  std::string type = "text";  // text, email, password, number, date, url, textarea, select, file,
                              // checkbox, hidden
  std::string value = {}, error = {}, hint = {};
  bool required = false;
  bool checked = false;                                           // checkbox
  std::vector<std::pair<std::string, std::string>> options = {};  // select: value, label
};
struct FormPage {
  std::string heading, intro, action, submit, form_error, notice;
  std::vector<FormField> fields;
  bool multipart = false;
  bool get = false;         // a GET form (no token: it changes nothing), e.g. "refresh"
  std::string after_html;   // trusted HTML rendered below the form (built with HtmlEscape)
  std::string before_html;  // trusted HTML above the form
  bool embedded = false;    // one of several forms on a page: an h2 heading, no page title
  std::string id_prefix;    // keeps field ids unique when a page has several forms
};
// The CSRF token a form must carry: the session's, or for visitors the pre-session cookie
// (created and set on `resp` when missing).
std::string FormCsrf(const http::Request& req, http::Response* set_cookie_on);
// A form as an HTML fragment to place in another page (signed-in pages: the session's token).
std::string FormHtml(const http::Request& req, const FormPage& f);
http::Response RenderForm(const http::Request& req, const std::string& lang, const FormPage& f,
                          int status = 200);
// Puts a Status from validation next to its field (params "field"), or as the form error.
void AttachError(FormPage& f, const Status& s, const std::string& lang);
// A 303 redirect.
http::Response Redirect(const std::string& location);

}  // namespace ketnoi::web
