// A synthetic noisy article stream for size and speed checks (tests and benchmarks share it).
#pragma once

#include <cstddef>
#include <string>

namespace ptbrief::test {

/// Corpus-like noisy text — extraction spaces, half-width punctuation, page breaks, captions,
/// vertical debris, several 本报讯 articles — repeated to at least `bytes` bytes.
inline std::string synthetic_noisy_corpus(std::size_t bytes) {
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

}  // namespace ptbrief::test
