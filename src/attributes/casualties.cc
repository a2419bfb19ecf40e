// The casualty reader (casualties.h). One pass over each sentence: every
// token is tried as the start of a count (ReadQuantity), and each count is
// tried, in this order, as the object of a casualty verb ("killing 15
// fighters"), the figure of a toll noun ("the death toll rose to 40") and
// the subject of a casualty verb or noun ("15 people were killed", "20
// dead"). Negations, "a/an" victims and "including" parts are read around
// their cue words. Every look-around is bounded, so a sentence costs a
// constant per token; phrase matches are computed once per token.
#include "attributes/casualties.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/word_hash.h"

namespace khaldun::attributes {
namespace {

using text::Token;
using text::TokenKind;

enum Kind : std::uint8_t {
  kNone = 0,
  kVerb,
  kIntransitive,
  kPersonVerb,
  kNoun,
  kToll,
  kCausative,
  kComplement,
  kAmong,
  kInclude,
  kNobody,
  kNo,
  kUnhurt,
  kCumulative,
};

enum Flag : std::uint16_t {
  kBe = 1,
  kPerfect = 2,
  kAux = 4,
  kTollLink = 8,
  kDeterminer = 16,
  kOthers = 32,
  kStop = 64,
  kPerson = 128,
  kCumulativeSubject = 256,
};

constexpr std::string_view kOutcomes[] = {"killed",   "injured",   "kidnapped",
                                          "arrested", "displaced", "casualties"};

struct KindName {
  std::string_view name;
  Kind kind;
};
constexpr KindName kKinds[] = {
    {"verb", kVerb},
    {"intransitive", kIntransitive},
    {"person_verb", kPersonVerb},
    {"noun", kNoun},
    {"toll", kToll},
    {"causative", kCausative},
    {"complement", kComplement},
    {"among", kAmong},
    {"include", kInclude},
    {"nobody", kNobody},
    {"no", kNo},
    {"unhurt", kUnhurt},
    {"cumulative", kCumulative},
};

struct FlagName {
  std::string_view name;
  std::uint16_t flag;
};
constexpr FlagName kFlags[] = {
    {"be", kBe | kAux},
    {"perfect", kPerfect | kAux},
    {"aux", kAux},
    {"toll_link", kTollLink},
    {"determiner", kDeterminer},
    {"others", kOthers},
    {"stop", kStop},
    {"person", kPerson},
    {"cumulative_subject", kCumulativeSubject},
};

// How far the reader looks from a count or a cue. Wide enough for wire
// copy ("the death toll from Tuesday's blast in the market rose to 40"),
// small enough that hostile input stays linear.
constexpr std::size_t kVerbLookBack = 5;    // tokens of a verb phrase before a count
constexpr std::size_t kTollLookBack = 12;   // from the count back to the toll noun
constexpr std::size_t kMaxVictim = 8;       // tokens of a victim noun phrase
constexpr std::size_t kMaxAux = 5;          // "had reportedly also been"
constexpr std::size_t kNegationWindow = 7;  // "no immediate reports of casualties"
constexpr std::size_t kParenthetical = 14;  // ", including six children,"
constexpr std::size_t kWordBuffer = 64;

bool IsVerbKind(Kind k) { return k == kVerb || k == kPersonVerb || k == kIntransitive; }

}  // namespace


namespace {

// What the reader knows of one word, found by its hash (KnownWords).
struct KnownWord {
  std::uint64_t hash = 0;       // LowerWordHash, 0 taken as 1 (as WordHashSet); 0: empty slot
  std::string_view flag_word;   // the flagged word, compared with the token; empty: no flags
  std::uint16_t flags = 0;      // Flag bits of flag_word
  bool phrase = false;          // some phrase starts with a word of this hash
};

// The first words of all phrases and every flagged word, by hash: a token
// not in it has neither a phrase nor a flag. One probe per token gives
// both, where a hash set, the phrase table's map and a map of flags keyed
// by the word (hashed again) were asked in turn.
class KnownWords {
 public:
  KnownWord& Insert(std::uint64_t hash) {
    if (hash == 0) hash = 1;
    if ((size_ + 1) * 4 > slots_.size()) Grow();
    return Place(hash);
  }
  const KnownWord* Find(std::uint64_t hash) const {
    if (hash == 0) hash = 1;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i].hash == hash) return &slots_[i];
      if (slots_[i].hash == 0) return nullptr;
    }
  }
  template <typename F>
  void ForEach(F f) {
    for (KnownWord& w : slots_) {
      if (w.hash != 0) f(w);
    }
  }

 private:
  KnownWord& Place(std::uint64_t hash) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i].hash == hash) return slots_[i];
      if (slots_[i].hash == 0) {
        slots_[i].hash = hash;
        ++size_;
        return slots_[i];
      }
    }
  }
  void Grow() {
    std::vector<KnownWord> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, KnownWord{});
    size_ = 0;
    for (const KnownWord& w : old) {
      if (w.hash != 0) Place(w.hash) = w;
    }
  }

  std::vector<KnownWord> slots_;  // a power of two; at most a quarter full
  std::size_t size_ = 0;
};

}  // namespace

