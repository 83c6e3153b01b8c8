#include "server/web_assets.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace newsweave::server {
namespace {

std::string ReadWebFile(const std::string& name) {
  std::ifstream in(std::string(NEWSWEAVE_SOURCE_DIR) + "/web/" + name, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read web/" << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(WebAssetsTest, EachFileIsServedWithItsTypeAndBytes) {
  const struct {
    const char* name;
    const char* type;
  } files[] = {{"index.html", "text/html; charset=utf-8"},
               {"app.js", "text/javascript; charset=utf-8"},
               {"style.css", "text/css; charset=utf-8"}};
  for (const auto& f : files) {
    const WebAsset* asset = FindWebAsset(std::string("/") + f.name);
    ASSERT_NE(asset, nullptr) << f.name;
    EXPECT_EQ(asset->content_type, f.type) << f.name;
    const std::string disk = ReadWebFile(f.name);
    EXPECT_FALSE(disk.empty()) << f.name;
    EXPECT_EQ(asset->body, disk) << f.name << " differs from the file on disk";
  }
}

TEST(WebAssetsTest, RootIsTheIndexPage) {
  const WebAsset* root = FindWebAsset("/");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root, FindWebAsset("/index.html"));
  EXPECT_NE(root->body.find("app.js"), std::string_view::npos);
}

TEST(WebAssetsTest, OtherPathsAreNotFound) {
  for (const char* path : {"", "/nope.js", "index.html", "/web/app.js", "/../CMakeLists.txt",
                           "/app.js?x=1", "/APP.JS", "/api/stories"}) {
    EXPECT_EQ(FindWebAsset(path), nullptr) << path;
  }
}

}  // namespace
}  // namespace newsweave::server
