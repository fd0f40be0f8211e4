// The server as `ptbrief serve` runs it (a child process): ptbrief.json's defaults applied as
// `make` applies them, messages in Chinese whatever the locale, one figure of a shared quote
// dropped alone, the pack built from the page's API, and how long a drop takes to show.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>
#include <thread>

#include "serve/live_server.h"
#include "serve/serve_support.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using Json = nlohmann::ordered_json;

namespace {
const std::vector<std::string> kArticles = {"a01_kaifaqu_county.txt", "a19_practices.txt"};
const char* kPark = "昆山开发区";

std::string q(const std::string& s) { return httplib::detail::encode_query_param(s); }

httplib::Client client_for(const test::ServeProcess& s) {
  httplib::Client c("127.0.0.1", s.port);
  c.set_bearer_token_auth(s.token.c_str());
  c.set_read_timeout(120, 0);
  return c;
}

/// Whether `s` holds a Han character (U+4E00–U+9FFF: E4 B8 80 – E9 BF BF in UTF-8).
bool has_han(const std::string& s) {
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xE4 && c <= 0xE9) return true;
  }
  return false;
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}
}  // namespace

TEST_CASE("ptbrief.json's layout, issue, date and set apply to the server's briefs as make applies them") {
  const fs::path corpus = test::made_up_corpus("serve-defaults", kArticles);
  write_text(corpus / "ptbrief.json",
        R"({"layout": "gongwen", "issue": 7, "date": "2025-09-22", "set": {"masthead.publisher": "测试编辑组"}})");
  test::ServeProcess server(corpus);
  auto c = client_for(server);
  auto d = c.Get("/api/defaults");
  REQUIRE(d);
  REQUIRE(d->status == 200);
  CHECK(Json::parse(d->body)["layout"] == "gongwen");
  auto pdf = c.Get(("/brief.pdf?park=" + q(kPark)).c_str());  // no layout asked: the file's
  REQUIRE(pdf);
  REQUIRE(pdf->status == 200);
  CHECK(pdf->get_header_value("Content-Disposition").find(".gongwen.pdf") != std::string::npos);
  // The same bytes as `ptbrief make` writes for the same folder.
  const fs::path out = test::scratch_dir("serve-defaults-make") / "made.pdf";
  const auto made = test::run_ptbrief({"make", "--park", kPark, "--corpus", corpus.string(), "-o", out.string()});
  REQUIRE(made.exit_code != 2);
  CHECK(pdf->body == test::slurp(out));
  const auto text = test::run_shell("pdftotext -enc UTF-8 '" + out.string() + "' -");
  CHECK(text.out.find("第7期") != std::string::npos);
  std::string squashed = text.out;  // the PDF spaces Han and digits apart: 2025 年 9 月
  squashed.erase(std::remove(squashed.begin(), squashed.end(), ' '), squashed.end());
  CHECK(squashed.find("2025年9月22日") != std::string::npos);
  CHECK(text.out.find("测试编辑组") != std::string::npos);
  // The page may still ask for another layout.
  auto briefing = c.Get(("/brief.pdf?park=" + q(kPark) + "&layout=briefing").c_str());
  REQUIRE(briefing);
  CHECK(briefing->status == 200);
  CHECK(briefing->body != pdf->body);

  // A wrong ptbrief.json: the page says which file and key, in Chinese.
  write_text(corpus / "ptbrief.json", R"({"issue": "七"})");
  auto bad = c.Get(("/brief.pdf?park=" + q(kPark)).c_str());
  REQUIRE(bad);
  CHECK(bad->status == 400);
  const Json e = Json::parse(bad->body);
  CHECK(e["path"] == "$.issue");
  CHECK(e["code"] == "cli.bad_defaults");
  CHECK(has_han(e["error"].get<std::string>()));
}

