// Gradient-boosted regression trees (squared loss), small and deterministic: enough for a
// few thousand labelled pairs and a dozen features.
#ifndef NEWSWEAVE_SIMILARITY_BOOSTED_TREES_H_
#define NEWSWEAVE_SIMILARITY_BOOSTED_TREES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/status.h"

namespace newsweave::similarity {

struct ForestOptions {
  int trees = 300;
  int depth = 3;
  double learning_rate = 0.05;
  int min_leaf = 8;
  double subsample = 0.8;  // share of rows each tree is grown on
  std::uint64_t seed = 1;
};

// One regression target's trees. Leaves hold values already scaled by the learning rate.
class RegressionForest {
 public:
  // Fits rows (each `width` floats, row-major in `x`) to `y`. Deterministic for a seed.
  static RegressionForest Fit(const std::vector<float>& x, int width, const std::vector<double>& y,
                              const ForestOptions& options);

  // The prediction for one row of `width` features.
  double Predict(const float* row) const;

  // One line per tree after a line "base B trees N"; see Parse.
  void AppendText(std::string* out) const;

  // Reads what AppendText wrote, starting at *pos (advanced past it). Feature indices
  // must be below `width`.
  static Result<RegressionForest> Parse(std::string_view text, std::size_t* pos, int width);

  std::size_t tree_count() const { return trees_.size(); }

 private:
  struct Node {
    int feature = -1;  // -1: a leaf
    float threshold = 0;
    int left = 0, right = 0;  // child indices within the tree (row <= threshold goes left)
    double value = 0;         // leaf value
  };
  // For Predict, every tree padded to a complete tree of depth `depth_` in heap order
  // (children of i at 2i+1 and 2i+2), so that a walk is `depth_` steps without a branch:
  // 2^depth-1 splits and 2^depth leaves per tree. A leaf above the bottom is repeated under
  // splits that always go left.
  void Flatten();

  double base_ = 0;
  std::vector<std::vector<Node>> trees_;
  int depth_ = 0;
  std::vector<std::int32_t> split_feature_;
  std::vector<float> split_value_;
  std::vector<float> leaf_value_;

  friend class TreeGrower;
};

}  // namespace newsweave::similarity

#endif  // NEWSWEAVE_SIMILARITY_BOOSTED_TREES_H_
