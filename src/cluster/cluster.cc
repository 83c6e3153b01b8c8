#include "newsweave/cluster.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "newsweave/parallel.h"
#include "text/keyed_lists.h"

namespace newsweave {
namespace {

std::string DateOf(double day) {
  if (std::isnan(day)) return {};
  // Civil from days (Howard Hinnant's algorithm).
  long z = static_cast<long>(std::floor(day)) + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

// The scores stories are decided by (kSimilarityTargetNames).
constexpr int kGeography = 1, kEntities = 2;

// Marks a cross-lingual feature's id as a key (so that it cannot equal a term's hash).
constexpr std::uint64_t kNeutralKeyTag = 0x9e3779b97f4a7c15ULL;

}  // namespace

struct EventClusterer::Impl {
  // An article an event is compared through, with its term weights. The weights are those of
  // the statistics when it was weighed, weighed again once the corpus has grown by a quarter.
  struct Exemplar {
    std::shared_ptr<const ComparableArticle> article;
    ArticleWeights weights;
  };
  struct Event {
    std::vector<std::uint32_t> members;  // article indices, copies included
    // Compared through: the first article, then the latest ones.
    std::vector<Exemplar> exemplars;
    std::string headline;
    std::set<std::string> languages, sources;
    std::unordered_map<std::uint64_t, std::pair<int, std::string>> names;  // count, label
  };
  struct Member {
    std::string id;
    std::uint32_t event = 0;
  };

  ClusterOptions options;
  const SimilarityModel* model;

  // True when weights were computed on a corpus more than a quarter smaller than now.
  bool Stale(const ArticleWeights& w) const { return stats.documents() * 4 > w.documents * 5; }

  // Makes an exemplar's weights current enough (not Stale).
  const ArticleWeights& Weights(Exemplar& x) const {
    if (Stale(x.weights)) x.weights = WeighArticle(*x.article, stats);
    return x.weights;
  }
  TermStatistics stats;
  std::vector<Event> events;
  std::vector<Member> articles;
  std::unordered_map<std::string, std::uint32_t> by_id;
  // Per key, the events that took it, oldest first; a list keeps at most twice
  // events_per_key, the latest (only those are read).
  text::KeyedLists events_by_key;
  // Per event, what the candidate search reads of it, apart from Event so that a lookup
  // touches one small slot: its span (dates of its first and last dated article, NaN when
  // none) and Add()'s count and summed weight of the keys found (0 between calls).
  struct Probe {
    double start = std::nan(""), end = std::nan("");
    float hit_weight = 0;
    std::uint32_t key_hits = 0;
  };
  std::vector<Probe> probes;
  std::unique_ptr<WorkerPool> pool;  // Add()'s threads, started by the first Add()

  WorkerPool& Pool() {
    if (!pool) pool = std::make_unique<WorkerPool>(options.threads);
    return *pool;
  }

  // What an article is indexed and looked up by: its rarest names (they cross languages),
  // its heaviest content words (within a language) and its numbers, `options.keys` in all,
  // then its heaviest cross-lingual features; each with its weight (idf, tf-idf for words).
  std::vector<std::pair<std::uint64_t, float>> Keys(const ComparableArticle& a,
                                                    const ArticleWeights& w) const {
    std::vector<std::pair<double, std::uint64_t>> names, words, numbers;
    for (std::size_t i = 0; i < a.names.size(); ++i) names.emplace_back(-w.names[i], a.names[i]);
    for (std::uint64_t n : a.numbers) numbers.emplace_back(-stats.Idf(n), n);
    for (std::size_t i = 0; i < a.terms.size(); ++i) {
      const std::uint64_t t = a.terms[i].term;
      if (std::binary_search(a.numbers.begin(), a.numbers.end(), t)) continue;
      words.emplace_back(-w.terms[i], t);
    }
    const std::size_t total = static_cast<std::size_t>(std::max(3, options.keys));
    std::vector<std::pair<std::uint64_t, float>> keys;
    auto take = [&](std::vector<std::pair<double, std::uint64_t>>* v, std::size_t k) {
      k = std::min(k, v->size());
      std::partial_sort(v->begin(), v->begin() + static_cast<long>(k), v->end());
      for (std::size_t i = 0; i < k; ++i) {
        keys.emplace_back((*v)[i].second, static_cast<float>(-(*v)[i].first));
      }
    };
    take(&names, total / 2);
    take(&numbers, total / 8);
    take(&words, total - keys.size());
    // The heaviest cross-lingual features (pivot terms, entity keys), tagged apart from the
    // other keys: they find events written in other languages.
    std::vector<std::pair<double, std::uint64_t>> neutral;
    const std::vector<Feature>& features = a.neutral().features;
    for (std::size_t i = 0; i < features.size() && i < w.neutral.size(); ++i) {
      neutral.emplace_back(-w.neutral[i], features[i].id ^ kNeutralKeyTag);
    }
    take(&neutral, static_cast<std::size_t>(std::max(0, options.neutral_keys)));
    return keys;
  }

