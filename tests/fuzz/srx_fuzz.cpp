// SRX rules: any file either loads (and then segments a fixed text in several languages) or
// is an Error.

#include "fuzz_common.hpp"
#include "termbridge/segment/segmenter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace termbridge;
  static const char* const text =
      "국방부는 11일 제5차 핵협의그룹(NCG) 회의를 열었다. 이번 회의는 워싱턴 D.C.에서 "
      "열렸다.\nSen. Kim met Gen. Paul at 9 a.m. on Dec. 11. The U.S. side was led by "
      "Robert! Why? 3.5 km... \"Yes.\" (No.) End";
  try {
    auto segmenter = segment::Segmenter::from_srx(fuzz::bytes(data, size), "fuzz.srx");
    for (const char* lang : {"ko", "en", "", "fr"}) {
      segmenter.rule_sets(lang);
      std::size_t last = 0;
      const std::string_view t(text);
      for (const auto& span : segmenter.split(t, lang)) {
        if (span.begin < last || span.end <= span.begin || span.end > t.size()) {
          fuzz::finding("srx: a span out of order, empty or outside the text");
        }
        last = span.end;
      }
    }
  } catch (const Error& e) {
    fuzz::expected(e);
  }
  return 0;
}
