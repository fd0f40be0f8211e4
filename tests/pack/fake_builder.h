// A fast stand-in for the brief pipeline, so the pack runner's incremental, locking and crash
// logic is tested without ingest/extract/typeset: a toy corpus format and tiny valid PDFs.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/atomic_file.h"
#include "base/diagnostic.h"
#include "pack/pack.h"

namespace ptbrief::test {

/// A minimal one-page PDF whose page shows `text` (ASCII), with a correct xref table; its
/// content stream ends in `padding` spaces (to make a big file that takes time to write).
inline std::string tiny_pdf(const std::string& text, std::size_t padding = 0) {
  std::string stream = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET" + std::string(padding, ' ');
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto off : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

/// Toy corpus: each line of each file is "park|topic|subject|value|unit"; a park named
/// "FAIL" makes its brief throw.
class FakeBuilder final : public pack::Builder {
 public:
  extract::Facts load_facts(const std::filesystem::path& corpus, const std::filesystem::path&,
                            DiagSink&) override {
    loads++;
    extract::Facts f;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(corpus)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::istringstream in(read_file(path));
      std::string line;
      std::size_t offset = 0;
      while (std::getline(in, line)) {
        std::vector<std::string> part;
        std::stringstream fields(line);
        for (std::string x; std::getline(fields, x, '|');) part.push_back(x);
        if (part.size() == 5) add(f, path, offset, line.size(), part);
        offset += line.size() + 1;
      }
    }
    return f;
  }

  pack::BuiltBrief build(const extract::Facts& facts, const pack::BriefJob& job,
                         DiagSink&) override {
    builds++;
    if (job.request.name == "FAIL") fail("test.fail", "this brief always fails");
    std::size_t n = 0;
    for (const auto& fig : facts.figures)
      if (fig.park == job.request.name) n++;
    pack::BuiltBrief out{tiny_pdf("brief " + std::to_string(n) + " figures, layout " +
                                  std::filesystem::path(job.layout).stem().string()),
                         {}};
    if (!font_file.empty()) out.font_files.push_back(font_file);
    return out;
  }

  /// The combined PDF lists the briefs it holds; a brief named "FAILCOMBINED" makes it throw.
  pack::BuiltBrief build_combined(const extract::Facts&, const pack::CombinedJob& job,
                                  DiagSink&) override {
    combined_builds++;
    std::string names;
    for (const auto& b : job.briefs) {
      if (b.request.name == "FAILCOMBINED") fail("test.fail", "this combined PDF always fails");
      names += " " + b.request.name;
    }
    return {tiny_pdf("combined" + names), {}};
  }

  std::atomic<int> loads{0}, builds{0}, combined_builds{0};
  std::filesystem::path font_file;  ///< reported as embedded by every brief (empty: none)

 private:
  static void add(extract::Facts& f, const std::filesystem::path& path, std::size_t offset,
                  std::size_t length, const std::vector<std::string>& part) {
    std::string file = path.filename().string();
    auto park = std::find_if(f.parks.begin(), f.parks.end(),
                             [&](const extract::Park& p) { return p.name == part[0]; });
    if (park == f.parks.end()) park = f.parks.insert(f.parks.end(), extract::Park{part[0], {}, false, {}});
    std::string id = path.stem().string() + "#1";
    if (std::find(park->articles.begin(), park->articles.end(), id) == park->articles.end())
      park->articles.push_back(id);
    if (std::none_of(f.topics.begin(), f.topics.end(),
                     [&](const extract::Topic& t) { return t.id == part[1]; }))
      f.topics.push_back({part[1], ""});
    extract::Figure fig;
    fig.park = part[0];
    fig.topics = {part[1]};
    fig.subject = part[2];
    fig.value = part[3];
    fig.unit = part[4];
    fig.source.span = {file, offset, offset + length};
    f.figures.push_back(fig);
  }
};

/// Writes `text` to `path` (creating folders).
inline void put(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace ptbrief::test
