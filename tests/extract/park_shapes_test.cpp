// Tests of park name shapes seen on real pages (2026-12 study, text not kept), on made-up
// sentences: zone kinds of their own, names with a dash or a city in parentheses, 国际 inside
// a name, a type word shared by a list of places, organs that establish a name written once.
#include <algorithm>

#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "ingest/ingest.h"

using namespace ptbrief;

namespace {

ingest::Block para(const std::string& text) {
  ingest::Block b;
  b.type = ingest::BlockType::Paragraph;
  b.text = text;
  return b;
}

extract::Facts run(std::vector<ingest::Block> blocks, const std::string& title) {
  ingest::Corpus c;
  ingest::Article a;
  a.id = "t#1";
  a.file = "t.txt";
  a.title = title;
  a.blocks = std::move(blocks);
  c.articles.push_back(std::move(a));
  CollectingSink sink;
  return extract::extract(c, extract::default_topics_file(), sink);
}

std::string park_of(const extract::Facts& f, const std::string& value) {
  for (const auto& x : f.figures)
    if (x.value == value) return x.park;
  return "(no figure " + value + ")";
}

bool has_park(const extract::Facts& f, const std::string& name) {
  return std::any_of(f.parks.begin(), f.parks.end(),
                     [&](const extract::Park& p) { return p.name == name; });
}

}  // namespace

TEST_CASE("a zone that is both an economic and a high-tech zone keeps its whole kind") {
  auto facts = run({para("孝感经济技术和高新技术产业开发区现有规上企业286家。开发区今年新建党组织23个。")},
                   "孝感经济技术和高新技术产业开发区党建工作推进会召开");
  CHECK(park_of(facts, "286") == "孝感经济技术和高新技术产业开发区");
  CHECK(park_of(facts, "23") == "孝感经济技术和高新技术产业开发区");
}

TEST_CASE("an inland port zone is a park") {
  auto facts = run({para("西安国际港务区今年新引进企业45家，港务区国际货运量同比增长12%。")},
                   "西安国际港务区党建联盟成立");
  CHECK(has_park(facts, "西安国际港务区"));
  CHECK(park_of(facts, "45") == "西安国际港务区");
}
