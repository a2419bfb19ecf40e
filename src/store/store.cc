// khaldun::Store: opening, storing coded articles, reading events back.
#include "khaldun/store.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <utility>

#include "common/data_files.h"
#include "common/text.h"
#include "store/schema.h"
#include "store/store_impl.h"

namespace khaldun {

using store::Int;
using store::Null;
using store::TextOrNull;
using store::Value;

namespace store {

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
  return buffer;
}

bool DayNumber(std::string_view date, std::int64_t* days) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  auto digits = [&](size_t from, size_t n, int* out) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      v = v * 10 + (date[i] - '0');
    }
    *out = v;
    return true;
  };
  int y, m, d;
  if (!digits(0, 4, &y) || !digits(5, 2, &m) || !digits(8, 2, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  // Days from civil date (proleptic Gregorian), after H. Hinnant's
  // public-domain algorithm.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy =
      (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *days = static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  return true;
}

}  // namespace store

namespace {

constexpr std::string_view kPutSavepoint = "SAVEPOINT khaldun_article";
constexpr std::size_t kMaxKnownActors = 200000;

// The outlet an article came from: its URL's host without "www.", else
// the input file's name.
std::string SourceOf(const Article& article) {
  std::string_view url = article.url;
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    std::string_view host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/:?#"));
    if (host.starts_with("www.")) host.remove_prefix(4);
    if (!host.empty()) return AsciiLowerCopy(host);
  }
  std::string_view file = article.source_file;
  if (size_t slash = file.rfind('/'); slash != std::string_view::npos)
    file.remove_prefix(slash + 1);
  return file.empty() ? std::string("unknown") : std::string(file);
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The day an event is filed under (StoredEvent::event_date).
std::pair<std::string, std::string> FiledDate(const Event& event, const Article& article) {
  const std::string& v = event.date.value;
  if (v.size() == 10) return {v, "event"};
  if (v.size() == 7) return {v + "-01", "event"};
  if (v.size() == 4) return {v + "-01-01", "event"};
  return {article.published, "published"};
}

std::string ActorId(const Actor& a) {
  std::string key =
      a.code + '\x1f' + a.name + '\x1f' + a.country + '\x1f' + a.role + '\x1f' + a.aligned_with;
  return Hex64(Hash64(key));
}

std::string SpansText(const std::vector<Span>& spans) {
  std::string out;
  for (const Span& s : spans) {
    if (!out.empty()) out += ';';
    out += std::to_string(s.start) + ':' + std::to_string(s.end) + ':' + s.role;
  }
  return out;
}

}  // namespace

namespace store {

std::vector<std::string> Split(std::string_view text, std::string_view separator) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t from = 0;
  while (true) {
    size_t at = text.find(separator, from);
    out.emplace_back(text.substr(from, at == std::string_view::npos ? text.npos : at - from));
    if (at == std::string_view::npos) break;
    from = at + separator.size();
  }
  return out;
}

std::vector<Span> ParseSpans(std::string_view text) {
  std::vector<Span> spans;
  for (const std::string& item : Split(text, ";")) {
    std::vector<std::string> parts = Split(item, ":");
    if (parts.size() != 3) continue;
    Span span;
    span.start = static_cast<std::uint32_t>(std::strtoul(parts[0].c_str(), nullptr, 10));
    span.end = static_cast<std::uint32_t>(std::strtoul(parts[1].c_str(), nullptr, 10));
    span.role = parts[2];
    spans.push_back(std::move(span));
  }
  return spans;
}

// FTS5 reads operators and punctuation in a query; each word is quoted so
// that any user text ("U.S.", "al-Shabaab") is a plain AND of words.
std::string Fts5Query(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i == start) break;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : text.substr(start, i - start)) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

Result<UnindexedRows> NextRows(Backend& db) {
  UnindexedRows next;
  if (db.dialect() != Dialect::kSqlite) return next;
  auto rows = db.Query(
      "SELECT (SELECT coalesce(max(seq), 0) + 1 FROM articles), "
      "(SELECT coalesce(max(seq), 0) + 1 FROM sentences)",
      {});
  if (!rows.ok()) return rows.status();
  next.article_from = AsInt((*rows)[0][0]);
  next.sentence_from = AsInt((*rows)[0][1]);
  return next;
}

Status IndexNewRows(Backend& db, const UnindexedRows& from) {
  if (db.dialect() != Dialect::kSqlite) return Status::Ok();
  // One statement per table: FTS5 gathers the whole batch's terms in
  // memory and writes them as one segment.
  Value articles[] = {Int(from.article_from)};
  if (Status s =
          db.Run("INSERT INTO articles_fts (rowid, headline, text) SELECT seq, headline, text FROM "
                 "articles WHERE seq >= $1 ORDER BY seq",
                 articles);
      !s.ok()) {
    return s;
  }
  Value sentences[] = {Int(from.sentence_from)};
  if (Status s = db.Run(
          "INSERT INTO sentences_fts (rowid, text) SELECT seq, text FROM sentences WHERE seq >= $1 "
          "ORDER BY seq",
          sentences);
      !s.ok()) {
    return s;
  }
  return Status::Ok();
}

}  // namespace store