  // The time term: what a gap between the article and the event's span adds to a score.
  double TimePenalty(double day, const Probe& e) const {
    if (std::isnan(day) || std::isnan(e.start)) return 0;
    const double gap_days = day < e.start ? e.start - day : day > e.end ? day - e.end : 0;
    const double hours = gap_days * 24.0;
    return options.time_weight *
           (1.0 - std::exp(-hours * hours / (2 * options.sigma_hours * options.sigma_hours)));
  }

  bool Active(double day, const Probe& e) const {
    if (std::isnan(day) || std::isnan(e.end)) return true;
    return day - e.end <= options.window_days && e.start - day <= options.window_days;
  }

  // Story links decided so far (pair of events -> linked), and the corpus size they were
  // decided at (see StoryRoots).
  mutable std::unordered_map<std::uint64_t, bool> story_links;
  mutable std::uint64_t story_links_documents = 0;

  // Story of each event (a root event index): events whose first articles name the same
  // places and actors, found through the names they share.
  std::vector<std::uint32_t> StoryRoots() const {
    std::vector<std::uint32_t> parent(events.size());
    for (std::uint32_t i = 0; i < parent.size(); ++i) parent[i] = i;
    auto find = [&](std::uint32_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    // Earlier events are looked up by the seed's rarest names that other articles have too
    // (a name in very many events, a country or a leader, says little), and only the few
    // sharing the most are scored.
    constexpr std::size_t kNames = 8, kCandidates = 8, kMaxPosting = 256;
    // Decisions on pairs of events are kept until the corpus has grown by a quarter, so that
    // asking again after a few more articles (a server's POST) scores only the new pairs.
    if (stats.documents() * 4 > story_links_documents * 5 || story_links_documents == 0) {
      story_links.clear();
      story_links_documents = stats.documents();
    }
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> by_name;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (event, earlier candidate)
    // Names shared with each earlier event, counted in a table (zeroed again after use).
    std::vector<int> hits(events.size(), 0);
    std::vector<std::uint32_t> found;
    for (std::uint32_t i = 0; i < events.size(); ++i) {
      const ComparableArticle& seed = *events[i].exemplars.front().article;
      std::vector<std::pair<double, std::uint64_t>> rare;
      // Names no other article has cannot link anything: they come last.
      for (std::uint64_t n : seed.names) {
        rare.emplace_back(stats.DocumentCount(n) > 1 ? -stats.Idf(n) : 1e9, n);
      }
      const std::size_t k = std::min(kNames, rare.size());
      std::partial_sort(rare.begin(), rare.begin() + static_cast<long>(k), rare.end());
      found.clear();
      for (std::size_t r = 0; r < k; ++r) {
        auto it = by_name.find(rare[r].second);
        if (it == by_name.end()) continue;
        // The most recent events of a crowded name only.
        const auto& list = it->second;
        for (std::size_t q = list.size() > kMaxPosting ? list.size() - kMaxPosting : 0;
             q < list.size(); ++q) {
          if (hits[list[q]]++ == 0) found.push_back(list[q]);
        }
      }
      std::vector<std::pair<int, std::uint32_t>> ranked;
      for (std::uint32_t j : found) {
        ranked.emplace_back(-hits[j], j);
        hits[j] = 0;
      }
      const std::size_t c = std::min(kCandidates, ranked.size());
      std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(c), ranked.end());
      for (std::size_t q = 0; q < c; ++q) pairs.emplace_back(i, ranked[q].second);
      for (std::uint64_t n : seed.names) by_name[n].push_back(i);  // found by any name
    }
    // The pairs not decided before are scored on all threads (they only read), then all are
    // joined in order.
    auto key = [&](std::size_t k) { return std::uint64_t{pairs[k].first} << 32 | pairs[k].second; };
    std::vector<char> linked(pairs.size());
    std::vector<std::size_t> todo;
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      auto cached = story_links.find(key(k));
      if (cached != story_links.end()) {
        linked[k] = cached->second;
      } else {
        todo.push_back(k);
      }
    }
    // The seeds' weights as Weights() would make them current (weighed again here, not kept,
    // when more than a quarter older than the corpus).
    std::vector<const ArticleWeights*> weights(events.size(), nullptr);
    std::vector<std::uint32_t> stale;
    for (std::size_t k : todo) {
      for (std::uint32_t e : {pairs[k].first, pairs[k].second}) {
        if (weights[e] != nullptr) continue;
        const ArticleWeights& w = events[e].exemplars.front().weights;
        weights[e] = &w;
        if (Stale(w)) stale.push_back(e);
      }
    }
    std::vector<ArticleWeights> reweighed(stale.size());
    ParallelFor(stale.size(), ThreadCount(options.threads),
                [&](std::size_t begin, std::size_t end) {
                  for (std::size_t i = begin; i < end; ++i) {
                    reweighed[i] = WeighArticle(*events[stale[i]].exemplars.front().article, stats);
                  }
                });
    for (std::size_t i = 0; i < stale.size(); ++i) weights[stale[i]] = &reweighed[i];
    ParallelFor(todo.size(), ThreadCount(options.threads), [&](std::size_t begin, std::size_t end) {
      for (std::size_t t = begin; t < end; ++t) {
        const std::size_t k = todo[t];
        const std::uint32_t a = pairs[k].first, b = pairs[k].second;
        const ComparableArticle& x = *events[a].exemplars.front().article;
        const ComparableArticle& y = *events[b].exemplars.front().article;
        // The names first: they decide most pairs without comparing the rest.
        if (NameCosine(x, *weights[a], y, *weights[b]) < options.story_names) {
          linked[k] = 0;
          continue;
        }
        PairFeatures f = ComparePair(x, *weights[a], y, *weights[b]);
        linked[k] =
            (model->PredictTarget(f, kGeography) + model->PredictTarget(f, kEntities)) / 2 <=
            options.story_score;
      }
    });
    for (std::size_t k : todo) story_links.emplace(key(k), linked[k] != 0);
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      if (linked[k]) parent[find(pairs[k].first)] = find(pairs[k].second);
    }
    std::vector<std::uint32_t> root(events.size());
    for (std::uint32_t i = 0; i < events.size(); ++i) root[i] = find(i);
    return root;
  }

