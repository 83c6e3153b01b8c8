// Per event: quotes grouped by speaker and statement across languages, claims beside their
// denials; and the collector that gathers statements during the main job.
#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "newsweave/main_job.h"
#include "newsweave/parallel.h"
#include "newsweave/quotes.h"
#include "newsweave/similarity.h"

namespace newsweave {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// Two name keys ("tms krt", "krt"): the same last word, and the shorter's words end the other.
bool SameName(std::string_view a, std::string_view b) {
  const auto wa = Split(a, ' '), wb = Split(b, ' ');
  if (wa.empty() || wb.empty()) return false;
  const auto& shorter = wa.size() <= wb.size() ? wa : wb;
  const auto& longer = wa.size() <= wb.size() ? wb : wa;
  return std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
}

bool IsRole(std::string_view k) { return k.starts_with("d:"); }

struct UnionFind {
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t Find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(std::size_t a, std::size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::size_t> parent;
};

// One form of a pivot word, with its first four bytes (zero-padded) as a number: forms match
// on a prefix of four, so most pairs are told apart without comparing text, and the number
// is the form's key in the index of quotes that may match.
struct Form {
  std::string_view text;
  std::uint32_t head = 0;
};

Form MakeForm(std::string_view text) {
  Form f{text, 0};
  for (std::size_t i = 0; i < 4 && i < text.size(); ++i) {
    f.head |= static_cast<std::uint32_t>(static_cast<unsigned char>(text[i])) << (8 * i);
  }
  return f;
}

// True when two forms match: equal, or one a prefix of the other ("injur", "injuri") of
// four letters at least and at most three letters shorter.
bool FormsMatch(const Form& a, const Form& b) {
  if (a.head != b.head) return false;  // the first four letters differ (or a shorter form)
  std::string_view x = a.text, y = b.text;
  if (x.size() > y.size()) std::swap(x, y);
  if (x.size() < 4) return x == y;
  // The first four are equal: the rest of the shorter must start the rest of the longer.
  return y.size() - x.size() <= 3 && y.substr(4).starts_with(x.substr(4));
}

// A statement's pivot words split into their forms, once.
using Forms = std::vector<std::vector<Form>>;

Forms Parse(const std::vector<std::string>& pivots) {
  Forms out;
  out.reserve(pivots.size());
  for (const std::string& p : pivots) {
    std::vector<Form> word;
    for (std::string_view f : Split(p, '|')) word.push_back(MakeForm(f));
    out.push_back(std::move(word));
  }
  return out;
}

// True when two pivot words ("altstadt|old|town") share a form.
bool WordsMatch(const std::vector<Form>& a, const std::vector<Form>& b) {
  for (const Form& x : a) {
    for (const Form& y : b)
      if (FormsMatch(x, y)) return true;
  }
  return false;
}

// Words of `a` matched by some word of `b`.
int Matched(const Forms& a, const Forms& b) {
  int n = 0;
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (WordsMatch(x, y)) {
        ++n;
        break;
      }
    }
  }
  return n;
}

double Overlap(const Forms& a, const Forms& b, int* shared) {
  const int n = std::max(Matched(a, b), Matched(b, a));
  if (shared) *shared = n;
  const std::size_t denom = std::min(a.size(), b.size());
  if (denom == 0) return 0;
  return std::min(1.0, static_cast<double>(n) / static_cast<double>(denom));
}

}  // namespace

bool SameSpeaker(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  const auto alt_a = Split(a, '|'), alt_b = Split(b, '|');
  const std::string_view pa = alt_a[0], pb = alt_b[0];
  if (!IsRole(pa) && !IsRole(pb)) return SameName(pa, pb);
  if (IsRole(pa) && IsRole(pb) && pa == pb) return true;
  // A description and a name: the name's roles include the description's, or the
  // description names its group ("d:rebels|nrtrn frnt").
  const auto& role_alts = IsRole(pa) ? alt_a : alt_b;
  const auto& other = IsRole(pa) ? alt_b : alt_a;
  for (std::string_view x : other) {
    if (x == role_alts[0]) return true;
    for (std::size_t k = 1; k < role_alts.size(); ++k) {
      if (!IsRole(role_alts[k]) && !IsRole(x) && SameName(role_alts[k], x)) return true;
    }
  }
  return false;
}

double StatementOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b,
                        int* shared) {
  return Overlap(Parse(a), Parse(b), shared);
}

