// The corrections file: validation errors at their JSON path, and drop / fix / add / parks
// applied to the facts of made-up articles, with stale entries reported.
#include <catch2/catch.hpp>

#include <algorithm>

#include "extract/corrections.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

using namespace ptbrief;
using namespace ptbrief::extract;

namespace {

const char* kRugao =
    "如皋高新区：党建引领园区高质量发展\n\n"
    "本报讯 如皋高新区坚持以党建引领园区发展。截至目前，园区集聚企业2360家，新建非公企业党组织120个，发展党员426名。\n"
    "如皋高新区推行“红色管家”工作机制，组建党建服务专员队伍38支，帮助企业解决难题560个。\n";
const char* kHaimen =
    "海门经开区：把支部建在产业链上\n\n"
    "本报讯 海门经开区把党组织建在产业链上，园区现有规上企业318家，组建产业链党委6个。\n"
    "海门经开区打造“链上先锋”党建品牌，吸纳企业党员1200余名。\n";

// Two figures of one clause: they share its quote.
const char* kShared =
    "测试高新区党建工作综述\n\n"
    "本报讯 测试高新区今年新建党组织12个、党员服务站30个，覆盖企业300家。\n";

/// Two made-up articles (three with `shared`: kShared too), ingested and extracted.
struct Sample {
  ingest::Corpus corpus;
  Facts facts;
  CollectingSink sink;
  explicit Sample(bool shared = false) {
    std::vector<std::pair<const char*, const char*>> files = {{"001_rugao.txt", kRugao}, {"002_haimen.txt", kHaimen}};
    if (shared) files.push_back({"003_shared.txt", kShared});
    for (auto [name, text] : files) {
      ingest::SourceFile info;
      auto articles = ingest::ingest_bytes(text, name, sink, &info);
      info.name = name;
      corpus.files.push_back(info);
      corpus.articles.insert(corpus.articles.end(), articles.begin(), articles.end());
    }
    facts = extract::extract(corpus, default_topics_file(), sink);
  }
  std::vector<CorrectionOutcome> apply(const std::string& json) {
    sink.items.clear();
    return apply_corrections(parse_corrections(json, "corrections.json"), corpus, facts, sink);
  }
  const Figure* figure(const std::string& value) const {
    for (const auto& f : facts.figures)
      if (f.value == value) return &f;
    return nullptr;
  }
  const Practice* practice(const std::string& name) const {
    for (const auto& p : facts.practices)
      if (p.name == name) return &p;
    return nullptr;
  }
};

Diagnostic parse_error(const std::string& json) {
  try {
    parse_corrections(json, "corrections.json");
  } catch (const Error& e) {
    return e.diagnostic();
  }
  FAIL("no error for " << json);
  return {};
}

}  // namespace

TEST_CASE("the sample articles give the figures the correction tests rely on") {
  Sample s;
  REQUIRE(s.figure("426"));
  CHECK(s.figure("426")->park == "如皋高新区");
  REQUIRE(s.figure("318"));
  CHECK(s.figure("318")->park == "海门经开区");
  REQUIRE(s.practice("红色管家"));
}

TEST_CASE("a bad field in the corrections file is an error at its JSON path") {
  auto d = parse_error(R"({"fix": [{"file": "a.txt", "quote": "x", "set": {"qualifier": "roughly"}}]})");
  CHECK(d.code == "corrections.invalid");
  CHECK(d.json_path == "$.fix[0].set.qualifier");
  CHECK(d.hint.find("about") != std::string::npos);
  CHECK(d.line == 1);

  d = parse_error("{\"drop\": [\n  {\"file\": \"a.txt\", \"qoute\": \"426份\"}]}");
  CHECK(d.json_path == "$.drop[0].qoute");
  CHECK(d.line == 2);
  CHECK(d.hint.find("did you mean 'quote'") != std::string::npos);

  d = parse_error(R"({"add": [{"type": "figure", "file": "a.txt", "quote": "x", "park": "p", "subject": "s", "unit": "个"}]})");
  CHECK(d.json_path == "$.add[0]");
  CHECK(d.message == "missing key 'value'");

  d = parse_error(R"({"add": [{"file": "a.txt", "quote": "x"}]})");
  CHECK(d.message == "missing key 'type'");
  d = parse_error(R"({"parks": [{"name": "甲", "merge": "乙"}]})");
  CHECK(d.json_path == "$.parks[0].merge");
  d = parse_error(R"({"fix": [{"file": "a.txt", "quote": "x", "set": {}}]})");
  CHECK(d.json_path == "$.fix[0].set");
  d = parse_error(R"({"drop": [{"file": "a.txt", "quote": "x"},]})");
  CHECK(d.code == "corrections.json_syntax");
}

