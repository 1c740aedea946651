// JSON and JSON Lines readers (the first byte chooses which).
#include <cstdint>
#include <string>

#include "exchange/table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto t = ketnoi::exchange::ParseJson(text, "fuzz.json", data[0] & 1);
  if (t.ok())
    for (const auto& row : t->rows)
      if (row.cells.size() > t->header.size()) __builtin_trap();  // every cell has a header
  return 0;
}
