#include "similarity/boosted_trees.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>

#include "text/splitmix.h"

namespace newsweave::similarity {

// Grows one tree on the residuals of a subsample of rows, greedily, split by split.
class TreeGrower {
 public:
  TreeGrower(const std::vector<float>& x, int width, const std::vector<double>& residual,
             const ForestOptions& options)
      : x_(x), width_(width), residual_(residual), options_(options) {}

  std::vector<RegressionForest::Node> Grow(std::vector<int> rows) {
    nodes_.clear();
    Split(std::move(rows), 0);
    return std::move(nodes_);
  }

 private:
  float At(int row, int feature) const {
    return x_[static_cast<std::size_t>(row) * static_cast<std::size_t>(width_) +
              static_cast<std::size_t>(feature)];
  }

  // Adds the node for `rows` and its subtree; returns its index.
  int Split(std::vector<int> rows, int depth) {
    const int index = static_cast<int>(nodes_.size());
    nodes_.emplace_back();
    double sum = 0;
    for (int r : rows) sum += residual_[static_cast<std::size_t>(r)];
    const double n = static_cast<double>(rows.size());
    double best_gain = 1e-12;
    int best_feature = -1;
    float best_threshold = 0;
    if (depth < options_.depth && rows.size() >= 2u * static_cast<std::size_t>(options_.min_leaf)) {
      std::vector<int> order = rows;
      for (int f = 0; f < width_; ++f) {
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return At(a, f) < At(b, f); });
        double left = 0;
        for (std::size_t i = 0; i + 1 < order.size(); ++i) {
          left += residual_[static_cast<std::size_t>(order[i])];
          const std::size_t nl = i + 1, nr = order.size() - nl;
          if (nl < static_cast<std::size_t>(options_.min_leaf) ||
              nr < static_cast<std::size_t>(options_.min_leaf)) {
            continue;
          }
          const float v = At(order[i], f), next = At(order[i + 1], f);
          if (!(v < next)) continue;  // split only between distinct values
          const double right = sum - left;
          // Reduction of the squared error against one leaf for all rows.
          const double gain = left * left / static_cast<double>(nl) +
                              right * right / static_cast<double>(nr) - sum * sum / n;
          if (gain > best_gain) {
            best_gain = gain;
            best_feature = f;
            best_threshold = v + (next - v) / 2;
            if (!(best_threshold < next)) best_threshold = v;
          }
        }
      }
    }
    if (best_feature < 0) {
      nodes_[static_cast<std::size_t>(index)].value = options_.learning_rate * sum / n;
      return index;
    }
    std::vector<int> left_rows, right_rows;
    for (int r : rows)
      (At(r, best_feature) <= best_threshold ? left_rows : right_rows).push_back(r);
    rows.clear();
    rows.shrink_to_fit();
    const int left = Split(std::move(left_rows), depth + 1);
    const int right = Split(std::move(right_rows), depth + 1);
    RegressionForest::Node& node = nodes_[static_cast<std::size_t>(index)];
    node.feature = best_feature;
    node.threshold = best_threshold;
    node.left = left;
    node.right = right;
    return index;
  }

  const std::vector<float>& x_;
  const int width_;
  const std::vector<double>& residual_;
  const ForestOptions& options_;
  std::vector<RegressionForest::Node> nodes_;
};

RegressionForest RegressionForest::Fit(const std::vector<float>& x, int width,
                                       const std::vector<double>& y, const ForestOptions& options) {
  RegressionForest forest;
  const std::size_t n = y.size();
  if (n == 0 || width <= 0) return forest;
  forest.base_ = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
  std::vector<double> prediction(n, forest.base_), residual(n);
  std::uint64_t state = options.seed;
  TreeGrower grower(x, width, residual, options);
  for (int t = 0; t < options.trees; ++t) {
    for (std::size_t i = 0; i < n; ++i) residual[i] = y[i] - prediction[i];
    std::vector<int> rows;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = static_cast<double>(text::SplitMix64(&state) >> 11) * 0x1.0p-53;
      if (u < options.subsample) rows.push_back(static_cast<int>(i));
    }
    if (rows.empty()) continue;
    forest.trees_.push_back(grower.Grow(std::move(rows)));
    for (std::size_t i = 0; i < n; ++i) {
      const float* row = x.data() + i * static_cast<std::size_t>(width);
      const std::vector<Node>& tree = forest.trees_.back();
      int k = 0;
      while (tree[static_cast<std::size_t>(k)].feature >= 0) {
        const Node& node = tree[static_cast<std::size_t>(k)];
        k = row[node.feature] <= node.threshold ? node.left : node.right;
      }
      prediction[i] += tree[static_cast<std::size_t>(k)].value;
    }
  }
  forest.Flatten();
  return forest;
}

