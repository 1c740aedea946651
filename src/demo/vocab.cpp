// Vocabularies for the demo corpus. See vocab.h. All text is precomposed (NFC) UTF-8.
//
// Real organisations are listed under their real Vietnamese names, parent bodies and districts
// as they were before the 2025 administrative reorganisation (ministry mergers, abolition of
// district-level units); enterprises are invented and marked real = false.
#include "demo/vocab.h"

namespace ketnoi::demo {

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

static constexpr const char* kMoet = "Bộ Giáo dục và Đào tạo";
static constexpr const char* kVnu = "Đại học Quốc gia Hà Nội";
static constexpr const char* kVast = "Viện Hàn lâm Khoa học và Công nghệ Việt Nam";
static constexpr const char* kMoh = "Bộ Y tế";
static constexpr const char* kMard = "Bộ Nông nghiệp và Phát triển nông thôn";
static constexpr const char* kMost = "Bộ Khoa học và Công nghệ";
static constexpr const char* kHanoi = "UBND thành phố Hà Nội";

static const OrgSeed kOrganisationsData[] = {
    // Universities.
    {"Trường Đại học Bách khoa Hà Nội", "HUST", "Hanoi University of Science and Technology",
     "university", kMoet, "Hai Bà Trưng", true},
    {"Đại học Quốc gia Hà Nội", "VNU", "Vietnam National University, Hanoi", "university",
     "Chính phủ", "Cầu Giấy", true},
    {"Trường Đại học Khoa học Tự nhiên", "HUS", "VNU University of Science", "university", kVnu,
     "Thanh Xuân", true},
    {"Trường Đại học Công nghệ", "UET", "VNU University of Engineering and Technology",
     "university", kVnu, "Cầu Giấy", true},
    {"Trường Đại học Kinh tế", "UEB", "VNU University of Economics and Business", "university",
     kVnu, "Cầu Giấy", true},
    {"Trường Đại học Khoa học Xã hội và Nhân văn", "USSH",
     "VNU University of Social Sciences and Humanities", "university", kVnu, "Thanh Xuân", true},
    {"Trường Đại học Y Dược", "UMP", "VNU University of Medicine and Pharmacy", "university", kVnu,
     "Cầu Giấy", true},
    {"Trường Đại học Y Hà Nội", "HMU", "Hanoi Medical University", "university", kMoh, "Đống Đa",
     true},
    {"Trường Đại học Dược Hà Nội", "HUP", "Hanoi University of Pharmacy", "university", kMoh,
     "Hoàn Kiếm", true},
    {"Trường Đại học Y tế công cộng", "HUPH", "Hanoi University of Public Health", "university",
     kMoh, "Bắc Từ Liêm", true},
    {"Học viện Y Dược học cổ truyền Việt Nam", "VUTM", "Vietnam University of Traditional Medicine",
     "university", kMoh, "Hà Đông", true},
    {"Học viện Nông nghiệp Việt Nam", "VNUA", "Vietnam National University of Agriculture",
     "university", kMard, "Gia Lâm", true},
    {"Trường Đại học Lâm nghiệp", "VNUF", "Vietnam National University of Forestry", "university",
     kMard, "Chương Mỹ", true},
    {"Trường Đại học Thủy lợi", "TLU", "Thuyloi University", "university", kMard, "Đống Đa", true},
    {"Trường Đại học Xây dựng Hà Nội", "HUCE", "Hanoi University of Civil Engineering",
     "university", kMoet, "Hai Bà Trưng", true},
    {"Trường Đại học Kiến trúc Hà Nội", "HAU", "Hanoi Architectural University", "university",
     "Bộ Xây dựng", "Thanh Xuân", true},
    {"Trường Đại học Giao thông vận tải", "UTC", "University of Transport and Communications",
     "university", kMoet, "Đống Đa", true},
    {"Trường Đại học Kinh tế Quốc dân", "NEU", "National Economics University", "university", kMoet,
     "Hai Bà Trưng", true},
    {"Trường Đại học Sư phạm Hà Nội", "HNUE", "Hanoi National University of Education",
     "university", kMoet, "Cầu Giấy", true},
    {"Trường Đại học Mỏ - Địa chất", "HUMG", "Hanoi University of Mining and Geology", "university",
     kMoet, "Bắc Từ Liêm", true},
    {"Trường Đại học Tài nguyên và Môi trường Hà Nội", "HUNRE",
     "Hanoi University of Natural Resources and Environment", "university",
     "Bộ Tài nguyên và Môi trường", "Bắc Từ Liêm", true},
    {"Trường Đại học Công nghiệp Hà Nội", "HaUI", "Hanoi University of Industry", "university",
     "Bộ Công Thương", "Bắc Từ Liêm", true},
    {"Học viện Công nghệ Bưu chính Viễn thông", "PTIT",
     "Posts and Telecommunications Institute of Technology", "university",
     "Bộ Thông tin và Truyền thông", "Hà Đông", true},
    {"Trường Đại học Văn hóa Hà Nội", "HUC", "Hanoi University of Culture", "university",
     "Bộ Văn hóa, Thể thao và Du lịch", "Đống Đa", true},
    {"Trường Đại học Thủ đô Hà Nội", "HNMU", "Hanoi Metropolitan University", "university", kHanoi,
     "Cầu Giấy", true},
    // Research institutes.
    {"Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "VAST",
     "Vietnam Academy of Science and Technology", "institute", "Chính phủ", "Cầu Giấy", true},
    {"Viện Công nghệ thông tin", "IOIT", "Institute of Information Technology", "institute", kVast,
     "Cầu Giấy", true},
    {"Viện Hóa học", "", "Institute of Chemistry", "institute", kVast, "Cầu Giấy", true},
    {"Viện Công nghệ sinh học", "IBT", "Institute of Biotechnology", "institute", kVast, "Cầu Giấy",
     true},
    {"Viện Khoa học vật liệu", "IMS", "Institute of Materials Science", "institute", kVast,
     "Cầu Giấy", true},
    {"Viện Sinh thái và Tài nguyên sinh vật", "IEBR",
     "Institute of Ecology and Biological Resources", "institute", kVast, "Cầu Giấy", true},
    {"Viện Vật lý", "IOP", "Institute of Physics", "institute", kVast, "Ba Đình", true},
    {"Viện Khoa học Nông nghiệp Việt Nam", "VAAS", "Vietnam Academy of Agricultural Sciences",
     "institute", kMard, "Thanh Trì", true},
    {"Viện Di truyền Nông nghiệp", "AGI", "Agricultural Genetics Institute", "institute",
     "Viện Khoa học Nông nghiệp Việt Nam", "Bắc Từ Liêm", true},
    {"Viện Chăn nuôi", "NIAS", "National Institute of Animal Science", "institute", kMard,
     "Bắc Từ Liêm", true},
    {"Viện Thú y", "NIVR", "National Institute of Veterinary Research", "institute", kMard,
     "Đống Đa", true},
    {"Viện Dinh dưỡng", "NIN", "National Institute of Nutrition", "institute", kMoh, "Hai Bà Trưng",
     true},
    {"Viện Vệ sinh dịch tễ Trung ương", "NIHE", "National Institute of Hygiene and Epidemiology",
     "institute", kMoh, "Hai Bà Trưng", true},
    {"Viện Dược liệu", "NIMM", "National Institute of Medicinal Materials", "institute", kMoh,
     "Hoàn Kiếm", true},
    {"Viện Khoa học và Công nghệ Việt Nam - Hàn Quốc", "VKIST",
     "Korea-Vietnam Institute of Science and Technology", "institute", kMost, "Thạch Thất", true},
    // Hospitals.
    {"Bệnh viện Bạch Mai", "", "Bach Mai Hospital", "hospital", kMoh, "Đống Đa", true},
    {"Bệnh viện Hữu nghị Việt Đức", "", "Viet Duc University Hospital", "hospital", kMoh,
     "Hoàn Kiếm", true},
    {"Bệnh viện K", "", "Vietnam National Cancer Hospital", "hospital", kMoh, "Hoàn Kiếm", true},
    {"Bệnh viện Đa khoa Xanh Pôn", "", "Saint Paul General Hospital", "hospital", "Sở Y tế Hà Nội",
     "Ba Đình", true},
    {"Bệnh viện Tim Hà Nội", "", "Hanoi Heart Hospital", "hospital", "Sở Y tế Hà Nội", "Hoàn Kiếm",
     true},
    {"Bệnh viện Đa khoa Đức Giang", "", "Duc Giang General Hospital", "hospital", "Sở Y tế Hà Nội",
     "Long Biên", true},
    // State bodies.
    {"Sở Khoa học và Công nghệ Hà Nội", "", "Hanoi Department of Science and Technology",
     "state_agency", kHanoi, "Hà Đông", true},
    {"Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Hà Nội", "", "", "state_agency",
     "Sở Khoa học và Công nghệ Hà Nội", "Hà Đông", true},
    {"Sở Nông nghiệp và Phát triển nông thôn Hà Nội", "", "", "state_agency", kHanoi, "Hà Đông",
     true},
    {"Ban Quản lý Khu công nghệ cao Hòa Lạc", "", "Hoa Lac Hi-Tech Park Management Board",
     "state_agency", kMost, "Thạch Thất", true},
    {"Quỹ Phát triển khoa học và công nghệ quốc gia", "NAFOSTED",
     "National Foundation for Science and Technology Development", "state_agency", kMost,
     "Hoàn Kiếm", true},
    // Intermediaries.
    {"Vườn ươm Doanh nghiệp công nghệ thông tin đổi mới sáng tạo Hà Nội", "HBI-IT", "",
     "intermediary", "Sở Thông tin và Truyền thông Hà Nội", "Đống Đa", true},

    // Invented enterprises (real = false).
    {"Công ty Cổ phần Công nghệ Sinh học Đông Anh", "", "", "enterprise", "", "Đông Anh", false},
    {"Công ty TNHH Giải pháp Phần mềm Thăng Long", "", "", "enterprise", "", "Cầu Giấy", false},
    {"Công ty Cổ phần Giống cây trồng Sông Hồng Xanh", "", "", "enterprise", "", "Thanh Trì",
     false},
    {"Công ty TNHH Nông nghiệp Công nghệ cao Mê Linh", "", "", "enterprise", "", "Mê Linh", false},
    {"Công ty Cổ phần Dược liệu Ba Vì Xanh", "", "", "enterprise", "", "Ba Vì", false},
    {"Công ty TNHH Thiết bị Y tế Hồng Hà", "", "", "enterprise", "", "Hoàng Mai", false},
    {"Công ty Cổ phần Môi trường Xanh Thủ Đô", "", "", "enterprise", "", "Long Biên", false},
    {"Công ty Cổ phần Vật liệu Xây dựng Cổ Nhuế", "", "", "enterprise", "", "Bắc Từ Liêm", false},
    {"Công ty TNHH Trí tuệ Nhân tạo Hồ Gươm", "", "", "enterprise", "", "Hoàn Kiếm", false},
    {"Công ty Cổ phần An ninh Mạng Long Biên", "", "", "enterprise", "", "Long Biên", false},
    {"Công ty TNHH Thủy sản Ứng Hòa", "", "", "enterprise", "", "Ứng Hòa", false},
    {"Công ty Cổ phần Chăn nuôi Phúc Thọ", "", "", "enterprise", "", "Phúc Thọ", false},
    {"Công ty TNHH Thực phẩm Sạch Gia Lâm", "", "", "enterprise", "", "Gia Lâm", false},
    {"Công ty Cổ phần Hoa cây cảnh Tây Tựu", "", "", "enterprise", "", "Bắc Từ Liêm", false},
    {"Công ty Cổ phần Phân bón Hữu cơ Sóc Sơn", "", "", "enterprise", "", "Sóc Sơn", false},
    {"Công ty TNHH Kỹ thuật Điện tử Hà Đông", "", "", "enterprise", "", "Hà Đông", false},
    {"Công ty Cổ phần Đô thị Thông minh Mỹ Đình", "", "", "enterprise", "", "Nam Từ Liêm", false},
    {"Công ty TNHH Dữ liệu Số Ba Đình", "", "", "enterprise", "", "Ba Đình", false},
    {"Công ty Cổ phần Gốm sứ Bát Tràng Việt", "", "", "enterprise", "", "Gia Lâm", false},
    {"Công ty TNHH Cơ khí Chính xác Thạch Thất", "", "", "enterprise", "", "Thạch Thất", false},
    {"Công ty Cổ phần Thuốc Thú y Hoàng Mai", "", "", "enterprise", "", "Hoàng Mai", false},
    {"Công ty Cổ phần Xử lý Nước Thanh Trì", "", "", "enterprise", "", "Thanh Trì", false},
    {"Công ty TNHH Nấm Dược liệu Chương Mỹ", "", "", "enterprise", "", "Chương Mỹ", false},
    {"Công ty Cổ phần Nông sản Quốc Oai", "", "", "enterprise", "", "Quốc Oai", false},
    {"Công ty TNHH Công nghệ Giáo dục Dịch Vọng", "", "", "enterprise", "", "Cầu Giấy", false},
    {"Công ty Cổ phần Du lịch Văn hóa Đường Lâm", "", "", "enterprise", "", "Sơn Tây", false},
    {"Công ty TNHH Giống Thủy sản Mỹ Đức", "", "", "enterprise", "", "Mỹ Đức", false},
    {"Công ty Cổ phần Cây ăn quả Đan Phượng", "", "", "enterprise", "", "Đan Phượng", false},
    {"Công ty TNHH Công nghệ Môi trường Hoài Đức", "", "", "enterprise", "", "Hoài Đức", false},
    {"Công ty Cổ phần Sinh phẩm Y học Thanh Xuân", "", "", "enterprise", "", "Thanh Xuân", false},
    {"Công ty TNHH Phần mềm Y tế Đống Đa", "", "", "enterprise", "", "Đống Đa", false},
    {"Công ty Cổ phần Tự động hóa Phú Xuyên", "", "", "enterprise", "", "Phú Xuyên", false},
    {"Công ty TNHH Thủ công Mỹ nghệ Phú Vinh", "", "", "enterprise", "", "Chương Mỹ", false},
    {"Công ty Cổ phần Năng lượng Tái tạo Thường Tín", "", "", "enterprise", "", "Thường Tín",
     false},
    {"Công ty TNHH Chế biến Nông sản Thanh Oai", "", "", "enterprise", "", "Thanh Oai", false},
    {"Công ty Cổ phần Công nghệ Vật liệu Nano Hòa Lạc", "", "", "enterprise", "", "Thạch Thất",
     false},
    {"Công ty Cổ phần Bê tông Công nghệ cao Đông Anh", "", "", "enterprise", "", "Đông Anh", false},
    {"Công ty TNHH Phân tích Kiểm nghiệm Hà Thành", "", "", "enterprise", "", "Hai Bà Trưng",
     false},
    {"Công ty Cổ phần Viễn thông Tây Hồ", "", "", "enterprise", "", "Tây Hồ", false},
    {"Công ty TNHH Truyền thông Số Tràng Tiền", "", "", "enterprise", "", "Hoàn Kiếm", false},
    {"Công ty Cổ phần Giao thông Thông minh Thủ Đô", "", "", "enterprise", "", "Hoàng Mai", false},
    {"Công ty TNHH Thiết bị Phục hồi chức năng An Khang", "", "", "enterprise", "", "Hà Đông",
     false},
    {"Công ty Cổ phần Đông trùng hạ thảo Sơn Tây", "", "", "enterprise", "", "Sơn Tây", false},
    {"Công ty TNHH Chăn nuôi Bò sữa Tản Viên", "", "", "enterprise", "", "Ba Vì", false},
    {"Công ty Cổ phần Kiểm định Công trình Đại La", "", "", "enterprise", "", "Hai Bà Trưng",
     false},
    {"Công ty TNHH Giải pháp IoT Nam Từ Liêm", "", "", "enterprise", "", "Nam Từ Liêm", false},
    {"Công ty Cổ phần Công nghệ Thực phẩm Hồ Tây", "", "", "enterprise", "", "Tây Hồ", false},
    {"Công ty TNHH Dịch vụ Khoa học Công nghệ Kim Mã", "", "", "enterprise", "", "Ba Đình", false},
    {"Công ty Cổ phần Rau an toàn Vân Nội", "", "", "enterprise", "", "Đông Anh", false},
    {"Công ty TNHH Máy Nông nghiệp Mê Linh", "", "", "enterprise", "", "Mê Linh", false},
    {"Công ty Cổ phần Dược phẩm Tương Mai", "", "", "enterprise", "", "Hoàng Mai", false},
    {"Công ty TNHH Chế phẩm Vi sinh Phú Xuyên", "", "", "enterprise", "", "Phú Xuyên", false},
    {"Công ty Cổ phần Năng lượng Mặt trời Sóc Sơn", "", "", "enterprise", "", "Sóc Sơn", false},
    {"Công ty TNHH Robot và Tự động hóa Cổ Nhuế", "", "", "enterprise", "", "Bắc Từ Liêm", false},
    {"Công ty Cổ phần Tư vấn Quy hoạch Đô thị Hà Nội Xanh", "", "", "enterprise", "", "Đống Đa",
     false},
    {"Công ty TNHH Thời trang Lụa Hà Đông", "", "", "enterprise", "", "Hà Đông", false},
    {"Công ty Cổ phần Tái chế Chất thải Sóc Sơn", "", "", "enterprise", "", "Sóc Sơn", false},
    {"Công ty TNHH Điện tử Y sinh Giải Phóng", "", "", "enterprise", "", "Hai Bà Trưng", false},
    {"Công ty Cổ phần Chuỗi khối Việt Số", "", "", "enterprise", "", "Long Biên", false},
    {"Công ty TNHH Nuôi trồng Thủy sản Sông Đáy", "", "", "enterprise", "", "Quốc Oai", false},
    {"Công ty Cổ phần Công nghệ Sinh học Thú y Trâu Quỳ", "", "", "enterprise", "", "Gia Lâm",
     false},
    {"Công ty TNHH Phần mềm Quản lý Đô thị Văn Quán", "", "", "enterprise", "", "Hà Đông", false},
};
const std::span<const OrgSeed> kOrganisations = kOrganisationsData;

// ---------------------------------------------------------------------------------------------
// Districts, names, place qualifiers
// ---------------------------------------------------------------------------------------------

static constexpr const char* kDistrictsData[] = {
    // 12 quận
    "Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng",
    "Hoàng Mai", "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông",
    // 1 thị xã
    "Sơn Tây",
    // 17 huyện
    "Ba Vì", "Chương Mỹ", "Đan Phượng", "Đông Anh", "Gia Lâm", "Hoài Đức", "Mê Linh", "Mỹ Đức",
    "Phú Xuyên", "Phúc Thọ", "Quốc Oai", "Sóc Sơn", "Thạch Thất", "Thanh Oai", "Thanh Trì",
    "Thường Tín", "Ứng Hòa"};
const std::span<const char* const> kDistricts = kDistrictsData;

// Repetition weights the draw toward the most common family names.
static constexpr const char* kFamilyNamesData[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần",  "Trần",
    "Trần",   "Lê",     "Lê",     "Lê",     "Phạm",   "Phạm",   "Hoàng",  "Hoàng", "Vũ",
    "Vũ",     "Đỗ",     "Đặng",   "Bùi",    "Ngô",    "Dương",  "Phan",   "Đinh",  "Trịnh",
    "Đào",    "Lương",  "Mai",    "Tạ",     "Cao",    "Lý",     "Hồ",     "Chu",   "Kiều",
    "Khuất",  "Nghiêm", "Lại",    "Hà",     "Tô",     "Đoàn",   "Vương",  "Phùng", "Lưu"};
const std::span<const char* const> kFamilyNames = kFamilyNamesData;

static constexpr const char* kMiddleNamesMaleData[] = {
    "Văn",  "Văn",  "Văn",   "Đức",   "Minh", "Quang", "Mạnh", "Hữu",  "Công", "Tuấn", "Thanh",
    "Xuân", "Ngọc", "Hoàng", "Trọng", "Thế",  "Đình",  "Duy",  "Việt", "Anh",  "Quốc", "Tiến",
    "Hải",  "Khắc", "Bá",    "Trung", "Chí",  "Gia",   "Huy",  "Đăng", "Thành"};
const std::span<const char* const> kMiddleNamesMale = kMiddleNamesMaleData;

static constexpr const char* kMiddleNamesFemaleData[] = {
    "Thị",   "Thị",  "Thị", "Thị", "Thu",  "Ngọc",  "Thanh", "Minh",  "Phương", "Thúy",
    "Hồng",  "Lan",  "Mai", "Kim", "Bích", "Hải",   "Diệu",  "Khánh", "Thùy",   "Quỳnh",
    "Hương", "Hoài", "Bảo", "Vân", "Như",  "Tuyết", "Cẩm",   "Hà",    "Mỹ",     "Ánh"};
const std::span<const char* const> kMiddleNamesFemale = kMiddleNamesFemaleData;

static constexpr const char* kGivenNamesMaleData[] = {
    "Hùng",   "Dũng",   "Tuấn", "Minh",  "Hải",   "Sơn",    "Nam",   "Thắng", "Hưng",  "Long",
    "Quân",   "Trung",  "Hiếu", "Đức",   "Cường", "Thành",  "Phong", "Hoàng", "Khoa",  "Anh",
    "Bình",   "Chiến",  "Công", "Đạt",   "Định",  "Giang",  "Hào",   "Hiệp",  "Hòa",   "Huy",
    "Khải",   "Khánh",  "Kiên", "Lâm",   "Lợi",   "Lực",    "Mạnh",  "Nghĩa", "Nhân",  "Phúc",
    "Phương", "Quang",  "Quý",  "Tài",   "Tâm",   "Tân",    "Thái",  "Thanh", "Thịnh", "Thuận",
    "Tiến",   "Toàn",   "Trí",  "Trọng", "Tú",    "Tùng",   "Việt",  "Vinh",  "Vũ",    "Hậu",
    "Hiển",   "Lộc",    "Luân", "Ninh",  "Quyết", "Vượng",  "Bảo",   "Duy",   "Đông",  "Hoan",
    "Khôi",   "Nguyên", "Phát", "Thạch", "Thông", "Trường", "Tuyên", "Cảnh",  "Chính", "Hiền"};
const std::span<const char* const> kGivenNamesMale = kGivenNamesMaleData;

static constexpr const char* kGivenNamesFemaleData[] = {
    "Lan",   "Hương",  "Hoa",   "Mai",    "Linh",   "Trang", "Hà",   "Thảo",  "Ngọc",  "Hằng",
    "Huyền", "Nga",    "Nhung", "Phương", "Thủy",   "Yến",   "Anh",  "Châu",  "Chi",   "Dung",
    "Diệp",  "Duyên",  "Giang", "Hạnh",   "Hiền",   "Hoài",  "Hồng", "Huệ",   "Khánh", "Liên",
    "Liễu",  "Loan",   "Ly",    "My",     "Nguyệt", "Nhàn",  "Nhi",  "Oanh",  "Quyên", "Quỳnh",
    "Tâm",   "Thanh",  "Thoa",  "Thơ",    "Thu",    "Thúy",  "Thư",  "Tuyết", "Uyên",  "Vân",
    "Vy",    "Xuân",   "Ánh",   "Bích",   "Cúc",    "Đào",   "Hậu",  "Lệ",    "Lụa",   "Minh",
    "Ngân",  "Phượng", "Quế",   "Sen",    "Tươi",   "Thắm",  "Thơm", "Trinh", "Gấm",   "Kim",
    "Lành",  "Hạ",     "Diệu",  "Vui",    "Nhài",   "Mận",   "Thùy", "Trâm",  "Hoàn",  "Hiên"};
const std::span<const char* const> kGivenNamesFemale = kGivenNamesFemaleData;

static constexpr const char* kPlaceQualifiersData[] = {"trên địa bàn thành phố Hà Nội",
                                                       "tại Hà Nội",
                                                       "trên địa bàn Thủ đô",
                                                       "cho các quận nội thành Hà Nội",
                                                       "tại khu vực ngoại thành Hà Nội",
                                                       "tại các huyện ngoại thành Hà Nội",
                                                       "trên địa bàn Thủ đô Hà Nội",
                                                       "tại khu vực nội đô lịch sử Hà Nội",
                                                       "tại vùng ven đô Hà Nội"};
const std::span<const char* const> kPlaceQualifiers = kPlaceQualifiersData;

// ---------------------------------------------------------------------------------------------
// Themes. Each theme: objects, actions, methods, goals, products, keywords. Every action is
// written so that "{action} {object}" reads as a well-formed Vietnamese title.
// ---------------------------------------------------------------------------------------------

// 401 Trồng trọt: giống lúa.
static constexpr const char* kRiceVarObj[] = {
    "giống lúa chất lượng cao",    "giống lúa thơm ngắn ngày", "giống lúa nếp cái hoa vàng",
    "giống lúa Bắc thơm số 7",     "giống lúa Đài Thơm 8",     "giống lúa Japonica",
    "giống lúa lai hai dòng",      "giống lúa chịu hạn",       "giống lúa kháng bệnh bạc lá",
    "giống lúa đặc sản địa phương"};
static constexpr const char* kRiceVarAct[] = {
    "Tuyển chọn và phát triển", "Nghiên cứu chọn tạo", "Đánh giá khả năng thích ứng của",
    "Xây dựng mô hình sản xuất", "Nghiên cứu biện pháp kỹ thuật thâm canh"};
static constexpr const char* kRiceVarMet[] = {"chỉ thị phân tử",
                                              "phương pháp lai hữu tính",
                                              "kỹ thuật chọn lọc cá thể",
                                              "kỹ thuật nuôi cấy bao phấn",
                                              "hệ thống thâm canh lúa cải tiến (SRI)",
                                              "cơ giới hóa đồng bộ"};
static constexpr const char* kRiceVarGoal[] = {"nâng cao năng suất và chất lượng lúa gạo",
                                               "góp phần bảo đảm an ninh lương thực",
                                               "tăng thu nhập cho nông dân",
                                               "đa dạng hóa cơ cấu giống lúa",
                                               "phát triển vùng sản xuất lúa hàng hóa tập trung",
                                               "thích ứng với biến đổi khí hậu"};
static constexpr const char* kRiceVarProd[] = {
    "giống lúa mới được công nhận", "quy trình kỹ thuật thâm canh",
    "mô hình trình diễn quy mô 10 ha", "quy trình sản xuất hạt giống cấp xác nhận",
    "báo cáo đánh giá khả năng thích ứng"};
static constexpr const char* kRiceVarKw[] = {"lúa",       "giống cây trồng", "chọn tạo giống",
                                             "năng suất", "chất lượng gạo",  "an ninh lương thực"};

// 401 Trồng trọt: sâu bệnh hại lúa.
static constexpr const char* kRicePestObj[] = {
    "bệnh đạo ôn hại lúa",  "bệnh bạc lá lúa",         "bệnh khô vằn hại lúa",
    "rầy nâu hại lúa",      "sâu cuốn lá nhỏ hại lúa", "bệnh lùn sọc đen phương Nam hại lúa",
    "ốc bươu vàng hại lúa", "sâu đục thân hại lúa",    "bệnh lem lép hạt lúa"};
static constexpr const char* kRicePestAct[] = {
    "Nghiên cứu biện pháp phòng trừ", "Điều tra, đánh giá mức độ gây hại của",
    "Xây dựng quy trình quản lý tổng hợp", "Nghiên cứu đặc điểm phát sinh, phát triển của",
    "Xây dựng hệ thống dự báo"};
static constexpr const char* kRicePestMet[] = {"chế phẩm nấm đối kháng Trichoderma",
                                               "thuốc bảo vệ thực vật sinh học",
                                               "biện pháp quản lý dịch hại tổng hợp (IPM)",
                                               "thiết bị bay không người lái",
                                               "bẫy đèn và bẫy pheromone",
                                               "mô hình dự báo dựa trên dữ liệu thời tiết"};
static constexpr const char* kRicePestGoal[] = {
    "giảm thiểu thiệt hại do dịch hại gây ra", "giảm lượng thuốc bảo vệ thực vật hóa học sử dụng",
    "bảo vệ năng suất lúa", "góp phần phát triển nông nghiệp bền vững",
    "bảo đảm an toàn cho người sản xuất và môi trường"};
static constexpr const char* kRicePestProd[] = {
    "quy trình phòng trừ tổng hợp", "bản đồ phân bố dịch hại", "phần mềm cảnh báo sớm dịch hại",
    "chế phẩm sinh học phòng trừ bệnh", "sổ tay hướng dẫn nông dân"};
static constexpr const char* kRicePestKw[] = {"lúa", "bảo vệ thực vật",    "dịch hại",
                                              "IPM", "phòng trừ sinh học", "cảnh báo sớm"};

// 401 Trồng trọt: rau an toàn.
static constexpr const char* kVegObj[] = {"rau an toàn",     "rau ăn lá",
                                          "rau thủy canh",   "rau mầm",
                                          "cà chua trái vụ", "dưa lưới trong nhà màng",
                                          "rau húng Láng",   "cây rau vụ đông",
                                          "rau hữu cơ",      "dưa chuột bản địa"};
static constexpr const char* kVegAct[] = {
    "Xây dựng mô hình sản xuất", "Nghiên cứu quy trình canh tác", "Phát triển chuỗi giá trị",
    "Đánh giá hiệu quả sản xuất", "Ứng dụng tiến bộ kỹ thuật trong sản xuất"};
static constexpr const char* kVegMet[] = {
    "công nghệ nhà màng, nhà lưới", "hệ thống tưới nhỏ giọt tự động",
    "công nghệ thủy canh hồi lưu",  "quy trình thực hành nông nghiệp tốt VietGAP",
    "phân bón hữu cơ vi sinh",      "cảm biến IoT giám sát môi trường"};
static constexpr const char* kVegGoal[] = {"bảo đảm an toàn thực phẩm cho người tiêu dùng Thủ đô",
                                           "nâng cao giá trị thu nhập trên một đơn vị diện tích",
                                           "giảm tồn dư nitrat và thuốc bảo vệ thực vật",
                                           "cung ứng rau sạch ổn định cho thị trường nội thành",
                                           "phát triển nông nghiệp đô thị công nghệ cao"};
static constexpr const char* kVegProd[] = {
    "quy trình sản xuất theo tiêu chuẩn VietGAP", "mô hình sản xuất rau công nghệ cao",
    "hệ thống truy xuất nguồn gốc sản phẩm", "tài liệu tập huấn kỹ thuật",
    "chuỗi liên kết sản xuất – tiêu thụ"};
static constexpr const char* kVegKw[] = {
    "rau an toàn",         "VietGAP",          "nhà màng", "nông nghiệp công nghệ cao",
    "truy xuất nguồn gốc", "an toàn thực phẩm"};

// 401 Trồng trọt: hoa, cây cảnh.
static constexpr const char* kFlowerObj[] = {
    "lan Hồ Điệp",       "hoa hồng",      "hoa cúc",         "hoa ly",      "đào Nhật Tân",
    "quất cảnh Tứ Liên", "hoa đồng tiền", "hoa lan bản địa", "hoa loa kèn", "hoa cẩm chướng"};
static constexpr const char* kFlowerAct[] = {
    "Nghiên cứu nhân giống", "Xây dựng mô hình sản xuất", "Tuyển chọn giống",
    "Nghiên cứu kỹ thuật điều khiển ra hoa", "Hoàn thiện quy trình trồng và chăm sóc"};
static constexpr const char* kFlowerMet[] = {"công nghệ nuôi cấy mô tế bào thực vật",
                                             "hệ thống chiếu sáng đèn LED",
                                             "chất điều hòa sinh trưởng",
                                             "giá thể hữu cơ",
                                             "công nghệ nhà kính điều khiển khí hậu",
                                             "kỹ thuật ghép cải tiến"};
static constexpr const char* kFlowerGoal[] = {
    "nâng cao hiệu quả sản xuất hoa", "chủ động nguồn giống chất lượng cao",
    "đáp ứng nhu cầu thị trường dịp Tết Nguyên đán", "bảo tồn nguồn gen cây hoa đặc sản",
    "phát triển vùng hoa cây cảnh gắn với du lịch sinh thái"};
static constexpr const char* kFlowerProd[] = {
    "quy trình nhân giống in vitro", "cây giống sạch bệnh", "quy trình điều khiển ra hoa đúng Tết",
    "mô hình sản xuất hoa công nghệ cao", "bộ giống hoa mới"};
static constexpr const char* kFlowerKw[] = {"hoa",     "cây cảnh", "nuôi cấy mô", "nhân giống",
                                            "Mê Linh", "Tây Tựu",  "làng hoa"};

// 401 Trồng trọt: cây ăn quả đặc sản.
static constexpr const char* kFruitObj[] = {
    "bưởi Diễn",  "cam Canh",           "nhãn chín muộn", "hồng xiêm Xuân Đỉnh", "chuối tiêu hồng",
    "ổi Đông Dư", "thanh long ruột đỏ", "na dai",         "bưởi đường Quý Hương"};
static constexpr const char* kFruitAct[] = {
    "Nghiên cứu giải pháp kỹ thuật thâm canh", "Xây dựng mô hình trồng",
    "Bảo tồn và phát triển nguồn gen", "Phát triển vùng sản xuất hàng hóa",
    "Nghiên cứu kỹ thuật bảo quản sau thu hoạch"};
static constexpr const char* kFruitMet[] = {
    "kỹ thuật cắt tỉa tạo tán",   "phương pháp ghép cải tạo giống",
    "kỹ thuật bao quả",           "hệ thống tưới tiết kiệm nước",
    "màng bao sinh học chitosan", "quy trình canh tác theo tiêu chuẩn GlobalGAP"};
static constexpr const char* kFruitGoal[] = {
    "nâng cao năng suất, chất lượng và giá trị thương phẩm",
    "kéo dài thời gian bảo quản và tiêu thụ", "xây dựng và phát triển chỉ dẫn địa lý cho sản phẩm",
    "tăng thu nhập cho hộ nông dân vùng bãi ven sông",
    "bảo tồn các giống cây ăn quả đặc sản của Thủ đô"};
static constexpr const char* kFruitProd[] = {"quy trình kỹ thuật thâm canh", "vườn cây đầu dòng",
                                             "mô hình trình diễn", "hồ sơ đăng ký chỉ dẫn địa lý",
                                             "quy trình bảo quản sau thu hoạch"};
static constexpr const char* kFruitKw[] = {
    "cây ăn quả", "đặc sản", "chỉ dẫn địa lý", "cây đầu dòng", "bảo quản sau thu hoạch",
    "GlobalGAP"};

// 402 Chăn nuôi.
static constexpr const char* kLivestockObj[] = {
    "lợn nái sinh sản", "lợn rừng lai",   "bò sữa",  "bò thịt chất lượng cao",
    "gà Mía Đường Lâm", "vịt siêu trứng", "dê thịt", "chim bồ câu Pháp",
    "gà ri lai"};
static constexpr const char* kLivestockAct[] = {
    "Xây dựng mô hình chăn nuôi", "Nghiên cứu khẩu phần ăn hợp lý cho",
    "Đánh giá khả năng sản xuất của", "Chọn lọc, nhân giống",
    "Ứng dụng tiến bộ kỹ thuật trong chăn nuôi"};
static constexpr const char* kLivestockMet[] = {"thức ăn bổ sung chế phẩm probiotic",
                                                "đệm lót sinh học",
                                                "công nghệ thụ tinh nhân tạo",
                                                "phần mềm quản lý đàn",
                                                "hệ thống chuồng kín điều khiển tự động",
                                                "thức ăn lên men từ phụ phẩm nông nghiệp"};
static constexpr const char* kLivestockGoal[] = {
    "nâng cao năng suất và hiệu quả kinh tế chăn nuôi",
    "giảm ô nhiễm môi trường từ chất thải chăn nuôi", "bảo đảm an toàn sinh học",
    "chuyển dịch chăn nuôi ra khỏi khu dân cư", "bảo tồn và khai thác nguồn gen vật nuôi bản địa"};
static constexpr const char* kLivestockProd[] = {
    "quy trình chăn nuôi an toàn sinh học", "khẩu phần thức ăn tối ưu", "đàn giống hạt nhân",
    "mô hình trang trại khép kín", "tiêu chuẩn cơ sở về giống"};
static constexpr const char* kLivestockKw[] = {
    "chăn nuôi", "giống vật nuôi", "thức ăn chăn nuôi", "an toàn sinh học", "nguồn gen", "Ba Vì"};

// 403 Thú y.
static constexpr const char* kVetObj[] = {"bệnh dịch tả lợn châu Phi",
                                          "bệnh cúm gia cầm",
                                          "bệnh lở mồm long móng",
                                          "bệnh tai xanh ở lợn",
                                          "bệnh viêm da nổi cục trên trâu bò",
                                          "bệnh dại trên chó, mèo",
                                          "bệnh Newcastle ở gà",
                                          "bệnh tiêu chảy ở lợn con",
                                          "bệnh ký sinh trùng đường máu ở trâu bò"};
static constexpr const char* kVetAct[] = {
    "Nghiên cứu đặc điểm dịch tễ", "Xây dựng quy trình chẩn đoán nhanh",
    "Nghiên cứu giải pháp phòng, chống", "Đánh giá hiệu quả vắc xin phòng", "Giám sát lưu hành"};
static constexpr const char* kVetMet[] = {
    "kỹ thuật Real-time PCR",       "phương pháp ELISA",
    "giải trình tự gen thế hệ mới", "hệ thống giám sát dịch bệnh trực tuyến",
    "vắc xin thế hệ mới",           "phân tích dịch tễ học không gian (GIS)"};
static constexpr const char* kVetGoal[] = {
    "chủ động kiểm soát dịch bệnh trên đàn vật nuôi", "giảm thiệt hại kinh tế cho người chăn nuôi",
    "phòng ngừa nguy cơ lây nhiễm sang người", "xây dựng vùng an toàn dịch bệnh",
    "bảo đảm nguồn cung thực phẩm an toàn cho Thủ đô"};
static constexpr const char* kVetProd[] = {"quy trình chẩn đoán", "bộ kit chẩn đoán nhanh",
                                           "bản đồ dịch tễ", "hướng dẫn kỹ thuật phòng, chống dịch",
                                           "cơ sở dữ liệu giám sát dịch bệnh"};
static constexpr const char* kVetKw[] = {"thú y",     "dịch tễ",           "vắc xin",
                                         "chẩn đoán", "an toàn dịch bệnh", "PCR"};

// 405 Thủy sản.
static constexpr const char* kAquaObj[] = {"cá rô phi đơn tính", "cá chép lai",   "cá trắm cỏ",
                                           "cá lăng chấm",       "tôm càng xanh", "ba ba gai",
                                           "lươn đồng",          "cá nheo Mỹ",    "ếch Thái Lan"};
static constexpr const char* kAquaAct[] = {
    "Xây dựng mô hình nuôi thâm canh", "Nghiên cứu sản xuất giống nhân tạo",
    "Đánh giá hiệu quả nuôi thương phẩm", "Hoàn thiện quy trình nuôi",
    "Ứng dụng công nghệ mới trong nuôi"};
static constexpr const char* kAquaMet[] = {"công nghệ nuôi tuần hoàn (RAS)",
                                           "công nghệ biofloc",
                                           "hệ thống lồng nuôi trên hồ chứa",
                                           "chế phẩm vi sinh xử lý môi trường ao nuôi",
                                           "thiết bị quan trắc chất lượng nước tự động",
                                           "thức ăn công nghiệp chuyên dùng"};
static constexpr const char* kAquaGoal[] = {
    "nâng cao năng suất và hiệu quả nuôi trồng thủy sản",
    "tận dụng diện tích mặt nước ao hồ, ruộng trũng", "giảm thiểu ô nhiễm môi trường nước",
    "chủ động nguồn giống thủy sản chất lượng", "phát triển sản phẩm thủy sản đặc sản"};
static constexpr const char* kAquaProd[] = {
    "quy trình sản xuất giống", "quy trình nuôi thương phẩm", "mô hình nuôi trình diễn",
    "con giống chất lượng cao", "hướng dẫn quản lý môi trường ao nuôi"};
static constexpr const char* kAquaKw[] = {
    "thủy sản", "nuôi trồng thủy sản", "con giống", "ao nuôi", "RAS", "biofloc"};

// 406 Công nghệ sinh học trong nông nghiệp.
static constexpr const char* kAgBioObj[] = {
    "chế phẩm vi sinh vật xử lý phụ phẩm nông nghiệp",
    "phân bón hữu cơ vi sinh",
    "chế phẩm nấm đối kháng Trichoderma",
    "nấm linh chi",
    "đông trùng hạ thảo",
    "nấm sò và nấm mộc nhĩ",
    "thuốc trừ sâu sinh học từ vi khuẩn Bacillus thuringiensis",
    "chế phẩm sinh học phòng trừ tuyến trùng",
    "nấm hương"};
static constexpr const char* kAgBioAct[] = {
    "Nghiên cứu sản xuất", "Hoàn thiện công nghệ sản xuất", "Chuyển giao công nghệ sản xuất",
    "Nghiên cứu tuyển chọn chủng giống phục vụ sản xuất", "Xây dựng mô hình sản xuất"};
static constexpr const char* kAgBioMet[] = {
    "công nghệ lên men bán rắn", "công nghệ lên men chìm",
    "kỹ thuật sinh học phân tử", "công nghệ nuôi cấy mô tế bào thực vật",
    "kỹ thuật sấy thăng hoa",    "chủng vi sinh vật bản địa tuyển chọn"};
static constexpr const char* kAgBioGoal[] = {
    "thay thế dần phân bón và thuốc bảo vệ thực vật hóa học",
    "tận dụng phụ phẩm nông nghiệp, giảm đốt rơm rạ", "tạo sản phẩm có giá trị gia tăng cao",
    "phát triển nông nghiệp hữu cơ", "giảm ô nhiễm môi trường nông thôn"};
static constexpr const char* kAgBioProd[] = {
    "quy trình công nghệ sản xuất quy mô pilot", "bộ sưu tập chủng giống vi sinh vật",
    "chế phẩm sinh học đạt tiêu chuẩn cơ sở", "hồ sơ đăng ký lưu hành sản phẩm",
    "mô hình ứng dụng tại hợp tác xã"};
static constexpr const char* kAgBioKw[] = {
    "công nghệ sinh học", "vi sinh vật",       "lên men",
    "nông nghiệp hữu cơ", "chế phẩm sinh học", "nấm dược liệu"};

// 404 Lâm nghiệp: cây xanh đô thị và rừng.
static constexpr const char* kForestObj[] = {"cây xanh đô thị",
                                             "cây xanh cổ thụ trên các tuyến phố",
                                             "rừng phòng hộ Sóc Sơn",
                                             "rừng đặc dụng Hương Sơn",
                                             "rừng trồng sản xuất",
                                             "cây gỗ lớn bản địa",
                                             "hệ thống cây xanh công viên, vườn hoa",
                                             "thảm thực vật ven sông Hồng",
                                             "rừng tự nhiên Vườn quốc gia Ba Vì"};
static constexpr const char* kForestAct[] = {
    "Điều tra, đánh giá hiện trạng", "Nghiên cứu giải pháp bảo tồn và phát triển",
    "Xây dựng cơ sở dữ liệu quản lý", "Nghiên cứu giải pháp quản lý bền vững"};
static constexpr const char* kForestMet[] = {"ảnh viễn thám độ phân giải cao",
                                             "hệ thống thông tin địa lý (GIS)",
                                             "thiết bị đo ứng suất thân cây",
                                             "công nghệ định vị và gắn mã QR",
                                             "mô hình ước tính sinh khối và trữ lượng các-bon",
                                             "kỹ thuật nhân giống hom"};
static constexpr const char* kForestGoal[] = {
    "nâng cao hiệu quả quản lý cây xanh của thành phố",
    "bảo đảm an toàn cho người và phương tiện trong mùa mưa bão",
    "bảo tồn đa dạng sinh học và tài nguyên rừng", "tăng diện tích cây xanh bình quân đầu người",
    "đóng góp vào mục tiêu giảm phát thải khí nhà kính"};
static constexpr const char* kForestProd[] = {
    "cơ sở dữ liệu cây xanh", "bản đồ hiện trạng", "bộ tiêu chí lựa chọn loài cây",
    "quy trình chăm sóc, cắt tỉa", "phần mềm quản lý cây xanh"};
static constexpr const char* kForestKw[] = {"cây xanh", "lâm nghiệp",       "rừng",
                                            "GIS",      "đa dạng sinh học", "các-bon"};

// 302 Y học lâm sàng: tim mạch, đột quỵ.
static constexpr const char* kCardioObj[] = {
    "bệnh nhân đột quỵ nhồi máu não",
    "bệnh nhân tăng huyết áp",
    "bệnh nhân suy tim mạn tính",
    "bệnh nhân nhồi máu cơ tim cấp",
    "bệnh nhân rung nhĩ",
    "bệnh nhân đái tháo đường týp 2 có biến chứng tim mạch",
    "trẻ em mắc bệnh tim bẩm sinh",
    "người cao tuổi có nguy cơ tim mạch",
    "bệnh nhân sau can thiệp mạch vành"};
static constexpr const char* kCardioAct[] = {
    "Nghiên cứu đặc điểm lâm sàng, cận lâm sàng", "Đánh giá kết quả điều trị",
    "Xây dựng mô hình quản lý", "Nghiên cứu các yếu tố tiên lượng ở",
    "Nghiên cứu giải pháp chăm sóc và phục hồi chức năng cho"};
static constexpr const char* kCardioMet[] = {
    "can thiệp nội mạch lấy huyết khối",          "chụp cộng hưởng từ tưới máu",
    "siêu âm tim đánh dấu mô (speckle tracking)", "thiết bị theo dõi huyết áp từ xa",
    "trí tuệ nhân tạo phân tích điện tâm đồ",     "ứng dụng di động hỗ trợ tuân thủ điều trị"};
static constexpr const char* kCardioGoal[] = {
    "giảm tỷ lệ tử vong và tàn phế",
    "nâng cao chất lượng chẩn đoán và điều trị tại các bệnh viện tuyến thành phố",
    "giảm tải cho bệnh viện tuyến trung ương", "nâng cao chất lượng cuộc sống cho người bệnh",
    "phát hiện sớm và dự phòng biến chứng"};
static constexpr const char* kCardioProd[] = {
    "phác đồ chẩn đoán và điều trị", "quy trình kỹ thuật được Sở Y tế phê duyệt",
    "phần mềm quản lý bệnh nhân ngoại trú", "bài báo khoa học trên tạp chí chuyên ngành",
    "tài liệu hướng dẫn chuyên môn"};
static constexpr const char* kCardioKw[] = {"tim mạch",       "đột quỵ",  "tăng huyết áp",
                                            "can thiệp mạch", "lâm sàng", "điều trị"};

// 302 Y học lâm sàng: ung thư.
static constexpr const char* kOncoObj[] = {"bệnh nhân ung thư phổi không tế bào nhỏ",
                                           "bệnh nhân ung thư vú",
                                           "bệnh nhân ung thư gan nguyên phát",
                                           "bệnh nhân ung thư đại trực tràng",
                                           "bệnh nhân ung thư dạ dày",
                                           "bệnh nhân ung thư cổ tử cung",
                                           "bệnh nhân ung thư tuyến giáp",
                                           "bệnh nhân ung thư vòm mũi họng",
                                           "bệnh nhân ung thư thực quản"};
static constexpr const char* kOncoAct[] = {
    "Nghiên cứu đặc điểm lâm sàng, cận lâm sàng", "Đánh giá kết quả điều trị",
    "Nghiên cứu các yếu tố tiên lượng ở", "Đánh giá chất lượng sống của",
    "Nghiên cứu đột biến gen ở"};
static constexpr const char* kOncoMet[] = {"liệu pháp miễn dịch",
                                           "thuốc điều trị đích",
                                           "phẫu thuật nội soi",
                                           "xạ trị điều biến liều (IMRT)",
                                           "giải trình tự gen thế hệ mới (NGS)",
                                           "sinh thiết lỏng",
                                           "kỹ thuật chụp PET/CT"};
static constexpr const char* kOncoGoal[] = {
    "cá thể hóa điều trị và kéo dài thời gian sống", "phát hiện sớm và nâng cao hiệu quả điều trị",
    "nâng cao chất lượng sống cho người bệnh", "giảm chi phí điều trị cho người bệnh và xã hội",
    "làm chủ kỹ thuật cao trong điều trị ung thư"};
static constexpr const char* kOncoProd[] = {
    "quy trình kỹ thuật", "phác đồ điều trị", "bộ dữ liệu đột biến gen của người Việt",
    "báo cáo khoa học", "bài báo đăng trên tạp chí quốc tế"};
static constexpr const char* kOncoKw[] = {"ung thư",   "ung bướu",     "điều trị đích",
                                          "miễn dịch", "đột biến gen", "tiên lượng"};

// 304 Công nghệ sinh học trong y học.
static constexpr const char* kMedBioObj[] = {"tế bào gốc trung mô từ mô mỡ",
                                             "tế bào gốc trung mô từ dây rốn",
                                             "tế bào miễn dịch NK tự thân",
                                             "kháng thể đơn dòng",
                                             "protein tái tổ hợp dùng trong y học",
                                             "sinh phẩm chẩn đoán nhanh bệnh truyền nhiễm",
                                             "vật liệu sinh học tái tạo mô da",
                                             "màng ối đông khô",
                                             "bộ kit xét nghiệm gen"};
static constexpr const char* kMedBioAct[] = {
    "Nghiên cứu tạo", "Hoàn thiện quy trình sản xuất", "Đánh giá tính an toàn và hiệu quả của",
    "Nghiên cứu phát triển", "Nghiên cứu ứng dụng lâm sàng"};
static constexpr const char* kMedBioMet[] = {"kỹ thuật nuôi cấy tế bào ba chiều",
                                             "công nghệ DNA tái tổ hợp",
                                             "hệ thống biểu hiện trên tế bào động vật",
                                             "kỹ thuật chỉnh sửa gen CRISPR/Cas9",
                                             "kỹ thuật PCR đa mồi",
                                             "công nghệ in sinh học 3D"};
static constexpr const char* kMedBioGoal[] = {
    "làm chủ công nghệ và giảm phụ thuộc vào sản phẩm nhập khẩu",
    "mở ra hướng điều trị mới cho các bệnh khó chữa", "hạ giá thành dịch vụ y tế kỹ thuật cao",
    "đáp ứng tiêu chuẩn thực hành tốt sản xuất (GMP)", "phục vụ chẩn đoán sớm tại các cơ sở y tế"};
static constexpr const char* kMedBioProd[] = {
    "quy trình công nghệ", "sản phẩm đạt tiêu chuẩn cơ sở", "hồ sơ đăng ký thử nghiệm lâm sàng",
    "ngân hàng dữ liệu", "bằng độc quyền sáng chế"};
static constexpr const char* kMedBioKw[] = {
    "công nghệ sinh học y học", "tế bào gốc", "tái tổ hợp", "sinh phẩm", "y học tái tạo",
    "chẩn đoán phân tử"};

// 303 Dược học: dược liệu.
static constexpr const char* kHerbObj[] = {"cây đinh lăng",   "cây hà thủ ô đỏ",
                                           "cây xạ đen",      "cây cà gai leo",
                                           "cây giảo cổ lam", "cây hoài sơn",
                                           "cây ba kích",     "cây kim tiền thảo",
                                           "cây nghệ vàng",   "cây dược liệu bản địa vùng Ba Vì"};
static constexpr const char* kHerbAct[] = {"Nghiên cứu thành phần hóa học và tác dụng sinh học của",
                                           "Xây dựng vùng trồng", "Nghiên cứu bào chế chế phẩm từ",
                                           "Xây dựng tiêu chuẩn chất lượng dược liệu",
                                           "Bảo tồn và phát triển nguồn gen"};
static constexpr const char* kHerbMet[] = {
    "sắc ký lỏng hiệu năng cao (HPLC)",
    "công nghệ chiết xuất CO2 siêu tới hạn",
    "nguyên tắc thực hành tốt trồng trọt và thu hái cây thuốc (GACP-WHO)",
    "kỹ thuật bào chế nano",
    "mô hình thực nghiệm trên động vật",
    "công nghệ sấy phun"};
static constexpr const char* kHerbGoal[] = {
    "phát triển sản phẩm dược liệu có giá trị kinh tế cao",
    "bảo đảm nguồn nguyên liệu làm thuốc đạt chuẩn", "hỗ trợ điều trị bệnh mạn tính",
    "bảo tồn tri thức y học cổ truyền", "nâng cao thu nhập cho đồng bào vùng núi Ba Vì"};
static constexpr const char* kHerbProd[] = {"quy trình trồng và sơ chế", "bộ tiêu chuẩn cơ sở",
                                            "chế phẩm dạng viên nang", "hồ sơ đăng ký sản phẩm",
                                            "vườn giống dược liệu"};
static constexpr const char* kHerbKw[] = {"dược liệu", "y học cổ truyền", "chiết xuất",
                                          "hoạt chất", "GACP-WHO",        "bào chế"};

// 305 Khoa học sức khỏe: y tế công cộng.
static constexpr const char* kPubHealthObj[] = {"người cao tuổi",
                                                "học sinh tiểu học",
                                                "trẻ em dưới 5 tuổi",
                                                "công nhân tại các khu công nghiệp",
                                                "phụ nữ mang thai",
                                                "người lao động di cư",
                                                "người dân các xã ngoại thành",
                                                "người dân các khu đô thị mới",
                                                "thanh thiếu niên"};
static constexpr const char* kPubHealthAct[] = {
    "Nghiên cứu thực trạng sức khỏe và các yếu tố liên quan ở",
    "Đánh giá tình trạng dinh dưỡng của", "Xây dựng mô hình chăm sóc sức khỏe ban đầu cho",
    "Nghiên cứu các yếu tố nguy cơ bệnh không lây nhiễm ở",
    "Đánh giá hiệu quả can thiệp truyền thông giáo dục sức khỏe cho"};
static constexpr const char* kPubHealthMet[] = {
    "điều tra cắt ngang có phân tích", "nghiên cứu can thiệp cộng đồng có đối chứng",
    "hồ sơ sức khỏe điện tử",          "ứng dụng di động theo dõi sức khỏe",
    "thang đo đánh giá đã chuẩn hóa",  "mô hình hồi quy đa biến"};
static constexpr const char* kPubHealthGoal[] = {
    "nâng cao sức khỏe cộng đồng", "phòng ngừa và phát hiện sớm bệnh không lây nhiễm",
    "cung cấp bằng chứng cho xây dựng chính sách y tế của thành phố",
    "giảm gánh nặng bệnh tật cho hệ thống y tế", "cải thiện chất lượng chăm sóc sức khỏe ban đầu"};
static constexpr const char* kPubHealthProd[] = {
    "báo cáo thực trạng", "mô hình can thiệp", "bộ công cụ sàng lọc",
    "tài liệu truyền thông giáo dục sức khỏe", "khuyến nghị chính sách"};
static constexpr const char* kPubHealthKw[] = {"y tế công cộng",       "sức khỏe cộng đồng",
                                               "dinh dưỡng",           "dự phòng",
                                               "bệnh không lây nhiễm", "can thiệp"};

// 301 Y học cơ sở: vi sinh, bệnh truyền nhiễm.
static constexpr const char* kInfectObj[] = {"virus Dengue",
                                             "virus cúm A",
                                             "enterovirus 71 gây bệnh tay chân miệng",
                                             "vi khuẩn lao đa kháng thuốc",
                                             "vi khuẩn Klebsiella pneumoniae sinh carbapenemase",
                                             "virus SARS-CoV-2",
                                             "liên cầu lợn Streptococcus suis",
                                             "vi khuẩn Helicobacter pylori",
                                             "virus sởi"};
static constexpr const char* kInfectAct[] = {
    "Nghiên cứu đặc điểm sinh học phân tử của", "Giám sát sự lưu hành của",
    "Xây dựng quy trình phát hiện nhanh", "Nghiên cứu đặc điểm dịch tễ học của",
    "Phân tích đặc điểm di truyền của"};
static constexpr const char* kInfectMet[] = {
    "giải trình tự toàn bộ hệ gen",   "kỹ thuật Real-time PCR",       "kỹ thuật LAMP",
    "phân tích phát sinh chủng loại", "hệ thống giám sát trọng điểm", "phương pháp kháng sinh đồ"};
static constexpr const char* kInfectGoal[] = {
    "phục vụ cảnh báo sớm và đáp ứng dịch kịp thời",
    "cung cấp cơ sở khoa học cho công tác phòng, chống dịch của Thủ đô",
    "hướng dẫn sử dụng kháng sinh hợp lý", "giảm tỷ lệ mắc và tử vong do bệnh truyền nhiễm",
    "nâng cao năng lực xét nghiệm của hệ thống y tế dự phòng"};
static constexpr const char* kInfectProd[] = {"quy trình xét nghiệm", "cơ sở dữ liệu trình tự gen",
                                              "báo cáo giám sát", "bộ sinh phẩm phát hiện nhanh",
                                              "khuyến nghị chuyên môn"};
static constexpr const char* kInfectKw[] = {"vi sinh",          "truyền nhiễm",  "dịch tễ",
                                            "kháng kháng sinh", "giải trình tự", "y tế dự phòng"};

// 206 Kỹ thuật y học: thiết bị y tế.
static constexpr const char* kMedDevObj[] = {"máy thở không xâm nhập",
                                             "thiết bị theo dõi bệnh nhân đa thông số",
                                             "hệ thống lưu trữ và truyền hình ảnh y tế (PACS)",
                                             "robot hỗ trợ phục hồi chức năng",
                                             "dụng cụ cấy ghép chỉnh hình",
                                             "thiết bị đo đường huyết không xâm lấn",
                                             "hệ thống khám chữa bệnh từ xa",
                                             "thiết bị lọc máu",
                                             "máy tạo oxy y tế"};
static constexpr const char* kMedDevAct[] = {
    "Nghiên cứu thiết kế, chế tạo", "Hoàn thiện và thử nghiệm lâm sàng", "Nghiên cứu nội địa hóa",
    "Đánh giá hiệu quả ứng dụng", "Phát triển"};
static constexpr const char* kMedDevMet[] = {"vi điều khiển nhúng",   "công nghệ in 3D kim loại",
                                             "trí tuệ nhân tạo",      "cảm biến quang học",
                                             "vật liệu titan y sinh", "nền tảng điện toán đám mây"};
static constexpr const char* kMedDevGoal[] = {
    "thay thế thiết bị nhập khẩu với giá thành hợp lý",
    "nâng cao năng lực trang thiết bị cho y tế tuyến cơ sở", "bảo đảm an toàn cho người bệnh",
    "thúc đẩy phát triển công nghiệp thiết bị y tế trong nước",
    "hỗ trợ chẩn đoán và điều trị từ xa"};
static constexpr const char* kMedDevProd[] = {
    "mẫu thiết bị hoàn chỉnh", "bộ hồ sơ thiết kế kỹ thuật", "báo cáo kiểm định chất lượng",
    "phần mềm điều khiển", "giải pháp hữu ích được cấp bằng"};
static constexpr const char* kMedDevKw[] = {"thiết bị y tế", "kỹ thuật y sinh", "chế tạo",
                                            "nội địa hóa",   "cảm biến",        "y tế từ xa"};

// 102 Khoa học máy tính và thông tin: chuyển đổi số, chính quyền số.
static constexpr const char* kEgovObj[] = {"hệ thống thông tin giải quyết thủ tục hành chính",
                                           "cổng dịch vụ công trực tuyến của thành phố",
                                           "cơ sở dữ liệu chuyên ngành",
                                           "nền tảng tích hợp, chia sẻ dữ liệu",
                                           "hệ thống quản lý văn bản và điều hành",
                                           "hạ tầng công nghệ thông tin của các sở, ngành",
                                           "trung tâm điều hành đô thị thông minh",
                                           "kho dữ liệu dùng chung của thành phố",
                                           "hệ thống hội nghị truyền hình trực tuyến",
                                           "hệ thống thông tin công dân số"};
static constexpr const char* kEgovAct[] = {"Nghiên cứu xây dựng", "Nghiên cứu giải pháp hoàn thiện",
                                           "Thiết kế và triển khai", "Đánh giá hiệu quả vận hành",
                                           "Nghiên cứu mô hình kiến trúc"};
static constexpr const char* kEgovMet[] = {
    "khung kiến trúc chính quyền điện tử", "nền tảng điện toán đám mây",
    "công nghệ thông tin và truyền thông", "kiến trúc vi dịch vụ (microservices)",
    "chữ ký số và định danh điện tử",      "trục liên thông dữ liệu LGSP",
    "công nghệ chuỗi khối (blockchain)"};
static constexpr const char* kEgovGoal[] = {
    "đẩy mạnh chuyển đổi số trong cơ quan nhà nước của thành phố",
    "nâng cao chất lượng phục vụ người dân và doanh nghiệp",
    "rút ngắn thời gian giải quyết thủ tục hành chính",
    "bảo đảm kết nối, chia sẻ dữ liệu thông suốt giữa các cấp", "xây dựng chính quyền số Thủ đô"};
static constexpr const char* kEgovProd[] = {"hệ thống phần mềm", "kiến trúc tổng thể",
                                            "bộ tiêu chí đánh giá", "tài liệu hướng dẫn vận hành",
                                            "báo cáo giải pháp kỹ thuật"};
static constexpr const char* kEgovKw[] = {"chuyển đổi số",       "chính quyền số",
                                          "công nghệ thông tin", "dịch vụ công trực tuyến",
                                          "dữ liệu mở",          "ứng dụng công nghệ thông tin"};

// 102 Khoa học máy tính và thông tin: trí tuệ nhân tạo và dữ liệu.
static constexpr const char* kAiObj[] = {
    "dữ liệu giao thông đô thị",     "dữ liệu phản ánh hiện trường của người dân",
    "văn bản hành chính tiếng Việt", "hình ảnh camera giám sát",
    "dữ liệu y tế điện tử",          "dữ liệu quan trắc môi trường",
    "dữ liệu lớn về du lịch",        "dữ liệu tiếng nói tiếng Việt",
    "dữ liệu đất đai và quy hoạch"};
static constexpr const char* kAiAct[] = {
    "Nghiên cứu ứng dụng trí tuệ nhân tạo trong phân tích", "Xây dựng hệ thống khai phá",
    "Phát triển mô hình học sâu xử lý", "Nghiên cứu giải pháp quản lý và khai thác",
    "Xây dựng nền tảng phân tích"};
static constexpr const char* kAiMet[] = {"mô hình ngôn ngữ lớn",
                                         "mạng nơ-ron tích chập",
                                         "học máy",
                                         "công nghệ dữ liệu lớn",
                                         "thị giác máy tính",
                                         "xử lý ngôn ngữ tự nhiên",
                                         "học liên kết (federated learning)"};
static constexpr const char* kAiGoal[] = {
    "hỗ trợ ra quyết định trong quản lý đô thị",
    "nâng cao hiệu quả ứng dụng công nghệ thông tin trong quản lý nhà nước",
    "phát hiện sớm các vấn đề phát sinh trên địa bàn",
    "khai thác giá trị dữ liệu phục vụ phát triển kinh tế số",
    "tự động hóa quy trình xử lý nghiệp vụ"};
static constexpr const char* kAiProd[] = {"mô hình trí tuệ nhân tạo đã huấn luyện",
                                          "bộ dữ liệu gán nhãn", "phần mềm thử nghiệm",
                                          "bài báo khoa học", "hệ thống trực quan hóa dữ liệu"};
static constexpr const char* kAiKw[] = {"trí tuệ nhân tạo",
                                        "học máy",
                                        "dữ liệu lớn",
                                        "học sâu",
                                        "công nghệ thông tin",
                                        "thị giác máy tính",
                                        "xử lý ngôn ngữ tự nhiên"};

// 102 Khoa học máy tính và thông tin: an toàn thông tin.
static constexpr const char* kSecObj[] = {"hệ thống thông tin của cơ quan nhà nước",
                                          "mạng diện rộng của thành phố",
                                          "thiết bị IoT trong đô thị thông minh",
                                          "cơ sở dữ liệu chuyên ngành",
                                          "hệ thống thanh toán điện tử",
                                          "mạng nội bộ của bệnh viện",
                                          "ứng dụng di động dịch vụ công",
                                          "hạ tầng công nghệ thông tin của các trường học",
                                          "cổng thông tin điện tử thành phố"};
static constexpr const char* kSecAct[] = {
    "Nghiên cứu giải pháp bảo đảm an toàn thông tin cho", "Đánh giá rủi ro an ninh mạng đối với",
    "Xây dựng hệ thống giám sát an toàn thông tin cho",
    "Nghiên cứu giải pháp phát hiện xâm nhập cho", "Xây dựng quy trình ứng cứu sự cố cho"};
static constexpr const char* kSecMet[] = {"trí tuệ nhân tạo",
                                          "mật mã hạng nhẹ",
                                          "kiến trúc không tin cậy mặc định (zero trust)",
                                          "phân tích hành vi người dùng",
                                          "trung tâm điều hành an ninh mạng (SOC)",
                                          "kỹ thuật kiểm thử xâm nhập"};
static constexpr const char* kSecGoal[] = {
    "bảo đảm an toàn, an ninh mạng cho hạ tầng số của Thủ đô",
    "phát hiện và ngăn chặn sớm các cuộc tấn công mạng", "bảo vệ dữ liệu cá nhân của người dân",
    "đáp ứng yêu cầu bảo đảm an toàn hệ thống thông tin theo cấp độ",
    "nâng cao năng lực ứng cứu sự cố"};
static constexpr const char* kSecProd[] = {
    "giải pháp kỹ thuật", "phần mềm giám sát", "quy trình ứng cứu sự cố",
    "bộ tiêu chí đánh giá an toàn thông tin", "báo cáo đánh giá rủi ro"};
static constexpr const char* kSecKw[] = {"an toàn thông tin",   "an ninh mạng",
                                         "công nghệ thông tin", "tấn công mạng",
                                         "bảo vệ dữ liệu",      "phát hiện xâm nhập"};

// 202 Kỹ thuật điện, điện tử, thông tin: IoT, đô thị thông minh.
static constexpr const char* kIotObj[] = {"hệ thống đèn tín hiệu giao thông",
                                          "hệ thống chiếu sáng công cộng",
                                          "lưới điện phân phối",
                                          "hệ thống cấp nước sạch đô thị",
                                          "bãi đỗ xe thông minh",
                                          "trạm quan trắc môi trường tự động",
                                          "hệ thống cảnh báo ngập úng",
                                          "trạm sạc xe điện",
                                          "hệ thống thu phí tự động"};
static constexpr const char* kIotAct[] = {
    "Nghiên cứu giải pháp điều khiển thông minh cho", "Xây dựng hệ thống giám sát từ xa cho",
    "Ứng dụng Internet vạn vật trong quản lý", "Nghiên cứu tối ưu hóa vận hành",
    "Nghiên cứu giải pháp tiết kiệm năng lượng cho"};
static constexpr const char* kIotMet[] = {
    "mạng cảm biến không dây",          "công nghệ LoRaWAN", "mạng 5G",
    "thuật toán điều khiển thích nghi", "điện toán biên",    "bản sao số (digital twin)"};
static constexpr const char* kIotGoal[] = {
    "góp phần xây dựng đô thị thông minh", "giảm ùn tắc giao thông",
    "tiết kiệm điện năng và chi phí vận hành", "nâng cao độ tin cậy cung cấp dịch vụ",
    "quản lý tập trung và giám sát theo thời gian thực"};
static constexpr const char* kIotProd[] = {"thiết bị điều khiển", "phần mềm giám sát tập trung",
                                           "hệ thống thử nghiệm", "tài liệu thiết kế",
                                           "giải pháp hữu ích"};
static constexpr const char* kIotKw[] = {"IoT",         "đô thị thông minh", "điện tử",
                                         "tự động hóa", "viễn thông",        "cảm biến"};

// 105 Khoa học trái đất và môi trường: chất lượng không khí.
static constexpr const char* kAirObj[] = {"ô nhiễm không khí đô thị",
                                          "bụi mịn PM2.5",
                                          "khí thải từ phương tiện giao thông",
                                          "ô nhiễm không khí do đốt rơm rạ",
                                          "ô nhiễm tiếng ồn giao thông",
                                          "khí thải từ các làng nghề tái chế",
                                          "ô nhiễm ozon tầng mặt",
                                          "phát thải khí nhà kính từ hoạt động giao thông",
                                          "bụi từ công trường xây dựng"};
static constexpr const char* kAirAct[] = {
    "Đánh giá hiện trạng", "Nghiên cứu nguồn gốc và đặc trưng", "Xây dựng mô hình dự báo",
    "Nghiên cứu giải pháp giảm thiểu", "Xây dựng bản đồ phân bố"};
static constexpr const char* kAirMet[] = {
    "mạng lưới cảm biến giá rẻ",       "ảnh vệ tinh",
    "mô hình lan truyền chất ô nhiễm", "phân tích thành phần hóa học",
    "trạm quan trắc tự động liên tục", "mô hình học máy"};
static constexpr const char* kAirGoal[] = {
    "bảo vệ sức khỏe người dân Thủ đô",
    "cung cấp cơ sở khoa học cho xây dựng chính sách kiểm soát ô nhiễm",
    "cảnh báo kịp thời cho cộng đồng", "cải thiện chất lượng môi trường đô thị",
    "thực hiện mục tiêu phát thải ròng bằng không"};
static constexpr const char* kAirProd[] = {"bản đồ ô nhiễm", "hệ thống cảnh báo",
                                           "bộ dữ liệu quan trắc", "báo cáo đánh giá",
                                           "đề xuất giải pháp chính sách"};
static constexpr const char* kAirKw[] = {"ô nhiễm không khí", "bụi mịn",   "môi trường",
                                         "quan trắc",         "phát thải", "khí hậu"};

// 105 Khoa học trái đất và môi trường: tài nguyên nước.
static constexpr const char* kWaterObj[] = {"sông Tô Lịch",
                                            "sông Nhuệ, sông Đáy",
                                            "hệ thống hồ nội thành",
                                            "nguồn nước ngầm tầng Holocen",
                                            "nước mặt sông Hồng",
                                            "hồ Tây",
                                            "bãi bồi ven sông Hồng",
                                            "lưu vực sông Tích",
                                            "hệ thống kênh mương thủy lợi"};
static constexpr const char* kWaterAct[] = {
    "Đánh giá hiện trạng và diễn biến", "Nghiên cứu giải pháp phục hồi",
    "Nghiên cứu giải pháp quản lý tổng hợp", "Xây dựng cơ sở dữ liệu",
    "Nghiên cứu tác động của biến đổi khí hậu đến"};
static constexpr const char* kWaterMet[] = {"bộ mô hình thủy văn, thủy lực MIKE",
                                            "công nghệ viễn thám",
                                            "kỹ thuật đồng vị",
                                            "hệ thống thông tin địa lý (GIS)",
                                            "chỉ số chất lượng nước (WQI)",
                                            "giải pháp dựa vào thiên nhiên"};
static constexpr const char* kWaterGoal[] = {
    "bảo vệ và sử dụng bền vững tài nguyên nước", "cải thiện chất lượng nước và cảnh quan đô thị",
    "phòng, chống ngập úng", "bảo đảm an ninh nguồn nước cho Thủ đô",
    "thích ứng với biến đổi khí hậu"};
static constexpr const char* kWaterProd[] = {"bản đồ hiện trạng", "cơ sở dữ liệu",
                                             "mô hình tính toán", "báo cáo đánh giá",
                                             "bộ giải pháp kỹ thuật"};
static constexpr const char* kWaterKw[] = {
    "tài nguyên nước", "chất lượng nước", "nước ngầm", "sông Hồng", "thủy văn", "biến đổi khí hậu"};

// 207 Kỹ thuật môi trường: nước thải, chất thải rắn.
static constexpr const char* kWasteObj[] = {"nước thải sinh hoạt",
                                            "nước thải làng nghề",
                                            "nước thải bệnh viện",
                                            "chất thải rắn sinh hoạt",
                                            "chất thải nhựa",
                                            "bùn thải từ hệ thống thoát nước",
                                            "nước rỉ rác bãi chôn lấp Nam Sơn",
                                            "chất thải xây dựng",
                                            "chất thải nguy hại từ công nghiệp"};
static constexpr const char* kWasteAct[] = {
    "Nghiên cứu công nghệ xử lý", "Xây dựng mô hình thu gom và xử lý",
    "Đánh giá hiện trạng phát sinh và quản lý", "Nghiên cứu giải pháp quản lý bền vững",
    "Thiết kế, chế tạo hệ thống xử lý"};
static constexpr const char* kWasteMet[] = {"công nghệ bể phản ứng sinh học màng (MBR)",
                                            "công nghệ oxy hóa nâng cao",
                                            "công nghệ đốt rác phát điện",
                                            "bể phản ứng sinh học theo mẻ (SBR)",
                                            "vật liệu hấp phụ giá rẻ",
                                            "công nghệ ủ phân compost"};
static constexpr const char* kWasteGoal[] = {
    "giảm thiểu ô nhiễm môi trường", "đáp ứng quy chuẩn kỹ thuật quốc gia về xả thải",
    "thúc đẩy kinh tế tuần hoàn", "giảm tỷ lệ chôn lấp", "bảo vệ sức khỏe cộng đồng"};
static constexpr const char* kWasteProd[] = {
    "quy trình công nghệ xử lý", "hệ thống xử lý quy mô pilot", "sổ tay hướng dẫn vận hành",
    "báo cáo đánh giá hiệu quả", "thiết kế mẫu"};
static constexpr const char* kWasteKw[] = {"xử lý nước thải",   "chất thải rắn", "môi trường",
                                           "kinh tế tuần hoàn", "tái chế",       "làng nghề"};

// 208 Công nghệ sinh học môi trường.
static constexpr const char* kEnvBioObj[] = {"nước thải chăn nuôi",
                                             "nước thải chế biến nông sản",
                                             "đất nhiễm kim loại nặng",
                                             "nước hồ phú dưỡng",
                                             "chất thải hữu cơ từ chợ đầu mối",
                                             "rơm rạ sau thu hoạch",
                                             "bùn hữu cơ ao hồ",
                                             "đất tồn dư thuốc bảo vệ thực vật",
                                             "nước thải làng nghề chế biến tinh bột"};
static constexpr const char* kEnvBioAct[] = {
    "Nghiên cứu xử lý", "Ứng dụng chế phẩm sinh học trong xử lý",
    "Nghiên cứu phân lập vi sinh vật có khả năng xử lý", "Xây dựng mô hình xử lý sinh học",
    "Đánh giá hiệu quả xử lý sinh học"};
static constexpr const char* kEnvBioMet[] = {"chủng vi sinh vật bản địa tuyển chọn",
                                             "thực vật thủy sinh",
                                             "công nghệ đất ngập nước nhân tạo",
                                             "công nghệ biogas",
                                             "chế phẩm vi sinh vật",
                                             "thực vật có khả năng tích lũy kim loại"};
static constexpr const char* kEnvBioGoal[] = {
    "xử lý ô nhiễm thân thiện với môi trường", "tái sử dụng chất thải làm phân bón hữu cơ",
    "giảm chi phí xử lý so với phương pháp hóa lý", "phục hồi hệ sinh thái",
    "thúc đẩy kinh tế tuần hoàn trong nông nghiệp"};
static constexpr const char* kEnvBioProd[] = {"chế phẩm vi sinh", "quy trình xử lý",
                                              "mô hình trình diễn", "bộ chủng vi sinh vật",
                                              "báo cáo đánh giá"};
static constexpr const char* kEnvBioKw[] = {"công nghệ sinh học môi trường",
                                            "vi sinh vật",
                                            "xử lý sinh học",
                                            "ô nhiễm",
                                            "phân hủy sinh học",
                                            "phục hồi sinh thái"};

// 201 Kỹ thuật dân dụng: công trình xây dựng.
static constexpr const char* kBuildObj[] = {"nhà cao tầng",
                                            "chung cư cũ xuống cấp",
                                            "công trình ngầm đô thị",
                                            "nhà ở xã hội",
                                            "công trình kiến trúc Pháp cổ",
                                            "tầng hầm nhà cao tầng",
                                            "nhà xưởng công nghiệp",
                                            "trường học và bệnh viện công lập",
                                            "nhà ở riêng lẻ trong khu phố cổ"};
static constexpr const char* kBuildAct[] = {
    "Đánh giá mức độ an toàn kết cấu", "Nghiên cứu giải pháp gia cường", "Quan trắc biến dạng",
    "Nghiên cứu giải pháp phòng cháy, chữa cháy cho", "Xây dựng cơ sở dữ liệu quản lý"};
static constexpr const char* kBuildMet[] = {"công nghệ mô hình thông tin công trình (BIM)",
                                            "vật liệu composite sợi carbon (FRP)",
                                            "phương pháp phần tử hữu hạn",
                                            "thiết bị quan trắc tự động",
                                            "công nghệ quét laser 3D",
                                            "phương pháp thí nghiệm không phá hủy"};
static constexpr const char* kBuildGoal[] = {"bảo đảm an toàn cho người sử dụng",
                                             "kéo dài tuổi thọ công trình",
                                             "phục vụ công tác cải tạo, xây dựng lại chung cư cũ",
                                             "nâng cao hiệu quả quản lý xây dựng đô thị",
                                             "tiết kiệm năng lượng và phát triển công trình xanh"};
static constexpr const char* kBuildProd[] = {"chỉ dẫn kỹ thuật", "quy trình đánh giá",
                                             "cơ sở dữ liệu công trình", "phần mềm tính toán",
                                             "bộ tiêu chí đánh giá"};
static constexpr const char* kBuildKw[] = {"xây dựng", "kết cấu",     "an toàn công trình",
                                           "BIM",      "chung cư cũ", "đô thị"};

// 201 Kỹ thuật dân dụng: giao thông đô thị.
static constexpr const char* kTransObj[] = {"mạng lưới giao thông công cộng",
                                            "tuyến đường sắt đô thị",
                                            "hệ thống xe buýt nhanh BRT",
                                            "nút giao thông trọng điểm",
                                            "cầu vượt sông Hồng",
                                            "tuyến đường Vành đai 4",
                                            "hệ thống bãi đỗ xe công cộng",
                                            "mạng lưới đường đô thị",
                                            "hạ tầng giao thông dành cho xe đạp và người đi bộ"};
static constexpr const char* kTransAct[] = {
    "Đánh giá hiện trạng và đề xuất giải pháp nâng cao hiệu quả",
    "Nghiên cứu giải pháp quy hoạch và phát triển", "Xây dựng mô hình quản lý khai thác",
    "Mô phỏng và tối ưu hóa vận hành", "Nghiên cứu giải pháp kết nối"};
static constexpr const char* kTransMet[] = {"mô hình mô phỏng giao thông vi mô",
                                            "dữ liệu định vị GPS",
                                            "công nghệ BIM",
                                            "hệ thống giao thông thông minh (ITS)",
                                            "phương pháp phân tích đa tiêu chí",
                                            "mô hình dự báo nhu cầu đi lại bốn bước"};
static constexpr const char* kTransGoal[] = {
    "giảm ùn tắc giao thông", "nâng cao thị phần vận tải hành khách công cộng",
    "bảo đảm an toàn giao thông", "phát triển đô thị theo định hướng giao thông công cộng (TOD)",
    "giảm phát thải từ hoạt động giao thông"};
static constexpr const char* kTransProd[] = {"báo cáo đề xuất giải pháp", "mô hình mô phỏng",
                                             "cơ sở dữ liệu giao thông", "bộ tiêu chí đánh giá",
                                             "chỉ dẫn kỹ thuật"};
static constexpr const char* kTransKw[] = {"giao thông đô thị",    "vận tải công cộng",
                                           "đường sắt đô thị",     "hạ tầng",
                                           "quy hoạch giao thông", "ùn tắc"};

// 205 Kỹ thuật vật liệu và luyện kim.
static constexpr const char* kMatObj[] = {"bê tông tính năng siêu cao",
                                          "gạch không nung",
                                          "vật liệu xây dựng từ tro xỉ nhiệt điện",
                                          "bê tông nhẹ cách nhiệt",
                                          "cốt liệu tái chế từ phế thải xây dựng",
                                          "vật liệu composite nền polyme",
                                          "lớp phủ chống ăn mòn kim loại",
                                          "hợp kim nhôm",
                                          "gốm kỹ thuật"};
static constexpr const char* kMatAct[] = {"Nghiên cứu chế tạo", "Nghiên cứu công nghệ sản xuất",
                                          "Đánh giá tính chất cơ lý và độ bền của",
                                          "Nghiên cứu ứng dụng", "Hoàn thiện công nghệ sản xuất"};
static constexpr const char* kMatMet[] = {"phụ gia khoáng hoạt tính", "công nghệ ép rung",
                                          "công nghệ nano",           "phương pháp luyện kim bột",
                                          "kỹ thuật phun phủ nhiệt",  "hạt nano silica"};
static constexpr const char* kMatGoal[] = {
    "tận dụng phế thải công nghiệp", "giảm khai thác tài nguyên thiên nhiên",
    "thay thế vật liệu nhập khẩu", "nâng cao độ bền công trình",
    "phát triển vật liệu xây dựng xanh"};
static constexpr const char* kMatProd[] = {"quy trình công nghệ", "sản phẩm mẫu",
                                           "tiêu chuẩn cơ sở", "báo cáo kết quả thí nghiệm",
                                           "đơn đăng ký sáng chế"};
static constexpr const char* kMatKw[] = {"vật liệu",  "vật liệu xây dựng", "bê tông",
                                         "composite", "luyện kim",         "vật liệu xanh"};

// 211 Kỹ thuật thực phẩm và đồ uống: an toàn thực phẩm.
static constexpr const char* kFoodObj[] = {"nông sản sau thu hoạch",
                                           "thực phẩm chế biến sẵn",
                                           "thức ăn đường phố",
                                           "sản phẩm thịt tại các chợ truyền thống",
                                           "rau quả tươi tại chợ đầu mối",
                                           "cốm làng Vòng",
                                           "thực phẩm chức năng",
                                           "sữa và sản phẩm từ sữa",
                                           "sản phẩm OCOP ngành thực phẩm"};
static constexpr const char* kFoodAct[] = {"Đánh giá mức độ an toàn của",
                                           "Xây dựng hệ thống truy xuất nguồn gốc cho",
                                           "Nghiên cứu công nghệ chế biến và bảo quản",
                                           "Nghiên cứu phương pháp phát hiện nhanh chất cấm trong",
                                           "Xây dựng mô hình kiểm soát chất lượng"};
static constexpr const char* kFoodMet[] = {
    "kỹ thuật sắc ký khí ghép khối phổ",
    "cảm biến sinh học",
    "mã QR và chuỗi khối",
    "hệ thống phân tích mối nguy và điểm kiểm soát tới hạn (HACCP)",
    "công nghệ bao gói khí quyển điều chỉnh (MAP)",
    "bộ kit thử nhanh"};
static constexpr const char* kFoodGoal[] = {
    "bảo đảm an toàn thực phẩm cho người tiêu dùng Thủ đô", "kéo dài thời hạn sử dụng sản phẩm",
    "nâng cao giá trị gia tăng cho nông sản", "phát hiện kịp thời thực phẩm không bảo đảm an toàn",
    "phát triển thương hiệu thực phẩm đặc sản Hà Nội"};
static constexpr const char* kFoodProd[] = {
    "quy trình công nghệ", "bộ kit thử nhanh", "hệ thống truy xuất nguồn gốc",
    "tiêu chuẩn cơ sở sản phẩm", "mô hình sản xuất thử nghiệm"};
static constexpr const char* kFoodKw[] = {"an toàn thực phẩm",   "chế biến",  "bảo quản",
                                          "truy xuất nguồn gốc", "thực phẩm", "kiểm nghiệm"};

// 106 Sinh học: đa dạng sinh học.
static constexpr const char* kBioDivObj[] = {"hệ thực vật Vườn quốc gia Ba Vì",
                                             "khu hệ chim khu vực Hương Sơn",
                                             "các loài lưỡng cư và bò sát",
                                             "các loài thực vật quý hiếm có nguy cơ tuyệt chủng",
                                             "khu hệ côn trùng",
                                             "các loài cá nước ngọt bản địa",
                                             "hệ sinh vật thủy sinh các hồ đô thị",
                                             "các loài lan rừng",
                                             "khu hệ thú nhỏ"};
static constexpr const char* kBioDivAct[] = {
    "Điều tra, đánh giá hiện trạng", "Nghiên cứu đặc điểm sinh học, sinh thái của",
    "Nghiên cứu giải pháp bảo tồn", "Xây dựng cơ sở dữ liệu",
    "Đánh giá tác động của đô thị hóa đến"};
static constexpr const char* kBioDivMet[] = {"mã vạch DNA",
                                             "bẫy ảnh tự động",
                                             "phân tích ADN môi trường (eDNA)",
                                             "điều tra theo tuyến và ô tiêu chuẩn",
                                             "hệ thống thông tin địa lý (GIS)",
                                             "phân tích hình thái so sánh"};
static constexpr const char* kBioDivGoal[] = {
    "bảo tồn đa dạng sinh học", "cung cấp cơ sở khoa học cho quy hoạch bảo tồn",
    "phục vụ giáo dục môi trường và du lịch sinh thái", "phát hiện và bảo vệ các loài có giá trị",
    "quản lý bền vững tài nguyên sinh vật"};
static constexpr const char* kBioDivProd[] = {"danh lục loài", "bộ mẫu vật", "bản đồ phân bố",
                                              "cơ sở dữ liệu đa dạng sinh học", "sách chuyên khảo"};
static constexpr const char* kBioDivKw[] = {"đa dạng sinh học", "sinh học",  "bảo tồn",
                                            "phân loại học",    "sinh thái", "Ba Vì"};

// 502 Kinh tế và kinh doanh: kinh tế Thủ đô.
static constexpr const char* kEconObj[] = {"doanh nghiệp nhỏ và vừa",
                                           "doanh nghiệp khởi nghiệp đổi mới sáng tạo",
                                           "kinh tế số",
                                           "kinh tế ban đêm",
                                           "khu công nghiệp và cụm công nghiệp",
                                           "thương mại điện tử",
                                           "thị trường khoa học và công nghệ",
                                           "kinh tế tư nhân",
                                           "chuỗi cung ứng nông sản"};
static constexpr const char* kEconAct[] = {"Nghiên cứu giải pháp phát triển",
                                           "Đánh giá thực trạng và đề xuất chính sách phát triển",
                                           "Nghiên cứu cơ chế, chính sách thúc đẩy",
                                           "Đánh giá tác động của", "Xây dựng bộ chỉ số đánh giá"};
static constexpr const char* kEconMet[] = {"mô hình kinh tế lượng",
                                           "phương pháp điều tra doanh nghiệp",
                                           "mô hình cân bằng tổng thể",
                                           "phân tích chuỗi giá trị",
                                           "phương pháp so sánh kinh nghiệm quốc tế",
                                           "phân tích dữ liệu lớn"};
static constexpr const char* kEconGoal[] = {
    "thúc đẩy tăng trưởng kinh tế Thủ đô", "nâng cao năng lực cạnh tranh",
    "huy động hiệu quả các nguồn lực xã hội", "triển khai hiệu quả Luật Thủ đô năm 2024",
    "phát triển kinh tế xanh và bền vững"};
static constexpr const char* kEconProd[] = {"báo cáo kiến nghị chính sách", "bộ chỉ số",
                                            "đề án phát triển", "sách chuyên khảo",
                                            "cơ sở dữ liệu"};
static constexpr const char* kEconKw[] = {"kinh tế",          "doanh nghiệp", "chính sách",
                                          "đổi mới sáng tạo", "kinh tế số",   "Thủ đô"};

// 502 Kinh tế và kinh doanh: làng nghề, OCOP, du lịch.
static constexpr const char* kCraftObj[] = {"làng nghề truyền thống",
                                            "sản phẩm OCOP",
                                            "làng gốm Bát Tràng",
                                            "làng lụa Vạn Phúc",
                                            "du lịch nông thôn",
                                            "du lịch làng nghề",
                                            "sản phẩm mây tre đan Phú Vinh",
                                            "làng nghề sơn mài Hạ Thái",
                                            "hợp tác xã nông nghiệp"};
static constexpr const char* kCraftAct[] = {
    "Nghiên cứu giải pháp phát triển", "Xây dựng và phát triển thương hiệu cho",
    "Đánh giá tiềm năng và đề xuất mô hình phát triển", "Xây dựng chuỗi giá trị cho",
    "Ứng dụng thương mại điện tử trong phát triển"};
static constexpr const char* kCraftMet[] = {"nền tảng thương mại điện tử",
                                            "công cụ tiếp thị số",
                                            "phân tích SWOT",
                                            "mô hình liên kết chuỗi",
                                            "khảo sát thực địa và phỏng vấn sâu",
                                            "công nghệ thực tế ảo"};
static constexpr const char* kCraftGoal[] = {
    "nâng cao giá trị sản phẩm và thu nhập cho người dân", "gắn phát triển làng nghề với du lịch",
    "bảo tồn nghề truyền thống của Thủ đô", "mở rộng thị trường tiêu thụ trong và ngoài nước",
    "góp phần xây dựng nông thôn mới nâng cao"};
static constexpr const char* kCraftProd[] = {"đề án phát triển", "bộ nhận diện thương hiệu",
                                             "gian hàng trực tuyến", "báo cáo khảo sát",
                                             "tour du lịch mẫu"};
static constexpr const char* kCraftKw[] = {"làng nghề",   "OCOP",          "du lịch",
                                           "thương hiệu", "nông thôn mới", "kinh tế nông thôn"};

// 503 Khoa học giáo dục.
static constexpr const char* kEduObj[] = {"giáo dục STEM",
                                          "dạy học lịch sử địa phương Hà Nội",
                                          "giáo dục kỹ năng sống cho học sinh",
                                          "đào tạo nghề cho lao động nông thôn",
                                          "giáo dục hòa nhập cho trẻ khuyết tật",
                                          "dạy học ngoại ngữ trong trường phổ thông",
                                          "bồi dưỡng giáo viên phổ thông",
                                          "giáo dục hướng nghiệp",
                                          "chuyển đổi số trong giáo dục"};
static constexpr const char* kEduAct[] = {
    "Đánh giá thực trạng", "Nghiên cứu giải pháp nâng cao chất lượng", "Xây dựng mô hình",
    "Nghiên cứu giải pháp đổi mới", "Đánh giá hiệu quả"};
static constexpr const char* kEduMet[] = {
    "học liệu số",       "phương pháp dạy học tích cực",   "nền tảng học trực tuyến",
    "khung năng lực số", "phương pháp nghiên cứu hỗn hợp", "công nghệ thực tế ảo tăng cường"};
static constexpr const char* kEduGoal[] = {
    "nâng cao chất lượng giáo dục và đào tạo của Thủ đô",
    "đáp ứng yêu cầu Chương trình giáo dục phổ thông 2018",
    "phát triển phẩm chất và năng lực người học",
    "thu hẹp chênh lệch chất lượng giáo dục giữa nội thành và ngoại thành",
    "đáp ứng nhu cầu nhân lực chất lượng cao"};
static constexpr const char* kEduProd[] = {"bộ tài liệu hướng dẫn", "mô hình thí điểm",
                                           "kho học liệu số", "báo cáo khuyến nghị",
                                           "chương trình bồi dưỡng"};
static constexpr const char* kEduKw[] = {"giáo dục", "đào tạo",   "dạy học",
                                         "học sinh", "giáo viên", "STEM"};

// 504 Xã hội học.
static constexpr const char* kSocObj[] = {"người lao động nhập cư",
                                          "người cao tuổi sống một mình",
                                          "gia đình trẻ",
                                          "cộng đồng dân cư tại các khu tái định cư",
                                          "thanh niên nông thôn",
                                          "người dân tại các khu đô thị mới",
                                          "trẻ em có hoàn cảnh đặc biệt",
                                          "phụ nữ làm việc trong khu vực phi chính thức",
                                          "người khuyết tật"};
static constexpr const char* kSocAct[] = {
    "Nghiên cứu đời sống và nhu cầu của", "Nghiên cứu giải pháp nâng cao chất lượng sống cho",
    "Đánh giá tác động của đô thị hóa đến", "Nghiên cứu mô hình trợ giúp xã hội cho",
    "Khảo sát thực trạng tiếp cận dịch vụ xã hội của"};
static constexpr const char* kSocMet[] = {
    "phương pháp điều tra xã hội học",     "phỏng vấn sâu và thảo luận nhóm",
    "phương pháp nghiên cứu trường hợp",   "dữ liệu khảo sát mức sống hộ gia đình",
    "phương pháp đánh giá có sự tham gia", "phương pháp công tác xã hội chuyên nghiệp"};
static constexpr const char* kSocGoal[] = {
    "bảo đảm an sinh xã hội", "giảm bất bình đẳng trong tiếp cận dịch vụ cơ bản",
    "xây dựng người Hà Nội thanh lịch, văn minh",
    "cung cấp căn cứ cho hoạch định chính sách xã hội", "thúc đẩy hòa nhập xã hội"};
static constexpr const char* kSocProd[] = {"báo cáo điều tra", "khuyến nghị chính sách",
                                           "mô hình thí điểm", "sách chuyên khảo",
                                           "bộ dữ liệu khảo sát"};
static constexpr const char* kSocKw[] = {"xã hội học", "đô thị hóa",      "an sinh xã hội",
                                         "di cư",      "chất lượng sống", "chính sách xã hội"};

// 505 Pháp luật: thể chế Thủ đô.
static constexpr const char* kLawObj[] = {
    "cơ chế đặc thù theo Luật Thủ đô",
    "phân cấp, ủy quyền trong quản lý nhà nước",
    "thủ tục hành chính trong lĩnh vực đất đai",
    "xử lý vi phạm hành chính trong lĩnh vực trật tự xây dựng",
    "quản lý trật tự đô thị",
    "trợ giúp pháp lý cho người dân",
    "bảo hộ quyền sở hữu trí tuệ cho doanh nghiệp",
    "chính sách thu hút, trọng dụng nhân tài",
    "mô hình chính quyền đô thị"};
static constexpr const char* kLawAct[] = {
    "Nghiên cứu cơ sở lý luận và thực tiễn về", "Đánh giá thực trạng thực thi pháp luật về",
    "Nghiên cứu giải pháp hoàn thiện", "Nghiên cứu kinh nghiệm quốc tế về",
    "Đề xuất giải pháp nâng cao hiệu quả"};
static constexpr const char* kLawMet[] = {"phương pháp luật học so sánh",
                                          "phương pháp phân tích chính sách",
                                          "phương pháp tổng kết thực tiễn", "khảo sát xã hội học",
                                          "phương pháp đánh giá tác động chính sách"};
static constexpr const char* kLawGoal[] = {
    "triển khai hiệu quả Luật Thủ đô năm 2024", "nâng cao hiệu lực, hiệu quả quản lý nhà nước",
    "cải thiện môi trường đầu tư kinh doanh", "bảo đảm quyền và lợi ích hợp pháp của người dân",
    "hoàn thiện thể chế phát triển Thủ đô"};
static constexpr const char* kLawProd[] = {"báo cáo kiến nghị",
                                           "dự thảo văn bản quy phạm pháp luật", "sách chuyên khảo",
                                           "bộ tài liệu hướng dẫn", "kỷ yếu hội thảo khoa học"};
static constexpr const char* kLawKw[] = {"pháp luật", "Luật Thủ đô",         "quản lý nhà nước",
                                         "thể chế",   "cải cách hành chính", "chính quyền đô thị"};

// 601 Lịch sử và khảo cổ học: di sản Thăng Long - Hà Nội.
static constexpr const char* kHeritObj[] = {"Hoàng thành Thăng Long",
                                            "di tích Cổ Loa",
                                            "khu phố cổ Hà Nội",
                                            "Văn Miếu - Quốc Tử Giám",
                                            "hệ thống đình, chùa cổ",
                                            "làng cổ Đường Lâm",
                                            "di sản kiến trúc thời Pháp thuộc",
                                            "các di tích lịch sử cách mạng",
                                            "hệ thống văn bia Hán Nôm"};
static constexpr const char* kHeritAct[] = {
    "Nghiên cứu giá trị lịch sử, văn hóa của", "Nghiên cứu giải pháp bảo tồn và phát huy giá trị",
    "Số hóa và xây dựng cơ sở dữ liệu về", "Khảo sát, đánh giá hiện trạng",
    "Xây dựng sản phẩm du lịch văn hóa gắn với"};
static constexpr const char* kHeritMet[] = {"công nghệ quét laser 3D",
                                            "phương pháp khai quật khảo cổ học",
                                            "phương pháp định tuổi bằng carbon phóng xạ",
                                            "công nghệ thực tế ảo",
                                            "phương pháp điền dã dân tộc học",
                                            "phương pháp phân tích tư liệu Hán Nôm"};
static constexpr const char* kHeritGoal[] = {
    "bảo tồn và phát huy giá trị di sản văn hóa Thăng Long - Hà Nội",
    "phục vụ phát triển du lịch văn hóa", "giáo dục truyền thống lịch sử cho thế hệ trẻ",
    "góp phần hoàn thiện hồ sơ di sản", "phát triển công nghiệp văn hóa của Thủ đô"};
static constexpr const char* kHeritProd[] = {"hồ sơ khoa học di tích", "cơ sở dữ liệu số",
                                             "sách chuyên khảo", "bảo tàng ảo",
                                             "báo cáo khai quật"};
static constexpr const char* kHeritKw[] = {"di sản",  "Thăng Long", "khảo cổ học",
                                           "lịch sử", "bảo tồn",    "văn hóa"};

// 604 Nghệ thuật: nghệ thuật truyền thống.
static constexpr const char* kArtObj[] = {
    "nghệ thuật ca trù",         "nghệ thuật múa rối nước",   "nghệ thuật hát xẩm",
    "tranh dân gian Hàng Trống", "nghệ thuật chèo",           "nghệ thuật hát chầu văn",
    "âm nhạc truyền thống",      "nghệ thuật hát trống quân", "nghệ thuật tuồng"};
static constexpr const char* kArtAct[] = {
    "Nghiên cứu bảo tồn và phát huy", "Sưu tầm, số hóa tư liệu về",
    "Nghiên cứu giải pháp truyền dạy", "Xây dựng chương trình giáo dục trải nghiệm về",
    "Nghiên cứu giải pháp phát triển công chúng cho"};
static constexpr const char* kArtMet[] = {"phương pháp điền dã",
                                          "công nghệ ghi âm, ghi hình chất lượng cao",
                                          "nền tảng số",
                                          "phương thức truyền nghề trực tiếp",
                                          "phương pháp phân tích văn bản nghệ thuật",
                                          "công nghệ thực tế ảo"};
static constexpr const char* kArtGoal[] = {"bảo tồn di sản văn hóa phi vật thể của Thủ đô",
                                           "đưa nghệ thuật truyền thống đến gần công chúng trẻ",
                                           "phát triển công nghiệp văn hóa của Thủ đô",
                                           "đào tạo thế hệ nghệ nhân kế cận",
                                           "quảng bá hình ảnh Hà Nội - Thành phố sáng tạo"};
static constexpr const char* kArtProd[] = {"bộ tư liệu số", "chương trình biểu diễn mẫu",
                                           "tài liệu truyền dạy", "sách chuyên khảo",
                                           "phim tư liệu"};
static constexpr const char* kArtKw[] = {
    "nghệ thuật", "di sản phi vật thể", "nghệ thuật truyền thống",
    "văn hóa",    "sân khấu",           "âm nhạc"};

static const Theme kThemesData[] = {
    // Agriculture (weighted most heavily).
    {"401", kRiceVarObj, kRiceVarAct, kRiceVarMet, kRiceVarGoal, kRiceVarProd, kRiceVarKw},
    {"401", kRicePestObj, kRicePestAct, kRicePestMet, kRicePestGoal, kRicePestProd, kRicePestKw},
    {"401", kVegObj, kVegAct, kVegMet, kVegGoal, kVegProd, kVegKw},
    {"401", kFlowerObj, kFlowerAct, kFlowerMet, kFlowerGoal, kFlowerProd, kFlowerKw},
    {"401", kFruitObj, kFruitAct, kFruitMet, kFruitGoal, kFruitProd, kFruitKw},
    {"402", kLivestockObj, kLivestockAct, kLivestockMet, kLivestockGoal, kLivestockProd,
     kLivestockKw},
    {"403", kVetObj, kVetAct, kVetMet, kVetGoal, kVetProd, kVetKw},
    {"405", kAquaObj, kAquaAct, kAquaMet, kAquaGoal, kAquaProd, kAquaKw},
    {"406", kAgBioObj, kAgBioAct, kAgBioMet, kAgBioGoal, kAgBioProd, kAgBioKw},
    {"404", kForestObj, kForestAct, kForestMet, kForestGoal, kForestProd, kForestKw},
    // Medicine.
    {"302", kCardioObj, kCardioAct, kCardioMet, kCardioGoal, kCardioProd, kCardioKw},
    {"302", kOncoObj, kOncoAct, kOncoMet, kOncoGoal, kOncoProd, kOncoKw},
    {"304", kMedBioObj, kMedBioAct, kMedBioMet, kMedBioGoal, kMedBioProd, kMedBioKw},
    {"303", kHerbObj, kHerbAct, kHerbMet, kHerbGoal, kHerbProd, kHerbKw},
    {"305", kPubHealthObj, kPubHealthAct, kPubHealthMet, kPubHealthGoal, kPubHealthProd,
     kPubHealthKw},
    {"301", kInfectObj, kInfectAct, kInfectMet, kInfectGoal, kInfectProd, kInfectKw},
    {"206", kMedDevObj, kMedDevAct, kMedDevMet, kMedDevGoal, kMedDevProd, kMedDevKw},
    // IT and digital transformation.
    {"102", kEgovObj, kEgovAct, kEgovMet, kEgovGoal, kEgovProd, kEgovKw},
    {"102", kAiObj, kAiAct, kAiMet, kAiGoal, kAiProd, kAiKw},
    {"102", kSecObj, kSecAct, kSecMet, kSecGoal, kSecProd, kSecKw},
    {"202", kIotObj, kIotAct, kIotMet, kIotGoal, kIotProd, kIotKw},
    // Environment.
    {"105", kAirObj, kAirAct, kAirMet, kAirGoal, kAirProd, kAirKw},
    {"105", kWaterObj, kWaterAct, kWaterMet, kWaterGoal, kWaterProd, kWaterKw},
    {"207", kWasteObj, kWasteAct, kWasteMet, kWasteGoal, kWasteProd, kWasteKw},
    {"208", kEnvBioObj, kEnvBioAct, kEnvBioMet, kEnvBioGoal, kEnvBioProd, kEnvBioKw},
    {"106", kBioDivObj, kBioDivAct, kBioDivMet, kBioDivGoal, kBioDivProd, kBioDivKw},
    // Urban engineering, materials, food.
    {"201", kBuildObj, kBuildAct, kBuildMet, kBuildGoal, kBuildProd, kBuildKw},
    {"201", kTransObj, kTransAct, kTransMet, kTransGoal, kTransProd, kTransKw},
    {"205", kMatObj, kMatAct, kMatMet, kMatGoal, kMatProd, kMatKw},
    {"211", kFoodObj, kFoodAct, kFoodMet, kFoodGoal, kFoodProd, kFoodKw},
    // Social sciences.
    {"502", kEconObj, kEconAct, kEconMet, kEconGoal, kEconProd, kEconKw},
    {"502", kCraftObj, kCraftAct, kCraftMet, kCraftGoal, kCraftProd, kCraftKw},
    {"503", kEduObj, kEduAct, kEduMet, kEduGoal, kEduProd, kEduKw},
    {"504", kSocObj, kSocAct, kSocMet, kSocGoal, kSocProd, kSocKw},
    {"505", kLawObj, kLawAct, kLawMet, kLawGoal, kLawProd, kLawKw},
    // Humanities.
    {"601", kHeritObj, kHeritAct, kHeritMet, kHeritGoal, kHeritProd, kHeritKw},
    {"604", kArtObj, kArtAct, kArtMet, kArtGoal, kArtProd, kArtKw},
};

const std::span<const Theme> kThemes = kThemesData;

}  // namespace ketnoi::demo