struct CasualtyReader::Data {
  TsvFile file;
  NumberWords numbers;
  PhraseTable phrases;
  // Hashes of the first words of every phrase that names an outcome,
  // sorted. Every toll has one, so a sentence without any is skipped
  // whole: most sentences of an article.
  WordHashSet outcome_words;
  KnownWords known_words;
};

Result<CasualtyReader> CasualtyReader::Load(const DataFiles& files) {
  auto numbers = NumberWords::Load(files);
  if (!numbers.ok()) return numbers.status();
  auto file = ReadTsvFile(files, "attributes/casualty_words.tsv", 3, 3);
  if (!file.ok()) return file.status();
  auto data = std::make_shared<Data>(Data{std::move(*file), std::move(*numbers), {}, {}, {}});
  for (const TsvRow& row : data->file.rows) {
    const std::string_view kind = row.fields[0];
    const std::string_view outcome = row.fields[1];
    const std::string_view phrase = row.fields[2];
    auto bad = [&](std::string_view what) {
      return Status::Corruption(data->file.Where(row) + std::string(what));
    };
    if (phrase.empty()) return bad("empty phrase");
    for (char c : phrase) {
      if (c >= 'A' && c <= 'Z') return bad("phrases are lower case");
    }
    const auto* f = std::find_if(std::begin(kFlags), std::end(kFlags),
                                 [&](const FlagName& n) { return n.name == kind; });
    if (f != std::end(kFlags)) {
      if (outcome != "-") return bad("a word class has no outcome ('-')");
      if (phrase.find(' ') != std::string_view::npos) return bad("a word class holds single words");
      KnownWord& w = data->known_words.Insert(LowerWordHash(phrase));
      if (!w.flag_word.empty() && w.flag_word != phrase) return bad("word hash collision");
      w.flag_word = phrase;
      w.flags |= f->flag;
      continue;
    }
    const auto* k = std::find_if(std::begin(kKinds), std::end(kKinds),
                                 [&](const KindName& n) { return n.name == kind; });
    if (k == std::end(kKinds)) return bad("unknown kind");
    std::string_view label;
    if (outcome != "-") {
      const auto* o = std::find(std::begin(kOutcomes), std::end(kOutcomes), outcome);
      if (o == std::end(kOutcomes)) return bad("unknown outcome");
      label = *o;  // static storage: mentions outlive nothing
    }
    const bool needs_outcome =
        k->kind != kInclude && k->kind != kNobody && k->kind != kNo && k->kind != kCumulative;
    if (needs_outcome == label.empty()) {
      return bad(needs_outcome ? "this kind needs an outcome" : "this kind takes '-'");
    }
    data->phrases.Add(phrase, k->kind, label, 0, 0);
    if (!label.empty()) data->outcome_words.Insert(phrase.substr(0, phrase.find_first_of(" -")));
    data->known_words.Insert(LowerWordHash(phrase.substr(0, phrase.find_first_of(" -"))));
  }
  // Match finds nothing at a word no phrase starts with ("the", "were").
  data->known_words.ForEach([&](KnownWord& w) {
    w.phrase = data->phrases.HasFirst(w.hash) || (w.hash == 1 && data->phrases.HasFirst(0));
  });
  return CasualtyReader(std::move(data));
}

const NumberWords& CasualtyReader::numbers() const { return data_->numbers; }