TEST_CASE("drop removes the figure whose quote holds the piece, and only it") {
  Sample s;
  const std::size_t before = s.facts.figures.size();
  auto r = s.apply(R"({"drop": [{"file": "001_rugao.txt", "quote": "426名"}]})");
  REQUIRE(r.size() == 1);
  CHECK(r[0].matched == 1);
  CHECK(s.facts.figures.size() == before - 1);
  CHECK(!s.figure("426"));
  CHECK(s.figure("2360"));
  CHECK(s.sink.count(Severity::Warning) == 0);
}

TEST_CASE("drop with a value removes one of two figures that share a quote, and only it") {
  Sample s(true);
  // Two figures of one clause share its quote: the value says which one the entry means.
  const Figure* a = nullptr;
  const Figure* b = nullptr;
  for (const auto& f : s.facts.figures)
    for (const auto& g : s.facts.figures)
      if (&f != &g && f.quote == g.quote && f.number != g.number && !a) a = &f, b = &g;
  REQUIRE(a);
  const std::string quote = a->quote, kept = b->value, dropped = a->value, file = a->source.span.file;
  const std::size_t before = s.facts.figures.size();
  auto r = s.apply(R"({"drop": [{"type": "figure", "file": ")" + file + R"(", "quote": ")" + quote +
                   R"(", "value": )" + dropped + "}]}");
  CHECK(r.at(0).matched == 1);
  CHECK(s.facts.figures.size() == before - 1);
  CHECK(!s.figure(dropped));
  CHECK(s.figure(kept));
  // Without the value the same entry drops both; a value no figure there has drops nothing.
  Sample t(true);
  CHECK(t.apply(R"({"drop": [{"file": ")" + file + R"(", "quote": ")" + quote + R"("}]})").at(0).matched == 2);
  Sample u(true);
  CHECK(u.apply(R"({"drop": [{"file": ")" + file + R"(", "quote": ")" + quote + R"(", "value": 99999}]})").at(0).matched == 0);
  CHECK(u.sink.count(Severity::Warning) == 1);
}

TEST_CASE("fix with a value changes one of two figures that share a quote") {
  Sample s(true);
  const Figure* a = nullptr;
  const Figure* b = nullptr;
  for (const auto& f : s.facts.figures)
    for (const auto& g : s.facts.figures)
      if (&f != &g && f.quote == g.quote && f.number != g.number && !a) a = &f, b = &g;
  REQUIRE(a);
  const std::string quote = a->quote, other = b->value, file = a->source.span.file, subject = b->subject;
  auto r = s.apply(R"({"fix": [{"file": ")" + file + R"(", "quote": ")" + quote + R"(", "value": )" +
                   a->value + R"(, "set": {"subject": "改过的主题"}}]})");
  CHECK(r.at(0).matched == 1);
  CHECK(s.figure(other)->subject == subject);
}

TEST_CASE("a value on a practice entry, or not a number, is an error at its JSON path") {
  auto d = parse_error(R"({"drop": [{"type": "practice", "file": "a.txt", "quote": "x", "value": 3}]})");
  CHECK(d.json_path == "$.drop[0]");
  CHECK(parse_error(R"({"drop": [{"file": "a.txt", "quote": "x", "value": "三"}]})").json_path == "$.drop[0].value");
  // Written back as read.
  const Corrections c = parse_corrections(R"({"drop": [{"type": "figure", "file": "a.txt", "quote": "x", "value": 12}]})", "c.json");
  CHECK(to_json(c).find("\"value\": 12") != std::string::npos);
  CHECK(*parse_corrections(to_json(c), "c.json").drop.at(0).match_number == 12);
}

TEST_CASE("drop by a practice's name removes the practice") {
  Sample s;
  REQUIRE(s.practice("链上先锋"));
  auto r = s.apply(R"({"drop": [{"type": "practice", "file": "002_haimen.txt", "quote": "链上先锋"}]})");
  CHECK(r.at(0).matched == 1);
  CHECK(!s.practice("链上先锋"));
  CHECK(s.figure("1200"));  // the figure of the same sentence stays
}