EventStatements GroupStatements(const std::vector<ArticleStatementsRef>& articles,
                                const GroupOptions& options) {
  EventStatements out;
  struct Item {
    const Quote* q;
    std::size_t article;
  };
  std::vector<Item> items;
  for (std::size_t a = 0; a < articles.size(); ++a) {
    if (!articles[a].statements) continue;
    for (const Quote& q : articles[a].statements->quotes) items.push_back({&q, a});
  }
  // Statements: renderings of one speaker's words in different articles.
  UnionFind statement(items.size());
  auto translated = [&](std::size_t a, std::size_t b) {
    const ArticleStatementsRef &x = articles[a], &y = articles[b];
    return (!x.translation_of.empty() &&
            (x.translation_of == y.article || x.translation_of == y.translation_of)) ||
           (!y.translation_of.empty() && y.translation_of == x.article);
  };
  std::vector<Forms> forms;
  forms.reserve(items.size());
  for (const Item& it : items) forms.push_back(Parse(it.q->pivots));
  auto linked = [&](std::size_t i, std::size_t j, double threshold) {
    int shared = 0;
    const double overlap = Overlap(forms[i], forms[j], &shared);
    if (shared >= options.min_shared && overlap >= threshold) return true;
    return translated(items[i].article, items[j].article) &&
           shared >= options.translation_min_shared &&
           overlap >= std::min(threshold, options.translation_overlap);
  };
  // Only quotes sharing a form's first letters are compared (not all pairs of a big event).
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const auto& word : forms[i]) {
      for (const Form& f : word) {
        auto& list = by_key[f.head];
        if (list.empty() || list.back() != i) list.push_back(i);
      }
    }
  }
  // Per candidate, the words of quote i with a form under one of its keys: a pair needs
  // min_shared matching words (translation_min_shared between translations), so candidates
  // with fewer are not compared word by word. `stamp` marks a candidate as counted for the
  // current word.
  std::vector<std::size_t> word_hits(items.size(), 0), stamp(items.size(), 0);
  std::size_t word_serial = 0;
  // Words of quote j with a form under one of `keys` (sorted): the count from j's side.
  auto words_under = [&](std::size_t j, const std::vector<std::uint32_t>& keys) {
    std::size_t n = 0;
    for (const auto& word : forms[j]) {
      for (const Form& f : word) {
        if (std::binary_search(keys.begin(), keys.end(), f.head)) {
          ++n;
          break;
        }
      }
    }
    return n;
  };
  std::vector<std::uint32_t> keys_i;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::vector<std::size_t> candidates;
    keys_i.clear();
    for (const auto& word : forms[i]) {
      for (const Form& f : word) keys_i.push_back(f.head);
    }
    std::sort(keys_i.begin(), keys_i.end());
    for (const auto& word : forms[i]) {
      ++word_serial;
      for (const Form& f : word) {
        const std::vector<std::size_t>& list = by_key[f.head];
        if (list.size() > options.max_quotes_per_key) continue;
        for (std::size_t j : list) {
          if (j <= i || stamp[j] == word_serial) continue;
          stamp[j] = word_serial;
          if (word_hits[j]++ == 0) candidates.push_back(j);
        }
      }
    }
    for (std::size_t j : candidates) {
      const std::size_t hits = word_hits[j];
      word_hits[j] = 0;
      if (items[i].article == items[j].article) continue;
      if (statement.Find(i) == statement.Find(j)) continue;  // linked through others already
      const int needed = translated(items[i].article, items[j].article)
                             ? std::min(options.min_shared, options.translation_min_shared)
                             : options.min_shared;
      // Matching words are counted from both sides (a word repeated in one quote counts
      // twice there), so both sides' counts bound them.
      const auto enough = static_cast<std::size_t>(std::max(needed, 1));
      if (hits < enough && words_under(j, keys_i) < enough) continue;
      const Quote& x = *items[i].q;
      const Quote& y = *items[j].q;
      const bool known = !x.speaker_key.empty() && !y.speaker_key.empty();
      if (known && !SameSpeaker(x.speaker_key, y.speaker_key)) continue;
      if (linked(i, j, known ? options.link_overlap : options.unknown_speaker_overlap))
        statement.Join(i, j);
    }
  }
  // Speakers: statements whose known speakers are the same person.
  std::map<std::size_t, std::vector<std::size_t>> members;  // statement root -> items
  for (std::size_t i = 0; i < items.size(); ++i) members[statement.Find(i)].push_back(i);
  std::vector<std::size_t> roots;
  for (const auto& [root, list] : members) roots.push_back(root);
  std::map<std::size_t, const Quote*> named;  // statement root -> its best-named rendering
  for (const auto& [root, list] : members) {
    const Quote* best = nullptr;
    for (std::size_t i : list) {
      const Quote* q = items[i].q;
      if (q->speaker.empty()) continue;
      // A name beats a description; a longer name beats a shorter one.
      auto rank = [](const Quote* x) {
        return std::make_pair(!x->speaker_key.starts_with("d:"), x->speaker.size());
      };
      if (!best || rank(q) > rank(best)) best = q;
    }
    named[root] = best;
  }
  auto speaker_of = [&](std::size_t root) { return named[root]; };
  UnionFind speaker(roots.size());
  for (std::size_t a = 0; a < roots.size(); ++a) {
    const Quote* qa = speaker_of(roots[a]);
    for (std::size_t b = a + 1; qa && b < roots.size(); ++b) {
      const Quote* qb = speaker_of(roots[b]);
      if (qb && SameSpeaker(qa->speaker_key, qb->speaker_key)) speaker.Join(a, b);
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> by_speaker;  // speaker root -> statements
  for (std::size_t a = 0; a < roots.size(); ++a) by_speaker[speaker.Find(a)].push_back(a);
  struct Group {
    std::size_t renderings = 0, first = 0;
    bool known = false;
    std::vector<std::size_t> statements;
  };
  std::vector<Group> groups;
  for (const auto& [root, list] : by_speaker) {
    Group g;
    g.first = items.size();
    for (std::size_t a : list) {
      g.renderings += members[roots[a]].size();
      g.first = std::min(g.first, members[roots[a]].front());
      g.known |= speaker_of(roots[a]) != nullptr;
    }
    g.statements = list;
    std::sort(g.statements.begin(), g.statements.end(), [&](std::size_t x, std::size_t y) {
      return members[roots[x]].front() < members[roots[y]].front();
    });
    groups.push_back(std::move(g));
  }
  std::sort(groups.begin(), groups.end(), [](const Group& x, const Group& y) {
    if (x.known != y.known) return x.known;
    if (x.renderings != y.renderings) return x.renderings > y.renderings;
    return x.first < y.first;
  });
  for (const Group& g : groups) {
    // The group's fullest name stands for all its statements.
    const Quote* name = nullptr;
    for (std::size_t a : g.statements) {
      const Quote* q = speaker_of(roots[a]);
      if (q && (!name || q->speaker.size() > name->speaker.size())) name = q;
    }
    for (std::size_t a : g.statements) {
      EventQuote eq;
      if (name) {
        eq.speaker = name->speaker;
        eq.speaker_key = name->speaker_key;
      }
      for (std::size_t i : members[roots[a]]) {
        const ArticleStatementsRef& ref = articles[items[i].article];
        eq.renderings.push_back({ref.article,
                                 items[i].q->lang.empty() ? ref.lang : items[i].q->lang,
                                 items[i].q->text, items[i].q->speaker});
      }
      out.quotes.push_back(std::move(eq));
    }
  }

  // Claims, each followed by the denials that answer it.
  std::vector<EventClaim> all;
  for (const ArticleStatementsRef& ref : articles) {
    if (!ref.statements) continue;
    for (const Claim& c : ref.statements->claims) all.push_back({c, ref.article, -1});
  }
  std::vector<long> answers(all.size(), -1);
  std::vector<Forms> claim_forms;
  claim_forms.reserve(all.size());
  for (const EventClaim& c : all) claim_forms.push_back(Parse(c.claim.pivots));
  for (std::size_t d = 0; d < all.size(); ++d) {
    const Claim& denial = all[d].claim;
    if (denial.stance != Stance::kDenial) continue;
    double best = 0;
    for (std::size_t c = 0; c < all.size(); ++c) {
      const Claim& claim = all[c].claim;
      if (claim.stance == Stance::kDenial) continue;
      double score = 0;
      if (SameSpeaker(denial.actor_key, claim.target_key)) score += 2;
      if (SameSpeaker(denial.target_key, claim.actor_key)) score += 1;
      if (score == 0 && claim.stance != Stance::kAccusation) continue;  // cannot answer it
      const double overlap = Overlap(claim_forms[d], claim_forms[c], nullptr);
      if (score == 0 && (overlap < options.denial_overlap || claim.stance != Stance::kAccusation))
        continue;
      score += overlap;
      if (claim.stance == Stance::kAccusation) score += 0.5;
      if (all[c].article == all[d].article) score += 0.25;
      if (score > best) {
        best = score;
        answers[d] = static_cast<long>(c);
      }
    }
  }
  std::vector<long> position(all.size(), -1);
  auto place = [&](std::size_t k) {
    position[k] = static_cast<long>(out.claims.size());
    out.claims.push_back(all[k]);
  };
  for (std::size_t c = 0; c < all.size(); ++c) {
    if (answers[c] >= 0) continue;
    place(c);
    for (std::size_t d = 0; d < all.size(); ++d) {
      if (answers[d] == static_cast<long>(c)) {
        place(d);
        out.claims.back().replies_to = position[c];
      }
    }
  }
  for (std::size_t d = 0; d < all.size(); ++d) {
    if (position[d] < 0) place(d);  // answers a denial: cannot happen, kept for safety
  }
  return out;
}

// ---------------------------------------------------------------------------------------

struct StatementCollector::Impl {
  // Articles' statements in chunks that never move, so that the hook can fill different
  // articles on several threads at once; the mutex guards the list of chunks only.
  static constexpr std::size_t kChunk = 4096;
  using Chunk = std::array<std::optional<ArticleStatements>, kChunk>;
  QuoteOptions options;
  std::mutex mu;
  std::vector<std::unique_ptr<Chunk>> chunks;
  // Analyzers for the names of copies, lent to one thread at a time and kept from one batch
  // to the next (the batch's threads are new each time; an analyzer is costly to build and
  // its pivot cache warms up with use).
  std::mutex analyzers_mu;
  std::vector<std::unique_ptr<XlingAnalyzer>> analyzers;

  std::unique_ptr<XlingAnalyzer> LendAnalyzer() {
    {
      std::lock_guard<std::mutex> lock(analyzers_mu);
      if (!analyzers.empty()) {
        std::unique_ptr<XlingAnalyzer> x = std::move(analyzers.back());
        analyzers.pop_back();
        return x;
      }
    }
    return std::make_unique<XlingAnalyzer>(Lexicon::Default());
  }
  void ReturnAnalyzer(std::unique_ptr<XlingAnalyzer> x) {
    std::lock_guard<std::mutex> lock(analyzers_mu);
    analyzers.push_back(std::move(x));
  }

  // Article `index`'s slot; with `create`, made when missing (else nullptr).
  std::optional<ArticleStatements>* Slot(std::size_t index, bool create) {
    std::lock_guard<std::mutex> lock(mu);
    const std::size_t c = index / kChunk;
    if (c >= chunks.size()) {
      if (!create) return nullptr;
      while (chunks.size() <= c) chunks.push_back(std::make_unique<Chunk>());
    }
    return &(*chunks[c])[index % kChunk];
  }
};

StatementCollector::StatementCollector(QuoteOptions options) : impl_(new Impl) {
  impl_->options = options;
}
StatementCollector::~StatementCollector() = default;

std::function<void(std::size_t, const ProcessedArticle&, const std::vector<EntityMention>*)>
StatementCollector::Hook() {
  return [impl = impl_.get()](std::size_t index, const ProcessedArticle& p,
                              const std::vector<EntityMention>* entities) {
    std::vector<EntityMention> found;
    const std::vector<EntityMention>* names = entities;
    if (names == nullptr) {
      // A copy: its text may hold more (a longer version) than the article it copies. Its
      // names come from a lent analyzer (the lexicon is shared).
      std::unique_ptr<XlingAnalyzer> xling = impl->LendAnalyzer();
      xling->FindEntities(p.clean.text, p.analysis, &found);
      impl->ReturnAnalyzer(std::move(xling));
      names = &found;
    }
    *impl->Slot(index, true) = ExtractStatements(p.clean.text, p.analysis, *names, impl->options);
  };
}

const ArticleStatements* StatementCollector::At(std::size_t index) const {
  const std::optional<ArticleStatements>* slot = impl_->Slot(index, false);
  return slot && *slot ? &**slot : nullptr;
}

std::vector<EventStatements> StatementCollector::ByEvent(const MainJobResult& result,
                                                         const GroupOptions& options,
                                                         int threads) const {
  std::unordered_map<std::string_view, std::size_t> index_of;
  index_of.reserve(result.articles.size());
  for (std::size_t i = 0; i < result.articles.size(); ++i) {
    index_of.emplace(result.articles[i].id, i);
  }
  // Events are grouped independently: on all threads, each into its own slot, the largest
  // first (a few big events cost most of the time).
  std::vector<EventStatements> out(result.events.size());
  std::vector<std::size_t> by_size(result.events.size());
  std::iota(by_size.begin(), by_size.end(), 0);
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t x, std::size_t y) {
    return result.events[x].articles.size() > result.events[y].articles.size();
  });
  ParallelForEach(by_size.size(), ThreadCount(threads), [&](std::size_t k) {
    const std::size_t e = by_size[k];
    std::vector<ArticleStatementsRef> refs;
    for (const std::string& id : result.events[e].articles) {
      auto it = index_of.find(id);
      if (it == index_of.end()) continue;
      const ArticleStatements* s = At(it->second);
      if (s == nullptr || (s->quotes.empty() && s->claims.empty())) continue;
      const JobArticle& a = result.articles[it->second];
      refs.push_back({id, a.lang, s, a.relation == "translation" ? a.duplicate_of : ""});
    }
    out[e] = GroupStatements(refs, options);
  });
  return out;
}

}  // namespace newsweave
