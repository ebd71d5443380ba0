#pragma once

// A fresh directory per test under the system's temporary directory, removed afterwards.

#include <atomic>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace termbridge::test {

struct TempDir {
  std::filesystem::path path;
  // `prefix` names the suite in the directory's name (tb-PREFIX-PID-N).
  explicit TempDir(const std::string& prefix) {
    static std::atomic<int> n{0};
    path = std::filesystem::temp_directory_path() /
           ("tb-" + prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const char* name) const { return (path / name).string(); }
};

}  // namespace termbridge::test
