// prepare_fonts(): opening a layout's faces and readying them for shaping ahead of typeset(),
// on another thread while the facts are still being read.
#include "base/trace.h"
#include "base/utf8.h"
#include "typeset/breaks.h"
#include "typeset/fonts.h"
#include "typeset/shape.h"
#include "typeset/typeset.h"

namespace ptbrief::typeset {
namespace {

class DroppingSink final : public DiagSink {
 public:
  void report(const Diagnostic&) override {}
};

// Text whose shaping builds what a brief's first shaping of a face would: HarfBuzz's shape
// plan for Han text with the shaper's features (locl, kern), its cmap, hmtx and GSUB/GPOS
// accelerators, and the face's fallback to the next face for Latin and digits.
constexpr const char* kSample = "园区党建工作简报，“高新区”：2025年增长12.5%（第1期）——Park Brief";

}  // namespace

void prepare_fonts(const std::vector<std::string>& roles,
                   const std::map<std::string, std::vector<std::string>>& font_families,
                   const TypesetOptions& options, const std::string& language) {
  trace::Stage stage("typeset.prepare_fonts");
  try {
    const std::filesystem::path manifest_path =
        options.font_manifest.empty() ? default_font_manifest() : options.font_manifest;
    const FontManifest& manifest = load_manifest(manifest_path);
    FontSet fonts(manifest, font_families, user_font_dirs(options.font_dirs));
    DroppingSink dropped;
    ShapeContext ctx{fonts, dropped, language, {}, {}};
    for (const std::string& role : roles) {
      try {
        fonts.chain(role);  // opens every face of the chain (cached for the process)
        StyledText st;
        st.text = from_utf8(kSample);
        TextStyle style;
        style.font = role;
        st.styles.push_back(style);
        st.style_starts.push_back(0);
        shape(st, ctx);
      } catch (const Error&) {
        // typeset() meets the same error on its own thread and reports it there.
      }
    }
    find_breaks(U"园区党建，“工作”简报。");  // ICU's line-break rules and data, loaded once
  } catch (const Error&) {
    // A manifest or font folder that cannot be read: typeset() reports it.
  } catch (const std::exception&) {
    // Out of memory or the like: typeset() meets it again, in order.
  }
}

}  // namespace ptbrief::typeset
