// The JSON API's answers (src/server/API.md), apart from HTTP: each function reads the store
// (or writes through the collection) and returns a status and a JSON body.
#ifndef NEWSWEAVE_SERVER_API_H_
#define NEWSWEAVE_SERVER_API_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "newsweave/collection.h"
#include "newsweave/store.h"

namespace newsweave::server {

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

// {"error": {"status": S, "message": M}} with status S.
ApiResponse ErrorResponse(int status, std::string_view message);

ApiResponse Health(Store& store);
ApiResponse ListStories(Store& store, std::int64_t offset, std::int64_t limit);
ApiResponse GetStory(Store& store, const std::string& id);
ApiResponse GetEvent(Store& store, const std::string& id);
ApiResponse GetArticle(Store& store, const std::string& id);
ApiResponse SimilarArticles(Store& store, const std::string& id, int limit);
ApiResponse Search(Store& store, std::string_view query, int limit);
ApiResponse Similarity(Store& store, const std::string& a, const std::string& b);

// Ingests a body of one JSON article object or JSON lines through the collection (the caller
// holds the writer's lock). `scratch` is a directory for the body's file.
ApiResponse PostArticles(Collection& collection, std::string_view body,
                         const std::string& scratch_file);

}  // namespace newsweave::server

#endif  // NEWSWEAVE_SERVER_API_H_
