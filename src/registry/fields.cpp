// The S&T field classification of QĐ 12/2008/QĐ-BKHCN (top fields and 3-digit sub-fields, with
// the 5-digit codes Ketnoi's demo and tests use).
#include "registry/model.h"

namespace ketnoi::registry {

namespace {
constexpr Field kFields[] = {
    {"1", "", "Khoa học tự nhiên", "Natural sciences"},
    {"101", "1", "Toán học và thống kê", "Mathematics and statistics"},
    {"102", "1", "Khoa học máy tính và thông tin", "Computer and information sciences"},
    {"103", "1", "Vật lý", "Physical sciences"},
    {"104", "1", "Hoá học", "Chemical sciences"},
    {"105", "1", "Khoa học trái đất và môi trường liên quan",
     "Earth and related environmental sciences"},
    {"106", "1", "Sinh học", "Biological sciences"},
    {"199", "1", "Khoa học tự nhiên khác", "Other natural sciences"},
    {"2", "", "Khoa học kỹ thuật và công nghệ", "Engineering and technology"},
    {"201", "2", "Kỹ thuật dân dụng", "Civil engineering"},
    {"202", "2", "Kỹ thuật điện, kỹ thuật điện tử, kỹ thuật thông tin",
     "Electrical, electronic and information engineering"},
    {"203", "2", "Kỹ thuật cơ khí", "Mechanical engineering"},
    {"204", "2", "Kỹ thuật hoá học", "Chemical engineering"},
    {"205", "2", "Kỹ thuật vật liệu và luyện kim", "Materials engineering and metallurgy"},
    {"206", "2", "Kỹ thuật y học", "Medical engineering"},
    {"207", "2", "Kỹ thuật môi trường", "Environmental engineering"},
    {"208", "2", "Công nghệ sinh học môi trường", "Environmental biotechnology"},
    {"209", "2", "Công nghệ sinh học công nghiệp", "Industrial biotechnology"},
    {"210", "2", "Công nghệ nano", "Nano-technology"},
    {"211", "2", "Kỹ thuật thực phẩm và đồ uống", "Food and beverage engineering"},
    {"299", "2", "Khoa học kỹ thuật và công nghệ khác", "Other engineering and technologies"},
    {"3", "", "Khoa học y, dược", "Medical and health sciences"},
    {"301", "3", "Y học cơ sở", "Basic medicine"},
    {"302", "3", "Y học lâm sàng", "Clinical medicine"},
    {"30201", "302", "Nam học", "Andrology"},
    {"30205", "302", "Tim mạch", "Cardiac and cardiovascular systems"},
    {"30211", "302", "Ung thư học và phát sinh ung thư", "Oncology"},
    {"30218", "302", "Nội tiết và chuyển hoá", "Endocrinology and metabolism"},
    {"30222", "302", "Nhi khoa", "Paediatrics"},
    {"303", "3", "Dược học", "Pharmacy and pharmacology"},
    {"304", "3", "Công nghệ sinh học trong y học", "Medical biotechnology"},
    {"305", "3", "Khoa học sức khoẻ", "Health sciences"},
    {"399", "3", "Khoa học y, dược khác", "Other medical sciences"},
    {"4", "", "Khoa học nông nghiệp", "Agricultural sciences"},
    {"401", "4", "Trồng trọt", "Agriculture, forestry and fisheries: crops"},
    {"402", "4", "Chăn nuôi", "Animal and dairy science"},
    {"403", "4", "Thú y", "Veterinary science"},
    {"404", "4", "Lâm nghiệp", "Forestry"},
    {"405", "4", "Thuỷ sản", "Fisheries"},
    {"406", "4", "Công nghệ sinh học trong nông nghiệp", "Agricultural biotechnology"},
    {"499", "4", "Khoa học nông nghiệp khác", "Other agricultural sciences"},
    {"5", "", "Khoa học xã hội", "Social sciences"},
    {"501", "5", "Tâm lý học", "Psychology"},
    {"502", "5", "Kinh tế và kinh doanh", "Economics and business"},
    {"503", "5", "Khoa học giáo dục", "Educational sciences"},
    {"504", "5", "Xã hội học", "Sociology"},
    {"505", "5", "Pháp luật", "Law"},
    {"506", "5", "Khoa học chính trị", "Political science"},
    {"507", "5", "Địa lý kinh tế và xã hội", "Social and economic geography"},
    {"508", "5", "Thông tin đại chúng và truyền thông", "Media and communications"},
    {"599", "5", "Khoa học xã hội khác", "Other social sciences"},
    {"6", "", "Khoa học nhân văn", "Humanities"},
    {"601", "6", "Lịch sử và khảo cổ học", "History and archaeology"},
    {"602", "6", "Ngôn ngữ học và văn học", "Languages and literature"},
    {"603", "6", "Triết học, đạo đức học và tôn giáo", "Philosophy, ethics and religion"},
    {"604", "6", "Nghệ thuật", "Arts"},
    {"699", "6", "Khoa học nhân văn khác", "Other humanities"},
};
}  // namespace

std::span<const Field> FieldClassification() { return kFields; }

const Field* FindField(std::string_view code) {
  for (const Field& f : kFields)
    if (f.code == code) return &f;
  return nullptr;
}

bool AcceptableFieldCode(std::string_view code) {
  for (char c : code)
    if (c < '0' || c > '9') return false;
  if (code.size() == 1 || code.size() == 3) return FindField(code) != nullptr;
  if (code.size() == 5) return FindField(code.substr(0, 3)) != nullptr;
  return false;
}

}  // namespace ketnoi::registry
