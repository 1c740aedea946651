#pragma once
// Files compiled into the binary (templates, static assets) by cmake/embed_files.cmake.
#include <string_view>
#include <vector>

namespace ketnoi {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

const std::vector<EmbeddedFile>& WebTemplates();   // src/web/templates/*.mustache
const std::vector<EmbeddedFile>& WebAssets();      // src/web/assets/*
const std::vector<EmbeddedFile>& SwaggerAssets();  // node_modules/swagger-ui-dist (npm)

}  // namespace ketnoi
