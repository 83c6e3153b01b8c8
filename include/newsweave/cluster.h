// Events and stories: online clustering of articles in time order, across languages.
// Each article joins the most similar active event (pair similarity model plus a time term)
// or opens a new one; events that share their main actors and place over a longer span are
// linked into stories.
#ifndef NEWSWEAVE_CLUSTER_H_
#define NEWSWEAVE_CLUSTER_H_

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsweave/similarity.h"

namespace newsweave {

struct ClusterOptions {
  double window_days = 7.0;   // events take new articles this long after their last one
  double sigma_hours = 72.0;  // width of the Gaussian time term
  double time_weight = 1.0;   // what a large date gap adds to a pair's score (1..4 scale)
  double join_score = 2.5;    // an article joins the best event scoring at most this
  int exemplars = 2;          // an event is compared through its first and latest articles
  int candidates = 3;         // events scored per article, at most: the weightiest shared keys
  int keys = 32;              // rare terms and names an article is indexed and found by
  int neutral_keys = 12;      // and its heaviest cross-lingual features (other languages)
  int events_per_key = 200;   // events a key finds, at most: those that took it last
  double story_score = 2.0;   // events join a story when their places and actors score
                              // at most this (geography and entities, 1..4 scale)
  double story_names = 0.25;  // ... and their names overlap at least this much (cosine)
  int threads = 1;            // threads scoring candidates when there are many (8 pairs or
                              // more) and stories (0: one per core); the events and stories
                              // are the same for any number
};

// One article for the clusterer.
struct ClusterInput {
  ComparableArticle article;  // DescribeArticle of its clean text
  // Its named entities, which name its event; when empty, those of article.xling (the main
  // job takes them out of it, so that the article kept for comparing goes without them).
  std::vector<EntityMention> entities;
  std::string title;                // may be empty (the first sentence stands in)
  std::string source;               // outlet, may be empty
  double day = std::nan("");        // DaysSinceEpoch(published) (similarity.h); NaN: unknown
  std::vector<std::string> copies;  // ids of its copies (dedup), listed under its event
};

struct EventSummary {
  std::string id;                     // "e1", "e2", ... in order of creation
  std::string story;                  // "s1", ...
  std::string headline;               // title (or first sentence) of its first article
  std::vector<std::string> articles;  // ids of its articles, copies included
  std::vector<std::string> languages;
  std::vector<std::string> sources;
  std::vector<std::string> entities;  // most named people, places and organisations
  std::string start, end;             // dates (YYYY-MM-DD) of the first and last dated article
};

struct StorySummary {
  std::string id;
  std::string title;                // the headline of its largest event
  std::vector<std::string> events;  // in time order
};

// Clusters articles added in time order. Deterministic for the same inputs and options.
// Not thread-safe.
class EventClusterer {
 public:
  explicit EventClusterer(ClusterOptions options = ClusterOptions(),
                          const SimilarityModel* model = nullptr);  // null: the built-in one
  ~EventClusterer();
  EventClusterer(const EventClusterer&) = delete;
  EventClusterer& operator=(const EventClusterer&) = delete;

  // Adds the next article; returns the index of the event it joined or opened.
  std::size_t Add(ClusterInput input);

  // Adds a copy (or translation) of an article added before: it joins that article's event,
  // adding its language and source (either may be empty) to the event's. `original` is an
  // id given to Add or AddCopy. Returns false when that id is unknown.
  bool AddCopy(std::string_view id, std::string_view original, std::string_view lang = {},
               std::string_view source = {});

  // The events so far, with their stories assigned (stories are computed here).
  std::vector<EventSummary> Events() const;
  // The stories, computed from the events so far.
  std::vector<StorySummary> Stories() const;

  // Events() and Stories() together, the stories computed once.
  void Summaries(std::vector<EventSummary>* events, std::vector<StorySummary>* stories) const;

  // The event index of an article added so far (by id), or -1.
  long EventOf(std::string_view id) const;

  std::size_t event_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsweave

#endif  // NEWSWEAVE_CLUSTER_H_