namespace {

// Token classes for the tests the reader makes at every token, set once
// per token by Finder::Run.
enum TokenClass : std::uint8_t {
  kComma = 1,          // ","
  kArticleWord = 2,    // "a", "an", "another"
  kMayQuantity = 4,    // NumberWords::MayStart: a count may start here
  kBoundary = 8,       // '.', '!', '?' or ';' (Finder::Boundary)
  kLineBreakBefore = 16,
};

// What the reader knows of one token of the sentence.
struct Hit {
  const PhraseTable::Entry* entry = nullptr;  // the phrase starting here
  std::uint32_t end = 0;                      // one past its last token
  std::uint16_t flags = 0;                    // Flag bits of the word
  std::uint8_t classes = 0;                   // TokenClass bits
};

// The victim noun phrase after a count: [first, end) is the phrase up to
// its last head word; run_end is where the words stopped.
struct Victim {
  std::size_t first = 0;
  std::size_t end = 0;
  std::size_t run_end = 0;
  bool rejected = false;     // words follow the count, none a person: "15 trucks"
  bool person_head = false;  // the head is a person word ("soldiers", not "Hezbollah")
  bool others = false;
};

class Finder {
 public:
  Finder(const PhraseTable& phrases, const KnownWords& known_words, const NumberWords& numbers,
         const TokenWords& words, std::vector<CasualtyMention>& out)
      : phrases_(phrases),
        known_words_(known_words),
        numbers_(numbers),
        words_(words),
        text_(words.text),
        tokens_(words.tokens),
        out_(out) {}

  void Run() {
    const std::size_t n = tokens_.size();
    hits_.assign(n, Hit{});
    for (std::size_t i = 0; i < n; ++i) {
      Hit& hit = hits_[i];
      const std::string_view w = Lower(i);
      std::uint8_t classes = 0;
      if (w.size() == 1 && w[0] == ',') classes |= kComma;
      if (!w.empty() && w[0] == 'a' && (w == "a" || w == "an" || w == "another")) {
        classes |= kArticleWord;
      }
      if (numbers_.MayStart(words_, i)) classes |= kMayQuantity;
      if (Boundary(i)) classes |= kBoundary;
      if (LineBreakBefore(i)) classes |= kLineBreakBefore;
      hit.classes = classes;
      const KnownWord* known = known_words_.Find(words_.Hash(i));
      if (known == nullptr) continue;
      if (known->phrase) {
        std::size_t end = 0;
        hit.entry = phrases_.Match(words_, i, &end);
        hit.end = static_cast<std::uint32_t>(end);
      }
      if (!w.empty() && known->flag_word == w) hit.flags = known->flags;
    }
    std::size_t s = 0;
    while (s < n) {
      std::size_t e = s;
      while (e < n && !(hits_[e].classes & kBoundary) &&
             !(e > s && (hits_[e].classes & kLineBreakBefore))) {
        ++e;
      }
      Segment(s, e);
      s = (e < n && (hits_[e].classes & kBoundary)) ? e + 1 : e;
    }
  }

 private:
  struct Candidate {
    Quantity q;
    std::size_t cue = 0;
  };

  Kind KindAt(std::size_t i) const {
    return hits_[i].entry ? static_cast<Kind>(hits_[i].entry->kind) : kNone;
  }
  std::string_view Text(std::size_t i) const { return words_.Text(i); }
  // Token i lower-cased; empty for tokens longer than any listed word.
  std::string_view Lower(std::size_t i) const {
    const std::string_view w = words_.Lower(i);
    return w.size() > kWordBuffer ? std::string_view() : w;
  }
  bool Is(std::size_t i, std::string_view lower) const {
    return i < tokens_.size() && Lower(i) == lower;
  }
  // A line break before token i: headlines and list lines have no final
  // stop, and a count must not run into the next line.
  bool LineBreakBefore(std::size_t i) const {
    return i > 0 && tokens_[i].start > tokens_[i - 1].end && tokens_[i].start <= text_.size() &&
           text_.substr(tokens_[i - 1].end, tokens_[i].start - tokens_[i - 1].end).find('\n') !=
               std::string_view::npos;
  }
  bool Boundary(std::size_t i) const {
    if (tokens_[i].kind != TokenKind::kPunct) return false;
    const std::string_view t = Text(i);
    return !t.empty() && (t[0] == '.' || t[0] == '!' || t[0] == '?' || t[0] == ';');
  }
  bool IsQuote(std::size_t i) const {
    if (tokens_[i].kind != TokenKind::kPunct) return false;
    const std::string_view t = Text(i);
    // Straight and curly quotes, and guillemets (« », French-style wires).
    return t == "\"" || t == "\xE2\x80\x9C" || t == "\xE2\x80\x9D" || t == "'" ||
           t == "\xC2\xAB" || t == "\xC2\xBB";
  }
  std::optional<Quantity> QuantityAt(std::size_t i) const {
    if (i < hits_.size() && !(hits_[i].classes & kMayQuantity)) return std::nullopt;
    return ReadQuantity(numbers_, words_, i);
  }

