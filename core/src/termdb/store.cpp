#include "termbridge/termdb/store.hpp"

#include <algorithm>
#include <unordered_map>

#if TB_HAVE_POSTGRESQL
#include "termdb/pg.hpp"
#endif

namespace termbridge::termdb {

bool is_database_uri(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redact_uri(std::string_view uri) {
  std::size_t scheme = uri.find("://");
  if (scheme == std::string_view::npos) {
    return std::string(uri);
  }
  std::size_t start = scheme + 3;
  std::size_t end = uri.find_first_of("/?", start);
  if (end == std::string_view::npos) {
    end = uri.size();
  }
  std::string_view authority = uri.substr(start, end - start);
  std::string out(uri.substr(0, start));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view user = authority.substr(0, at);
    out.append(user.substr(0, user.find(':')));
    out.append(authority.substr(at));
  } else {
    out.append(authority);
  }
  std::size_t query = uri.find('?', end);
  out.append(uri.substr(end, (query == std::string_view::npos ? uri.size() : query) - end));
  if (query == std::string_view::npos) {
    return out;
  }
  // Parameters but password=...
  std::string_view rest = uri.substr(query + 1);
  char sep = '?';
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view param = rest.substr(0, amp);
    if (!param.starts_with("password=")) {
      out += sep;
      out.append(param);
      sep = '&';
    }
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
  }
  return out;
}

namespace {

std::string conflict_message(const std::string& where, const std::string& id, std::int64_t expected,
                             std::int64_t current) {
  std::string what = "term base " + quoted(where) + ": concept " + quoted(id);
  if (current == 0) {
    return what + " was removed by someone else since you read it (version " +
           std::to_string(expected) + "); read the term base again";
  }
  return what + " was changed by someone else since you read it (version " +
         std::to_string(expected) + ", now " + std::to_string(current) +
         "); read it again and retry";
}

}  // namespace

ConflictError::ConflictError(std::string where, std::string concept_id, std::int64_t expected,
                             std::int64_t current)
    : Error(ErrorKind::invalid_argument, conflict_message(where, concept_id, expected, current)),
      concept_id_(std::move(concept_id)),
      expected_(expected),
      current_(current) {}

#if TB_HAVE_POSTGRESQL

namespace {

// 1: the tables below. Kept in tb_meta ('schema_version'), read before anything is written.
// A concept's lists are columns of its row (text[]), and its terms and per-language data rows
// of their own, so that a term base loads in three queries and a server can look terms up
// by an index. Empty strings stand for what the model leaves empty (no NULLs to tell apart).
// position orders the concepts as load() returns them; ord the terms and languages of one.
constexpr const char* kSchema = R"sql(
CREATE TABLE tb_meta(key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE tb_concepts(
  id text PRIMARY KEY CHECK (id <> ''),
  position bigint NOT NULL,
  version bigint NOT NULL CHECK (version > 0),
  domain text NOT NULL,
  definition text NOT NULL,
  notes text[] NOT NULL,
  desc_types text[] NOT NULL,
  desc_texts text[] NOT NULL,
  desc_elements text[] NOT NULL);
CREATE INDEX tb_concepts_position ON tb_concepts(position);
CREATE TABLE tb_terms(
  concept_id text NOT NULL REFERENCES tb_concepts(id) ON DELETE CASCADE,
  ord integer NOT NULL,
  lang text NOT NULL,
  text text NOT NULL,
  type text NOT NULL,
  status text NOT NULL,
  pos text NOT NULL,
  note text NOT NULL,
  extra_types text[] NOT NULL,
  extra_texts text[] NOT NULL,
  extra_elements text[] NOT NULL,
  PRIMARY KEY(concept_id, ord));
CREATE INDEX tb_terms_text ON tb_terms(lang, lower(text));
CREATE TABLE tb_languages(
  concept_id text NOT NULL REFERENCES tb_concepts(id) ON DELETE CASCADE,
  ord integer NOT NULL,
  lang text NOT NULL,
  definition text NOT NULL,
  notes text[] NOT NULL,
  PRIMARY KEY(concept_id, ord));
)sql";

// Creating the tables, one process at a time: an advisory lock of the transaction that
// creates them (two first imports at once would otherwise both try).
constexpr const char* kCreateLock =
    "SELECT pg_advisory_xact_lock(hashtext('termbridge.tb:' || current_schema()))";

constexpr const char* kConceptColumns =
    "id, version, domain, definition, notes, desc_types, desc_texts, desc_elements";
constexpr const char* kTermColumns =
    "concept_id, lang, text, type, status, pos, note, extra_types, extra_texts, extra_elements";
constexpr const char* kLanguageColumns = "concept_id, lang, definition, notes";

std::vector<std::string> field(const std::vector<glossary::Description>& ds,
                               std::string glossary::Description::*member) {
  std::vector<std::string> out;
  out.reserve(ds.size());
  for (const auto& d : ds) {
    out.push_back(d.*member);
  }
  return out;
}

}  // namespace