  // `entities` and `labels`: the article's named entities and its names' readable labels (its
  // description's, taken out of it).
  void Join(std::uint32_t event, std::uint32_t article, const ClusterInput& input,
            Exemplar exemplar, const std::vector<EntityMention>& entities,
            const std::vector<std::pair<std::uint64_t, std::string>>& labels) {
    Event& e = events[event];
    Probe& span = probes[event];
    e.members.push_back(article);
    if (e.exemplars.size() < static_cast<std::size_t>(std::max(1, options.exemplars))) {
      e.exemplars.push_back(std::move(exemplar));
    } else {
      // Keep the first; the others roll: the oldest of the latest gives way.
      std::rotate(e.exemplars.begin() + 1, e.exemplars.begin() + 2, e.exemplars.end());
      e.exemplars.back() = std::move(exemplar);
    }
    const ComparableArticle& a = *e.exemplars.back().article;
    if (!std::isnan(input.day)) {
      span.start = std::isnan(span.start) ? input.day : std::min(span.start, input.day);
      span.end = std::isnan(span.end) ? input.day : std::max(span.end, input.day);
    }
    if (!a.lang.empty() && a.lang != "und") e.languages.insert(a.lang);
    if (!input.source.empty()) e.sources.insert(input.source);
    // The event's names: the entities the cross-lingual layer found (counted by their
    // language-neutral keys, so Moscou and Moscow are one), else capitalised words.
    if (!entities.empty()) {
      for (const EntityMention& m : entities) {
        std::uint64_t key = 0;
        for (const std::string& k : m.keys) {
          key = (key ^ std::hash<std::string>()(k)) * 0x100000001b3ULL;
        }
        auto& slot = e.names[key];
        ++slot.first;
        if (slot.second.empty()) slot.second = m.text;
      }
      return;
    }
    for (std::uint64_t n : a.names) {
      auto label = std::lower_bound(labels.begin(), labels.end(), n,
                                    [](const auto& l, std::uint64_t key) { return l.first < key; });
      auto& slot = e.names[n];
      ++slot.first;
      if (slot.second.empty() && label != labels.end() && label->first == n) {
        slot.second = label->second;
      }
    }
  }
};