TEST_CASE("the page's error messages are in Chinese even when the locale is C") {
  // ctest runs every test with LC_ALL=C.UTF-8 and no LANGUAGE: the server translates anyway.
  const fs::path corpus = test::made_up_corpus("serve-zh", kArticles);
  test::ServeProcess server(corpus);
  auto c = client_for(server);
  auto unknown = c.Get(("/api/review?park=" + q("无此园区")).c_str());
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  const Json u = Json::parse(unknown->body);
  CHECK(u["error"].get<std::string>().find("未知园区") != std::string::npos);
  CHECK(u["error"].get<std::string>().find("unknown") == std::string::npos);

  auto bad = c.Post("/api/corrections", R"({"drop": [{"file": "a01_kaifaqu_county.txt", "quote": 3}]})",
                    "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  const Json b = Json::parse(bad->body);
  CHECK(b["path"] == "$.drop[0].quote");
  CHECK(has_han(b["error"].get<std::string>()));
  CHECK(b["error"].get<std::string>().find("must") == std::string::npos);

  auto layout = c.Get(("/brief.pdf?park=" + q(kPark) + "&layout=nope").c_str());
  REQUIRE(layout);
  CHECK(layout->status == 404);
  CHECK(has_han(Json::parse(layout->body)["error"].get<std::string>()));

  auto no_token = httplib::Client("127.0.0.1", server.port).Get("/api/parks");
  REQUIRE(no_token);
  CHECK(no_token->status == 401);
  CHECK(has_han(Json::parse(no_token->body)["error"].get<std::string>()));
}

TEST_CASE("a drop from the page removes one of two figures that share a quote, and make agrees") {
  const fs::path corpus = test::made_up_corpus("serve-shared-quote", kArticles);
  write_text(corpus / "a90_shared.txt",
        "测试高新区党建工作综述\n\n本报讯 测试高新区今年新建党组织12个、党员服务站30个，覆盖企业300家。\n"
        "测试高新区推行“红色代办”工作机制，组建服务队伍8支。\n");
  test::LiveServer live(corpus);
  auto c = live.client();
  const Json review = Json::parse(c.Get(("/api/review?park=" + q("测试高新区")).c_str())->body);
  Json a, b;
  for (const auto& f : review["figures"])
    for (const auto& g : review["figures"])
      if (a.is_null() && f["quote"] == g["quote"] && f["value"] != g["value"]) a = f, b = g;
  REQUIRE(!a.is_null());  // two figures, one quote
  // What the page sends for 删除 (web/app.js target()): the quote and the figure's value.
  const Json drop = {{"drop", {{{"type", "figure"}, {"file", a["file"]}, {"quote", a["match"]["quote"]},
                                {"value", a["match"]["value"]}}}}};
  auto posted = c.Post("/api/corrections", drop.dump(), "application/json");
  REQUIRE(posted);
  REQUIRE(posted->status == 200);
  const Json after = Json::parse(c.Get(("/api/review?park=" + q("测试高新区")).c_str())->body);
  int dropped = 0, kept = 0;
  for (const auto& f : after["figures"]) {
    if (f["quote"] != a["quote"]) continue;
    if (f["value"] == a["value"]) dropped += f["correction"].is_object() && f["correction"]["section"] == "drop";
    if (f["value"] == b["value"]) kept += f["correction"].is_null();
  }
  CHECK(dropped == 1);
  CHECK(kept == 1);
  // make and extract read the file the page wrote: the other figure is still there.
  const auto facts = test::run_ptbrief({"extract", "--park", "测试高新区", "--corpus", corpus.string(), "--format", "json"});
  REQUIRE(facts.exit_code == 0);
  const Json extracted = Json::parse(facts.out);  // named: a range-for over a temporary's member dangles
  int with_a = 0, with_b = 0;
  for (const auto& f : extracted["figures"]) {
    with_a += f["value"] == a["value"] && f["quote"] == a["quote"];
    with_b += f["value"] == b["value"] && f["quote"] == b["quote"];
  }
  CHECK(with_a == 0);
  CHECK(with_b == 1);
  // Undo removes exactly that entry.
  auto undone = c.Post("/api/corrections/undo", drop.dump(), "application/json");
  REQUIRE(undone);
  CHECK(Json::parse(undone->body)["drop"].empty());
}

TEST_CASE("生成简报包 runs ptbrief pack from the page's API and reports in Chinese") {
  const fs::path corpus = test::made_up_corpus("serve-pack", kArticles);
  const fs::path dir = test::scratch_dir("serve-pack-file");
  write_text(dir / "weekly.json", Json{{"name", "weekly"}, {"corpus", corpus.string()}, {"output", "out"},
                                  {"layout", "briefing"}, {"briefs", {{{"park", kPark}}}}}.dump());
  test::ServeProcess server(corpus, {"--pack", (dir / "weekly.json").string()});
  auto c = client_for(server);
  auto idle = c.Get("/api/pack");
  REQUIRE(idle);
  CHECK(Json::parse(idle->body)["state"] == "idle");
  // The same checks as every write: a page of another origin cannot start it.
  auto cross = c.Post("/api/pack", {{"Origin", "http://evil.example"}}, "{}", "application/json");
  REQUIRE(cross);
  CHECK(cross->status == 403);
  auto started = c.Post("/api/pack", "{}", "application/json");
  REQUIRE(started);
  REQUIRE(started->status == 202);
  Json st = Json::parse(started->body);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (st["state"] == "running" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    st = Json::parse(c.Get("/api/pack")->body);
  }
  INFO(st.dump());
  REQUIRE(st["state"] == "done");
  CHECK(fs::exists(dir / "out" / (std::string(kPark) + ".pdf")));
  CHECK(test::slurp(dir / "out" / (std::string(kPark) + ".pdf")).rfind("%PDF-", 0) == 0);
  CHECK(has_han(st["message"].get<std::string>()));
  CHECK(st["message"].get<std::string>().find("weekly") != std::string::npos);
  REQUIRE(st["briefs"].size() == 1);
  CHECK(has_han(st["briefs"][0]["status"].get<std::string>()));
  // Run again: ptbrief pack's incremental rule, nothing to rebuild.
  REQUIRE(c.Post("/api/pack", "{}", "application/json")->status == 202);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    st = Json::parse(c.Get("/api/pack")->body);
  } while (st["state"] == "running" && std::chrono::steady_clock::now() < deadline);
  CHECK(st["state"] == "done");
  const auto pack = test::run_ptbrief({"pack", (dir / "weekly.json").string(), "--dry-run"});
  CHECK(pack.out.find("0 to build") != std::string::npos);  // the page's run is ptbrief pack's
}

TEST_CASE("a server without a pack says so, in Chinese") {
  const fs::path corpus = test::made_up_corpus("serve-no-pack", kArticles);
  test::ServeProcess server(corpus);
  auto c = client_for(server);
  auto r = c.Post("/api/pack", "{}", "application/json");
  REQUIRE(r);
  CHECK(r->status == 409);
  CHECK(has_han(Json::parse(r->body)["error"].get<std::string>()));
}