  // Nouns whose "of" complement names the group the victims belong to
  // ("members of the US military"), unlike "passengers of a bus".
  bool IsMembershipHead(std::size_t k) const {
    for (std::string_view w : {"members", "member", "personnel", "staff", "employees",
                               "officers", "troops", "soldiers", "fighters", "supporters",
                               "officials", "servicemembers"}) {
      if (Is(k, w)) return true;
    }
    return false;
  }

  Victim ReadVictim(std::size_t j, std::size_t e) const {
    Victim v;
    std::size_t k = j;
    if (k < e && IsQuote(k)) ++k;   // killing "dozens" of attackers
    if (k < e && Is(k, "of")) ++k;  // dozens of militants, scores of them
    v.first = k;
    std::size_t words = 0;
    std::size_t head_end = 0;
    while (k < e && k - v.first < kMaxVictim) {
      const Token& t = tokens_[k];
      if (KindAt(k) != kNone) break;
      const std::uint16_t f = hits_[k].flags;
      if (t.kind == TokenKind::kWord) {
        if ((f & (kStop | kAux)) && !(f & (kPerson | kOthers))) break;
        if (f & kOthers) v.others = true;
        if ((f & (kPerson | kOthers)) || t.capitalized) {
          head_end = k + 1;
          v.person_head = (f & kPerson) != 0;
        }
        ++words;
        ++k;
      } else if (t.kind == TokenKind::kNumber && Is(k + 1, "-")) {
        ++k;  // "a 19-year-old man"
      } else if (Is(k, "-") && k > v.first && k + 1 < e && tokens_[k - 1].end == t.start &&
                 tokens_[k + 1].start == t.end) {
        ++k;  // "Iran-backed fighters"
      } else {
        break;
      }
    }
    // "seven members of the US military", "residents of the camp": the
    // head's complement says who they were.
    if (head_end == k && k + 1 < e && Is(k, "of") && KindAt(k) == kNone &&
        IsMembershipHead(k - 1) && (Is(k + 1, "the") || tokens_[k + 1].capitalized)) {
      std::size_t m = k + 1;
      if (Is(m, "the")) ++m;
      std::size_t complement_end = 0;
      while (m < e && m - v.first < 2 * kMaxVictim) {
        const Token& t = tokens_[m];
        if (KindAt(m) != kNone || t.kind != TokenKind::kWord) break;
        const std::uint16_t f = hits_[m].flags;
        if ((f & (kStop | kAux | kDeterminer)) && !(f & kPerson)) break;
        ++m;
        complement_end = m;
      }
      if (complement_end != 0) {
        head_end = complement_end;
        k = complement_end;
      }
    }
    v.run_end = k;
    if (head_end == 0) {
      v.end = v.first;
      v.rejected = words > 0;
      v.person_head = false;
    } else {
      v.end = head_end;
    }
    return v;
  }

  // The verb phrase of kind verb/person_verb/causative that ends right at
  // `p`, or npos.
  std::size_t VerbEndingAt(std::size_t p, std::size_t s) const {
    for (std::size_t st = p; st > s && p - st < kVerbLookBack;) {
      --st;
      const Kind k = KindAt(st);
      if (hits_[st].end == p && (k == kVerb || k == kPersonVerb || k == kCausative)) return st;
    }
    return std::string_view::npos;
  }

  // After an active verb: an object follows, so the count before the verb
  // was its agent ("five gunmen killed the driver").
  bool ObjectFollows(std::size_t k, std::size_t e) const {
    if (k >= e) return false;
    if (hits_[k].flags & (kDeterminer | kPerson)) return true;
    if (tokens_[k].kind == TokenKind::kWord && tokens_[k].capitalized) return true;
    return QuantityAt(k).has_value();
  }