void RegressionForest::Flatten() {
  // The depth of the deepest tree.
  std::function<int(const std::vector<Node>&, int)> height = [&](const std::vector<Node>& t,
                                                                 int k) -> int {
    const Node& n = t[static_cast<std::size_t>(k)];
    return n.feature < 0 ? 0 : 1 + std::max(height(t, n.left), height(t, n.right));
  };
  depth_ = 0;
  for (const std::vector<Node>& tree : trees_) depth_ = std::max(depth_, height(tree, 0));
  const std::size_t splits = (std::size_t{1} << depth_) - 1, leaves = std::size_t{1} << depth_;
  split_feature_.assign(trees_.size() * splits, 0);
  split_value_.assign(trees_.size() * splits, std::numeric_limits<float>::infinity());
  leaf_value_.assign(trees_.size() * leaves, 0.f);
  for (std::size_t t = 0; t < trees_.size(); ++t) {
    const std::vector<Node>& tree = trees_[t];
    // Places node k of the tree at heap position `at`.
    std::function<void(int, std::size_t)> place = [&](int k, std::size_t at) {
      const Node& n = tree[static_cast<std::size_t>(k)];
      if (at >= splits) {  // bottom row: a leaf
        leaf_value_[t * leaves + (at - splits)] = static_cast<float>(n.value);
        return;
      }
      if (n.feature < 0) {  // a leaf above the bottom: pass it down the left side
        place(k, 2 * at + 1);
        place(k, 2 * at + 2);
        return;
      }
      split_feature_[t * splits + at] = n.feature;
      split_value_[t * splits + at] = n.threshold;
      place(n.left, 2 * at + 1);
      place(n.right, 2 * at + 2);
    };
    place(0, 0);
  }
}

double RegressionForest::Predict(const float* row) const {
  double sum = base_;
  const std::size_t splits = (std::size_t{1} << depth_) - 1, leaves = std::size_t{1} << depth_;
  const std::int32_t* feature = split_feature_.data();
  const float* value = split_value_.data();
  const float* leaf = leaf_value_.data();
  for (std::size_t t = 0; t < trees_.size(); ++t) {
    std::size_t i = 0;
    for (int d = 0; d < depth_; ++d) {
      i = 2 * i + 1 + static_cast<std::size_t>(row[feature[i]] > value[i]);
    }
    sum += leaf[i - splits];
    feature += splits;
    value += splits;
    leaf += leaves;
  }
  return sum;
}

void RegressionForest::AppendText(std::string* out) const {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "base %.17g trees %zu\n", base_, trees_.size());
  out->append(buf);
  // A tree per line: nodes in order, "f<feature> <threshold> <left> <right>" or
  // "v <value>", separated by " | ".
  for (const std::vector<Node>& tree : trees_) {
    for (std::size_t k = 0; k < tree.size(); ++k) {
      if (k > 0) out->append(" | ");
      const Node& node = tree[k];
      if (node.feature < 0) {
        std::snprintf(buf, sizeof(buf), "v %.9g", node.value);
      } else {
        std::snprintf(buf, sizeof(buf), "f%d %.9g %d %d", node.feature,
                      static_cast<double>(node.threshold), node.left, node.right);
      }
      out->append(buf);
    }
    out->push_back('\n');
  }
}

Result<RegressionForest> RegressionForest::Parse(std::string_view text, std::size_t* pos,
                                                 int width) {
  auto next_line = [&](std::string* line) {
    if (*pos >= text.size()) return false;
    std::size_t nl = text.find('\n', *pos);
    if (nl == std::string_view::npos) nl = text.size();
    line->assign(text.substr(*pos, nl - *pos));
    *pos = nl + 1;
    return true;
  };
  std::string line;
  RegressionForest forest;
  std::size_t count = 0;
  if (!next_line(&line) ||
      std::sscanf(line.c_str(), "base %lf trees %zu", &forest.base_, &count) != 2) {
    return MakeError(ErrorCode::kCorruption, "expected \"base B trees N\", got \"" + line + "\"");
  }
  for (std::size_t t = 0; t < count; ++t) {
    if (!next_line(&line)) return MakeError(ErrorCode::kCorruption, "the model ends early");
    std::vector<Node> tree;
    std::size_t start = 0;
    while (start <= line.size()) {
      std::size_t bar = line.find(" | ", start);
      if (bar == std::string::npos) bar = line.size();
      std::string item = line.substr(start, bar - start);
      Node node;
      double value = 0;
      if (std::sscanf(item.c_str(), "v %lf", &value) == 1) {
        node.value = value;
      } else if (std::sscanf(item.c_str(), "f%d %f %d %d", &node.feature, &node.threshold,
                             &node.left, &node.right) != 4 ||
                 node.feature < 0 || node.feature >= width) {
        return MakeError(ErrorCode::kCorruption, "bad tree node \"" + item + "\"");
      }
      tree.push_back(node);
      start = bar + 3;
    }
    // Children must come after their parent: no loops, every walk ends at a leaf.
    for (std::size_t k = 0; k < tree.size(); ++k) {
      const Node& node = tree[k];
      if (node.feature < 0) continue;
      if (node.left <= static_cast<int>(k) || node.right <= static_cast<int>(k) ||
          node.left >= static_cast<int>(tree.size()) ||
          node.right >= static_cast<int>(tree.size())) {
        return MakeError(ErrorCode::kCorruption, "tree node with bad children: \"" + line + "\"");
      }
    }
    if (tree.empty()) return MakeError(ErrorCode::kCorruption, "empty tree");
    forest.trees_.push_back(std::move(tree));
  }
  forest.Flatten();
  return forest;
}

}  // namespace newsweave::similarity