std::string PageHash(const Article& article) {
  std::uint64_t h = Hash64(article.url);
  h = Hash64(article.headline, h);
  h = Hash64(article.published, h);
  return Hex64(Hash64(article.text, h));
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Store::~Store() {
  if (impl_ && impl_->in_batch) (void)Flush();
}

int Store::LatestSchemaVersion() {
  return store::Migrations(store::Dialect::kSqlite).back().version;
}

Result<std::unique_ptr<Store>> Store::Open(std::string_view url, const StoreOptions& options) {
  std::string u(url);
  Result<std::unique_ptr<store::Backend>> db = Status::Internal("unset");
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    db = store::OpenPostgres(u);
  } else if (u.find("://") != std::string::npos) {
    return Status::InvalidArgument(
        u + ": unknown database URL (a file path, sqlite:PATH or postgresql://...)");
  } else {
    db = store::OpenSqlite(u, options.busy_timeout_ms, options.wal_autocheckpoint_pages,
                           options.cache_mib);
  }
  if (!db.ok()) return db.status();
  auto splitter = text::SentenceSplitter::Load(DataFiles::Default());
  if (!splitter.ok()) return splitter.status();
  auto impl = std::make_unique<Impl>(std::move(*db), options, std::move(*splitter));
  if (impl->options.batch_articles == 0) impl->options.batch_articles = 1;
  std::unique_ptr<Store> result(new Store(std::move(impl)));
  if (Status s = result->Migrate(); !s.ok()) return s;
  if (options.query_timeout_ms > 0) {
    if (Status s = result->impl_->db->SetStatementTimeout(options.query_timeout_ms); !s.ok()) {
      return s;
    }
  }
  return result;
}

std::string_view Store::backend() const {
  return impl_->db->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql";
}

Status Store::Migrate() {
  if (Status s = Flush(); !s.ok()) return s;
  return store::ApplyMigrations(*impl_->db);
}

Result<int> Store::SchemaVersion() { return store::CurrentVersion(*impl_->db); }

std::int64_t Store::committed_articles() const { return impl_->committed; }

Result<bool> Store::Contains(const Article& article) {
  Value params[] = {article.id};
  auto rows = impl_->db->Query("SELECT page_hash FROM articles WHERE id = $1", params);
  if (!rows.ok()) return rows.status();
  return !rows->empty() && store::AsText((*rows)[0][0]) == PageHash(article);
}

Status Store::BeginBatch() {
  store::Backend& db = *impl_->db;
  if (Status s = db.Begin(); !s.ok()) return s;
  auto next = store::NextRows(db);
  if (!next.ok()) {
    (void)db.ExecScript("ROLLBACK");
    return next.status();
  }
  impl_->unindexed = *next;
  impl_->in_batch = true;
  return Status::Ok();
}

Result<PutOutcome> Store::Put(const CodedArticle& coded) { return PutOne(coded, nullptr); }

Result<PutOutcome> Store::Put(CodedArticle&& coded) { return PutOne(coded, &coded); }

Result<PutOutcome> Store::PutOne(const CodedArticle& coded, CodedArticle* owned) {
  store::Backend& db = *impl_->db;
  if (coded.article.id.empty())
    return Status::InvalidArgument(db.url() + ": article without an id");
  if (!impl_->in_batch) {
    if (Status s = BeginBatch(); !s.ok()) return s;
  }
  // PostgreSQL writes each article under a savepoint, so a conflict with
  // another writer costs only that article (RunInputs retries it). SQLite
  // has one writer; there a savepoint copied every page the batch had
  // already changed into a sub-journal, a seventh of storing time, so a
  // failed article rolls the whole batch back and its earlier articles
  // are put again (RedoBatch).
  const bool savepoint = db.dialect() != store::Dialect::kSqlite;
  if (savepoint) {
    if (Status s = db.ExecScript(kPutSavepoint); !s.ok()) return s;
  }
  const store::UnindexedRows unindexed_before = impl_->unindexed;
  impl_->article_actors.clear();
  Result<PutOutcome> outcome = PutRows(coded);
  if (outcome.ok() && savepoint) {
    if (Status s = db.ExecScript("RELEASE SAVEPOINT khaldun_article"); !s.ok()) outcome = s;
  }
  if (!outcome.ok()) {
    if (!savepoint) return RedoBatch(outcome.status());
    // Only this article's rows go; the batch's earlier articles stay, with
    // the full-text indexes as they were when it began.
    (void)db.ExecScript("ROLLBACK TO SAVEPOINT khaldun_article");
    (void)db.ExecScript("RELEASE SAVEPOINT khaldun_article");
    impl_->unindexed = unindexed_before;
    return outcome;
  }
  if (*outcome == PutOutcome::kUnchanged) return outcome;
  for (std::string& id : impl_->article_actors) impl_->batch_actors.insert(std::move(id));
  if (!savepoint) {
    if (owned) {
      impl_->batch.push_back(std::move(*owned));
    } else {
      impl_->batch.push_back(coded);
    }
  }
  ++impl_->pending_written;
  if (++impl_->batch_articles >= impl_->options.batch_articles) {
    if (Status s = Flush(); !s.ok()) return s;
  }
  return outcome;
}