  // A perfect tense with a war-like subject: "the conflict has killed".
  bool PerfectWithWarSubject(std::size_t verb, std::size_t s) const {
    std::size_t k = verb;
    bool perfect = false;
    while (k > s && verb - k < kMaxAux && (hits_[k - 1].flags & kAux)) {
      if (hits_[k - 1].flags & kPerfect) perfect = true;
      --k;
    }
    if (!perfect) return false;
    for (std::size_t m = k; m > s && k - m < 6; --m) {
      if (hits_[m - 1].flags & kCumulativeSubject) return true;
    }
    return false;
  }

  CasualtyMention& Emit(std::string_view outcome, const Quantity& q, std::size_t first,
                        std::size_t end, std::size_t outcome_token, std::string_view rule) {
    CasualtyMention m;
    m.outcome = outcome;
    m.count = q;
    m.first_token = static_cast<std::uint32_t>(first);
    m.end_token = static_cast<std::uint32_t>(end);
    m.start = tokens_[first].start;
    m.end = tokens_[end - 1].end;
    m.outcome_token = static_cast<std::uint32_t>(outcome_token);
    m.victim_first = m.victim_end = static_cast<std::uint32_t>(first);
    m.rule = rule;
    out_.push_back(m);
    return out_.back();
  }
  static void SetVictim(CasualtyMention& m, const Victim& v) {
    if (v.end > v.first) {
      m.victim_first = static_cast<std::uint32_t>(v.first);
      m.victim_end = static_cast<std::uint32_t>(v.end);
    }
    m.victim_is_others = m.victim_is_others || v.others;
  }
  static Quantity Zero(std::size_t first, std::size_t end) {
    Quantity q;
    q.first_token = static_cast<std::uint32_t>(first);
    q.end_token = static_cast<std::uint32_t>(end);
    return q;
  }
  static Quantity One(std::size_t first) {
    Quantity q = Zero(first, first + 1);
    q.best = q.low = q.high = 1;
    return q;
  }

  // "killing 15 ISIS fighters", "forced 5,000 people to flee".
  std::size_t Object(const Quantity& q, std::size_t s, std::size_t e) {
    std::size_t p = q.first_token;
    if (p > s && IsQuote(p - 1)) --p;
    const std::size_t verb = VerbEndingAt(p, s);
    if (verb == std::string_view::npos) return 0;
    const Victim v = ReadVictim(q.end_token, e);
    if (v.rejected) return 0;
    const Kind k = KindAt(verb);
    if (k == kPersonVerb && !v.person_head) return 0;
    std::size_t end = std::max<std::size_t>(v.end, q.end_token);
    std::string_view rule = "object";
    if (k == kCausative) {
      if (v.run_end >= e || KindAt(v.run_end) != kComplement) return 0;
      end = hits_[v.run_end].end;
      rule = "displace";
    }
    // "has killed 40,000 and displaced two million": a verb coordinated
    // with the previous one shares its tense and subject.
    const bool coordinated =
        verb > s && Is(verb - 1, "and") && out_.size() > first_out_ && out_.back().cumulative;
    CasualtyMention& m = Emit(hits_[verb].entry->label, q, verb, end, verb, rule);
    SetVictim(m, v);
    m.cumulative = coordinated || PerfectWithWarSubject(verb, s);
    std::size_t next = std::max<std::size_t>(end, v.run_end);
    if (rule != "object") return next;
    // "killing two Hezbollah fighters and a civilian", "killed three
    // soldiers, two police officers and a child": more objects of the verb.
    const std::string_view label = hits_[verb].entry->label;
    const bool cumulative = m.cumulative;
    for (int more = 0; more < 4 && next + 1 < e; ++more) {
      std::size_t at = next;
      if (Is(at, ",")) ++at;
      if (at < e && Is(at, "and")) ++at;
      if (at == next || at >= e) break;
      std::optional<Quantity> q2 = QuantityAt(at);
      if (!q2 && (Is(at, "a") || Is(at, "an"))) q2 = One(at);
      // "one of them seriously": a part of the toll, not more of it.
      if (!q2 || Is(q2->end_token, "of")) break;
      const Victim v2 = ReadVictim(q2->end_token, e);
      if (v2.rejected || !v2.person_head) break;
      CasualtyMention& m2 = Emit(label, *q2, at, v2.end, verb, rule);
      SetVictim(m2, v2);
      m2.cumulative = cumulative;
      next = v2.run_end;
    }
    return next;
  }

