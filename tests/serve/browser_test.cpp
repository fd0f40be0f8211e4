// The review page in headless Chromium (DevTools protocol over a pipe), against a real
// `ptbrief serve` process on a made-up corpus: open, drop a figure, edit a subject, add a
// practice by selecting text, reload and see the changes kept; drop files onto the page; a
// cross-origin page cannot write. Screenshots land in the scratch folder (README's come from here).
#include <catch2/catch.hpp>

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "serve/cdp.h"
#include "serve/serve_support.h"
#include "support/test_support.h"

namespace fs = std::filesystem;
using namespace ptbrief;
using Json = nlohmann::json;

namespace {

const char* kPark = "昆山开发区";

/// A JavaScript string literal for `s`.
std::string js(const std::string& s) { return Json(s).dump(); }

/// Waits until the page has no request in flight and `cond` holds.
void settle(test::Browser& b, const std::string& cond) {
  INFO("waiting for: " << cond << "\nstatus: " << b.eval("document.getElementById('status').textContent"));
  REQUIRE(b.wait_for("document.body.dataset.busy === '0' && (" + cond + ")"));
}

/// How often `needle` occurs in the text of the brief's PDF (whitespace removed).
int occurrences_in_pdf(const test::ServeProcess& server, const std::string& needle, const fs::path& scratch) {
  httplib::Client api("127.0.0.1", server.port);
  api.set_bearer_token_auth(server.token.c_str());
  auto r = api.Get(("/brief.pdf?park=" + httplib::detail::encode_query_param(kPark)).c_str());
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const fs::path pdf = scratch / "brief.pdf";
  std::ofstream(pdf, std::ios::binary) << r->body;
  std::string text = test::run_shell("pdftotext '" + pdf.string() + "' -").out;
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

Json corrections(const fs::path& corpus) { return Json::parse(test::slurp(corpus / "corrections.json")); }

void open_park(test::Browser& b) {
  settle(b, "document.body.dataset.ready === '1'");
  b.eval("document.querySelector('#list li[data-name=' + " + js(std::string("\"") + kPark + "\"") + " + ']').click()");
  settle(b, "document.querySelectorAll('#items .item').length > 0 && document.querySelectorAll('#pages img').length > 0");
  settle(b, "[...document.querySelectorAll('#pages img')].every(i => i.complete && i.naturalWidth > 0)");
}

}  // namespace

TEST_CASE("the review page: drop, edit, add by selection, reload, upload, cross-origin refused") {
  REQUIRE(test::run_shell("chromium --version").exit_code == 0);
  const fs::path corpus = test::made_up_corpus("serve-browser", {"a01_kaifaqu_county.txt", "a19_practices.txt"});
  const fs::path shots = test::scratch_dir("serve-screenshots");
  test::ServeProcess server(corpus);
  test::Browser b(test::scratch_dir("serve-browser-profile"));

  // Open the printed URL: the token becomes a cookie, the list appears, the park opens.
  b.open(server.url);
  CHECK(b.eval("location.search") == "");
  open_park(b);
  b.screenshot(shots / "serve-facts.png");
  const std::string version0 = b.eval("document.getElementById('pages').dataset.version");

  // Drop the first figure: corrections.json has it at once, the preview is rebuilt.
  const std::string quote0 = b.eval("document.querySelector('#items .item[data-type=figure]').dataset.quote");
  const std::string figure0 = b.eval("document.querySelector('#items .item[data-type=figure] .sentence mark').textContent");
  const int before = occurrences_in_pdf(server, figure0, shots);
  REQUIRE(before > 0);
  const auto clicked = std::chrono::steady_clock::now();
  b.eval("document.querySelector('#items .item[data-type=figure] button.drop').click()");
  settle(b, "document.querySelector('#items .item[data-type=figure]').classList.contains('dropped')");
  settle(b, "document.getElementById('pages').dataset.version !== " + js(version0) +
                " && [...document.querySelectorAll('#pages img')].every(i => i.complete && i.naturalWidth > 0)");
  std::cout << "serve browser: drop → preview pages shown again in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - clicked).count() << " s\n";
  Json c = corrections(corpus);
  REQUIRE(c["drop"].size() == 1);
  CHECK(c["drop"][0]["quote"] == quote0);
  CHECK(c["drop"][0]["file"] == "a01_kaifaqu_county.txt");
  CHECK(c["drop"][0].contains("at"));
  CHECK(occurrences_in_pdf(server, figure0, shots) < before);  // the brief prints it no more

  // Edit the second figure's subject in the dialog.
  b.eval("document.getElementById('user').value = '李明'");
  const std::string quote1 = b.eval("document.querySelectorAll('#items .item[data-type=figure]')[1].dataset.quote");
  b.eval("document.querySelectorAll('#items .item[data-type=figure]')[1].querySelector('button.edit').click()");
  settle(b, "document.getElementById('editor').open");
  b.eval("document.querySelector('#edit-fields input[name=subject]').value = '链上党组织'; document.getElementById('edit-save').click()");
  settle(b, "document.querySelectorAll('#items .item[data-type=figure]')[1].classList.contains('fixed')");
  c = corrections(corpus);
  REQUIRE(c["fix"].size() == 1);
  CHECK(c["fix"][0]["quote"] == quote1);
  CHECK(c["fix"][0]["set"]["subject"] == "链上党组织");
  CHECK(c["fix"][0]["by"] == "李明");

  // Add a practice by selecting text in the article.
  b.eval("document.querySelector('#items .item button.open').click()");
  settle(b, "!document.getElementById('article').hidden && document.querySelectorAll('#article-body mark').length > 0");
  b.screenshot(shots / "serve-article.png");
  const std::string pick = "联席会议制度";
  const bool selected = b.eval(
      "(() => { const w = document.createTreeWalker(document.getElementById('article-body'), NodeFilter.SHOW_TEXT);"
      " for (let n; (n = w.nextNode());) { const i = n.data.indexOf(" + js(pick) + "); if (i >= 0) {"
      " const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + " + std::to_string(6) + ");"
      " const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true; } } return false; })()");
  REQUIRE(selected);
  b.eval("document.getElementById('add-practice').click()");
  settle(b, "document.getElementById('editor').open");
  CHECK(b.eval("document.querySelector('#edit-fields input[name=name]').value") == pick);
  b.eval("document.getElementById('edit-save').click()");
  settle(b, "document.getElementById('status').textContent.startsWith('已新增')");
  c = corrections(corpus);
  REQUIRE(c["add"].size() == 1);
  CHECK(c["add"][0]["type"] == "practice");
  CHECK(c["add"][0]["name"] == pick);
  CHECK(c["add"][0]["quote"] == pick);
  CHECK(c["add"][0]["park"] == kPark);

  // Reload: every change is still shown.
  b.open(server.url);
  open_park(b);
  CHECK(b.eval("document.querySelector('#items .item[data-quote=' + CSS.escape(" + js(quote0) + ") + ']').classList.contains('dropped')") == true);
  CHECK(b.eval("document.querySelector('#items .item[data-quote=' + CSS.escape(" + js(quote1) + ") + ']').textContent.includes('链上党组织')") == true);
  CHECK(b.eval("[...document.querySelectorAll('#items .item.added')].some(e => e.textContent.includes(" + js(pick) + "))") == true);
  b.screenshot(shots / "serve-corrected.png");

  // Undo the drop.
  b.eval("document.querySelector('#items .item.dropped button.undo').click()");
  settle(b, "!document.querySelector('#items .item.dropped')");
  CHECK(corrections(corpus)["drop"].empty());

  // Files dropped onto the page: a good one joins the corpus, a binary one is refused by name.
  const std::string article = "测试高新区党建工作综述\\n\\n本报讯 测试高新区今年新建党组织12个，覆盖企业300家。\\n";
  b.eval("(() => { const dt = new DataTransfer(); dt.items.add(new File([\"" + article + "\"], '拖入的文章.txt'));"
         " window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true })); })()");
  settle(b, "document.getElementById('status').textContent.includes('已加入')");
  CHECK(fs::exists(corpus / "拖入的文章.txt"));
  b.eval("(() => { const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array([0, 1, 2, 3])], 'bin.txt'));"
         " window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true })); })()");
  settle(b, "document.getElementById('status').textContent.includes('未能加入 bin.txt')");
  CHECK(!fs::exists(corpus / "bin.txt"));

  // A page of another origin posts with the token in the URL: refused, nothing written.
  httplib::Server evil;
  evil.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<!doctype html><p>evil</p>", "text/html");
  });
  const int evil_port = evil.bind_to_any_port("127.0.0.1");
  std::thread evil_thread([&] { evil.listen_after_bind(); });
  b.open("http://127.0.0.1:" + std::to_string(evil_port) + "/");
  const std::string unchanged = test::slurp(corpus / "corrections.json");
  const Json status = b.eval(
      "fetch('http://127.0.0.1:" + std::to_string(server.port) + "/api/corrections?token=" + server.token +
      "', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' },"
      " body: JSON.stringify({ drop: [{ file: 'a01_kaifaqu_county.txt', quote: '142家' }] }) })"
      ".then(r => r.type, e => 'failed')");
  CHECK((status == "opaque" || status == "failed"));
  evil.stop();
  evil_thread.join();
  CHECK(test::slurp(corpus / "corrections.json") == unchanged);
}