// The batch's follow marks (MarkFile, MarkItem) are not put again: their
// files and items are read again by the next scan or restart, which finds
// the articles stored and skips them, so nothing is lost either way.
Status Store::RedoBatch(Status failed) {
  std::vector<CodedArticle> earlier = std::move(impl_->batch);
  impl_->batch.clear();
  (void)impl_->db->ExecScript("ROLLBACK");
  impl_->in_batch = false;
  impl_->batch_articles = 0;
  impl_->pending_written = 0;
  impl_->batch_actors.clear();
  for (CodedArticle& coded : earlier) {
    auto again = Put(std::move(coded));
    if (!again.ok()) {
      return Status(failed.code(), failed.message() +
                                       "; putting the batch's earlier articles again failed: " +
                                       again.status().message());
    }
  }
  return failed;
}

Result<PutOutcome> Store::PutRows(const CodedArticle& coded) {
  store::Backend& db = *impl_->db;
  const Article& article = coded.article;
  const std::string page_hash = PageHash(article);
  PutOutcome outcome = PutOutcome::kAdded;
  {
    Value params[] = {article.id};
    auto rows = db.Query("SELECT page_hash FROM articles WHERE id = $1", params);
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) {
      if (store::AsText((*rows)[0][0]) == page_hash) return PutOutcome::kUnchanged;
      outcome = PutOutcome::kReplaced;
      // Events merged into this article's events become their own again;
      // the next merge run regroups them.
      if (Status s = db.Run("UPDATE events SET merged_into = NULL WHERE merged_into IN "
                            "(SELECT id FROM events WHERE article_id = $1)",
                            params);
          !s.ok()) {
        return s;
      }
      // The delete triggers take the old rows out of the full-text
      // indexes, so every row must be in them first.
      if (Status s = store::IndexNewRows(db, impl_->unindexed); !s.ok()) return s;
      if (Status s = db.Run("DELETE FROM articles WHERE id = $1", params); !s.ok()) return s;
      auto next = store::NextRows(db);
      if (!next.ok()) return next.status();
      impl_->unindexed = *next;
    }
  }

  // The coder's sentences; an article coded elsewhere is split here.
  std::vector<CodedArticle::TextRange> split_here;
  if (coded.sentences.empty() && !article.text.empty()) {
    for (const text::Sentence& s : impl_->splitter.Split(article.text).sentences) {
      split_here.push_back({s.start, s.end});
    }
  }
  const std::vector<CodedArticle::TextRange>& sentences =
      coded.sentences.empty() ? split_here : coded.sentences;
  // Event ids are unique by construction (article, sentence, trigger
  // offset, rule); a repeat would still make the whole article fail, so it
  // gets a suffix instead.
  std::vector<std::string> event_ids;
  {
    std::set<std::string> seen;
    for (const Event& e : coded.events) {
      std::string id = e.id.empty() ? article.id + "-e" : e.id;
      std::string unique = id;
      for (int n = 2; !seen.insert(unique).second; ++n) unique = id + "-" + std::to_string(n);
      event_ids.push_back(unique);
    }
  }
  const std::string now = store::UtcNow();
  {
    Value params[] = {article.id,
                      page_hash,
                      store::TextViewOrNull(article.url),
                      SourceOf(article),
                      store::TextViewOrNull(article.source_file),
                      Int(static_cast<std::int64_t>(article.record)),
                      store::TextViewOrNull(article.section),
                      store::TextViewOrNull(article.headline),
                      store::TextViewOrNull(article.standfirst),
                      TextOrNull(Join(article.byline, "; ")),
                      store::TextViewOrNull(article.published),
                      store::TextViewOrNull(article.dateline),
                      store::TextViewOrNull(article.language),
                      store::TextView(article.text),
                      Int(static_cast<std::int64_t>(sentences.size())),
                      Int(static_cast<std::int64_t>(coded.events.size())),
                      Int(static_cast<std::int64_t>(coded.quotes.size())),
                      now};
    if (Status s = db.Run(
            "INSERT INTO articles (id, page_hash, url, source, source_file, record, section, "
            "headline, standfirst, byline, published, dateline, language, text, sentence_count, "
            "event_count, quote_count, stored_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
            "$10, $11, $12, $13, $14, $15, $16, $17, $18)",
            params);
        !s.ok()) {
      return s;
    }
  }
  for (size_t i = 0; i < sentences.size(); ++i) {
    const std::uint32_t size = static_cast<std::uint32_t>(article.text.size());
    const std::uint32_t end = std::min(sentences[i].end, size);
    const std::uint32_t start = std::min(sentences[i].start, end);
    Value params[] = {store::TextView(article.id), Int(static_cast<std::int64_t>(i)), Int(start),
                      Int(end),
                      store::TextView(std::string_view(article.text).substr(start, end - start))};
    if (Status st = db.Run("INSERT INTO sentences (article_id, idx, start_byte, end_byte, text) "
                           "VALUES ($1, $2, $3, $4, $5)",
                           params);
        !st.ok()) {
      return st;
    }
  }
  for (size_t n = 0; n < coded.events.size(); ++n) {
    const Event& e = coded.events[n];
    const std::string& id = event_ids[n];
    auto [event_date, basis] = FiledDate(e, article);
    const std::int64_t killed = CasualtyTotal(e, "killed");
    const std::int64_t injured = CasualtyTotal(e, "injured");
    const EventDate& d = e.date;
    const EventLocation& l = e.location;
    bool has_date = !d.value.empty();
    bool has_place = !l.country.empty() || !l.place.empty() || l.has_coordinates;
    std::uint32_t sentence_end =
        std::min<std::uint32_t>(e.sentence.end, static_cast<std::uint32_t>(article.text.size()));
    std::uint32_t sentence_start = std::min(e.sentence.start, sentence_end);
    std::string_view sentence =
        std::string_view(article.text).substr(sentence_start, sentence_end - sentence_start);
    Value params[] = {id,
                      article.id,
                      Int(static_cast<std::int64_t>(n)),
                      e.type,
                      store::TextViewOrNull(e.cameo),
                      store::TextViewOrNull(e.mode),
                      e.factuality,
                      store::TextViewOrNull(e.factuality_cue),
                      TextOrNull(Join(e.reported_by, "; ")),
                      TextOrNull(event_date),
                      basis,
                      store::TextViewOrNull(d.value),
                      store::TextViewOrNull(d.precision),
                      store::TextViewOrNull(d.text),
                      store::TextViewOrNull(d.rule),
                      has_date ? Int(d.start) : Null(),
                      has_date ? Int(d.end) : Null(),
                      store::TextViewOrNull(l.country),
                      store::TextViewOrNull(l.admin1),
                      store::TextViewOrNull(l.admin1_code),
                      store::TextViewOrNull(l.place),
                      l.has_coordinates ? Value(l.lat) : Null(),
                      l.has_coordinates ? Value(l.lon) : Null(),
                      store::TextViewOrNull(l.precision),
                      store::TextViewOrNull(l.rule),
                      has_place ? Int(l.start) : Null(),
                      has_place ? Int(l.end) : Null(),
                      Int(killed),
                      Int(injured),
                      Int(e.sentence.index),
                      Int(sentence_start),
                      Int(sentence_end),
                      store::TextViewOrNull(e.rule),
                      store::TextViewOrNull(e.trigger),
                      TextOrNull(SpansText(e.spans)),
                      Value(e.confidence)};
    if (Status s = db.Run(
            "INSERT INTO events (id, article_id, position, type, cameo, mode, factuality, "
            "factuality_cue, reported_by, event_date, date_basis, date_value, date_precision, "
            "date_text, date_rule, date_start, date_end, country, admin1, admin1_code, place, lat, "
            "lon, location_precision, location_rule, location_start, location_end, killed, "
            "injured, sentence_index, sentence_start, sentence_end, rule, trigger_text, spans, "
            "confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
            "$15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, "
            "$32, $33, $34, $35, $36)",
            params);
        !s.ok()) {
      return s;
    }
    for (int side = 0; side < 2; ++side) {
      const std::vector<Actor>& actors = side == 0 ? e.source : e.target;
      for (size_t p = 0; p < actors.size(); ++p) {
        const Actor& a = actors[p];
        std::string actor_id = ActorId(a);
        if (!impl_->committed_actors.contains(actor_id) &&
            !impl_->batch_actors.contains(actor_id) &&
            std::find(impl_->article_actors.begin(), impl_->article_actors.end(), actor_id) ==
                impl_->article_actors.end()) {
          Value actor_params[] = {actor_id,
                                  store::TextViewOrNull(a.code),
                                  store::TextViewOrNull(a.name),
                                  store::TextViewOrNull(a.country),
                                  store::TextViewOrNull(a.role),
                                  store::TextViewOrNull(a.aligned_with)};
          if (Status s = db.Run(
                  "INSERT INTO actors (id, code, name, country, role, aligned_with) VALUES ($1, "
                  "$2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
                  actor_params);
              !s.ok()) {
            return s;
          }
          impl_->article_actors.push_back(actor_id);
        }
        Value link[] = {id,
                        std::string(side == 0 ? "source" : "target"),
                        Int(static_cast<std::int64_t>(p)),
                        actor_id,
                        store::TextViewOrNull(a.text),
                        Int(a.start),
                        Int(a.end),
                        store::TextViewOrNull(a.entry),
                        Int(a.resolved ? 1 : 0),
                        Int(a.country_inferred ? 1 : 0)};
        if (Status s = db.Run(
                "INSERT INTO event_actors (event_id, side, position, actor_id, text, start_byte, "
                "end_byte, entry, resolved, country_inferred) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                "$8, $9, $10)",
                link);
            !s.ok()) {
          return s;
        }
      }
    }
    for (size_t p = 0; p < e.casualties.size(); ++p) {
      const CasualtyCount& c = e.casualties[p];
      Value cp[] = {id,
                    Int(static_cast<std::int64_t>(p)),
                    c.outcome,
                    Int(c.best),
                    Int(c.low),
                    Int(c.high),
                    store::TextViewOrNull(c.qualifier),
                    c.has_victim ? store::TextViewOrNull(c.victim.text) : Null(),
                    c.has_victim ? store::TextViewOrNull(c.victim.code) : Null(),
                    c.has_victim ? store::TextViewOrNull(c.victim.country) : Null(),
                    c.has_victim ? store::TextViewOrNull(c.victim.role) : Null(),
                    store::TextViewOrNull(c.text),
                    Int(c.start),
                    Int(c.end),
                    store::TextViewOrNull(c.rule)};
      if (Status s = db.Run(
              "INSERT INTO casualties (event_id, position, outcome, best, low, high, qualifier, "
              "victim_text, victim_code, victim_country, victim_role, text, start_byte, end_byte, "
              "rule) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
              cp);
          !s.ok()) {
        return s;
      }
    }
    Value ev[] = {id,
                  article.id,
                  Int(e.sentence.index),
                  Int(sentence_start),
                  Int(sentence_end),
                  store::TextView(sentence),
                  store::TextViewOrNull(e.rule),
                  store::TextViewOrNull(e.trigger)};
    if (Status s = db.Run(
            "INSERT INTO evidence (event_id, article_id, sentence_index, start_byte, end_byte, "
            "sentence, rule, trigger_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            ev);
        !s.ok()) {
      return s;
    }
  }
  for (size_t p = 0; p < coded.quotes.size(); ++p) {
    const QuoteRecord& q = coded.quotes[p];
    Value qp[] = {article.id,
                  Int(static_cast<std::int64_t>(p)),
                  store::TextViewOrNull(q.speaker),
                  store::TextViewOrNull(q.speaker_role),
                  q.text,
                  Int(q.sentence_index),
                  Int(q.start),
                  Int(q.end)};
    if (Status s =
            db.Run("INSERT INTO quotes (article_id, position, speaker, speaker_role, text, "
                   "sentence_index, start_byte, end_byte) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   qp);
        !s.ok()) {
      return s;
    }
  }
  return outcome;
}