  // "the death toll rose to 40", "a toll of 40".
  std::size_t Toll(const Quantity& q, std::size_t s) {
    if (q.first_token <= s) return 0;
    const std::size_t p = q.first_token - 1;
    if (!(hits_[p].flags & kTollLink)) return 0;
    for (std::size_t st = p; st > s && p - st < kTollLookBack;) {
      --st;
      if (KindAt(st) == kToll && hits_[st].end <= p) {
        Emit(hits_[st].entry->label, q, st, q.end_token, st, "toll");
        return q.end_token;
      }
    }
    return 0;
  }

  // Skips be/perfect/aux words from `j`; sets *be when a form of "be" was
  // among them.
  std::size_t SkipAux(std::size_t j, std::size_t e, bool* be) const {
    std::size_t count = 0;
    while (j < e && count < kMaxAux && (hits_[j].flags & kAux) && KindAt(j) == kNone) {
      if (hits_[j].flags & kBe) *be = true;
      ++j;
      ++count;
    }
    return j;
  }

  // The verb or noun after a subject ending at `j`: emits and returns the
  // index after it, or 0.
  std::size_t Predicate(const Quantity& q, std::size_t first, std::size_t j, std::size_t e,
                        const Victim& v, bool others, bool need_be, std::string_view rule) {
    bool be = false;
    j = SkipAux(j, e, &be);
    if (j >= e) return 0;
    const Kind k = KindAt(j);
    bool subset = false;
    switch (k) {
      case kVerb:
      case kPersonVerb:
        if (k == kPersonVerb && (!v.person_head || !be)) return 0;
        if (need_be && !be) return 0;
        if (!be && ObjectFollows(hits_[j].end, e)) return 0;
        break;
      case kIntransitive:
        break;
      case kNoun:
        if (need_be) return 0;
        if (rule == "subject") rule = "noun";
        break;
      case kAmong:
        if (!be) return 0;
        subset = true;
        rule = "among";
        break;
      default:
        return 0;
    }
    CasualtyMention& m = Emit(hits_[j].entry->label, q, first, hits_[j].end, j, rule);
    SetVictim(m, v);
    m.victim_is_others = m.victim_is_others || others;
    m.subset = subset;
    m.cumulative = PerfectWithWarSubject(j, first);
    return hits_[j].end;
  }

  // "15 people were killed", "20 dead", "Two others were wounded".
  std::size_t Subject(const Quantity& q, std::size_t s, std::size_t e) {
    const bool another = q.first_token > s && Is(q.first_token - 1, "another");
    const std::size_t first = another ? q.first_token - 1 : q.first_token;
    const Victim v = ReadVictim(q.end_token, e);
    if (v.rejected) return 0;
    std::size_t j = v.run_end;
    // ", including six children," / ", among them five children,"
    if (j + 1 < e && Is(j, ",") && KindAt(j + 1) == kInclude) {
      std::size_t k = j + 2;
      while (k < e && k - j < kParenthetical && !Is(k, ",")) ++k;
      if (k >= e || !Is(k, ",")) return 0;
      j = k + 1;
    }
    return Predicate(q, first, j, e, v, another, /*need_be=*/false, "subject");
  }

  // "a soldier was killed", "another man was wounded", "killed a policeman".
  std::size_t Article(std::size_t i, std::size_t s, std::size_t e) {
    const Victim v = ReadVictim(i + 1, e);
    if (!v.person_head) return 0;
    const std::size_t verb = VerbEndingAt(i, s);
    if (verb != std::string_view::npos && KindAt(verb) != kCausative) {
      CasualtyMention& m = Emit(hits_[verb].entry->label, One(i), verb, v.end, verb, "object");
      SetVictim(m, v);
      m.victim_is_others = m.victim_is_others || Is(i, "another");
      return v.run_end;
    }
    return Predicate(One(i), i, v.run_end, e, v, Is(i, "another"), /*need_be=*/true, "article");
  }

