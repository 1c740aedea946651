#include "dedup/features.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "text/text.h"

namespace ketnoi::dedup {

namespace {

// Near-synonyms applicants swap when they re-submit (folded, as syllable sequences); the left
// side is replaced by the right before comparing.
const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>& Synonyms() {
  static const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>
      kSynonyms = {
          {{"bien", "phap"}, {"giai", "phap"}},  {{"cai", "thien"}, {"nang", "cao"}},
          {{"tang", "cuong"}, {"nang", "cao"}},  {{"thiet", "lap"}, {"xay", "dung"}},
          {{"he", "thong"}, {"mo", "hinh"}},     {{"nguoi", "dan"}, {"cong", "dong"}},
          {{"benh", "nhan"}, {"nguoi", "benh"}}, {{"phong", "ngua"}, {"phong", "chong"}},
          {{"kiem", "soat"}, {"quan", "ly"}},    {{"thu", "nghiem"}, {"thi", "diem"}},
          {{"trien", "khai"}, {"ap", "dung"}},   {{"ung", "dung"}, {"ap", "dung"}},
          {{"hieu", "suat"}, {"hieu", "qua"}},   {{"toi", "uu", "hoa"}, {"nang", "cao"}},
          {{"doanh", "nghiep"}, {"cong", "ty"}},
      };
  return kSynonyms;
}

// Words every proposal uses, the whole city's place names and function words: they say nothing
// about what a task studies. (Districts are kept: the same study in another district is not
// the same task.)
const std::unordered_set<std::string>& Stopwords() {
  static const std::unordered_set<std::string> kStop = {
      // function words
      "va",
      "cua",
      "cho",
      "cac",
      "nhung",
      "mot",
      "so",
      "tai",
      "tren",
      "trong",
      "voi",
      "de",
      "nham",
      "theo",
      "ve",
      "o",
      "la",
      "duoc",
      "tu",
      "den",
      "khi",
      "nay",
      "do",
      "va",
      "hoac",
      "cung",
      "bang",
      "qua",
      "sau",
      "truoc",
      "giua",
      "nhu",
      "tinh",
      "tren",
      "doi",
      "voi",
      "thuoc",
      "tung",
      "moi",
      // what every proposal says
      "nghien",
      "cuu",
      "giai",
      "phap",
      "xay",
      "dung",
      "danh",
      "gia",
      "phat",
      "trien",
      "nang",
      "cao",
      "hieu",
      "qua",
      "ap",
      "dung",
      "de",
      "xuat",
      "thuc",
      "trang",
      "co",
      "so",
      "khoa",
      "hoc",
      "thuc",
      "tien",
      "huong",
      "ben",
      "vung",
      "giai",
      "doan",
      "nhiem",
      "vu",
      "ket",
      "hop",
      // the whole city
      "ha",
      "noi",
      "thu",
      "do",
      "thanh",
      "pho",
      "dia",
      "ban",
      "quan",
      "huyen",
      "thi",
      "xa",
      "khu",
      "vuc",
      "noi",
      "ngoai",
      "vung",
      "ven",
  };
  return kStop;
}

}  // namespace

bool IsStopword(const std::string& folded) { return Stopwords().count(folded) > 0; }

std::vector<std::string> ContentSyllables(std::string_view text_in) {
  std::vector<std::string> folded;
  for (const auto& t : text::Tokenize(text_in)) folded.push_back(t.folded);
  // Map near-synonyms (longest first is unnecessary at these lengths).
  std::vector<std::string> mapped;
  for (size_t i = 0; i < folded.size();) {
    bool replaced = false;
    for (const auto& [from, to] : Synonyms()) {
      if (i + from.size() <= folded.size() &&
          std::equal(from.begin(), from.end(), folded.begin() + static_cast<std::ptrdiff_t>(i))) {
        mapped.insert(mapped.end(), to.begin(), to.end());
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) mapped.push_back(folded[i++]);
  }
  std::vector<std::string> out;
  for (auto& s : mapped)
    if (!Stopwords().count(s)) out.push_back(std::move(s));
  return out;
}

Features CountFeatures(const std::vector<std::string>& syl) {
  Features f;
  for (size_t i = 0; i < syl.size(); ++i) {
    f[syl[i]] += 1;
    if (i + 1 < syl.size()) f[syl[i] + "|" + syl[i + 1]] += 1;
  }
  // Dampen repetition: a word said five times is not five times the evidence.
  for (auto& [k, v] : f) v = 1 + std::log(v);
  return f;
}

std::vector<std::string> IndexTerms(const std::vector<std::string>& title,
                                    const std::vector<std::string>& abstract) {
  std::vector<std::string> all = title;
  all.insert(all.end(), abstract.begin(), abstract.end());
  std::vector<std::string> out;
  for (auto& [k, v] : CountFeatures(all)) out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

namespace {
void Join(const std::vector<std::string>& words, std::string& out) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += ' ';
    out += words[i];
  }
}
void Split(std::string_view s, std::vector<std::string>& out) {
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
}
}  // namespace

std::string EncodeSyllables(const std::vector<std::string>& title,
                            const std::vector<std::string>& abstract) {
  std::string out = "1";  // the representation's version: stored values from another are ignored
  out += '\x1f';
  Join(title, out);
  out += '\x1f';
  Join(abstract, out);
  return out;
}

bool DecodeSyllables(std::string_view value, std::vector<std::string>& title,
                     std::vector<std::string>& abstract) {
  if (value.size() < 3 || value.substr(0, 2) != "1\x1f") return false;
  value.remove_prefix(2);
  size_t sep = value.find('\x1f');
  if (sep == std::string_view::npos) return false;
  Split(value.substr(0, sep), title);
  Split(value.substr(sep + 1), abstract);
  return true;
}

}  // namespace ketnoi::dedup