Status Store::Flush() {
  if (!impl_->in_batch) return Status::Ok();
  impl_->in_batch = false;
  impl_->batch_articles = 0;
  impl_->batch.clear();
  std::unordered_set<std::string> batch_actors = std::move(impl_->batch_actors);
  impl_->batch_actors.clear();
  std::int64_t written = impl_->pending_written;
  impl_->pending_written = 0;
  Status s = store::IndexNewRows(*impl_->db, impl_->unindexed);
  if (s.ok()) s = impl_->db->ExecScript("COMMIT");
  if (s.ok()) {
    // Bounded: a store of very many distinct actors only probes more.
    if (impl_->committed_actors.size() + batch_actors.size() > kMaxKnownActors) {
      impl_->committed_actors.clear();
    }
    impl_->committed_actors.merge(batch_actors);
  }
  if (!s.ok()) {
    (void)impl_->db->ExecScript("ROLLBACK");
    return Status(s.code(), s.message() + " (" + std::to_string(written) +
                                " articles of the last batch not stored)");
  }
  impl_->committed += written;
  return Status::Ok();
}

Status Store::Checkpoint() {
  if (impl_->db->dialect() != store::Dialect::kSqlite) return Status::Ok();
  // PRAGMA wal_checkpoint answers with a row (busy, log pages, pages
  // copied); a busy answer is normal while the writer works.
  return impl_->db->Query("PRAGMA wal_checkpoint(PASSIVE)", {}).status();
}