  // Emits negated mentions for the verb at `j` and any verbs coordinated
  // with it ("injured or killed"); returns the index after the last.
  std::size_t NegatedVerbs(std::size_t first, std::size_t j, std::size_t e, const Victim* v) {
    std::size_t end = 0;
    while (j < e && (IsVerbKind(KindAt(j)) || KindAt(j) == kNoun)) {
      const std::size_t after = hits_[j].end;
      const std::string_view outcome = hits_[j].entry->label;
      if (outcome == "casualties") {
        for (std::string_view o : {kOutcomes[0], kOutcomes[1]}) {
          CasualtyMention& m = Emit(o, Zero(j, after), first, after, j, "negated");
          m.negated = true;
          if (v) SetVictim(m, *v);
        }
      } else {
        CasualtyMention& m = Emit(outcome, Zero(j, after), first, after, j, "negated");
        m.negated = true;
        if (v) SetVictim(m, *v);
      }
      end = after;
      if (after + 1 < e && (Is(after, "or") || Is(after, "and") || Is(after, ","))) {
        j = after + 1;
      } else {
        break;
      }
    }
    return end;
  }

  // "no one was hurt", "none of the crew were injured", "nobody died".
  std::size_t Nobody(std::size_t i, std::size_t e) {
    std::size_t j = hits_[i].end;
    if (Is(j, "of")) {
      const std::size_t limit = j + kMaxVictim;
      while (j < e && j < limit && !(hits_[j].flags & kAux)) ++j;
    }
    bool be = false;
    j = SkipAux(j, e, &be);
    if (j >= e || !IsVerbKind(KindAt(j))) return 0;
    return NegatedVerbs(i, j, e, nullptr);
  }

  // "no casualties", "no injuries were reported", "no civilians were
  // injured or killed", "without casualties".
  std::size_t No(std::size_t i, std::size_t e) {
    const std::size_t from = hits_[i].end;
    const Victim v = ReadVictim(from, e);
    for (std::size_t j = from; j < e && j - from < kNegationWindow; ++j) {
      if (Is(j, ",")) break;
      const Kind k = KindAt(j);
      if (k == kNoun) return NegatedVerbs(i, j, e, &v);
      if (IsVerbKind(k)) {
        bool be = false;
        for (std::size_t b = j; b > from && j - b < kMaxAux && (hits_[b - 1].flags & kAux); --b) {
          if (hits_[b - 1].flags & kBe) be = true;
        }
        if (!be && k != kIntransitive) return 0;
        return NegatedVerbs(i, j, e, v.person_head ? &v : nullptr);
      }
      if (k != kNone) return 0;
    }
    return 0;
  }

