#include "store/fault_vfs.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <mutex>

namespace newsweave::store {
namespace {

// What the VFS is told to do, and what it saw.
struct State {
  std::mutex mu;
  FaultCounts counts;
  bool armed = false;
  FaultOp op = FaultOp::kWrite;
  std::int64_t nth = 0;
  bool sticky = false;
  std::int64_t space = -1;  // bytes free when LimitSpace was called; -1: no limit
  std::int64_t grown_at_limit = 0;
};

State& TheState() {
  static State* state = new State();
  return *state;
}

sqlite3_vfs* real_vfs = nullptr;  // the default VFS, set by Register
sqlite3_vfs faulty_vfs;

// A file of the faulty VFS: ours first, the real VFS's file right after it.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  bool wal;  // a -wal file
  bool db;   // the main database file
};

sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

constexpr const char* kOpNames[] = {"write", "sync", "truncate", "delete"};

// Counts a failure of `what` on `file` (null: a deletion).
void Failed(State& s, const char* what, const File* file) {
  ++s.counts.failures;
  if (file && file->db) ++s.counts.db_failures;
  if (s.counts.first_failure.empty()) {
    s.counts.first_failure = what;
    if (file) s.counts.first_failure += file->db ? " db" : file->wal ? " wal" : " other";
  }
}

// Counts a call of `op` on `file` (null for xDelete) and says whether it must fail (state
// locked by the caller).
bool CountAndCheck(State& s, FaultOp op, const File* file) {
  std::int64_t n = 0;
  switch (op) {
    case FaultOp::kWrite:
      n = ++s.counts.writes;
      break;
    case FaultOp::kSync:
      n = ++s.counts.syncs;
      break;
    case FaultOp::kTruncate:
      n = ++s.counts.truncates;
      break;
    case FaultOp::kDelete:
      n = ++s.counts.deletes;
      break;
  }
  if (!s.armed || s.op != op || n < s.nth || (n > s.nth && !s.sticky)) return false;
  Failed(s, kOpNames[static_cast<int>(op)], file);
  return true;
}

// Whether growing `file` by `bytes` fits in the simulated disk (state locked).
bool Fits(State& s, const File* file, std::int64_t bytes) {
  if (s.space < 0 || bytes <= 0) return true;
  if (s.counts.grown - s.grown_at_limit + bytes <= s.space) return true;
  Failed(s, "grow", file);
  return false;
}

std::int64_t SizeOf(sqlite3_file* real) {
  sqlite3_int64 size = 0;
  if (real->pMethods->xFileSize(real, &size) != SQLITE_OK) return 0;
  return size;
}

int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }

int Read(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xRead(Real(f), buf, amount, offset);
}

int Write(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
  const File* file = reinterpret_cast<File*>(f);
  sqlite3_file* real = file->real;
  State& s = TheState();
  std::int64_t growth = 0;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (file->wal) ++s.counts.wal_writes;
    if (CountAndCheck(s, FaultOp::kWrite, file)) {
      // A torn write: half of it reaches the file before the error.
      real->pMethods->xWrite(real, buf, amount / 2, offset);
      return SQLITE_IOERR_WRITE;
    }
    growth = std::max<std::int64_t>(0, offset + amount - SizeOf(real));
    if (!Fits(s, file, growth)) return SQLITE_FULL;
  }
  const int rc = real->pMethods->xWrite(real, buf, amount, offset);
  if (rc == SQLITE_OK) {
    std::lock_guard<std::mutex> lock(s.mu);
    s.counts.grown += growth;
    s.counts.peak = std::max(s.counts.peak, s.counts.grown);
  }
  return rc;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  sqlite3_file* real = Real(f);
  State& s = TheState();
  std::int64_t shrink = 0;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (CountAndCheck(s, FaultOp::kTruncate, reinterpret_cast<File*>(f))) {
      return SQLITE_IOERR_TRUNCATE;
    }
    shrink = SizeOf(real) - size;
  }
  const int rc = real->pMethods->xTruncate(real, size);
  if (rc == SQLITE_OK) {
    std::lock_guard<std::mutex> lock(s.mu);
    s.counts.grown -= shrink;
  }
  return rc;
}

int Sync(sqlite3_file* f, int flags) {
  State& s = TheState();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (CountAndCheck(s, FaultOp::kSync, reinterpret_cast<File*>(f))) return SQLITE_IOERR_FSYNC;
  }
  // Not passed on: the tests crash processes, not machines, and a real fsync per checkpoint
  // would make each run take a second.
  return SQLITE_OK;
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}

int FileControl(sqlite3_file* f, int op, void* arg) {
  sqlite3_file* real = Real(f);
  if (op == SQLITE_FCNTL_SIZE_HINT) {
    // SQLite grows the database file this way before a checkpoint: it takes disk space.
    State& s = TheState();
    std::lock_guard<std::mutex> lock(s.mu);
    const std::int64_t growth =
        std::max<std::int64_t>(0, *static_cast<sqlite3_int64*>(arg) - SizeOf(real));
    if (!Fits(s, reinterpret_cast<File*>(f), growth)) return SQLITE_FULL;
  }
  return real->pMethods->xFileControl(real, op, arg);
}

