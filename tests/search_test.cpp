// The search index through its public API, on a real SQLite file and a real Xapian directory:
// accents, phrases, fields, codes, filters, facets, sorting, secrecy, and the change-log feed.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/clock.h"
#include "registry/repo.h"
#include "search/index.h"
#include "search/query.h"
#include "store/change_log.h"
#include "store/db.h"
#include "temp_dir.h"

namespace ketnoi {
namespace {

using registry::Organisation;
using registry::Task;

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Db::Open("sqlite:" + (dir_.path() / "ketnoi.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    reg_ = std::make_unique<registry::Registry>(*db_, clock_);
    ASSERT_TRUE(reg_->SeedReferenceData().ok());
    indexer_ = std::make_unique<search::Indexer>(*reg_, dir_.path() / "index");
    searcher_ = std::make_unique<search::Searcher>(dir_.path() / "index");
    Organisation o;
    o.name = "Trường Đại học Bách khoa Hà Nội";
    o.short_name = "HUST";
    o.type = "university";
    o.district = "Hai Bà Trưng";
    o.source = "t";
    o.external_id = "o1";
    host_ = Saved(reg_->Upsert(o));
    o.name = "Công ty Cổ phần Nông nghiệp Xanh";
    o.short_name = "";
    o.type = "enterprise";
    o.district = "Đống Đa";
    o.external_id = "o2";
    host_dong_da_ = Saved(reg_->Upsert(o));
  }

  int64_t Saved(const Result<registry::Saved>& r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->id : 0;
  }

  int64_t AddTask(const std::string& ext, const std::string& title,
                  const std::string& abstract = "", std::function<void(Task&)> edit = {}) {
    Task t;
    t.title = title;
    t.abstract = abstract;
    t.source = "t";
    t.external_id = ext;
    t.host_id = host_;
    t.field_code = "401";
    t.start = Date{2020, 1, 1};
    if (edit) edit(t);
    return Saved(reg_->Upsert(t));
  }

  void CatchUp() {
    auto s = indexer_->CatchUp();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }

  search::SearchResult Find(const std::string& q,
                            std::function<void(search::SearchRequest&)> edit = {}) {
    search::SearchRequest req;
    req.query = q;
    req.limit = 100;
    if (edit) edit(req);
    auto r = searcher_->Search(req);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().ToString();
    return r.ok() ? *r : search::SearchResult{};
  }

  static std::vector<int64_t> Ids(const search::SearchResult& r) {
    std::vector<int64_t> ids;
    for (const auto& h : r.hits) ids.push_back(h.id);
    return ids;
  }
  static std::set<int64_t> IdSet(const search::SearchResult& r) {
    auto v = Ids(r);
    return {v.begin(), v.end()};
  }

  test_support::TempDir dir_;
  FakeClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1767254400))};
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<registry::Registry> reg_;
  std::unique_ptr<search::Indexer> indexer_;
  std::unique_ptr<search::Searcher> searcher_;
  int64_t host_ = 0, host_dong_da_ = 0;
};

TEST_F(SearchTest, AccentedAndUnaccentedQueriesFindTheSameSetAndExactAccentsRankFirst) {
  int64_t cong = AddTask("1", "Ứng dụng công nghệ sinh học trong sản xuất rau");
  int64_t cong_drain = AddTask("2", "Cải tạo cống thoát nước khu dân cư");
  AddTask("3", "Trồng rau an toàn");
  CatchUp();
  struct Row {
    std::string query;
    int64_t first;
  };
  const Row rows[] = {{"công", cong}, {"cống", cong_drain}, {"CÔNG", cong}, {"Cống", cong_drain}};
  std::set<int64_t> unaccented = IdSet(Find("cong"));
  EXPECT_EQ(unaccented, (std::set<int64_t>{cong, cong_drain}));
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    auto r = Find(row.query);
    EXPECT_EQ(IdSet(r), unaccented);
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits.front().id, row.first);
  }
}

TEST_F(SearchTest, NfdQueryEqualsNfcQuery) {
  int64_t id = AddTask("1", "Nghiên cứu giống lúa mới");
  CatchUp();
  EXPECT_EQ(Ids(Find("nghie\u0302n cu\u031bu")), std::vector<int64_t>{id});
}