  void Segment(std::size_t s, std::size_t e) {
    const std::size_t first_out = out_.size();
    first_out_ = first_out;
    cues_.clear();
    candidates_.clear();
    // A cue inside a relative clause (", who have been deployed since
    // 2021,") dates that clause, not the toll.
    bool relative = false;
    for (std::size_t i = s; i < e; ++i) {
      const Kind k = KindAt(i);
      if (hits_[i].classes & kComma) {
        relative =
            Is(i + 1, "who") || Is(i + 1, "which") || Is(i + 1, "where") || Is(i + 1, "whose");
      }
      if (k == kCumulative && !relative) cues_.push_back(i);
      if (k == kInclude && hits_[i].end < e) {
        if (auto q = QuantityAt(hits_[i].end)) candidates_.push_back({*q, i});
      }
    }
    std::size_t i = s;
    while (i < e) {
      const Kind k = KindAt(i);
      std::size_t next = 0;
      if (k == kNobody) {
        next = Nobody(i, e);
      } else if (k == kNo) {
        next = No(i, e);
      } else if (k == kUnhurt) {
        CasualtyMention& m =
            Emit(hits_[i].entry->label, Zero(i, hits_[i].end), i, hits_[i].end, i, "negated");
        m.negated = true;
        next = hits_[i].end;
      } else if (k == kInclude) {
        // The part was read above; skip its count here.
        const auto q = hits_[i].end < e ? QuantityAt(hits_[i].end) : std::nullopt;
        next = q ? q->end_token : hits_[i].end;
      }
      if (next > i) {
        i = next;
        continue;
      }
      if (k != kNone && k != kCumulative) {
        // A cue word that read nothing ("no warning") is not a count.
        if (k != kVerb && k != kPersonVerb && k != kCausative) {
          i = std::max<std::size_t>(i + 1, hits_[i].end);
          continue;
        }
      }
      const std::optional<Quantity> q = QuantityAt(i);
      if (!q) {
        if (hits_[i].classes & kArticleWord) next = Article(i, s, e);
        i = next > i ? next : i + 1;
        continue;
      }
      if (q->end_token > e) {  // a range may not run past the sentence
        ++i;
        continue;
      }
      next = Object(*q, s, e);
      if (next == 0) next = Toll(*q, s);
      if (next == 0) next = Subject(*q, s, e);
      i = std::max<std::size_t>(next, q->end_token);
    }

    // Parts ("including five children") take the outcome of the nearest
    // whole figure of the sentence, before them if there is one.
    const std::size_t whole_end = out_.size();
    for (const Candidate& c : candidates_) {
      const CasualtyMention* best = nullptr;
      for (std::size_t m = first_out; m < whole_end; ++m) {
        const CasualtyMention& w = out_[m];
        if (w.negated || w.subset) continue;
        if (w.first_token < c.cue) {
          if (!best || best->first_token > c.cue || w.first_token > best->first_token) best = &w;
        } else if (!best || (best->first_token > c.cue && w.first_token < best->first_token)) {
          best = &w;
        }
      }
      if (!best) continue;
      const std::string_view outcome = best->outcome;
      const Victim v = ReadVictim(c.q.end_token, e);
      CasualtyMention& m = Emit(outcome, c.q, c.cue, std::max<std::size_t>(c.q.end_token, v.end),
                                c.cue, "including");
      m.subset = true;
      if (!v.rejected) SetVictim(m, v);
    }
    // A cue makes a toll a running total when it opens the sentence ("So
    // far this year, 30 were killed") or follows the toll in its clause
    // ("killed 40,000 since October"); not past a comma that closes the
    // toll's clause ("Eleven people were killed ..., one of the deadliest
    // attacks since the split").
    for (std::size_t m = first_out; m < out_.size(); ++m) {
      CasualtyMention& mention = out_[m];
      for (std::size_t cue : cues_) {
        bool comma = false;
        for (std::size_t t = mention.end_token; t < cue && !comma; ++t) comma = Is(t, ",");
        if (!comma) mention.cumulative = true;
      }
    }
    std::stable_sort(out_.begin() + static_cast<std::ptrdiff_t>(first_out), out_.end(),
                     [](const CasualtyMention& a, const CasualtyMention& b) {
                       return a.first_token < b.first_token;
                     });
  }

  const PhraseTable& phrases_;
  const KnownWords& known_words_;
  const NumberWords& numbers_;
  const TokenWords& words_;
  std::string_view text_;
  std::span<const Token> tokens_;
  std::vector<CasualtyMention>& out_;
  std::vector<Hit> hits_;
  std::vector<Candidate> candidates_;
  std::vector<std::size_t> cues_;  // cumulative cues of the segment
  std::size_t first_out_ = 0;  // the first mention of the current sentence
};

}  // namespace

std::vector<CasualtyMention> CasualtyReader::Find(std::string_view text,
                                                  std::span<const text::Token> tokens) const {
  const auto& words = data_->outcome_words;
  bool any = false;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kWord || t.end > text.size() || t.start >= t.end) continue;
    if (words.ContainsWord(text.substr(t.start, t.end - t.start))) {
      any = true;
      break;
    }
  }
  if (!any) return {};
  TokenWordsBuffer buffer;
  return Find(buffer.Make(text, tokens));
}

std::vector<CasualtyMention> CasualtyReader::Find(const TokenWords& words) const {
  std::vector<CasualtyMention> out;
  const std::string_view text = words.text;
  bool any = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& t = words.tokens[i];
    if (t.kind != TokenKind::kWord || t.end > text.size() || t.start >= t.end) continue;
    if (data_->outcome_words.Contains(words.Hash(i))) {
      any = true;
      break;
    }
  }
  if (!any) return out;
  Finder finder(data_->phrases, data_->known_words, data_->numbers, words, out);
  finder.Run();
  return out;
}

}  // namespace khaldun::attributes