Result<StoreCounts> Store::Counts() {
  if (Status s = Flush(); !s.ok()) return s;
  StoreCounts counts;
  const std::pair<const char*, std::int64_t*> queries[] = {
      {"SELECT count(*) FROM articles", &counts.articles},
      {"SELECT count(*) FROM sentences", &counts.sentences},
      {"SELECT count(*) FROM events", &counts.events},
      {"SELECT count(*) FROM events WHERE merged_into IS NULL", &counts.merged_events},
      {"SELECT count(*) FROM actors", &counts.actors},
      {"SELECT count(*) FROM event_actors", &counts.event_actors},
      {"SELECT count(*) FROM evidence", &counts.evidence},
      {"SELECT count(*) FROM casualties", &counts.casualties},
      {"SELECT count(*) FROM quotes", &counts.quotes},
      {"SELECT count(*) FROM merges", &counts.merges},
  };
  for (const auto& [sql, out] : queries) {
    auto rows = impl_->db->Query(sql, {});
    if (!rows.ok()) return rows.status();
    *out = store::AsInt((*rows)[0][0]);
  }
  return counts;
}

Status Store::Check() {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  if (Status s = db.EngineCheck(); !s.ok()) return s;
  if (db.dialect() == store::Dialect::kSqlite) {
    for (const char* table : {"articles", "sentences"}) {
      const std::string fts = std::string(table) + "_fts";
      std::string sql = "INSERT INTO " + fts + " (" + fts + ") VALUES ('integrity-check')";
      if (Status s = db.Run(sql, {}); !s.ok()) {
        return Status::Corruption(db.url() + ": full-text index " + fts + ": " + s.message());
      }
      // FTS5's own check does not compare an external-content index with
      // its table; its docsize table has one row per indexed row, so each
      // row must have one there and no other (rows are indexed by batch).
      auto rows = db.Query(std::string("SELECT (SELECT count(*) FROM ") + table +
                               " t WHERE NOT EXISTS (SELECT 1 FROM " + fts +
                               "_docsize d WHERE d.id = t.seq)), (SELECT count(*) FROM " + fts +
                               "_docsize d WHERE NOT EXISTS (SELECT 1 FROM " + table +
                               " t WHERE t.seq = d.id))",
                           {});
      if (!rows.ok()) return rows.status();
      const std::int64_t missing = store::AsInt((*rows)[0][0]);
      const std::int64_t stale = store::AsInt((*rows)[0][1]);
      if (missing > 0 || stale > 0) {
        return Status::Corruption(db.url() + ": full-text index " + fts + ": " +
                                  std::to_string(missing) + " " + table + " not indexed, " +
                                  std::to_string(stale) + " indexed rows gone");
      }
    }
  }
  auto rows = db.Query(
      "SELECT a.id FROM articles a WHERE "
      "a.sentence_count <> (SELECT count(*) FROM sentences s WHERE s.article_id = a.id) OR "
      "a.event_count <> (SELECT count(*) FROM events e WHERE e.article_id = a.id) OR "
      "a.event_count <> (SELECT count(*) FROM evidence v WHERE v.article_id = a.id) OR "
      "a.quote_count <> (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) LIMIT 5",
      {});
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) {
    return Status::Corruption(db.url() + ": article " + store::AsText((*rows)[0][0]) +
                              " is stored incompletely (its row counts differ from its children)");
  }
  auto dangling = db.Query(
      "SELECT e.id FROM events e WHERE e.merged_into IS NOT NULL AND NOT EXISTS "
      "(SELECT 1 FROM events c WHERE c.id = e.merged_into) LIMIT 1",
      {});
  if (!dangling.ok()) return dangling.status();
  if (!dangling->empty()) {
    return Status::Corruption(db.url() + ": event " + store::AsText((*dangling)[0][0]) +
                              " is merged into a missing event");
  }
  return Status::Ok();
}