TEST_CASE("fix sets the fields it names and records the correction") {
  Sample s;
  auto r = s.apply(R"({"fix": [{"file": "001_rugao.txt", "quote": "426名",
                                 "set": {"value": 462, "qualifier": "over", "subject": "发展党员"}}]})");
  CHECK(r.at(0).matched == 1);
  const Figure* f = s.figure("462");
  REQUIRE(f);
  CHECK(f->qualifier == Qualifier::Over);
  CHECK(f->subject == "发展党员");
  CHECK(f->unit == "名");
  REQUIRE(f->corrections.size() == 1);
  CHECK(f->corrections[0] == "corrections.json $.fix[0]");
}

TEST_CASE("fix moves a figure to another park by any of its spellings") {
  Sample s;
  s.apply(R"({"fix": [{"file": "001_rugao.txt", "quote": "2360家", "set": {"park": "海门经开区"}}]})");
  REQUIRE(s.figure("2360"));
  CHECK(s.figure("2360")->park == "海门经开区");
  const Park* p = find_park(s.facts, "海门经开区");
  REQUIRE(p);
  CHECK(std::find(p->articles.begin(), p->articles.end(), s.figure("2360")->source.article_id) !=
        p->articles.end());
}

TEST_CASE("add cites a quote of the file, with the raw bytes it came from") {
  Sample s;
  auto r = s.apply(R"({"add": [{"type": "figure", "file": "001_rugao.txt", "quote": "解决难题560个",
                                 "park": "如皋高新区", "subject": "解决难题", "value": 560, "unit": "个"},
                                {"type": "practice", "file": "002_haimen.txt", "quote": "把党组织建在产业链上",
                                 "park": "海门经开区", "name": "支部建在产业链上"}]})");
  CHECK(r.at(0).matched == 1);
  CHECK(r.at(1).matched == 1);
  auto added = std::find_if(s.facts.figures.begin(), s.facts.figures.end(),
                            [](const Figure& f) { return !f.corrections.empty(); });
  REQUIRE(added != s.facts.figures.end());
  CHECK(added->subject == "解决难题");
  CHECK(added->source.span.file == "001_rugao.txt");
  const std::string raw = kRugao;
  CHECK(raw.substr(added->source.span.start, added->source.span.end - added->source.span.start) ==
        "解决难题560个");
  CHECK(added->corrections.at(0) == "corrections.json $.add[0]");
  // Facts stay in corpus order (file, then offset).
  CHECK(std::is_sorted(s.facts.figures.begin(), s.facts.figures.end(), [](auto& a, auto& b) {
    return a.source.span.file != b.source.span.file ? a.source.span.file < b.source.span.file
                                                    : a.source.span.start < b.source.span.start;
  }));
  const Practice* p = s.practice("支部建在产业链上");
  REQUIRE(p);
  CHECK(p->summary.find("把党组织建在产业链上") != std::string::npos);
}

TEST_CASE("an add whose quote is not in the file is a warning, and adds nothing") {
  Sample s;
  const std::size_t before = s.facts.figures.size();
  auto r = s.apply(R"({"add": [{"type": "figure", "file": "001_rugao.txt", "quote": "新建厂房9栋",
                                 "park": "如皋高新区", "subject": "厂房", "value": 9, "unit": "栋"}]})");
  CHECK(r.at(0).matched == 0);
  CHECK(s.facts.figures.size() == before);
  REQUIRE(s.sink.items.size() == 1);
  CHECK(s.sink.items[0].json_path == "$.add[0]");
  CHECK(s.sink.items[0].message == "matches nothing in 001_rugao.txt");
}

TEST_CASE("a stale entry is a warning naming its JSON path and the article file") {
  Sample s;
  auto r = s.apply(R"({"drop": [{"file": "001_rugao.txt", "quote": "426名"},
                                 {"file": "001_rugao.txt", "quote": "999份"},
                                 {"file": "009_gone.txt", "quote": "426名"}]})");
  CHECK(r.at(0).matched == 1);
  CHECK(r.at(1).matched == 0);
  REQUIRE(s.sink.count(Severity::Warning) == 2);
  const Diagnostic& d = s.sink.items.at(0);
  CHECK(d.code == "corrections.unmatched");
  CHECK(d.file == "corrections.json");
  CHECK(d.json_path == "$.drop[1]");
  CHECK(format(d).find("$.drop[1]: matches nothing in 001_rugao.txt") != std::string::npos);
  CHECK(s.sink.items.at(1).json_path == "$.drop[2]");
  CHECK(s.sink.items.at(1).message == "no file 009_gone.txt in the corpus");
}