int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int remove) { return Real(f)->pMethods->xShmUnmap(Real(f), remove); }
int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), offset, amount, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  return Real(f)->pMethods->xUnfetch(Real(f), offset, p);
}

// Version 3 (WAL needs the shared-memory methods); the unix VFS's files are version 3 too.
const sqlite3_io_methods kMethods = {3,
                                     Close,
                                     Read,
                                     Write,
                                     Truncate,
                                     Sync,
                                     FileSize,
                                     Lock,
                                     Unlock,
                                     CheckReservedLock,
                                     FileControl,
                                     SectorSize,
                                     DeviceCharacteristics,
                                     ShmMap,
                                     ShmLock,
                                     ShmBarrier,
                                     ShmUnmap,
                                     Fetch,
                                     Unfetch};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  File* file = reinterpret_cast<File*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  file->wal = (flags & SQLITE_OPEN_WAL) != 0;
  file->db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
  const int rc = real_vfs->xOpen(real_vfs, name, file->real, flags, out_flags);
  // SQLite calls xClose when pMethods is set, also after a failed open.
  file->base.pMethods = file->real->pMethods ? &kMethods : nullptr;
  return rc;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  State& s = TheState();
  std::int64_t size = 0;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (CountAndCheck(s, FaultOp::kDelete, nullptr)) return SQLITE_IOERR_DELETE;
    struct stat st;
    if (::stat(name, &st) == 0) size = st.st_size;
  }
  const int rc = real_vfs->xDelete(real_vfs, name, sync_dir);
  if (rc == SQLITE_OK) {
    std::lock_guard<std::mutex> lock(s.mu);
    s.counts.grown -= size;
  }
  return rc;
}

int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return real_vfs->xAccess(real_vfs, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return real_vfs->xFullPathname(real_vfs, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) { return real_vfs->xDlOpen(real_vfs, name); }
void DlError(sqlite3_vfs*, int n, char* out) { real_vfs->xDlError(real_vfs, n, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return real_vfs->xDlSym(real_vfs, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { real_vfs->xDlClose(real_vfs, handle); }
int Randomness(sqlite3_vfs*, int n, char* out) { return real_vfs->xRandomness(real_vfs, n, out); }
int Sleep(sqlite3_vfs*, int micros) { return real_vfs->xSleep(real_vfs, micros); }
int CurrentTime(sqlite3_vfs*, double* out) { return real_vfs->xCurrentTime(real_vfs, out); }
int GetLastError(sqlite3_vfs*, int n, char* out) {
  return real_vfs->xGetLastError(real_vfs, n, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

}  // namespace

Status FaultVfs::Register() {
  static Status status = []() -> Status {
    real_vfs = sqlite3_vfs_find(nullptr);
    if (real_vfs == nullptr) return MakeError(ErrorCode::kIOError, "no default SQLite VFS");
    faulty_vfs = sqlite3_vfs{};
    faulty_vfs.iVersion = 2;
    faulty_vfs.szOsFile = static_cast<int>(sizeof(File)) + real_vfs->szOsFile;
    faulty_vfs.mxPathname = real_vfs->mxPathname;
    faulty_vfs.zName = kName;
    faulty_vfs.xOpen = Open;
    faulty_vfs.xDelete = Delete;
    faulty_vfs.xAccess = Access;
    faulty_vfs.xFullPathname = FullPathname;
    faulty_vfs.xDlOpen = DlOpen;
    faulty_vfs.xDlError = DlError;
    faulty_vfs.xDlSym = DlSym;
    faulty_vfs.xDlClose = DlClose;
    faulty_vfs.xRandomness = Randomness;
    faulty_vfs.xSleep = Sleep;
    faulty_vfs.xCurrentTime = CurrentTime;
    faulty_vfs.xGetLastError = GetLastError;
    faulty_vfs.xCurrentTimeInt64 = CurrentTimeInt64;
    if (sqlite3_vfs_register(&faulty_vfs, 0) != SQLITE_OK) {
      return MakeError(ErrorCode::kIOError, "cannot register the faulty SQLite VFS");
    }
    return {};
  }();
  return status;
}

void FaultVfs::Reset() {
  State& s = TheState();
  std::lock_guard<std::mutex> lock(s.mu);
  s.counts = FaultCounts();
  s.armed = false;
  s.space = -1;
  s.grown_at_limit = 0;
}

void FaultVfs::FailNth(FaultOp op, std::int64_t n, bool sticky) {
  State& s = TheState();
  std::lock_guard<std::mutex> lock(s.mu);
  s.armed = true;
  s.op = op;
  s.nth = n;
  s.sticky = sticky;
}

void FaultVfs::LimitSpace(std::int64_t bytes) {
  State& s = TheState();
  std::lock_guard<std::mutex> lock(s.mu);
  s.space = bytes;
  s.grown_at_limit = s.counts.grown;
}

FaultCounts FaultVfs::Counts() {
  State& s = TheState();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.counts;
}

}  // namespace newsweave::store