class TermStore::Impl {
 public:
  Impl(const std::string& uri, const OpenOptions& options) : conn_(uri) {
    int version = schema_version();
    if (version > kSchemaVersion) {
      throw Error(ErrorKind::parse,
                  "term base " + quoted(where()) + " has schema version " +
                      std::to_string(version) + ", newer than this termbridge reads (" +
                      std::to_string(kSchemaVersion) + "); use a newer termbridge");
    }
    if (version == 0) {
      if (!options.create || options.read_only) {
        throw Error(ErrorKind::io, "cannot open term base " + quoted(where()) +
                                       ": the database holds no termbridge term base "
                                       "(glossary import makes one)");
      }
      create();
    }
    if (options.read_only) {
      conn_.exec("SET default_transaction_read_only = on");
    }
  }

  const std::string& where() const { return conn_.where(); }

  glossary::TermBase load(std::vector<std::int64_t>* versions) {
    pg::Txn txn(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return load_in_txn(versions);
  }

  std::optional<VersionedConcept> get(std::string_view id) {
    pg::Txn txn(conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    std::vector<pg::Param> p{std::string(id)};
    pg::Result c =
        conn_.exec(std::string("SELECT ") + kConceptColumns + " FROM tb_concepts WHERE id = $1", p);
    if (c.rows() == 0) {
      return std::nullopt;
    }
    pg::Result t = conn_.exec(
        std::string("SELECT ") + kTermColumns + " FROM tb_terms WHERE concept_id = $1 ORDER BY ord",
        p);
    pg::Result l = conn_.exec(std::string("SELECT ") + kLanguageColumns +
                                  " FROM tb_languages WHERE concept_id = $1 ORDER BY ord",
                              p);
    VersionedConcept out;
    out.concept_ = concept_of(c, 0);
    out.version = c.int64(0, 1);
    for (int r = 0; r < t.rows(); ++r) {
      out.concept_.terms.push_back(term_of(t, r));
    }
    for (int r = 0; r < l.rows(); ++r) {
      out.concept_.languages.push_back(language_of(l, r));
    }
    return out;
  }

  std::int64_t add(const glossary::Concept& c) {
    check_id(c.id);
    pg::Txn txn(conn_);
    std::string state;
    conn_.try_exec(
        "INSERT INTO tb_concepts(id, position, version, domain, definition, notes, desc_types, "
        "desc_texts, desc_elements) SELECT $1, coalesce(max(position), 0) + 1, 1, $2, $3, $4, "
        "$5, $6, $7 FROM tb_concepts",
        concept_params(c), state);
    if (state == "23505") {  // unique_violation
      throw Error(ErrorKind::invalid_argument, "concept " + quoted(c.id) +
                                                   " is already in term base " + quoted(where()) +
                                                   "; change it with set");
    }
    if (!state.empty()) {
      throw Error(ErrorKind::io, "term base " + quoted(where()) + ": cannot add concept " +
                                     quoted(c.id) + " (SQLSTATE " + state + ")");
    }
    write_children(c, false);
    txn.commit();
    return 1;
  }

  std::int64_t update(const glossary::Concept& c, std::int64_t expected) {
    check_id(c.id);
    pg::Txn txn(conn_);
    auto params = concept_params(c);
    params.emplace_back(std::to_string(expected));
    // The version check and the write are one statement: a concurrent editor's UPDATE of the
    // row waits for this transaction and then finds the version changed.
    pg::Result r = conn_.exec(
        "UPDATE tb_concepts SET version = version + 1, domain = $2, definition = $3, notes = "
        "$4, desc_types = $5, desc_texts = $6, desc_elements = $7 WHERE id = $1 AND version = "
        "$8 RETURNING version",
        params);
    if (r.rows() == 0) {
      conflict(c.id, expected);
    }
    std::int64_t version = r.int64(0, 0);
    write_children(c, true);
    txn.commit();
    return version;
  }

  void remove(const std::vector<std::pair<std::string, std::int64_t>>& concepts) {
    pg::Txn txn(conn_);
    for (const auto& [id, expected] : concepts) {
      pg::Result r = conn_.exec("DELETE FROM tb_concepts WHERE id = $1 AND version = $2",
                                {id, std::to_string(expected)});
      if (r.affected() == 0) {
        conflict(id, expected);  // the rollback puts back the ones removed before it
      }
    }
    txn.commit();
  }

  ModifyResult modify(const std::function<void(glossary::TermBase&)>& change) {
    pg::Txn txn(conn_);
    // Edits of single concepts (ROW EXCLUSIVE) and other imports wait until this commits;
    // readers do not. Each later statement of this READ COMMITTED transaction sees what
    // was committed before the lock was granted.
    conn_.exec("LOCK TABLE tb_concepts IN SHARE ROW EXCLUSIVE MODE");
    std::vector<std::int64_t> versions;
    glossary::TermBase before = load_in_txn(&versions);
    glossary::TermBase after = before;
    change(after);
    ModifyResult result;
    std::unordered_map<std::string_view, std::size_t> kept;
    for (std::size_t i = 0; i < after.concepts().size(); ++i) {
      kept.emplace(after.concepts()[i].id, i);
    }
    for (const auto& c : before.concepts()) {
      if (!kept.contains(c.id)) {
        conn_.exec("DELETE FROM tb_concepts WHERE id = $1", {c.id});
        ++result.removed;
      }
    }
    pg::Result top = conn_.exec("SELECT coalesce(max(position), 0) FROM tb_concepts");
    std::int64_t position = top.int64(0, 0);
    for (const auto& c : after.concepts()) {
      const glossary::Concept* old = before.find(c.id);
      if (old != nullptr && *old == c) {
        continue;
      }
      check_id(c.id);
      auto params = concept_params(c);
      if (old == nullptr) {
        params.emplace_back(std::to_string(++position));
        conn_.exec(
            "INSERT INTO tb_concepts(id, domain, definition, notes, desc_types, desc_texts, "
            "desc_elements, position, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)",
            params);
        write_children(c, false);
        ++result.added;
      } else {
        conn_.exec(
            "UPDATE tb_concepts SET version = version + 1, domain = $2, definition = $3, notes "
            "= $4, desc_types = $5, desc_texts = $6, desc_elements = $7 WHERE id = $1",
            params);
        write_children(c, true);
        ++result.changed;
      }
    }
    set_meta("title", after.title);
    set_meta("source_desc", after.source_desc);
    set_meta("source_lang", after.source_lang);
    txn.commit();
    return result;
  }

 private:
  // 0 when the database (the first schema of its search path) has no term base yet. Read
  // before anything is written: tables of another program are an error and are left alone.
  int schema_version() {
    // From pg_class in one query, one snapshot (see the memory's PgMemory::schema_version).
    pg::Result r = conn_.exec(
        "SELECT count(*) FILTER (WHERE relname = 'tb_concepts'), count(*) FILTER (WHERE "
        "relname = 'tb_meta') FROM pg_catalog.pg_class WHERE relname IN ('tb_concepts', "
        "'tb_meta') AND relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname "
        "= current_schema())");
    const bool concepts = r.int64(0, 0) > 0;
    const bool meta = r.int64(0, 1) > 0;
    if (!meta) {
      if (concepts) {
        throw Error(ErrorKind::parse, quoted(where()) +
                                          " has a table tb_concepts but is not a termbridge "
                                          "term base (no tb_meta)");
      }
      return 0;
    }
    pg::Result v = conn_.exec("SELECT value FROM tb_meta WHERE key = 'schema_version'");
    int version = v.rows() == 1 ? std::atoi(std::string(v.text(0, 0)).c_str()) : 0;
    if (version <= 0) {
      throw Error(ErrorKind::parse, quoted(where()) +
                                        " has a table tb_meta but is not a termbridge term "
                                        "base (no schema version)");
    }
    return version;
  }

  void create() {
    pg::Txn txn(conn_);
    conn_.exec(kCreateLock);
    // Another process may have created it while this one waited for the lock.
    if (schema_version() == 0) {
      conn_.exec(kSchema);
      conn_.exec("INSERT INTO tb_meta(key, value) VALUES ('schema_version', $1)",
                 {std::to_string(kSchemaVersion)});
    }
    txn.commit();
  }

  void check_id(const std::string& id) const {
    if (id.empty()) {
      throw Error(ErrorKind::invalid_argument,
                  "term base " + quoted(where()) + ": a concept needs an id");
    }
  }

  [[noreturn]] void conflict(const std::string& id, std::int64_t expected) {
    pg::Result now = conn_.exec("SELECT version FROM tb_concepts WHERE id = $1", {id});
    std::int64_t current = now.rows() == 0 ? 0 : now.int64(0, 0);
    if (current == expected) {
      // Versions only grow, so no other writer explains the miss: report a failed write,
      // not a conflict.
      throw Error(ErrorKind::io,
                  "term base " + quoted(where()) + ": cannot write concept " + quoted(id));
    }
    throw ConflictError(where(), id, expected, current);
  }

  static std::vector<pg::Param> concept_params(const glossary::Concept& c) {
    return {c.id,
            c.domain,
            c.definition,
            pg::array_literal(c.notes),
            pg::array_literal(field(c.descriptions, &glossary::Description::type)),
            pg::array_literal(field(c.descriptions, &glossary::Description::text)),
            pg::array_literal(field(c.descriptions, &glossary::Description::element))};
  }

  // The concept's terms and per-language data, written over the stored ones.
  void write_children(const glossary::Concept& c, bool replace) {
    if (replace) {
      conn_.exec("DELETE FROM tb_terms WHERE concept_id = $1", {c.id});
      conn_.exec("DELETE FROM tb_languages WHERE concept_id = $1", {c.id});
    }
    for (std::size_t i = 0; i < c.terms.size(); ++i) {
      const auto& t = c.terms[i];
      conn_.exec(
          "INSERT INTO tb_terms(concept_id, ord, lang, text, type, status, pos, note, "
          "extra_types, extra_texts, extra_elements) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
          "$9, $10, $11)",
          {c.id, std::to_string(i), t.lang.str(), t.text, std::string(glossary::to_string(t.type)),
           std::string(glossary::to_string(t.status)), t.part_of_speech, t.note,
           pg::array_literal(field(t.extra, &glossary::Description::type)),
           pg::array_literal(field(t.extra, &glossary::Description::text)),
           pg::array_literal(field(t.extra, &glossary::Description::element))});
    }
    for (std::size_t i = 0; i < c.languages.size(); ++i) {
      const auto& l = c.languages[i];
      conn_.exec(
          "INSERT INTO tb_languages(concept_id, ord, lang, definition, notes) VALUES ($1, $2, "
          "$3, $4, $5)",
          {c.id, std::to_string(i), l.lang.str(), l.definition, pg::array_literal(l.notes)});
    }
  }

  void set_meta(const std::string& key, const std::string& value) {
    conn_.exec(
        "INSERT INTO tb_meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value "
        "= EXCLUDED.value",
        {key, value});
  }

  std::string meta(const std::string& key) {
    pg::Result r = conn_.exec("SELECT value FROM tb_meta WHERE key = $1", {key});
    return r.rows() == 1 ? std::string(r.text(0, 0)) : std::string();
  }

  static std::vector<glossary::Description> descriptions(std::vector<std::string> types,
                                                         std::vector<std::string> texts,
                                                         std::vector<std::string> elements) {
    std::vector<glossary::Description> out;
    for (std::size_t i = 0; i < types.size(); ++i) {
      out.push_back({std::move(types[i]), i < texts.size() ? std::move(texts[i]) : std::string(),
                     i < elements.size() ? std::move(elements[i]) : std::string()});
    }
    return out;
  }

  // Columns as kConceptColumns lists them.
  static glossary::Concept concept_of(const pg::Result& r, int row) {
    glossary::Concept c;
    c.id = r.text(row, 0);
    c.domain = r.text(row, 2);
    c.definition = r.text(row, 3);
    c.notes = r.array(row, 4);
    c.descriptions = descriptions(r.array(row, 5), r.array(row, 6), r.array(row, 7));
    return c;
  }

  // Columns as kTermColumns lists them.
  glossary::Term term_of(const pg::Result& r, int row) const {
    glossary::Term t;
    t.lang = lang_of(r.text(row, 1), r.text(row, 0));
    t.text = r.text(row, 2);
    if (std::string_view type = r.text(row, 3); !type.empty()) {
      auto parsed = glossary::parse_term_type(type);
      if (!parsed) {
        throw Error(ErrorKind::parse, "term base " + quoted(where()) + ": concept " +
                                          quoted(r.text(row, 0)) + ": unknown term type " +
                                          quoted(type));
      }
      t.type = *parsed;
    }
    if (std::string_view status = r.text(row, 4); !status.empty()) {
      auto parsed = glossary::parse_term_status(status);
      if (!parsed) {
        throw Error(ErrorKind::parse, "term base " + quoted(where()) + ": concept " +
                                          quoted(r.text(row, 0)) + ": unknown term status " +
                                          quoted(status));
      }
      t.status = *parsed;
    }
    t.part_of_speech = r.text(row, 5);
    t.note = r.text(row, 6);
    t.extra = descriptions(r.array(row, 7), r.array(row, 8), r.array(row, 9));
    return t;
  }

  // Columns as kLanguageColumns lists them.
  glossary::LanguageInfo language_of(const pg::Result& r, int row) const {
    glossary::LanguageInfo l;
    l.lang = lang_of(r.text(row, 1), r.text(row, 0));
    l.definition = r.text(row, 2);
    l.notes = r.array(row, 3);
    return l;
  }

  LangTag lang_of(std::string_view tag, std::string_view concept_id) const {
    auto lang = LangTag::try_parse(tag);
    if (!lang) {
      throw Error(ErrorKind::parse, "term base " + quoted(where()) + ": concept " +
                                        quoted(concept_id) + ": bad language tag " + quoted(tag));
    }
    return *lang;
  }

  // Three queries whatever the size: the concepts in order, then all terms and all
  // per-language data, put in their concepts by id.
  glossary::TermBase load_in_txn(std::vector<std::int64_t>* versions) {
    glossary::TermBase tb;
    tb.title = meta("title");
    tb.source_desc = meta("source_desc");
    tb.source_lang = meta("source_lang");
    pg::Result c = conn_.exec(std::string("SELECT ") + kConceptColumns +
                              " FROM tb_concepts ORDER BY position, id");
    pg::Result t = conn_.exec(std::string("SELECT ") + kTermColumns +
                              " FROM tb_terms ORDER BY concept_id, ord");
    pg::Result l = conn_.exec(std::string("SELECT ") + kLanguageColumns +
                              " FROM tb_languages ORDER BY concept_id, ord");
    std::vector<glossary::Concept> concepts;
    concepts.reserve(static_cast<std::size_t>(c.rows()));
    std::unordered_map<std::string, std::size_t> at;
    for (int r = 0; r < c.rows(); ++r) {
      at.emplace(std::string(c.text(r, 0)), concepts.size());
      concepts.push_back(concept_of(c, r));
      if (versions != nullptr) {
        versions->push_back(c.int64(r, 1));
      }
    }
    for (int r = 0; r < t.rows(); ++r) {
      concepts[at.at(std::string(t.text(r, 0)))].terms.push_back(term_of(t, r));
    }
    for (int r = 0; r < l.rows(); ++r) {
      concepts[at.at(std::string(l.text(r, 0)))].languages.push_back(language_of(l, r));
    }
    tb.reserve(concepts.size());
    for (auto& concept_ : concepts) {
      tb.add(std::move(concept_));
    }
    return tb;
  }

  pg::Conn conn_;
};

TermStore::TermStore(const std::string& uri, OpenOptions options)
    : impl_(std::make_unique<Impl>(uri, options)) {}

const std::string& TermStore::where() const noexcept {
  return impl_->where();
}

glossary::TermBase TermStore::load(std::vector<std::int64_t>* versions) const {
  return impl_->load(versions);
}

std::vector<std::pair<std::string, std::int64_t>> TermStore::versions() const {
  std::vector<std::int64_t> v;
  glossary::TermBase tb = impl_->load(&v);
  std::vector<std::pair<std::string, std::int64_t>> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    out.emplace_back(tb.concepts()[i].id, v[i]);
  }
  return out;
}

std::optional<VersionedConcept> TermStore::get(std::string_view id) const {
  return impl_->get(id);
}

std::int64_t TermStore::add(const glossary::Concept& c) {
  return impl_->add(c);
}

std::int64_t TermStore::update(const glossary::Concept& c, std::int64_t expected_version) {
  return impl_->update(c, expected_version);
}

void TermStore::remove(std::string_view id, std::int64_t expected_version) {
  impl_->remove({{std::string(id), expected_version}});
}

void TermStore::remove(const std::vector<std::pair<std::string, std::int64_t>>& concepts) {
  impl_->remove(concepts);
}

ModifyResult TermStore::modify(const std::function<void(glossary::TermBase&)>& change) {
  return impl_->modify(change);
}

#else  // !TB_HAVE_POSTGRESQL

class TermStore::Impl {};

TermStore::TermStore(const std::string& uri, OpenOptions) {
  throw Error(ErrorKind::invalid_argument,
              "term base " + quoted(redact_uri(uri)) +
                  ": this termbridge was built without PostgreSQL support (libpq)");
}

const std::string& TermStore::where() const noexcept {
  static const std::string none;
  return none;
}
glossary::TermBase TermStore::load(std::vector<std::int64_t>*) const {
  return {};
}
std::vector<std::pair<std::string, std::int64_t>> TermStore::versions() const {
  return {};
}
std::optional<VersionedConcept> TermStore::get(std::string_view) const {
  return std::nullopt;
}
std::int64_t TermStore::add(const glossary::Concept&) {
  return 0;
}
std::int64_t TermStore::update(const glossary::Concept&, std::int64_t) {
  return 0;
}
void TermStore::remove(std::string_view, std::int64_t) {}
void TermStore::remove(const std::vector<std::pair<std::string, std::int64_t>>&) {}
ModifyResult TermStore::modify(const std::function<void(glossary::TermBase&)>&) {
  return {};
}

#endif  // TB_HAVE_POSTGRESQL

TermStore::~TermStore() = default;
TermStore::TermStore(TermStore&&) noexcept = default;
TermStore& TermStore::operator=(TermStore&&) noexcept = default;

}  // namespace termbridge::termdb