EventClusterer::EventClusterer(ClusterOptions options, const SimilarityModel* model)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->model = model ? model : &SimilarityModel::Default();
}

EventClusterer::~EventClusterer() = default;

std::size_t EventClusterer::Add(ClusterInput input) {
  Impl& m = *impl_;
  m.stats.Add(input.article);
  // The entities as written, and the names' readable labels, serve the event's names only
  // (the labels are taken out of the exemplar kept for comparing).
  const std::vector<EntityMention> given = std::move(input.entities);
  std::vector<std::pair<std::uint64_t, std::string>> labels = std::move(input.article.labels);
  input.article.labels = {};
  auto comparable = std::make_shared<const ComparableArticle>(std::move(input.article));
  // Without entities given, those of the shared representation, read in place.
  const std::vector<EntityMention>& entities =
      given.empty() ? comparable->neutral().entities : given;
  const ArticleWeights weights = WeighArticle(*comparable, m.stats);
  const std::vector<std::pair<std::uint64_t, float>> keys = m.Keys(*comparable, weights);
  // Candidate events: those whose keys found weigh the most, among the active ones (the
  // rarest keys shared rank an event first, not the most keys: a few common words find many
  // events). Summed in each event's probe slot (zeroed again after), not a map: no
  // allocation per event found.
  const std::size_t cap = static_cast<std::size_t>(std::max(1, m.options.events_per_key));
  std::vector<std::uint32_t> found;
  for (const auto& [k, key_weight] : keys) {
    // The events that took the key most recently (a list gets an event again whenever one of
    // its articles brings the key), so that a common key costs the same at any corpus size.
    const text::KeyedLists::List list = m.events_by_key.Find(k);
    for (const std::uint32_t* e = list.end() - std::min(cap, list.size()); e != list.end(); ++e) {
      Impl::Probe& probe = m.probes[*e];
      if (probe.key_hits++ == 0) found.push_back(*e);
      probe.hit_weight += key_weight;
    }
  }
  std::vector<std::pair<float, std::uint32_t>> ranked;
  for (std::uint32_t e : found) {
    Impl::Probe& probe = m.probes[e];
    if (m.Active(input.day, probe)) ranked.emplace_back(-probe.hit_weight, e);
    probe.key_hits = 0;
    probe.hit_weight = 0;
  }
  const std::size_t c =
      std::min<std::size_t>(static_cast<std::size_t>(m.options.candidates), ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(c), ranked.end());
  // Each candidate's score, then the choice in order. Many candidates are scored on several
  // threads (they only read); a few on this one, since waking a thread for a handful of
  // pairs costs about what it saves.
  std::vector<double> scores(c);
  auto score_candidates = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      Impl::Event& e = m.events[ranked[i].second];
      double score = 5;
      for (Impl::Exemplar& ex : e.exemplars) {
        const PairFeatures f = ComparePair(*comparable, weights, *ex.article, m.Weights(ex));
        score = std::min(score, m.model->PredictOverall(f));
      }
      scores[i] = score + m.TimePenalty(input.day, m.probes[ranked[i].second]);
    }
  };
  constexpr std::size_t kPairsWorthAThread = 8;
  if (c * static_cast<std::size_t>(std::max(1, m.options.exemplars)) < kPairsWorthAThread) {
    score_candidates(0, c);
  } else {
    m.Pool().For(c, score_candidates);
  }
  double best = m.options.join_score;
  long chosen = -1;
  for (std::size_t i = 0; i < c; ++i) {
    const double score = scores[i];
    if (score <= best) {  // ties: the event whose shared keys weigh more, then the older one
      if (score < best || chosen < 0) {
        best = score;
        chosen = ranked[i].second;
      }
    }
  }
  const auto article = static_cast<std::uint32_t>(m.articles.size());
  if (chosen < 0) {
    chosen = static_cast<long>(m.events.size());
    m.events.emplace_back();
    m.events.back().headline = input.title;
    m.probes.emplace_back();
  }
  const auto event = static_cast<std::uint32_t>(chosen);
  m.articles.push_back(Impl::Member{comparable->id, event});
  m.by_id.emplace(comparable->id, article);
  m.Join(event, article, input, Impl::Exemplar{comparable, weights}, entities, labels);
  for (const auto& key : keys) m.events_by_key.Append(key.first, event, cap);
  for (const std::string& copy : input.copies) AddCopy(copy, m.articles[article].id);
  return event;
}

