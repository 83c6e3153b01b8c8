// Splitting a loop over threads, for stages whose items are independent.
#ifndef NEWSWEAVE_PARALLEL_H_
#define NEWSWEAVE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace newsweave {

// The number of threads to use for `requested` (0 or less: one per core).
inline int ThreadCount(int requested) {
  if (requested > 0) return requested;
  unsigned cores = std::thread::hardware_concurrency();
  return cores ? static_cast<int>(cores) : 1;
}

// Calls fn(begin, end) on `threads` contiguous slices of [0, n), in parallel, and returns when
// all are done. With one thread (or a small n) it runs on the calling thread. fn must only
// touch its own slice's data.
inline void ParallelFor(std::size_t n, int threads,
                        const std::function<void(std::size_t, std::size_t)>& fn) {
  std::size_t t = static_cast<std::size_t>(std::max(1, threads));
  if (t == 1 || n < 2 * t) {
    if (n) fn(0, n);
    return;
  }
  std::vector<std::thread> workers;
  std::size_t step = (n + t - 1) / t;
  for (std::size_t begin = step; begin < n; begin += step) {
    workers.emplace_back(fn, begin, std::min(n, begin + step));
  }
  fn(0, std::min(n, step));
  for (std::thread& w : workers) w.join();
}

// Calls fn(i) for each i in [0, n) on `threads` threads, each taking the next i as soon as it
// is done with one: for items of very different cost (put the costliest first), which
// contiguous slices would leave to one thread. Returns when all are done.
inline void ParallelForEach(std::size_t n, int threads,
                            const std::function<void(std::size_t)>& fn) {
  std::size_t t = std::min(static_cast<std::size_t>(std::max(1, threads)), n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> workers;
  for (std::size_t k = 1; k < t; ++k) workers.emplace_back(work);
  work();
  for (std::thread& w : workers) w.join();
}

// As ParallelFor, with the slice's number (0 on the calling thread, below `threads`) passed
// first, so that each slice can use its own per-thread tools: fn(slice, begin, end).
inline void ParallelForSlices(
    std::size_t n, int threads,
    const std::function<void(std::size_t, std::size_t, std::size_t)>& fn) {
  std::size_t t = static_cast<std::size_t>(std::max(1, threads));
  if (t == 1 || n < 2 * t) {
    if (n) fn(0, 0, n);
    return;
  }
  std::vector<std::thread> workers;
  std::size_t step = (n + t - 1) / t;
  std::size_t slice = 1;
  for (std::size_t begin = step; begin < n; begin += step) {
    workers.emplace_back(fn, slice++, begin, std::min(n, begin + step));
  }
  fn(0, 0, std::min(n, step));
  for (std::thread& w : workers) w.join();
}

// Threads kept for many small parallel loops (one per article, say), where starting threads
// for each loop would cost as much as the loop. Not thread-safe: one caller at a time.
class WorkerPool {
 public:
  // A pool running loops on `threads` threads in all (0: one per core): the caller's and
  // threads - 1 kept waiting.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // ParallelFor(n, size(), fn) on the kept threads: calls fn(begin, end) on contiguous
  // slices of [0, n) and returns when all are done.
  void For(std::size_t n, const std::function<void(std::size_t, std::size_t)>& fn);

  int size() const { return static_cast<int>(workers_.size()) + 1; }

 private:
  void Work(std::size_t index);

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable start_, done_;
  const std::function<void(std::size_t, std::size_t)>* fn_ = nullptr;
  std::size_t n_ = 0, step_ = 0;
  std::uint64_t generation_ = 0;  // loops started
  std::size_t running_ = 0;       // workers still on the current loop
  bool stop_ = false;
};

inline WorkerPool::WorkerPool(int threads) {
  const int t = ThreadCount(threads);
  for (int i = 1; i < t; ++i)
    workers_.emplace_back([this, i] { Work(static_cast<std::size_t>(i)); });
}

inline WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  start_.notify_all();
  for (std::thread& w : workers_) w.join();
}

inline void WorkerPool::Work(std::size_t index) {
  std::uint64_t seen = 0;
  for (;;) {
    std::unique_lock<std::mutex> lock(mu_);
    start_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    const std::size_t begin = index * step_, end = std::min(n_, begin + step_);
    const auto* fn = fn_;
    lock.unlock();
    if (begin < end) (*fn)(begin, end);
    lock.lock();
    if (--running_ == 0) done_.notify_one();
  }
}

inline void WorkerPool::For(std::size_t n,
                            const std::function<void(std::size_t, std::size_t)>& fn) {
  const std::size_t t = workers_.size() + 1;
  if (t == 1 || n < 2) {
    if (n) fn(0, n);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    fn_ = &fn;
    n_ = n;
    step_ = (n + t - 1) / t;
    running_ = workers_.size();
    ++generation_;
  }
  start_.notify_all();
  fn(0, std::min(n, step_));
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [&] { return running_ == 0; });
}

}  // namespace newsweave

#endif  // NEWSWEAVE_PARALLEL_H_
