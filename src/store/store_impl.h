// The store's open connection, shared by its source files.
#ifndef NEWSWEAVE_STORE_STORE_IMPL_H_
#define NEWSWEAVE_STORE_STORE_IMPL_H_

#include <sqlite3.h>

#include <string>

#include "newsweave/store.h"
#include "store/sqlite_statement.h"

namespace newsweave {

// An error naming the file, what failed and SQLite's last message on `db`.
inline Error SqliteError(sqlite3* db, const std::string& path, const std::string& what) {
  return Error{ErrorCode::kIOError, path + ": " + what + ": " + sqlite3_errmsg(db)};
}

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  int version = 0;

  ~Impl() {
    if (db) sqlite3_close(db);
  }

  // An error naming the file, what failed and SQLite's message.
  Error Fail(const std::string& what) const { return SqliteError(db, path, what); }

  // Runs statements without results.
  Status Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string m = message ? message : "unknown error";
      sqlite3_free(message);
      return MakeError(ErrorCode::kIOError, path + ": " + m);
    }
    return {};
  }
};

}  // namespace newsweave

#endif  // NEWSWEAVE_STORE_STORE_IMPL_H_