bool EventClusterer::AddCopy(std::string_view id, std::string_view original, std::string_view lang,
                             std::string_view source) {
  Impl& m = *impl_;
  auto it = m.by_id.find(std::string(original));
  if (it == m.by_id.end()) return false;
  const std::uint32_t event = m.articles[it->second].event;
  const auto article = static_cast<std::uint32_t>(m.articles.size());
  m.articles.push_back(Impl::Member{std::string(id), event});
  m.by_id.emplace(std::string(id), article);
  m.events[event].members.push_back(article);
  if (!lang.empty() && lang != "und") m.events[event].languages.emplace(lang);
  if (!source.empty()) m.events[event].sources.emplace(source);
  return true;
}

long EventClusterer::EventOf(std::string_view id) const {
  auto it = impl_->by_id.find(std::string(id));
  return it == impl_->by_id.end() ? -1 : static_cast<long>(impl_->articles[it->second].event);
}

std::size_t EventClusterer::event_count() const { return impl_->events.size(); }

std::vector<StorySummary> EventClusterer::Stories() const {
  const Impl& m = *impl_;
  std::vector<std::uint32_t> root = m.StoryRoots();
  std::map<std::uint32_t, std::vector<std::uint32_t>> members;  // root -> events
  for (std::uint32_t e = 0; e < m.events.size(); ++e) members[root[e]].push_back(e);
  std::vector<StorySummary> out;
  // Story ids in order of their first event.
  std::vector<std::pair<std::uint32_t, const std::vector<std::uint32_t>*>> ordered;
  for (const auto& [r, list] : members) ordered.emplace_back(list.front(), &list);
  std::sort(ordered.begin(), ordered.end());
  for (const auto& [first, list] : ordered) {
    StorySummary s;
    s.id = "s" + std::to_string(out.size() + 1);
    std::vector<std::uint32_t> by_time = *list;
    std::stable_sort(by_time.begin(), by_time.end(), [&](std::uint32_t a, std::uint32_t b) {
      double x = m.probes[a].start, y = m.probes[b].start;
      if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
      return x < y;
    });
    std::uint32_t largest = by_time.front();
    for (std::uint32_t e : by_time) {
      s.events.push_back("e" + std::to_string(e + 1));
      if (m.events[e].members.size() > m.events[largest].members.size()) largest = e;
    }
    s.title = m.events[largest].headline;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<EventSummary> EventClusterer::Events() const {
  std::vector<EventSummary> events;
  std::vector<StorySummary> stories;
  Summaries(&events, &stories);
  return events;
}

void EventClusterer::Summaries(std::vector<EventSummary>* events,
                               std::vector<StorySummary>* story_list) const {
  const Impl& m = *impl_;
  *story_list = Stories();
  const std::vector<StorySummary>& stories = *story_list;
  std::vector<std::string> story_of(m.events.size());
  for (const StorySummary& s : stories) {
    for (const std::string& e : s.events) story_of[std::stoul(e.substr(1)) - 1] = s.id;
  }
  std::vector<EventSummary> out;
  for (std::uint32_t i = 0; i < m.events.size(); ++i) {
    const Impl::Event& e = m.events[i];
    EventSummary s;
    s.id = "e" + std::to_string(i + 1);
    s.story = story_of[i];
    s.headline = e.headline;
    for (std::uint32_t a : e.members) s.articles.push_back(m.articles[a].id);
    s.languages.assign(e.languages.begin(), e.languages.end());
    s.sources.assign(e.sources.begin(), e.sources.end());
    std::vector<std::pair<int, std::string>> names;
    for (const auto& [key, v] : e.names) {
      if (!v.second.empty()) names.emplace_back(-v.first, v.second);
    }
    std::sort(names.begin(), names.end());
    for (std::size_t k = 0; k < names.size() && k < 6; ++k) s.entities.push_back(names[k].second);
    s.start = DateOf(m.probes[i].start);
    s.end = DateOf(m.probes[i].end);
    out.push_back(std::move(s));
  }
  *events = std::move(out);
}

}  // namespace newsweave
