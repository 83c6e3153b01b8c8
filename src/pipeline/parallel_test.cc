// WorkerPool and ParallelFor: every index visited once, slices contiguous, the pool reusable.
#include "newsweave/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>
#include <vector>

namespace newsweave {
namespace {

TEST(WorkerPoolTest, EachLoopVisitsEveryIndexOnce) {
  WorkerPool pool(3);
  EXPECT_EQ(pool.size(), 3);
  // Many small loops in a row, as the clusterer runs one per article.
  for (std::size_t n : {0u, 1u, 2u, 5u, 7u, 64u, 1000u}) {
    for (int round = 0; round < 50; ++round) {
      std::vector<std::atomic<int>> visits(n);
      pool.For(n, [&](std::size_t begin, std::size_t end) {
        ASSERT_LE(begin, end);
        ASSERT_LE(end, n);
        for (std::size_t i = begin; i < end; ++i) visits[i]++;
      });
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(visits[i].load(), 1) << "n " << n << " i " << i;
    }
  }
}

TEST(WorkerPoolTest, SlicesRunOnSeveralThreads) {
  WorkerPool pool(2);
  std::mutex mu;
  std::set<std::thread::id> threads;
  std::atomic<int> waiting{0};
  // Each slice waits until both are running: only two threads can get past it.
  pool.For(2, [&](std::size_t, std::size_t) {
    {
      std::lock_guard<std::mutex> lock(mu);
      threads.insert(std::this_thread::get_id());
    }
    waiting++;
    while (waiting.load() < 2) std::this_thread::yield();
  });
  EXPECT_EQ(threads.size(), 2u);
}

TEST(WorkerPoolTest, OneThreadRunsOnTheCaller) {
  WorkerPool pool(1);
  std::thread::id ran;
  pool.For(10, [&](std::size_t begin, std::size_t end) {
    EXPECT_EQ(begin, 0u);
    EXPECT_EQ(end, 10u);
    ran = std::this_thread::get_id();
  });
  EXPECT_EQ(ran, std::this_thread::get_id());
}

TEST(ParallelForTest, SumsMatchOneThread) {
  std::vector<long> values(10007);
  std::iota(values.begin(), values.end(), 1);
  std::atomic<long> total{0};
  ParallelFor(values.size(), 4, [&](std::size_t begin, std::size_t end) {
    long sum = 0;
    for (std::size_t i = begin; i < end; ++i) sum += values[i];
    total += sum;
  });
  EXPECT_EQ(total.load(), 10007L * 10008L / 2);
}

TEST(ParallelForEachTest, VisitsEveryIndexOnceOnSeveralThreads) {
  for (std::size_t n : {0u, 1u, 3u, 100u}) {
    std::vector<std::atomic<int>> visits(n);
    std::mutex mu;
    std::set<std::thread::id> threads;
    ParallelForEach(n, 4, [&](std::size_t i) {
      ASSERT_LT(i, n);
      visits[i]++;
      {
        std::lock_guard<std::mutex> lock(mu);
        threads.insert(std::this_thread::get_id());
      }
      // A slow first item: the other threads take the rest meanwhile.
      if (i == 0 && n > 3) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    });
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(visits[i].load(), 1) << "n " << n << " i " << i;
    EXPECT_LE(threads.size(), std::max<std::size_t>(1, std::min<std::size_t>(n, 4)));
    if (n > 3) EXPECT_GE(threads.size(), 2u) << "the slow item held up the rest";
  }
}

}  // namespace
}  // namespace newsweave
