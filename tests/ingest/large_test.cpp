// A 50 MB synthetic input ingests in linear time.
#include <chrono>

#include "ingest_test_support.h"

using namespace ptbrief;

namespace {

/// Corpus-like noisy text: extraction spaces, half-width punctuation, captions, breaks,
/// debris, several 本报讯 articles. Repeated to `bytes`.
std::string synthetic(std::size_t bytes) {
  const std::string unit =
      "本报讯 近日,园区召开深化 党建引领工作2025 年第三季度点评会。会议听取 园区第三季度"
      "开展工作情况,安排部署下一 步工作,共受理诉求1033件,满意率达 97.7%。\n\n"
      "园区围绕产业发展这一高质量 发展核心任务,构建\"党建+项目\"攻坚模式,成立重大产业项目"
      "服务攻坚党支部,整合江 阴市发改委等部门的20余名 业务骨干,划分4个先锋\n\n\n\n"
      "▲园区企业生产车间。\n\n小组,形成\"一个支部统筹,多组联动攻坚\"的作战体系。\n\n力\n\n重\n\n";
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

double seconds(const std::string& raw) {
  CollectingSink sink;
  auto t0 = std::chrono::steady_clock::now();
  auto articles = ingest::ingest_bytes(raw, "big.txt", sink);
  auto t1 = std::chrono::steady_clock::now();
  REQUIRE(articles.size() > 1000);
  return std::chrono::duration<double>(t1 - t0).count();
}

}  // namespace

TEST_CASE("a 50 MB file ingests in linear time", "[ingest][large]") {
  const double small = seconds(synthetic(5u << 20));
  const double big = seconds(synthetic(50u << 20));
  INFO("5 MB: " << small << " s, 50 MB: " << big << " s");
  CHECK(big < 20 * small + 0.5);  // 10× the input: ~10× the time, never ~100×
  CHECK(big < 30.0);  // ~7 s measured on the shared 2-core build machine (see ingest bench)
}
