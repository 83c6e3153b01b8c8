// A SQLite VFS for fault-injection tests: it wraps the default VFS (unix), counts the calls
// that change files, and fails a chosen one with an I/O error, or simulates a full disk.
// Registered under the name FaultVfs::kName; a store uses it through StoreOptions::vfs.
// Syncs are counted (and failed) but not passed on to the disk: the tests using it simulate
// failed calls and crashes of the process, not power cuts.
//
// SQLite has no rename: where other storage engines rename a temporary file into place,
// SQLite commits by writing the WAL (or a rollback journal) and finishes by truncating or
// deleting it. So xTruncate and xDelete are the "rename-like" operations counted and failed
// here, next to xWrite and xSync (fsync).
//
// Test support: compiled into the store's tests only. The state is process-wide (SQLite's
// VFS list is), guarded by a mutex.
#ifndef NEWSWEAVE_STORE_FAULT_VFS_H_
#define NEWSWEAVE_STORE_FAULT_VFS_H_

#include <cstdint>
#include <string>

#include "newsweave/status.h"

namespace newsweave::store {

// The file operations FaultVfs counts and can fail.
enum class FaultOp { kWrite, kSync, kTruncate, kDelete };

// Calls seen since the last FaultVfs::Reset (failed ones included).
struct FaultCounts {
  std::int64_t writes = 0;       // xWrite, all files
  std::int64_t wal_writes = 0;   // of which to a -wal file
  std::int64_t syncs = 0;        // xSync
  std::int64_t truncates = 0;    // xTruncate
  std::int64_t deletes = 0;      // xDelete
  std::int64_t failures = 0;     // calls failed on purpose (injected errors and SQLITE_FULL)
  std::int64_t db_failures = 0;  // of which on the main database file (in WAL mode: during
                                 // a checkpoint, or while the file is created)
  std::string first_failure;     // what failed first: "write wal", "sync db", "grow db"
                                 // (SQLITE_FULL), "delete", ...; "" when nothing failed
  std::int64_t grown = 0;        // net bytes the files grew by (what a disk budget counts)
  std::int64_t peak = 0;         // the most they had grown by at any time
};

class FaultVfs {
 public:
  static constexpr const char* kName = "newsweave-faulty";

  // Registers the VFS (not as the default) the first time; later calls do nothing.
  static Status Register();

  // Zeroes the counts and disarms every fault.
  static void Reset();

  // Fails the `n`th call (1-based, counted from the last Reset) of `op` with SQLite's I/O
  // error for it (SQLITE_IOERR_WRITE, _FSYNC, _TRUNCATE, _DELETE), and with `sticky` every
  // later one too (a dying disk rather than a transient error). A failed write first writes
  // the first half of its buffer (a torn write). Replaces any fault armed before.
  static void FailNth(FaultOp op, std::int64_t n, bool sticky = false);

  // Simulates a disk with `bytes` free from now on: a write or size hint that would grow the
  // files by more than what is left fails with SQLITE_FULL; truncations and deletions give
  // space back. Negative: no limit (after Reset).
  static void LimitSpace(std::int64_t bytes);

  // The counts so far.
  static FaultCounts Counts();
};

}  // namespace newsweave::store

#endif  // NEWSWEAVE_STORE_FAULT_VFS_H_