Result<std::vector<StoredEvent>> Store::Events(const EventFilter& filter) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  std::string sql =
      "SELECT e.id, e.article_id, e.type, e.cameo, e.mode, e.factuality, e.factuality_cue, "
      "e.reported_by, e.event_date, e.date_basis, e.date_value, e.date_precision, e.date_text, "
      "e.date_rule, e.date_start, e.date_end, e.country, e.admin1, e.admin1_code, e.place, e.lat, "
      "e.lon, e.location_precision, e.location_rule, e.location_start, e.location_end, "
      "e.sentence_index, e.sentence_start, e.sentence_end, e.rule, e.trigger_text, e.spans, "
      "e.confidence, e.merged_into, e.report_count, e.article_count, e.source_count, a.url, "
      "a.source, a.published, a.headline, a.language, a.stored_at, v.sentence "
      "FROM events e JOIN articles a ON a.id = e.article_id "
      "JOIN evidence v ON v.event_id = e.id WHERE 1 = 1";
  std::vector<Value> params;
  store::AppendFilter(filter, db.dialect(), &sql, &params);
  sql += store::OrderBy(filter);
  if (filter.limit > 0) sql += " LIMIT " + std::to_string(filter.limit);
  auto rows = db.Query(sql, params);
  if (!rows.ok()) return rows.status();

  using store::AsDouble;
  using store::AsInt;
  using store::AsText;
  std::vector<StoredEvent> events;
  events.reserve(rows->size());
  std::map<std::string, size_t> index_of;
  for (const store::Row& r : *rows) {
    StoredEvent s;
    Event& e = s.event;
    e.id = AsText(r[0]);
    s.article_id = AsText(r[1]);
    e.type = AsText(r[2]);
    e.cameo = AsText(r[3]);
    e.mode = AsText(r[4]);
    e.factuality = AsText(r[5]);
    e.factuality_cue = AsText(r[6]);
    e.reported_by = store::Split(AsText(r[7]), "; ");
    s.event_date = AsText(r[8]);
    s.date_basis = AsText(r[9]);
    e.date.value = AsText(r[10]);
    e.date.precision = AsText(r[11]);
    e.date.text = AsText(r[12]);
    e.date.rule = AsText(r[13]);
    e.date.start = static_cast<std::uint32_t>(AsInt(r[14]));
    e.date.end = static_cast<std::uint32_t>(AsInt(r[15]));
    e.location.country = AsText(r[16]);
    e.location.admin1 = AsText(r[17]);
    e.location.admin1_code = AsText(r[18]);
    e.location.place = AsText(r[19]);
    e.location.has_coordinates = !store::IsNull(r[20]);
    e.location.lat = AsDouble(r[20]);
    e.location.lon = AsDouble(r[21]);
    e.location.precision = AsText(r[22]);
    e.location.rule = AsText(r[23]);
    e.location.start = static_cast<std::uint32_t>(AsInt(r[24]));
    e.location.end = static_cast<std::uint32_t>(AsInt(r[25]));
    e.sentence.index = static_cast<std::uint32_t>(AsInt(r[26]));
    e.sentence.start = static_cast<std::uint32_t>(AsInt(r[27]));
    e.sentence.end = static_cast<std::uint32_t>(AsInt(r[28]));
    e.rule = AsText(r[29]);
    e.trigger = AsText(r[30]);
    e.spans = store::ParseSpans(AsText(r[31]));
    e.confidence = AsDouble(r[32]);
    s.merged_into = AsText(r[33]);
    s.report_count = AsInt(r[34]);
    s.article_count = AsInt(r[35]);
    s.source_count = AsInt(r[36]);
    s.url = AsText(r[37]);
    s.source = AsText(r[38]);
    s.published = AsText(r[39]);
    s.headline = AsText(r[40]);
    s.language = AsText(r[41]);
    s.stored_at = AsText(r[42]);
    s.sentence_text = AsText(r[43]);
    index_of[e.id] = events.size();
    events.push_back(std::move(s));
  }

  // Actors, casualties and the sources of merged reports, fetched for a
  // fixed-size chunk of event ids at a time so one prepared statement
  // serves every chunk (unused slots hold an id no event has).
  constexpr size_t kChunk = 128;
  auto in_list = [](size_t first) {
    std::string list = "(";
    for (size_t i = 0; i < kChunk; ++i) {
      if (i) list += ", ";
      list += "$" + std::to_string(first + i);
    }
    return list + ")";
  };
  const std::string ids = in_list(1);
  const std::string actor_sql =
      "SELECT ea.event_id, ea.side, ea.text, ea.start_byte, ea.end_byte, ea.entry, ea.resolved, "
      "ea.country_inferred, ac.code, ac.name, ac.country, ac.role, ac.aligned_with "
      "FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id WHERE ea.event_id IN " +
      ids + " ORDER BY ea.event_id, ea.side, ea.position";
  const std::string casualty_sql =
      "SELECT event_id, outcome, best, low, high, qualifier, victim_text, victim_code, "
      "victim_country, victim_role, text, start_byte, end_byte, rule FROM casualties "
      "WHERE event_id IN " +
      ids + " ORDER BY event_id, position";
  const std::string source_sql =
      "SELECT coalesce(e.merged_into, e.id), a.source, a.url FROM events e JOIN articles a ON "
      "a.id = e.article_id WHERE e.id IN " +
      ids + " OR e.merged_into IN " + ids;
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> sources;
  for (size_t from = 0; from < events.size(); from += kChunk) {
    std::vector<Value> chunk;
    for (size_t i = from; i < from + kChunk; ++i) {
      chunk.emplace_back(i < events.size() ? events[i].event.id : std::string());
    }
    auto actors = db.Query(actor_sql, chunk);
    if (!actors.ok()) return actors.status();
    for (const store::Row& r : *actors) {
      auto it = index_of.find(AsText(r[0]));
      if (it == index_of.end()) continue;
      Actor a;
      a.text = AsText(r[2]);
      a.start = static_cast<std::uint32_t>(AsInt(r[3]));
      a.end = static_cast<std::uint32_t>(AsInt(r[4]));
      a.entry = AsText(r[5]);
      a.resolved = AsInt(r[6]) != 0;
      a.country_inferred = AsInt(r[7]) != 0;
      a.code = AsText(r[8]);
      a.name = AsText(r[9]);
      a.country = AsText(r[10]);
      a.role = AsText(r[11]);
      a.aligned_with = AsText(r[12]);
      Event& e = events[it->second].event;
      (AsText(r[1]) == "source" ? e.source : e.target).push_back(std::move(a));
    }
    auto casualties = db.Query(casualty_sql, chunk);
    if (!casualties.ok()) return casualties.status();
    for (const store::Row& r : *casualties) {
      auto it = index_of.find(AsText(r[0]));
      if (it == index_of.end()) continue;
      CasualtyCount c;
      c.outcome = AsText(r[1]);
      c.best = AsInt(r[2]);
      c.low = AsInt(r[3]);
      c.high = AsInt(r[4]);
      c.qualifier = AsText(r[5]);
      c.has_victim = !store::IsNull(r[6]) || !store::IsNull(r[7]) || !store::IsNull(r[8]) ||
                     !store::IsNull(r[9]);
      c.victim.text = AsText(r[6]);
      c.victim.code = AsText(r[7]);
      c.victim.country = AsText(r[8]);
      c.victim.role = AsText(r[9]);
      c.text = AsText(r[10]);
      c.start = static_cast<std::uint32_t>(AsInt(r[11]));
      c.end = static_cast<std::uint32_t>(AsInt(r[12]));
      c.rule = AsText(r[13]);
      events[it->second].event.casualties.push_back(std::move(c));
    }
    auto source_rows = db.Query(source_sql, chunk);
    if (!source_rows.ok()) return source_rows.status();
    for (const store::Row& r : *source_rows) {
      auto& [names, urls] = sources[AsText(r[0])];
      names.insert(AsText(r[1]));
      if (!store::IsNull(r[2])) urls.insert(AsText(r[2]));
    }
  }
  for (StoredEvent& s : events) {
    std::string key = s.merged_into.empty() ? s.event.id : s.merged_into;
    auto it = sources.find(key);
    if (it == sources.end()) continue;
    s.sources.assign(it->second.first.begin(), it->second.first.end());
    s.urls.assign(it->second.second.begin(), it->second.second.end());
  }
  return events;
}

