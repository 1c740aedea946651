// XLSX reader (zip + XML): damaged workbooks give an error, never a crash.
#include <cstdint>
#include <string>

#include "exchange/table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)ketnoi::exchange::ParseXlsx(bytes, "fuzz.xlsx");
  return 0;
}
