// Splitting a loop over threads, for stages whose items are independent.
#ifndef NEWSWEAVE_PARALLEL_H_
#define NEWSWEAVE_PARALLEL_H_

#include <algorithm>
#include <cstddef>
#include <functional>
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

}  // namespace newsweave

#endif  // NEWSWEAVE_PARALLEL_H_
