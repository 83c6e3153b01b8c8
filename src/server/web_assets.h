// The web page (web/index.html, app.js, style.css), compiled into the binary so that
// `newsweave serve` needs no files next to it. The table is generated at build time by
// cmake/WebAssets.cmake from the files in web/.
#pragma once

#include <string_view>

namespace newsweave::server {

struct WebAsset {
  std::string_view content_type;  // e.g. "text/html; charset=utf-8"
  std::string_view body;          // the file's bytes
};

// The asset served at `path` ("/" is index.html, "/app.js", "/style.css"), or nullptr.
// Paths are matched exactly: no query string, no "..", no directory listing.
const WebAsset* FindWebAsset(std::string_view path);

}  // namespace newsweave::server
