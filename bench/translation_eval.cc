// Translations found by `newsweave dedup --translations` on the SemEval-2022 Task 8 CSV:
// first writes the CSV's distinct articles as JSONL (--write-corpus), then reads the groups
// dedup printed (--groups) and reports the share of translated articles (ids with a
// language suffix whose original is in the file) grouped with their original through a
// translation link, and the translation links between articles of different originals.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ingest/csv_reader.h"
#include "similarity/evaluation.h"

int main(int argc, char** argv) {
  CLI::App app("Translation links of newsweave dedup against SemEval-2022 Task 8 ids.");
  std::string csv, corpus, groups_path;
  app.add_option("--csv", csv, "train.csv")->required()->check(CLI::ExistingFile);
  app.add_option("--write-corpus", corpus, "write the distinct articles as JSONL here");
  app.add_option("--groups", groups_path, "output of newsweave dedup --json --translations");
  CLI11_PARSE(app, argc, argv);

  std::ifstream in(csv, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string data = buf.str();
  newsweave::ingest::CsvReader reader(data);
  std::vector<std::string> header, row;
  reader.NextRow(&header);
  auto col = [&](const char* name) {
    const int i = newsweave::ingest::CsvReader::ColumnIndex(header, name);
    if (i < 0) {
      std::fprintf(stderr, "translation_eval: %s has no column %s\n", csv.c_str(), name);
      std::exit(1);
    }
    return static_cast<std::size_t>(i);
  };
  const std::size_t pid = col("pair_id"), l1 = col("lang1"), l2 = col("lang2"), t1 = col("text1"),
                    t2 = col("text2"), overall = col("Overall");
  std::map<std::string, std::pair<std::string, std::string>> articles;  // id -> lang, text
  std::map<std::pair<std::string, std::string>, double> rated;          // base pair -> Overall
  while (reader.NextRow(&row)) {
    if (row.size() < header.size()) continue;
    const std::string& id = row[pid];
    const std::size_t us = id.find('_');
    std::string a = id.substr(0, us), b = id.substr(us + 1);
    articles.emplace(a, std::make_pair(row[l1], row[t1]));
    articles.emplace(b, std::make_pair(row[l2], row[t2]));
    std::string ba = newsweave::similarity::BaseArticleId(a),
                bb = newsweave::similarity::BaseArticleId(b);
    rated[{std::min(ba, bb), std::max(ba, bb)}] = std::atof(row[overall].c_str());
  }
  if (!corpus.empty()) {
    std::ofstream out(corpus, std::ios::binary);
    for (const auto& [id, lt] : articles) {
      out << nlohmann::json{{"id", id}, {"lang", lt.first}, {"text", lt.second}}.dump() << '\n';
    }
    std::printf("wrote %zu articles to %s\n", articles.size(), corpus.c_str());
  }
  if (groups_path.empty()) return 0;
  std::map<std::string, int> group_of;
  std::map<std::string, std::string> relation;
  std::ifstream gin(groups_path);
  std::string line;
  int g = 0;
  std::size_t different = 0, different_rated_apart = 0, different_rated_same = 0;
  while (std::getline(gin, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    ++g;
    const std::string rep = j["representative"].get<std::string>();
    for (const auto& m : j["members"]) {
      const std::string id = m["id"].get<std::string>();
      group_of[id] = g;
      relation[id] = m["relation"].is_null() ? "" : m["relation"].get<std::string>();
      if (relation[id] == "translation" &&
          newsweave::similarity::BaseArticleId(id) != newsweave::similarity::BaseArticleId(rep)) {
        ++different;
        std::string a = newsweave::similarity::BaseArticleId(id),
                    b = newsweave::similarity::BaseArticleId(rep);
        auto r = rated.find({std::min(a, b), std::max(a, b)});
        if (r != rated.end()) (r->second >= 2.5 ? different_rated_apart : different_rated_same)++;
      }
    }
  }
  std::map<std::string, std::pair<int, int>> by_langs;  // found, total
  int found = 0, total = 0;
  for (const auto& [id, lt] : articles) {
    const std::string base = newsweave::similarity::BaseArticleId(id);
    if (base == id || !articles.count(base)) continue;
    ++total;
    const std::string pair = articles[base].first + "->" + lt.first;
    ++by_langs[pair].second;
    bool ok = group_of.count(id) && group_of.count(base) && group_of[id] == group_of[base] &&
              (relation[id] == "translation" || relation[base] == "translation");
    if (ok) {
      ++found;
      ++by_langs[pair].first;
    }
  }
  std::printf("translated articles grouped with their original as translation: %d of %d (%.3f)\n",
              found, total, total ? static_cast<double>(found) / total : 0.0);
  for (const auto& [pair, ft] : by_langs) {
    std::printf("  %-8s %3d of %3d\n", pair.c_str(), ft.first, ft.second);
  }
  std::printf(
      "translation relations between different originals: %zu (rated as a pair: %zu "
      "with Overall >= 2.5, %zu below; the rest unrated)\n",
      different, different_rated_apart, different_rated_same);
  return 0;
}
