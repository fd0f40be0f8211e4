// Fuzz target: the corrections file and the facts file readers (one input, both readers), and
// applying whatever corrections parse to the facts of a small made-up article.
#include <string_view>

#include "base/diagnostic.h"
#include "extract/corrections.h"
#include "extract/extract.h"
#include "fuzz_target.h"
#include "ingest/ingest.h"

namespace {

struct Sample {
  ptbrief::ingest::Corpus corpus;
  ptbrief::extract::Facts facts;
  Sample() {
    ptbrief::CollectingSink sink;
    ptbrief::ingest::SourceFile info;
    corpus.articles = ptbrief::ingest::ingest_bytes(
        "甲山高新区党建纪实\n\n本报讯 甲山高新区集聚企业2360家，推行“红色管家”工作机制。\n", "a.txt", sink,
        &info);
    info.name = "a.txt";
    corpus.files.push_back(info);
    facts = ptbrief::extract::extract(corpus, ptbrief::extract::default_topics_file(), sink);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Sample sample;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto c = ptbrief::extract::parse_corrections(text, "corrections.json");
    ptbrief::extract::Facts facts = sample.facts;
    ptbrief::CollectingSink sink;
    const auto outcomes = ptbrief::extract::apply_corrections(c, sample.corpus, facts, sink);
    std::size_t entries = c.drop.size() + c.fix.size() + c.add.size() + c.parks.size();
    fuzz_require(outcomes.size() >= entries, "one outcome per entry");
    fuzz_require(ptbrief::extract::to_json(ptbrief::extract::parse_corrections(
                     ptbrief::extract::to_json(c), "c.json")) == ptbrief::extract::to_json(c),
                 "corrections written back read the same");
  } catch (const ptbrief::Error& e) {
    fuzz_require(!e.diagnostic().message.empty(), "an error says what is wrong");
  }
  try {
    ptbrief::extract::FactsScope scope;
    const auto facts = ptbrief::extract::read_facts_json(text, "facts.json", &scope);
    const std::string again = ptbrief::extract::to_facts_json(facts, scope);
    fuzz_require(ptbrief::extract::to_facts_json(
                     ptbrief::extract::read_facts_json(again, "facts.json", &scope), scope) == again,
                 "a facts file written back reads the same");
  } catch (const ptbrief::Error& e) {
    fuzz_require(!e.diagnostic().message.empty(), "an error says what is wrong");
  }
  return 0;
}
