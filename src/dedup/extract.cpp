#include "dedup/extract.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <zip.h>

#include <memory>

#include "text/text.h"

namespace ketnoi::dedup {

namespace {

Result<std::string> FromPdf(std::string_view bytes, const std::string& name) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc || doc->is_locked()) return Status::Invalid({"dedup.file_unreadable", {{"file", name}}});
  std::string out;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    poppler::byte_array utf8 = page->text().to_utf8();
    out.append(utf8.begin(), utf8.end());
    out += '\n';
  }
  return out;
}

// Text runs (<w:t>) of word/document.xml, a line per paragraph, entities decoded.
std::string DocxXmlToText(std::string_view xml) {
  std::string out;
  size_t i = 0;
  while (i < xml.size()) {
    size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos) break;
    size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos) break;
    std::string_view tag = xml.substr(lt + 1, gt - lt - 1);
    if (tag == "/w:p") out += '\n';
    if (tag == "w:tab/" || tag == "w:br/") out += ' ';
    if ((tag == "w:t" || tag.rfind("w:t ", 0) == 0) && tag.back() != '/') {
      size_t end = xml.find("</w:t>", gt);
      if (end == std::string_view::npos) break;
      std::string_view raw = xml.substr(gt + 1, end - gt - 1);
      for (size_t k = 0; k < raw.size(); ++k) {
        if (raw[k] != '&') {
          out += raw[k];
          continue;
        }
        size_t semi = raw.find(';', k);
        std::string_view ent =
            semi == std::string_view::npos ? "" : raw.substr(k + 1, semi - k - 1);
        if (ent == "amp")
          out += '&';
        else if (ent == "lt")
          out += '<';
        else if (ent == "gt")
          out += '>';
        else if (ent == "quot")
          out += '"';
        else if (ent == "apos")
          out += '\'';
        else if (!ent.empty() && ent[0] == '#') {
          unsigned long cp = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                                 ? std::stoul(std::string(ent.substr(2)), nullptr, 16)
                                 : std::stoul(std::string(ent.substr(1)));
          if (cp < 0x80)
            out += static_cast<char>(cp);
          else if (cp < 0x800)
            out += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
          else if (cp < 0x10000)
            out +=
                {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (cp & 0x3F))};
        } else {
          out += '&';
          continue;
        }
        k = semi;
      }
      i = end + 6;
      continue;
    }
    i = gt + 1;
  }
  return out;
}

Result<std::string> FromDocx(std::string_view bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!src) return Status::Invalid({"dedup.file_unreadable", {{"file", name}}});
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!archive) {
    zip_source_free(src);
    return Status::Invalid({"dedup.file_unreadable", {{"file", name}}});
  }
  std::string xml;
  zip_stat_t st;
  bool ok = zip_stat(archive, "word/document.xml", 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
            st.size < 64u * 1024 * 1024;
  if (ok) {
    zip_file_t* f = zip_fopen(archive, "word/document.xml", 0);
    ok = f != nullptr;
    if (ok) {
      xml.resize(st.size);
      ok = zip_fread(f, xml.data(), st.size) == static_cast<zip_int64_t>(st.size);
      zip_fclose(f);
    }
  }
  zip_close(archive);
  if (!ok) return Status::Invalid({"dedup.file_unreadable", {{"file", name}}});
  return DocxXmlToText(xml);
}

}  // namespace

Result<std::string> ExtractText(std::string_view bytes, const std::string& name) {
  std::string out;
  if (bytes.substr(0, 5) == "%PDF-") {
    KETNOI_ASSIGN_OR_RETURN(out, FromPdf(bytes, name));
  } else if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    KETNOI_ASSIGN_OR_RETURN(out, FromDocx(bytes, name));
  } else if (text::IsValidUtf8(bytes)) {
    out = std::string(bytes);
  } else {
    return Status::Invalid({"dedup.file_type", {{"file", name}}});
  }
  return text::Nfc(out);
}

}  // namespace ketnoi::dedup
