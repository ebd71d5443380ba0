#include "termbridge/io/review_html.hpp"

#include <cstdio>
#include <set>

#include "termbridge/base/error.hpp"

namespace termbridge::io {

namespace {

bool usable(const glossary::Term& term) {
  return !term.text.empty() && term.status != glossary::TermStatus::forbidden &&
         term.status != glossary::TermStatus::deprecated;
}

std::string other_terms(const glossary::Concept& c, const LangTag& lang) {
  std::string out;
  for (const glossary::Term* t : c.terms_in(lang)) {
    if (usable(*t)) {
      out += out.empty() ? "" : "; ";
      out += t->text;
    }
  }
  return out;
}

struct SideHits {
  std::vector<std::vector<glossary::TermHit>> hits;  // per sentence
  std::set<std::string> named;  // concepts named by a usable term somewhere on the side
};

// `every` finds the terms inside longer ones too: a concept is named on a side when one of
// its terms is there at all ("simulation" in "tabletop simulation"), as qa counts it.
SideHits find_side(const std::vector<ReviewSentence>& side, const glossary::TermBase& termbase,
                   const glossary::TermMatcher& matcher, const glossary::TermMatcher& every) {
  SideHits out;
  for (const ReviewSentence& s : side) {
    out.hits.push_back(matcher.find(s.text));
    for (const glossary::TermHit& hit : every.find(s.text)) {
      const glossary::Concept* c = termbase.find(hit.concept_id);
      if (c && hit.term_index < c->terms.size() && usable(c->terms[hit.term_index])) {
        out.named.insert(hit.concept_id);
      }
    }
  }
  return out;
}

void set_terms(std::vector<ReviewSentence>& side, const SideHits& mine, const SideHits& other,
               const glossary::TermBase& termbase, const LangTag& other_lang) {
  for (std::size_t k = 0; k < side.size(); ++k) {
    side[k].terms.clear();
    for (const glossary::TermHit& hit : mine.hits[k]) {
      ReviewTerm term;
      term.span = hit.span;
      term.concept_id = hit.concept_id;
      if (const glossary::Concept* c = termbase.find(hit.concept_id)) {
        term.other = other_terms(*c, other_lang);
        term.forbidden = hit.term_index < c->terms.size() && !usable(c->terms[hit.term_index]);
      }
      // A concept without a term in the other language asks for nothing there.
      term.unmatched = !term.other.empty() && !other.named.count(hit.concept_id);
      side[k].terms.push_back(std::move(term));
    }
  }
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

bool is_low(const ReviewRow& row, double threshold) {
  return row.score && *row.score < threshold;
}

void write_term_title(std::ostream& out, const ReviewTerm& term, const LangTag& other_lang) {
  std::string title = term.concept_id;
  if (term.forbidden) {
    title += " \xE2\x80\x94 not to be used";  // " — not to be used"
  }
  if (term.other.empty()) {
    title += "\n(no " + other_lang.str() + " term in the glossary)";
  } else {
    title += "\n" + other_lang.str() + ": " + term.other;
    if (term.unmatched) {
      title += "\nnot found on the " + other_lang.str() + " side";
    }
  }
  // Line feeds as references, so that one row of the page stays one line of the file.
  std::string escaped = escape_html(title);
  for (std::size_t pos = 0; (pos = escaped.find('\n', pos)) != std::string::npos; pos += 5) {
    escaped.replace(pos, 1, "&#10;");
  }
  out << escaped;
}

void write_sentence(std::ostream& out, const ReviewSentence& s, const LangTag& other_lang,
                    bool numbered) {
  out << "<div class=\"s\">";
  if (numbered) {
    out << "<span class=\"n\">" << (s.index + 1) << "</span>";
  }
  if (s.text.empty()) {
    out << "<span class=\"none\">(empty)</span>";
  }
  std::size_t pos = 0;
  for (const ReviewTerm& term : s.terms) {
    if (term.span.begin < pos || term.span.end > s.text.size()) {
      continue;  // an overlapping or stray span: the text is still written whole
    }
    out << escape_html(std::string_view(s.text).substr(pos, term.span.begin - pos));
    out << "<mark class=\"term" << (term.unmatched ? " unmatched" : "")
        << (term.forbidden ? " forbidden" : "") << "\" data-concept=\""
        << escape_html(term.concept_id) << "\" title=\"";
    write_term_title(out, term, other_lang);
    out << "\">" << escape_html(term.span.of(s.text)) << "</mark>";
    pos = term.span.end;
  }
  out << escape_html(std::string_view(s.text).substr(pos)) << "</div>";
}

// Sentence numbers are shown for beads, where they place a sentence in its text.
void write_side(std::ostream& out, const std::vector<ReviewSentence>& side, const LangTag& lang,
                const LangTag& other_lang, const char* css, bool numbered) {
  out << "<td class=\"" << css << "\" lang=\"" << escape_html(lang.str()) << "\">";
  if (side.empty()) {
    out << "<span class=\"none\">(no sentence)</span>";
  }
  for (const ReviewSentence& s : side) {
    write_sentence(out, s, other_lang, numbered);
  }
  out << "</td>";
}

constexpr std::string_view kStyle = R"(
body{margin:16px;color:#1b1b1b;background:#fff;font:15px/1.5 system-ui,"Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif}
h1{font-size:19px;margin:0 0 4px}
p.summary{margin:0 0 6px;color:#444}
.legend{margin:0 0 8px;font-size:13px;color:#444}
.legend span{margin-right:14px}
#filters{margin:0 0 10px;font-size:14px}
#filters label{margin-right:18px}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #d8d8d8;padding:6px 8px;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:#f2f2f2;font-size:13px;border-bottom:2px solid #bbb}
col.meta{width:6.5em}
col.qa{width:24%}
td.meta{font-size:12px;color:#555;white-space:nowrap}
td.meta b{display:block;font-size:14px;color:#1b1b1b}
.where{display:block;white-space:normal;overflow-wrap:anywhere}
.type{display:block;font-weight:600}
tr.low{background:#fff3df}
tr.low td.meta{border-left:4px solid #d9822b}
tr.low .score{color:#a4460b;font-weight:700}
td[lang|="ko"]{word-break:keep-all;overflow-wrap:anywhere}
.s+.s{margin-top:5px;padding-top:5px;border-top:1px dotted #ccc}
.n{font-size:11px;color:#999;margin-right:5px}
.none{color:#999;font-style:italic}
mark.term{background:#dde9fb;color:inherit;border-bottom:2px solid #3f72b8;padding:0 1px}
mark.term.unmatched{background:#fde2e2;border-bottom:2px dashed #c0392b}
mark.term.forbidden{background:#fde2e2;text-decoration:line-through #c0392b}
ul.findings{margin:0;padding-left:1.1em;font-size:13px}
ul.findings .kind{font-weight:600;color:#a12b1e}
tr[hidden]{display:none}
)";

// Shows the filters (hidden for a reader without scripts, for whom they would do nothing) and
// applies the ones the URL fragment names, so a link can open the page filtered.
constexpr std::string_view kScript = R"(
(function () {
  var bar = document.getElementById('filters');
  if (!bar) return;
  bar.hidden = false;
  var boxes = Array.prototype.slice.call(bar.querySelectorAll('input[type=checkbox]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tbody tr'));
  var count = document.getElementById('shown');
  function apply(update) {
    var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var shown = 0;
    rows.forEach(function (r) {
      var keep = on.length === 0 || on.some(function (k) { return r.classList.contains(k); });
      r.hidden = !keep;
      if (keep) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' rows shown';
    if (update) {
      try { history.replaceState(null, '', on.length ? '#' + on.join(',') : location.pathname); } catch (e) {}
    }
  }
  var wanted = decodeURIComponent(location.hash.slice(1)).split(',');
  boxes.forEach(function (b) {
    b.checked = wanted.indexOf(b.value) >= 0;
    b.addEventListener('change', function () { apply(true); });
  });
  apply(false);
})();
)";

}  // namespace

std::vector<ReviewRow> rows_from_beads(const std::vector<align::Sentence>& src,
                                       const std::vector<align::Sentence>& tgt,
                                       const std::vector<align::Bead>& beads) {
  std::vector<ReviewRow> rows;
  rows.reserve(beads.size());
  for (std::size_t b = 0; b < beads.size(); ++b) {
    const align::Bead& bead = beads[b];
    ReviewRow row;
    row.id = std::to_string(b + 1);
    row.kind = std::to_string(bead.src_end - bead.src_begin) + "-" +
               std::to_string(bead.tgt_end - bead.tgt_begin);
    row.beads = align::to_string(bead);
    row.score = bead.score;
    for (std::size_t k = bead.src_begin; k < bead.src_end && k < src.size(); ++k) {
      row.src.push_back({src[k].text, k, {}});
    }
    for (std::size_t k = bead.tgt_begin; k < bead.tgt_end && k < tgt.size(); ++k) {
      row.tgt.push_back({tgt[k].text, k, {}});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void mark_terms(std::vector<ReviewRow>& rows, const glossary::TermBase& termbase,
                const glossary::TermMatcher& src_terms, const glossary::TermMatcher& tgt_terms) {
  glossary::MatchOptions every_hit;
  every_hit.longest_match_only = false;
  const glossary::TermMatcher src_every(termbase, src_terms.lang(), every_hit);
  glossary::MatchOptions tgt_every_hit = every_hit;
  tgt_every_hit.include_translation_only = true;  // as the target matcher of a check has them
  const glossary::TermMatcher tgt_every(termbase, tgt_terms.lang(), tgt_every_hit);
  for (ReviewRow& row : rows) {
    SideHits src = find_side(row.src, termbase, src_terms, src_every);
    SideHits tgt = find_side(row.tgt, termbase, tgt_terms, tgt_every);
    set_terms(row.src, src, tgt, termbase, tgt_terms.lang());
    set_terms(row.tgt, tgt, src, termbase, src_terms.lang());
  }
}

void place_findings(std::vector<ReviewRow>& rows, const std::vector<qa::Finding>& findings) {
  std::size_t at = 0;
  for (const qa::Finding& f : findings) {
    std::size_t k = at;
    while (k < rows.size() && rows[k].id != f.unit_id) {
      ++k;
    }
    if (k == rows.size()) {
      // Out of order: take the first row with that id.
      for (k = 0; k < rows.size() && rows[k].id != f.unit_id; ++k) {
      }
    }
    if (k == rows.size()) {
      throw Error(ErrorKind::invalid_argument,
                  "finding for unit " + quoted(f.unit_id) + ", which is no row of the page");
    }
    rows[k].findings.push_back(f);
    at = k;
  }
}

std::string escape_html(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  for (char ch : utf8) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
          // U+2400 + c (U+2421 for DEL): E2 90 80+c in UTF-8.
          unsigned v = c == 0x7F ? 0x21u : c;
          out += '\xE2';
          out += '\x90';
          out += static_cast<char>(0x80u + v);
        } else {
          out += ch;
        }
    }
  }
  return out;
}

void write_review_html(std::ostream& out, const ReviewPage& page) {
  std::size_t low = 0, with_findings = 0, findings = 0, scored = 0;
  for (const ReviewRow& row : page.rows) {
    low += is_low(row, page.low_score) ? 1u : 0u;
    scored += row.score ? 1u : 0u;
    with_findings += row.findings.empty() ? 0u : 1u;
    findings += row.findings.size();
  }
  bool beads = !page.rows.empty() && !page.rows.front().kind.empty();
  auto plural = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::string heading = page.title + ": " + page.src_name;
  if (!page.tgt_name.empty() && page.tgt_name != page.src_name) {
    heading += " \xE2\x86\x94 " + page.tgt_name;  // ↔
  }

  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"termbridge\">\n"
      << "<title>" << escape_html(heading) << "</title>\n<style>" << kStyle << "</style>\n"
      << "</head>\n<body>\n<h1>" << escape_html(heading) << "</h1>\n";

  out << "<p class=\"summary\">"
      << plural(page.rows.size(), beads ? "bead" : "segment", beads ? "beads" : "segments");
  if (scored > 0) {
    out << "; " << low << " below confidence " << format_score(page.low_score);
  }
  if (page.checked) {
    out << "; " << plural(findings, "finding", "findings") << " in "
        << plural(with_findings, "row", "rows");
  }
  out << "</p>\n";
  out << "<p class=\"legend\"><span><mark class=\"term\">term</mark> glossary term (hover: "
         "concept and translation)</span><span><mark class=\"term unmatched\">term</mark> its "
         "translation is not on the other side</span><span><mark class=\"term "
         "forbidden\">term</mark> forbidden or deprecated term</span>";
  if (scored > 0) {
    out << "<span class=\"score\" style=\"color:#a4460b;font-weight:700\">0.31</span> low "
           "confidence";
  }
  out << "</p>\n";

  out << "<form id=\"filters\" hidden>Show only: ";
  if (scored > 0) {
    out << "<label><input type=\"checkbox\" value=\"low\"> low-confidence beads (" << low
        << ")</label>";
  }
  if (page.checked) {
    out << "<label><input type=\"checkbox\" value=\"findings\"> segments with findings ("
        << with_findings << ")</label>";
  }
  out << "<output id=\"shown\"></output></form>\n";

  out << "<table>\n<colgroup><col class=\"meta\"><col class=\"src\"><col class=\"tgt\">"
      << (page.checked ? "<col class=\"qa\">" : "") << "</colgroup>\n<thead><tr><th>"
      << (beads ? "bead" : "unit") << "</th><th>" << escape_html(page.src_lang.str()) << "</th><th>"
      << escape_html(page.tgt_lang.str()) << "</th>" << (page.checked ? "<th>QA</th>" : "")
      << "</tr></thead>\n<tbody>\n";

  for (const ReviewRow& row : page.rows) {
    bool is_low_row = is_low(row, page.low_score);
    std::string classes;
    if (is_low_row) {
      classes = "low";
    }
    if (!row.findings.empty()) {
      classes += classes.empty() ? "findings" : " findings";
    }
    out << "<tr";
    if (!classes.empty()) {
      out << " class=\"" << classes << "\"";
    }
    out << "><td class=\"meta\"";
    if (!row.beads.empty()) {
      out << " title=\"" << escape_html(row.beads) << " (0-based, as --format beads)\"";
    }
    out << ">";
    if (!row.where.empty()) {
      out << "<span class=\"where\">" << escape_html(row.where) << "</span>";
    }
    out << "<b>" << escape_html(row.id) << "</b>";
    if (!row.kind.empty()) {
      out << "<span class=\"type\">" << escape_html(row.kind) << "</span>";
    }
    if (row.score) {
      out << "<span class=\"score\">" << format_score(*row.score) << "</span>";
      if (is_low_row) {
        out << " <span class=\"flag\">low</span>";
      }
    }
    out << "</td>";
    write_side(out, row.src, page.src_lang, page.tgt_lang, "src", !row.kind.empty());
    write_side(out, row.tgt, page.tgt_lang, page.src_lang, "tgt", !row.kind.empty());
    if (page.checked) {
      out << "<td class=\"qa\">";
      if (!row.findings.empty()) {
        out << "<ul class=\"findings\">";
        for (const qa::Finding& f : row.findings) {
          out << "<li><span class=\"kind\">" << qa::to_string(f.kind) << "</span> "
              << escape_html(f.message) << "</li>";
        }
        out << "</ul>";
      }
      out << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace termbridge::io