TEST_CASE("parks: merge moves facts, aliases and articles into one park") {
  Sample s;
  auto r = s.apply(R"({"parks": [{"name": "如皋高新区", "aliases": ["如皋国家高新区"], "merge": ["海门经开区"]}]})");
  CHECK(r.at(0).matched == 2);
  CHECK(s.figure("318")->park == "如皋高新区");
  CHECK(s.figure("318")->corrections.at(0) == "corrections.json $.parks[0]");
  CHECK(std::none_of(s.facts.parks.begin(), s.facts.parks.end(),
                     [](const Park& p) { return p.name == "海门经开区"; }));
  const Park* p = find_park(s.facts, "如皋国家高新区");
  REQUIRE(p);
  CHECK(p->name == "如皋高新区");
  CHECK(find_park(s.facts, "海门经开区") == p);  // the merged name still finds it
  CHECK(p->articles.size() == 2);
}

TEST_CASE("parks: a new name renames the park, the old one stays an alias") {
  Sample s;
  auto r = s.apply(R"({"parks": [{"name": "如皋国家高新区", "merge": ["如皋高新区"]}]})");
  CHECK(r.at(0).matched >= 1);
  CHECK(s.figure("426")->park == "如皋国家高新区");
  REQUIRE(find_park(s.facts, "如皋高新区"));
  CHECK(find_park(s.facts, "如皋高新区")->name == "如皋国家高新区");
}

TEST_CASE("parks: a merge naming no park warns at its own JSON path") {
  Sample s;
  auto r = s.apply(R"({"parks": [{"name": "如皋高新区", "merge": ["海门经开区", "启东开发区"]}]})");
  REQUIRE(s.sink.items.size() == 1);
  CHECK(s.sink.items[0].json_path == "$.parks[0].merge[1]");
  CHECK(s.figure("318")->park == "如皋高新区");
}

TEST_CASE("without a corrections file nothing changes, and a missing --corrections file is an error") {
  CHECK(load_corrections_for("/nonexistent-corpus", std::nullopt).empty());
  CHECK_THROWS_AS(load_corrections_for("/tmp", std::filesystem::path("/nonexistent/c.json")), Error);
}

TEST_CASE("corrections written back read as the same corrections") {
  const std::string text = R"({"drop": [{"file": "a.txt", "quote": "426份", "note": "重复计数",
               "by": "王芳", "at": "2026-11-30T08:15:00Z"}],
    "fix": [{"type": "figure", "file": "a.txt", "quote": "x", "set": {"value": "11.60", "kind": "percent"}}],
    "add": [{"type": "practice", "file": "b.txt", "quote": "y", "park": "甲高新区", "name": "红色管家"},
            {"type": "figure", "file": "b.txt", "quote": "z", "park": "甲高新区", "subject": "企业", "value": 12, "unit": "家", "topics": ["组织覆盖"]}],
    "parks": [{"name": "甲高新区", "aliases": ["甲国家高新区"], "merge": ["乙高新区"], "by": "李明"}]})";
  const Corrections c = parse_corrections(text, "corrections.json");
  // Who and when (ptbrief serve writes them) are kept, not refused.
  CHECK(c.drop.at(0).by == "王芳");
  CHECK(c.drop.at(0).at == "2026-11-30T08:15:00Z");
  CHECK(c.parks.at(0).by == "李明");
  const std::string written = to_json(c);
  CHECK(to_json(parse_corrections(written, "corrections.json")) == written);
  CHECK(written.find("\"value\": \"11.60\"") != std::string::npos);
  CHECK(written.find("\"value\": 12") != std::string::npos);
  CHECK(written.find("重复计数") != std::string::npos);
  CHECK(written.find("\"at\": \"2026-11-30T08:15:00Z\"") != std::string::npos);
  CHECK(parse_corrections(written, "c.json").add.at(1).fields.topics.at(0) == "组织覆盖");
}
