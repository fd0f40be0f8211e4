// Terminal columns of the aligned tables of `extract` and `review`.
#include <catch2/catch.hpp>

#include "cli/display_width.h"

using ptbrief::cli::clip;
using ptbrief::cli::display_width;
using ptbrief::cli::pad_to;

TEST_CASE("Han, full-width forms and kana take two columns, Latin and digits one, combining marks none") {
  CHECK(display_width("") == 0);
  CHECK(display_width("park") == 4);
  CHECK(display_width("园区") == 4);
  CHECK(display_width("２３６０家") == 10);  // full-width digits
  CHECK(display_width("“") == 1);            // quotation marks are ambiguous width: one
  CHECK(display_width("e\xCC\x81") == 1);    // e + combining acute
  CHECK(display_width("𠀀") == 2);           // Extension B
  // Ill-formed: F4 90 starts no valid sequence, so each byte is its own U+FFFD (maximal
  // subparts, Unicode §3.9, as ICU counts them), one column each.
  CHECK(display_width("\xF4\x90\x80\x80") == 4);
}

TEST_CASE("clip cuts at a character boundary and marks the cut, pad_to fills to a column") {
  CHECK(clip("南通高新区", 10) == "南通高新区");
  CHECK(clip("南通高新区", 9) == "南通高新…");
  CHECK(clip("南通高新区", 8) == "南通高…");
  CHECK(clip("abc", 0) == "…");
  CHECK(pad_to("园区", 6) == "园区  ");
  CHECK(pad_to("sentence", 4) == "sentence");
}