TEST_F(SearchTest, PlaceNamesWithoutDiacriticsFindDistrictsInTitlesAndHosts) {
  int64_t in_title = AddTask("1", "Phát triển rau sạch tại quận Đống Đa");
  int64_t hosted =
      AddTask("2", "Nuôi trồng nấm ăn", "", [&](Task& t) { t.host_id = host_dong_da_; });
  int64_t scattered = AddTask("3", "Đồng bộ dữ liệu da liễu");  // both syllables, not the place
  CatchUp();
  auto r = Find("dong da");
  std::set<int64_t> ids = IdSet(r);
  EXPECT_TRUE(ids.count(in_title));
  EXPECT_TRUE(ids.count(hosted));
  ASSERT_GE(r.hits.size(), 2u);
  // The adjacent "Đống Đa" ranks above scattered "đồng … da".
  ASSERT_TRUE(ids.count(scattered));
  std::vector<int64_t> order = Ids(r);
  auto at = [&](int64_t id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
  EXPECT_LT(at(in_title), at(scattered));
  // Filtering by district uses the host's district.
  EXPECT_EQ(Ids(Find("", [](auto& q) { q.filters["district"] = {"dong da"}; })),
            std::vector<int64_t>{hosted});
}

// Words typed together are boosted on the best matches after ranking (not inside the query,
// which read positions for every match): every page and the export are cut from one order.
TEST_F(SearchTest, PagesAndExportFollowOneOrderWithTheAdjacentWordsFirst) {
  std::set<int64_t> adjacent;
  // 80 matches: within the 100 best that the boost re-ranks.
  for (int i = 0; i < 40; ++i) {
    AddTask("s" + std::to_string(i), "Đồng bộ dữ liệu da liễu số " + std::to_string(i));
    adjacent.insert(AddTask("a" + std::to_string(i),
                            "Phát triển rau sạch quận Đống Đa số " + std::to_string(i)));
  }
  CatchUp();
  std::vector<int64_t> all = Ids(Find("dong da", [](auto& q) { q.limit = 200; }));
  ASSERT_EQ(all.size(), 80u);
  for (size_t i = 0; i < all.size(); ++i)
    EXPECT_EQ(adjacent.count(all[i]) == 1, i < 40) << "rank " << i;
  std::vector<int64_t> paged;
  for (int offset = 0; offset < 90; offset += 7) {
    std::vector<int64_t> page = Ids(Find("dong da", [&](auto& q) {
      q.offset = offset;
      q.limit = 7;
    }));
    paged.insert(paged.end(), page.begin(), page.end());
  }
  EXPECT_EQ(paged, all);
  search::SearchRequest req;
  req.query = "dong da";
  auto exported = searcher_->MatchingIds(req);
  ASSERT_TRUE(exported.ok());
  EXPECT_EQ(*exported, all);
}

TEST_F(SearchTest, QuotedPhraseFindsOnlyAdjacentWordsInOrder) {
  int64_t phrase = AddTask("1", "Hoàn thiện hệ thống xử lý nước thải sinh hoạt");
  int64_t apart = AddTask("2", "Xử lý chất thải rắn và cấp nước sạch");
  int64_t reordered = AddTask("3", "Nước thải được xử lý bằng vi sinh");
  CatchUp();
  EXPECT_EQ(IdSet(Find("xử lý nước thải")), (std::set<int64_t>{phrase, apart, reordered}));
  EXPECT_EQ(Ids(Find("\"xử lý nước thải\"")), std::vector<int64_t>{phrase});
  EXPECT_EQ(Ids(Find("\"xu ly nuoc thai\"")), std::vector<int64_t>{phrase});
  EXPECT_EQ(IdSet(Find("nước -\"xử lý nước thải\"")), (std::set<int64_t>{apart, reordered}));
}

TEST_F(SearchTest, FieldPrefixesSearchOneField) {
  int64_t in_title = AddTask("1", "Chọn tạo giống lúa chịu hạn");
  int64_t in_abstract = AddTask("2", "Cơ giới hóa đồng ruộng", "Áp dụng cho cây lúa vùng ven đô");
  CatchUp();
  EXPECT_EQ(IdSet(Find("lúa")), (std::set<int64_t>{in_title, in_abstract}));
  EXPECT_EQ(Ids(Find("title:lua")), std::vector<int64_t>{in_title});
  EXPECT_EQ(Ids(Find("abstract:lúa")), std::vector<int64_t>{in_abstract});
  EXPECT_EQ(IdSet(Find("host:\"bách khoa\"")), (std::set<int64_t>{in_title, in_abstract}));
  EXPECT_TRUE(Find("host:\"nông nghiệp xanh\"").hits.empty());
}

TEST_F(SearchTest, TaskCodesAreFoundWithAndWithoutDiacritics) {
  int64_t id = AddTask("1", "Nội tiết và chuyển hoá ở người cao tuổi", "", [](Task& t) {
    t.code = "ĐT-2016-30218-ĐT";
    t.field_code = "30218";
  });
  AddTask("2", "Đề tài khác năm 2016", "", [](Task& t) { t.code = "ĐT-2016-40101-ĐT"; });
  CatchUp();
  for (const char* q :
       {"ĐT-2016-30218-ĐT", "dt-2016-30218-dt", "code:30218", "\"ĐT-2016-30218\""}) {
    SCOPED_TRACE(q);
    EXPECT_EQ(Ids(Find(q)), std::vector<int64_t>{id});
  }
}

TEST_F(SearchTest, FiltersAndFacetsCount) {
  for (int i = 0; i < 6; ++i)
    AddTask("t" + std::to_string(i), "Giống lúa số " + std::to_string(i), "", [&](Task& t) {
      t.start = Date{2019 + i % 2, 3, 1};
      t.level = i < 4 ? "tinh" : "co_so";
      t.field_code = i < 3 ? "30218" : "401";
      t.status = i == 0 ? "accepted" : "in_progress";
    });
  CatchUp();
  auto r = Find("lúa", [](auto& q) { q.facets = true; });
  EXPECT_EQ(r.total, 6);
  auto facet = [&](const std::string& name) {
    for (const auto& f : r.facets)
      if (f.name == name) return f;
    ADD_FAILURE() << "no facet " << name;
    return search::Facet{};
  };
  auto level = facet("level");
  ASSERT_EQ(level.values.size(), 2u);
  EXPECT_EQ(level.values[0].value, "tinh");
  EXPECT_EQ(level.values[0].count, 4);
  EXPECT_EQ(level.values[0].label, "Cấp thành phố");
  auto field = facet("field");
  ASSERT_EQ(field.values.size(), 2u);
  EXPECT_EQ(field.values[0].count, 3);
  auto year = facet("year");
  ASSERT_EQ(year.values.size(), 2u);
  EXPECT_EQ(year.values[0].count + year.values[1].count, 6);

  struct Row {
    std::string query;
    std::map<std::string, std::vector<std::string>> filters;
    int64_t expected;
  };
  const Row rows[] = {
      {"lúa year:2019", {}, 3},
      {"lúa", {{"year", {"2020"}}}, 3},
      {"lúa", {{"year", {"2019", "2020"}}}, 6},
      {"lúa", {{"field", {"3"}}}, 3},  // a top field includes its 5-digit codes
      {"lúa", {{"field", {"302"}}}, 3},
      {"lúa field:30218 level:tinh", {}, 3},
      {"lúa level:co_so", {}, 2},
      {"lúa status:accepted", {}, 1},
      {"", {{"level", {"tinh"}}}, 4},  // browsing with filters only
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    EXPECT_EQ(Find(row.query, [&](auto& q) { q.filters = row.filters; }).total, row.expected);
  }
  auto bad = searcher_->Search(search::SearchRequest{"lúa", {{"colour", {"red"}}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().id, "search.unknown_filter");
}

TEST_F(SearchTest, SortsByVietnameseTitleOrderDateAndBudget) {
  const std::vector<std::string> titles = {"Đánh giá lúa", "Dự báo lúa",   "Ăn uống và lúa",
                                           "An toàn lúa",  "Bảo quản lúa", "Âm thanh lúa"};
  std::map<std::string, int64_t> ids;
  int64_t budget = 1;
  for (const auto& t : titles)
    ids[t] = AddTask(t, t, "", [&](Task& task) {
      task.budget_state = Money::Million(budget * 100);
      task.start = Date{2010 + static_cast<int>(budget), 1, 1};
      ++budget;
    });
  CatchUp();
  auto r = Find("lúa", [](auto& q) { q.sort = "title"; });
  std::vector<std::string> got;
  for (const auto& h : r.hits) got.push_back(h.title);
  EXPECT_EQ(got, (std::vector<std::string>{"An toàn lúa", "Ăn uống và lúa", "Âm thanh lúa",
                                           "Bảo quản lúa", "Dự báo lúa", "Đánh giá lúa"}));
  EXPECT_EQ(Find("lúa", [](auto& q) { q.sort = "budget"; }).hits.front().id, ids["Âm thanh lúa"]);
  EXPECT_EQ(Find("lúa", [](auto& q) { q.sort = "budget_asc"; }).hits.front().id,
            ids["Đánh giá lúa"]);
  EXPECT_EQ(Find("lúa", [](auto& q) { q.sort = "date"; }).hits.front().id, ids["Âm thanh lúa"]);
  auto bad = searcher_->Search(search::SearchRequest{"lúa", {}, "colour"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().id, "search.bad_sort");
}

TEST_F(SearchTest, SecretAndRestrictedTasksNeverEnterTheIndex) {
  int64_t pub = AddTask("1", "Vật liệu nano mới");
  int64_t secret =
      AddTask("2", "Vật liệu nano quốc phòng", "", [](Task& t) { t.confidentiality = "secret"; });
  AddTask("3", "Vật liệu nano hạn chế", "", [](Task& t) { t.confidentiality = "restricted"; });
  CatchUp();
  EXPECT_EQ(Ids(Find("nano")), std::vector<int64_t>{pub});
  EXPECT_TRUE(Find("quốc phòng").hits.empty());
  // A public task made secret leaves the index; deleting removes it too.
  AddTask("1", "Vật liệu nano mới", "", [](Task& t) { t.confidentiality = "secret"; });
  CatchUp();
  EXPECT_TRUE(Find("nano").hits.empty());
  ASSERT_TRUE(reg_->DeleteTask(secret).ok());
  CatchUp();
  auto ids = searcher_->AllIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_TRUE(ids->empty());
}

TEST_F(SearchTest, TheIndexFollowsTheChangeLogWithoutLossOrDuplicates) {
  AddTask("1", "Kinh tế số Thủ đô");
  AddTask("2", "Kinh tế tuần hoàn");
  // Committed in the store, not yet indexed (as after a crash between the two).
  EXPECT_TRUE(Find("kinh tế").hits.empty());
  auto applied = indexer_->LastApplied();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, 0);
  CatchUp();
  EXPECT_EQ(Find("kinh tế").total, 2);
  auto again = indexer_->CatchUp();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->changes, 0);
  auto seq = store::LastSeq(*db_);
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(*indexer_->LastApplied(), *seq);
  // Updating a task replaces its document: still two documents.
  AddTask("1", "Kinh tế số Thủ đô giai đoạn mới");
  CatchUp();
  EXPECT_EQ(Find("kinh tế").total, 2);
  EXPECT_EQ(*searcher_->DocCount(), 2);
  // Rebuilding from the store gives the same documents.
  auto rebuilt = indexer_->Rebuild();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().ToString();
  EXPECT_EQ(*rebuilt, 2);
  EXPECT_EQ(Find("\"giai đoạn mới\"").total, 1);
}

TEST_F(SearchTest, RenamingAnOrganisationReindexesItsTasks) {
  int64_t id = AddTask("1", "Robot nông nghiệp");
  CatchUp();
  EXPECT_TRUE(Find("host:\"tự động hóa\"").hits.empty());
  auto org = reg_->GetOrganisation(host_);
  ASSERT_TRUE(org.ok());
  org->name = "Viện Tự động hóa Hà Nội";
  ASSERT_TRUE(reg_->Upsert(*org).ok());
  CatchUp();
  EXPECT_EQ(Ids(Find("host:\"tự động hóa\"")), std::vector<int64_t>{id});
}

TEST_F(SearchTest, SuggestsACloseFrequentWordForAnUnknownOne) {
  AddTask("1", "Nghiên cứu giống lúa");
  AddTask("2", "Nghiên cứu giống ngô");
  CatchUp();
  auto r = Find("nghien cuuu");
  EXPECT_EQ(r.total, 0);
  EXPECT_EQ(r.suggestion, "nghien cứu");  // the unknown word, spelled as indexed
  EXPECT_EQ(Find("nghiên cứu").suggestion, "");
}

TEST(QueryParseTest, ParsesWordsPhrasesFieldsExclusionsAndFilters) {
  auto q = search::ParseQuery("lúa \"xử lý\" title:giống -sâu year:2020 program:CT-01 COVID-19");
  ASSERT_EQ(q.clauses.size(), 5u);
  EXPECT_EQ(q.clauses[0].tokens[0].folded, "lua");
  EXPECT_TRUE(q.clauses[1].phrase);
  EXPECT_EQ(q.clauses[2].field, "title");
  EXPECT_TRUE(q.clauses[3].negated);
  EXPECT_TRUE(q.clauses[4].phrase);  // joined parts of one word
  EXPECT_EQ(q.filters["year"], std::vector<std::string>{"2020"});
  EXPECT_EQ(q.filters["program"], std::vector<std::string>{"CT-01"});
  // Unknown prefixes are words; an unclosed quote runs to the end; never throws.
  auto odd = search::ParseQuery("colour:red \"unclosed phrase");
  EXPECT_EQ(odd.clauses.size(), 3u);
  EXPECT_TRUE(search::ParseQuery("").clauses.empty());
  EXPECT_TRUE(search::ParseQuery("  ,;!  ").clauses.empty());
}

}  // namespace
}  // namespace ketnoi
