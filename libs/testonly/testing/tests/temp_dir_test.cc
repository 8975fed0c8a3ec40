#include "opsreport/testing/temp_dir.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"

namespace opsreport::testing {
namespace {

namespace fs = std::filesystem;

TEST(TempDirTest, CreatesAndRemovesRecursively) {
  std::string path;
  {
    TempDir dir;
    path = dir.path();
    ASSERT_TRUE(fs::is_directory(path));
    fs::create_directories(dir.File("a/b"));
    std::ofstream(dir.File("a/b/c.txt")) << "x";
    EXPECT_EQ(dir.File("x"), path + "/x");
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(TempDirTest, DistinctAndUnderTmpdir) {
  TempDir outer;
  const char* saved = std::getenv("TMPDIR");
  std::string saved_value = saved ? saved : "";
  setenv("TMPDIR", outer.path().c_str(), 1);
  {
    TempDir a, b;
    EXPECT_NE(a.path(), b.path());
    EXPECT_EQ(fs::path(a.path()).parent_path(), fs::path(outer.path()));
  }
  if (saved) {
    setenv("TMPDIR", saved_value.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
}

}  // namespace
}  // namespace opsreport::testing
