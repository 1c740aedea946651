// Forms: one renderer for every form of the site, the CSRF token each carries, and errors
// placed next to their field.
#include "core/crypto.h"
#include "core/messages.h"
#include "web/common.h"
#include "web/render.h"

namespace ketnoi::web {

std::string FormCsrf(const http::Request& req, http::Response* set_cookie_on) {
  if (req.principal.signed_in()) return req.principal.csrf;
  std::string token = req.Cookie(http::kCsrfCookie);
  bool plausible = token.size() >= 20 && token.size() <= 64 &&
                   token.find_first_not_of(
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                       "0123456789-_") == std::string::npos;
  if (!plausible) {
    token = crypto::RandomToken();
    if (set_cookie_on)
      set_cookie_on->Header("Set-Cookie", http::CookieHeader(req, http::kCsrfCookie, token));
  }
  return token;
}

namespace {
// The template data of a form (form.mustache); the CSRF token is set by the caller.
data FormData(const FormPage& f) {
  data d;
  d.set("embedded", Bool(f.embedded));
  d.set("prefix", f.id_prefix);
  d.set("heading", f.heading);
  if (!f.intro.empty()) d.set("intro", f.intro);
  if (!f.notice.empty()) d.set("notice", f.notice);
  if (!f.form_error.empty()) d.set("form_error", f.form_error);
  d.set("action", f.action);
  d.set("submit", f.submit);
  d.set("multipart", Bool(f.multipart));
  d.set("get", Bool(f.get));
  d.set("before_html", f.before_html);
  d.set("after_html", f.after_html);
  data fields{data::type::list};
  for (const auto& ff : f.fields) {
    data fd;
    fd.set("name", ff.name);
    fd.set("label", ff.label);
    fd.set("type", ff.type);
    fd.set("value", ff.value);
    fd.set("field_error", ff.error.empty() ? data(data::type::bool_false) : data(ff.error));
    fd.set("hint", ff.hint.empty() ? data(data::type::bool_false) : data(ff.hint));
    fd.set("required", Bool(ff.required));
    fd.set("checked", Bool(ff.checked));
    fd.set("is_hidden", Bool(ff.type == "hidden"));
    fd.set("is_checkbox", Bool(ff.type == "checkbox"));
    fd.set("is_textarea", Bool(ff.type == "textarea"));
    fd.set("is_select", Bool(ff.type == "select"));
    fd.set("is_file", Bool(ff.type == "file"));
    fd.set("is_input", Bool(ff.type != "textarea" && ff.type != "select" && ff.type != "checkbox" &&
                            ff.type != "hidden"));
    data options{data::type::list};
    for (const auto& [v, l] : ff.options) {
      data od;
      od.set("option_value", v);
      od.set("option_label", l);
      od.set("option_selected", Bool(v == ff.value));
      options.push_back(od);
    }
    fd.set("options", options);
    fields.push_back(fd);
  }
  d.set("fields", fields);
  return d;
}
}  // namespace

std::string FormHtml(const http::Request& req, const FormPage& f) {
  data d = FormData(f);
  d.set("csrf", FormCsrf(req, nullptr));
  return RenderTemplate("form", d);
}

http::Response RenderForm(const http::Request& req, const std::string& lang, const FormPage& f,
                          int status) {
  data d = FormData(f);
  http::Response cookie_holder;
  d.set("csrf", FormCsrf(req, &cookie_holder));
  http::Response r = Page(req, lang, f.heading, "form", d, status);
  for (auto& h : cookie_holder.headers) r.headers.push_back(h);
  return r;
}

void AttachError(FormPage& f, const Status& s, const std::string& lang) {
  std::string field = s.message().Param("field");
  std::string text = Render(s.message(), lang);
  for (auto& ff : f.fields)
    if (!field.empty() && ff.name == field && ff.type != "hidden") {
      // Next to the field, the message names it by its label, not its internal name.
      Message m = s.message();
      for (auto& [k, v] : m.params)
        if (k == "field") v = ff.label;
      ff.error = Render(m, lang);
      f.form_error = T("web.form_has_errors", lang);
      return;
    }
  f.form_error = text;
}

http::Response Redirect(const std::string& location) {
  http::Response r;
  r.status = 303;
  r.Header("Location", location);
  r.body = "";
  return r;
}

}  // namespace ketnoi::web
