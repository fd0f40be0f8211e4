// End-to-end on the made-up generalisation set (tests/extract/articles): every park or region
// the gold gives at least three figures gets a brief under its gold name, and the brief shows at
// least half of those figures. (The extraction bars themselves are in extract/corpus_test.cpp.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;

namespace {

std::string without_space(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(),
                         [](char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\t'; }),
          s.end());
  return s;
}

// A gold value as a brief prints it: 2360, 92.5 (no trailing zeros).
std::string printed(const nlohmann::json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  std::string s = v.dump();
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace

TEST_CASE("every park with three or more figures in the made-up set gets a brief showing half") {
  const fs::path dir = test::scratch_dir("unseen_briefs");
  std::size_t parks = 0;
  for (const auto& entry : fs::directory_iterator("tests/extract/articles/gold")) {
    if (entry.path().extension() != ".json") continue;
    auto gold = nlohmann::json::parse(test::slurp(entry.path()));
    std::map<std::string, std::vector<nlohmann::json>> by_park;
    for (const auto& f : gold["figures"]) by_park[f["park"].get<std::string>()].push_back(f);
    for (const auto& [park, figures] : by_park) {
      if (figures.size() < 3) continue;
      ++parks;
      INFO(entry.path().filename().string() << ": " << park);
      const fs::path out = dir / (std::to_string(parks) + ".pdf");
      auto r = test::run_ptbrief(
          {"make", "--park", park, "--corpus", "tests/extract/articles", "-o", out.string()});
      INFO(r.err);
      REQUIRE((r.exit_code == 0 || r.exit_code == 3));
      auto text = without_space(test::run_shell("pdftotext '" + out.string() + "' -").out);
      std::size_t shown = 0;
      for (const auto& f : figures)
        shown += text.find(printed(f["value"]) + f["unit"].get<std::string>()) != std::string::npos;
      INFO(shown << " of " << figures.size() << " figures shown");
      CHECK(2 * shown >= figures.size());
    }
  }
  CHECK(parks >= 40);
}
