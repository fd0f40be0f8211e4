// Messages in the user's language: zh_CN when LC_ALL / LC_MESSAGES / LANG ask for it (even where
// the zh_CN locale is not generated), English otherwise; the PDF never depends on it.
#include <catch2/catch.hpp>

#include <string>

#include "support/test_support.h"

using ptbrief::test::run_ptbrief;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// The environment for messages in `lang` via LANG alone (LC_ALL and LC_MESSAGES unset).
std::vector<std::string> lang(const std::string& value) {
  return {"LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "LANG=" + value};
}

}  // namespace

TEST_CASE("LANG=zh_CN.UTF-8: an unknown park is answered in Chinese, with the hint") {
  const auto r = run_ptbrief({"make", "--park", "不存在"}, lang("zh_CN.UTF-8"));
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "错误：未知园区“不存在”"));
  CHECK(has(r.err, "提示："));
  CHECK(has(r.err, "ptbrief list parks 可列出语料中的"));
}

TEST_CASE("LANG=C and LANG unset: the same error in English") {
  for (const auto& env : {lang("C"), lang("")}) {
    const auto r = run_ptbrief({"make", "--park", "不存在"}, env);
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "error: unknown park '不存在'"));
    CHECK(has(r.err, "hint: "));
  }
}

TEST_CASE("LC_MESSAGES beats LANG, LC_ALL beats both") {
  auto r = run_ptbrief({"mkae"}, {"LC_ALL=", "LANGUAGE=", "LANG=C", "LC_MESSAGES=zh_CN.UTF-8"});
  CHECK(has(r.err, "未知命令 'mkae'；您是不是要找 'make'？"));
  r = run_ptbrief({"mkae"}, {"LC_ALL=C", "LANGUAGE=zh_CN", "LANG=zh_CN.UTF-8"});
  CHECK(has(r.err, "unknown command 'mkae'; did you mean 'make'?"));
}

TEST_CASE("zh_CN: usage errors, help and command summaries are Chinese") {
  auto r = run_ptbrief({"make", "--prak", "南通高新区"}, lang("zh_CN.UTF-8"));
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "'ptbrief make' 没有选项 '--prak'；您是不是要找 '--park'？"));
  CHECK(has(r.err, "用法：ptbrief make"));
  r = run_ptbrief({"--help"}, lang("zh_CN.UTF-8"));
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "命令："));
  CHECK(has(r.out, "为一个园区或一个专题生成一份简报 PDF"));
  r = run_ptbrief({"make", "--help"}, lang("zh_CN.UTF-8"));
  CHECK(has(r.out, "选项："));
  CHECK(has(r.out, "期号，印作“第N期”"));
}

TEST_CASE("the message language never changes the PDF") {
  const auto dir = ptbrief::test::scratch_dir("messages_pdf");
  for (const char* l : {"C", "zh_CN.UTF-8"}) {
    auto env = lang(l);
    env.push_back("SOURCE_DATE_EPOCH=1758499200");
    const auto r = run_ptbrief({"make", "--park", "南通高新区", "--corpus",
                                ptbrief::test::corpus_dir().string(), "-o",
                                (dir / (std::string(l) + ".pdf")).string()},
                               env);
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  }
  CHECK(ptbrief::test::slurp(dir / "C.pdf") == ptbrief::test::slurp(dir / "zh_CN.UTF-8.pdf"));
}

TEST_CASE("zh_CN: layout errors keep their location and get a Chinese message and hint") {
  const auto r = run_ptbrief({"make", "--park", "南通高新区", "--corpus",
                              ptbrief::test::corpus_dir().string(), "--set", "masthead.titel=x"},
                             lang("zh_CN.UTF-8"));
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "--set masthead.titel:1:1: 错误：位置 $.masthead.titel：未知的键 'titel'"));
  CHECK(has(r.err, "提示：您是不是要找 'title'？此处允许的键："));
}