Result<std::vector<SentenceHit>> Store::SearchSentences(std::string_view query, std::size_t limit) {
  if (Status s = Flush(); !s.ok()) return s;
  store::Backend& db = *impl_->db;
  std::string sql;
  Value params[] = {std::string(), Int(static_cast<std::int64_t>(limit == 0 ? 100 : limit))};
  if (db.dialect() == store::Dialect::kSqlite) {
    params[0] = store::Fts5Query(query);
    sql =
        "SELECT s.article_id, s.idx, s.text, a.headline FROM sentences_fts f "
        "JOIN sentences s ON s.seq = f.rowid JOIN articles a ON a.id = s.article_id "
        "WHERE sentences_fts MATCH $1 ORDER BY f.rank LIMIT $2";
  } else {
    params[0] = std::string(query);
    sql =
        "SELECT s.article_id, s.idx, s.text, a.headline FROM sentences s "
        "JOIN articles a ON a.id = s.article_id "
        "WHERE s.tsv @@ plainto_tsquery('english', $1) "
        "ORDER BY ts_rank(s.tsv, plainto_tsquery('english', $1)) DESC LIMIT $2";
  }
  auto rows = db.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<SentenceHit> hits;
  for (const store::Row& r : *rows) {
    hits.push_back({store::AsText(r[0]), static_cast<std::uint32_t>(store::AsInt(r[1])),
                    store::AsText(r[2]), store::AsText(r[3])});
  }
  return hits;
}

Result<MergeStats> Store::Merge(const MergeOptions& options) {
  if (Status s = Flush(); !s.ok()) return s;
  return store::RunMerge(*impl_->db, options);
}

Result<std::vector<MergeRecord>> Store::Merges(std::string_view into_id) {
  if (Status s = Flush(); !s.ok()) return s;
  return store::ReadMerges(*impl_->db, into_id);
}

}  // namespace khaldun
