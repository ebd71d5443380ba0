#pragma once

// Translation units: the model that TMX, XLIFF and the translation memory share.
//
// A TranslationUnit holds the same content in several languages (Variants). The text of a
// variant is plain UTF-8; inline codes (formatting tags, placeholders: TMX bpt/ept/it/ph,
// XLIFF g/x/bx/ex/ph/pc/sc/ec) are kept beside it with the byte offset where they stand, so
// matching sees clean text and writers can put the codes back.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "termbridge/base/lang.hpp"

namespace termbridge::tm {

// A name/value property (TMX <prop type="...">, XLIFF metadata), or an attribute as written.
struct Prop {
  std::string type;
  std::string value;
  friend bool operator==(const Prop&, const Prop&) = default;
};

struct InlineCode;

// Plain UTF-8 text with the inline codes that stand in it.
struct Segment {
  std::string text;               // plain text, NFC UTF-8, without inline markup
  std::vector<InlineCode> codes;  // sorted by offset; empty for plain text

  bool empty() const noexcept;
  friend bool operator==(const Segment&, const Segment&) = default;
};

// Translatable text inside a code's native data (TMX and XLIFF 1.2 <sub>), e.g. the alt text
// of an image tag.
struct SubFlow {
  std::size_t offset = 0;   // byte offset in InlineCode::native where the sub stands
  std::vector<Prop> attrs;  // its attributes as written (datatype, type)
  Segment content;
  friend bool operator==(const SubFlow&, const SubFlow&) = default;
};

struct InlineCode {
  enum class Kind {
    open,         // opening half of a pair (TMX bpt, XLIFF 2 sc/pc start, XLIFF 1.2 bx/g start)
    close,        // closing half (TMX ept, XLIFF 2 ec/pc end, XLIFF 1.2 ex/g end)
    placeholder,  // standalone code (TMX ph, XLIFF x/ph)
    isolated,     // half of a pair whose other half is in another segment (TMX it)
  };
  std::size_t offset = 0;  // byte offset in Segment::text where the code stands
  Kind kind = Kind::placeholder;
  std::string id;      // pairs an open with its close (TMX i/x, XLIFF id/rid)
  std::string type;    // e.g. "bold", "link", "fmt" (TMX type, XLIFF ctype/type)
  std::string native;  // the original formatting markup it stands for, e.g. "<b>", if known
  bool end = false;    // isolated codes only: the closing half (TMX it pos="end")
  // Where the code came from, so that a writer of the same format gives it back as it was
  // and a writer of another format can keep it in an extension: the element with a format
  // prefix ("tmx:bpt", "tmx:hi", "tmx:ut", "xlf:g", "xlf:bx", "xlf2:pc"); empty for codes
  // termbridge made.
  std::string element;
  // The element's other attributes as written, in order (TMX x and assoc; XLIFF ctype
  // extensions, equiv-text, xid, crc, disp, equiv, canCopy, subType, ...), without those
  // held in the fields above.
  std::vector<Prop> attrs;
  std::vector<SubFlow> subs;  // <sub> inside the native data, by offset

  // The value of an attribute in `attrs`, or empty.
  std::string_view attr(std::string_view name) const;
  friend bool operator==(const InlineCode&, const InlineCode&) = default;
};

inline bool Segment::empty() const noexcept {
  return text.empty() && codes.empty();
}

struct Variant {
  LangTag lang;
  Segment segment;
  std::vector<Prop> props;
  std::vector<std::string> notes;
  // Other attributes of the variant as written, in order (TMX <tuv> creationdate, changeid,
  // usagecount, o-encoding, ...), without xml:lang.
  std::vector<Prop> attrs;
};

struct TranslationUnit {
  std::string id;             // tuid / unit id; may be empty
  std::string creation_date;  // ISO 8601 basic UTC as TMX writes it: 20251211T093000Z
  std::string creation_id;    // who created it
  std::string change_date;
  std::string change_id;
  std::vector<Prop> props;  // e.g. {"x-document", "ncg-2025.ko.txt"}, {"x-align-score", "0.93"}
  std::vector<std::string> notes;
  // Other attributes of the unit as written, in order (TMX <tu> usagecount, lastusagedate,
  // srclang, datatype, segtype, creationtool, ...), without those held in the fields above.
  std::vector<Prop> attrs;
  std::vector<Variant> variants;  // the source language first when one is known

  // The first variant whose language matches `lang` ("en-US" matches "en"), or nullptr.
  const Variant* find(const LangTag& lang) const;
  Variant* find(const LangTag& lang);
  // find(lang), else the first variant of the same primary language ("en-US" for "en-GB":
  // Trados Workbench writes srclang="EN-GB" over EN-US units), or nullptr.
  const Variant* find_language(const LangTag& lang) const;
};

// The current UTC time as TranslationUnit dates are written: 20251211T093000Z.
std::string now_utc();

}  // namespace termbridge::tm
