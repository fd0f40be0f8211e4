// The server over HTTP, in-process: access checks (token, cookie, Host, Origin, body size) and
// the API the page and scripts use.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

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
}  // namespace

TEST_CASE("without the token every path answers 401") {
  const fs::path corpus = test::made_up_corpus("serve-http-401", kArticles);
  test::LiveServer live(corpus);
  auto c = live.client(false);
  for (const char* path : {"/", "/app.js", "/api/parks", "/brief.pdf?park=x", "/api/corrections"}) {
    INFO(path);
    auto r = c.Get(path);
    REQUIRE(r);
    CHECK(r->status == 401);
  }
  auto wrong = c.Get("/api/parks?token=wrong");
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  auto post = c.Post("/api/corrections", R"({"drop": []})", "application/json");
  REQUIRE(post);
  CHECK(post->status == 401);
}

TEST_CASE("the first visit moves the token into a strict HttpOnly cookie") {
  const fs::path corpus = test::made_up_corpus("serve-http-cookie", kArticles);
  test::LiveServer live(corpus);
  auto c = live.client(false);
  auto r = c.Get(("/?token=" + live.token).c_str());
  REQUIRE(r);
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location") == "/");
  const std::string cookie = r->get_header_value("Set-Cookie");
  CHECK(cookie.find("ptbrief_token=" + live.token) == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  auto page = c.Get("/", {{"Cookie", "ptbrief_token=" + live.token}});
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("简报审阅") != std::string::npos);
  CHECK(page->body.find("http") == std::string::npos);  // no address outside the server
}

TEST_CASE("a rebound Host name, a cross-origin write and an origin-less cookie write are refused") {
  const fs::path corpus = test::made_up_corpus("serve-http-origin", kArticles);
  test::LiveServer live(corpus);
  auto c = live.client();
  const std::string body = R"({"drop": [{"file": "a01_kaifaqu_county.txt", "quote": "142家"}]})";
  auto rebound = c.Get("/api/parks", {{"Host", "evil.example:" + std::to_string(live.server.port())}});
  REQUIRE(rebound);
  CHECK(rebound->status == 403);
  auto cross = c.Post("/api/corrections", {{"Origin", "http://evil.example"}}, body, "application/json");
  REQUIRE(cross);
  CHECK(cross->status == 403);
  auto site = c.Post("/api/corrections", {{"Origin", live.origin()}, {"Sec-Fetch-Site", "cross-site"}}, body, "application/json");
  REQUIRE(site);
  CHECK(site->status == 403);
  auto cookie_only = live.client(false).Post("/api/corrections", {{"Cookie", "ptbrief_token=" + live.token}}, body, "application/json");
  REQUIRE(cookie_only);
  CHECK(cookie_only->status == 403);
  CHECK(!fs::exists(corpus / "corrections.json"));
  auto same = c.Post("/api/corrections", {{"Origin", live.origin()}}, body, "application/json");
  REQUIRE(same);
  CHECK(same->status == 200);
  CHECK(fs::exists(corpus / "corrections.json"));
}

TEST_CASE("bodies over the limits are refused") {
  const fs::path corpus = test::made_up_corpus("serve-http-size", kArticles);
  test::LiveServer live(corpus);
  auto c = live.client();
  auto json = c.Post("/api/corrections", std::string((1 << 20) + 10, ' '), "application/json");
  REQUIRE(json);
  CHECK(json->status == 413);
  auto upload = c.Post("/api/articles?name=big.txt", std::string((17 << 20), 'a'), "application/octet-stream");
  if (upload) CHECK(upload->status == 413);  // the server may also close the connection early
  CHECK(!fs::exists(corpus / "big.txt"));
}

TEST_CASE("the API lists parks, gives a park's facts and its PDF, and merges corrections") {
  const fs::path corpus = test::made_up_corpus("serve-http-api", kArticles);
  test::LiveServer live(corpus);
  auto c = live.client();
  auto parks = c.Get("/api/parks");
  REQUIRE(parks);
  REQUIRE(parks->status == 200);
  const Json list = Json::parse(parks->body);
  bool found = false;
  for (const auto& p : list["parks"])
    if (p["name"] == kPark) {
      found = true;
      CHECK(p["figures"].get<int>() > 0);
    }
  CHECK(found);

  auto facts = c.Get(("/api/facts?park=" + q(kPark)).c_str());
  REQUIRE(facts);
  REQUIRE(facts->status == 200);
  const Json f = Json::parse(facts->body);
  REQUIRE(!f["figures"].empty());
  for (const auto& fig : f["figures"]) CHECK(fig["park"] == kPark);

  auto review = c.Get(("/api/review?park=" + q(kPark)).c_str());
  REQUIRE(review);
  const Json rv = Json::parse(review->body);
  const Json first = rv["figures"][0];
  CHECK(first["sentence"][1].get<std::string>().find(first["unit"].get<std::string>()) != std::string::npos);

  auto unknown = c.Get("/api/facts?park=%E6%97%A0%E6%AD%A4%E5%9B%AD%E5%8C%BA");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(Json::parse(unknown->body)["code"].get<std::string>().find("unknown") != std::string::npos);

  auto pdf = c.Get(("/brief.pdf?park=" + q(kPark) + "&layout=gongwen").c_str());
  REQUIRE(pdf);
  REQUIRE(pdf->status == 200);
  CHECK(pdf->body.rfind("%PDF-", 0) == 0);
  auto path_layout = c.Get(("/brief.pdf?park=" + q(kPark) + "&layout=" + q("/etc/passwd")).c_str());
  REQUIRE(path_layout);
  CHECK(path_layout->status == 404);

  const Json drop = {{"drop", {{{"file", first["file"]}, {"quote", first["quote"]}}}}};
  auto posted = c.Post("/api/corrections", drop.dump(), "application/json");
  REQUIRE(posted);
  REQUIRE(posted->status == 200);
  const Json file = Json::parse(test::slurp(corpus / "corrections.json"));
  CHECK(Json::parse(posted->body) == file);
  CHECK(file["drop"][0]["by"] == "tester");
  auto again = Json::parse(c.Get(("/api/review?park=" + q(kPark)).c_str())->body);
  CHECK(again["figures"][0]["correction"]["section"] == "drop");

  auto bad = c.Post("/api/corrections", R"({"drop": [{"file": "../x.txt", "quote": "a"}]})", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(Json::parse(bad->body)["path"] == "$.drop[0].file");
}

TEST_CASE("an uploaded article joins the corpus, a bad one gets ingest's message") {
  const fs::path corpus = test::made_up_corpus("serve-http-upload", kArticles);
  test::LiveServer live(corpus);
  auto c = live.client();
  const std::string text = "测试高新区党建工作综述\n\n本报讯 测试高新区今年新建党组织12个，覆盖企业300家，党员人数达到1500名。\n";
  auto ok = c.Post(("/api/articles?name=" + q("测试.txt")).c_str(), text, "application/octet-stream");
  REQUIRE(ok);
  CHECK(ok->status == 201);
  CHECK(test::slurp(corpus / "测试.txt") == text);
  auto bad = c.Post("/api/articles?name=bad.txt", std::string("\x00\x01\x02zz", 5), "application/octet-stream");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(Json::parse(bad->body)["error"].get<std::string>().find("binary") != std::string::npos);
  auto escape = c.Post("/api/articles?name=..%2Fx.txt", text, "application/octet-stream");
  REQUIRE(escape);
  CHECK(escape->status == 400);
  CHECK(!fs::exists(corpus.parent_path() / "x.txt"));
}
