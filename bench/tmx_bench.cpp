// TMX streaming benchmark: read a TMX file unit by unit, or write N units.
//
//   tmx_bench read FILE.tmx      parse every <tu> into a tm::TranslationUnit
//   tmx_bench write N OUT.tmx    write N generated units (ko -> en) with the streaming writer
//   tmx_bench copy IN.tmx OUT.tmx  read and write again
//
// Prints units, bytes and seconds; peak memory is measured from outside (/usr/bin/time -v).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "termbridge/base/error.hpp"
#include "termbridge/io/tmx.hpp"

namespace tb = termbridge;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path);
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::uint64_t units = 0;
  std::uint64_t text_bytes = 0;
  tb::io::TmxReader reader(in, path);
  tb::tm::TranslationUnit unit;
  while (reader.next(unit)) {
    ++units;
    for (const auto& v : unit.variants) {
      text_bytes += v.segment.text.size();
    }
  }
  std::printf("read %llu units, %llu text bytes, %.2f s\n", static_cast<unsigned long long>(units),
              static_cast<unsigned long long>(text_bytes), seconds_since(t0));
  return 0;
}

int write(std::uint64_t n, const char* path) {
  std::ofstream out(path, std::ios::binary);
  auto t0 = std::chrono::steady_clock::now();
  tb::io::TmxHeader header;
  header.src_lang = "ko";
  tb::io::TmxWriter writer(out, header);
  tb::tm::TranslationUnit unit;
  unit.variants.resize(2);
  unit.variants[0].lang = tb::LangTag::parse("ko");
  unit.variants[1].lang = tb::LangTag::parse("en");
  unit.props.push_back({"x-document", "bench.ko.txt"});
  for (std::uint64_t i = 0; i < n; ++i) {
    unit.id = std::to_string(i + 1);
    unit.variants[0].segment.text =
        "한미는 제" + std::to_string(i) + "차 핵협의그룹(NCG) 회의를 워싱턴에서 개최했다.";
    unit.variants[1].segment.text = "The ROK and the U.S. held the " + std::to_string(i) +
                                    "th Nuclear Consultative Group (NCG) meeting in Washington.";
    writer.write(unit);
  }
  writer.finish();
  out.flush();
  std::printf("wrote %llu units, %.2f s\n", static_cast<unsigned long long>(n), seconds_since(t0));
  return out ? 0 : 2;
}

int copy(const char* in_path, const char* out_path) {
  std::ifstream in(in_path, std::ios::binary);
  std::ofstream out(out_path, std::ios::binary);
  auto t0 = std::chrono::steady_clock::now();
  tb::io::TmxReader reader(in, in_path);
  tb::io::TmxWriter writer(out, reader.header());
  tb::tm::TranslationUnit unit;
  while (reader.next(unit)) {
    writer.write(unit);
  }
  writer.finish();
  std::printf("copied %llu units, %.2f s\n",
              static_cast<unsigned long long>(writer.units_written()), seconds_since(t0));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "read" && argc == 3) {
      return read(argv[2]);
    }
    if (mode == "write" && argc == 4) {
      return write(std::strtoull(argv[2], nullptr, 10), argv[3]);
    }
    if (mode == "copy" && argc == 4) {
      return copy(argv[2], argv[3]);
    }
    std::fprintf(stderr, "usage: tmx_bench read FILE | write N OUT | copy IN OUT\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tmx_bench: error: %s\n", e.what());
    return 2;
  }
}
