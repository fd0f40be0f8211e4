// The total-fit line breaker on synthetic 1-em boxes — no fonts (SILE spec/break_spec style).
#include <catch2/catch.hpp>

#include "typeset/linebreak.h"

using namespace ptbrief::typeset::lb;

namespace {

// n one-em boxes (em = 10 pt) with breakable inter-character glue between them, like Han text.
std::vector<Item> han_boxes(int n, double stretch = 1, double shrink = 0) {
  std::vector<Item> items;
  for (int i = 0; i < n; ++i) {
    items.push_back(Item::box(10));
    if (i + 1 < n) items.push_back(Item::glue(0, stretch, shrink));
  }
  items.push_back(Item::glue(0, kFil, 0));
  items.push_back(Item::penalty_item(0, -kInfinitePenalty));
  return items;
}

// Boxes per line for a set of breaks.
std::vector<int> boxes_per_line(const std::vector<Item>& items, const std::vector<Break>& breaks) {
  std::vector<int> out;
  std::size_t start = 0;
  for (const Break& b : breaks) {
    int n = 0;
    for (std::size_t i = start; i < b.end; ++i) n += items[i].kind == Item::Kind::Box;
    out.push_back(n);
    start = line_start_after(items, b.end);
  }
  return out;
}

}  // namespace

TEST_CASE("full lines of one-em boxes break exactly at the measure with ratio 0", "[linebreak]") {
  const auto items = han_boxes(10);
  const auto breaks = break_lines(items, {40});
  CHECK(boxes_per_line(items, breaks) == std::vector<int>{4, 4, 2});
  CHECK(breaks[0].ratio == Approx(0));
  CHECK(breaks[1].ratio == Approx(0));
}

TEST_CASE("total fit avoids a single box alone on the last line where first fit leaves one",
          "[linebreak]") {
  const auto items = han_boxes(9, 5);
  CHECK(boxes_per_line(items, break_greedy(items, {40})) == std::vector<int>{4, 4, 1});
  Params params;
  params.min_last_line_width = 25;  // two and a half boxes
  const auto optimal = boxes_per_line(items, break_optimal(items, {40}, params));
  REQUIRE(!optimal.empty());
  CHECK(optimal.back() >= 2);
  int total = 0;
  for (int n : optimal) total += n;
  CHECK(total == 9);
}

TEST_CASE("marks and markers do not count toward the last line's minimum (孤字)", "[linebreak]") {
  // Nine characters, then a stop and a note marker that may not start a line. A last line of
  // one character, its stop and its marker is as wide as two and a half boxes, but only one
  // box counts: the breaker takes a character down with it.
  std::vector<Item> items;
  for (int i = 0; i < 9; ++i) {
    items.push_back(Item::box(10));
    items.push_back(Item::glue(0, 5, 0));
  }
  items.pop_back();
  items.push_back(Item::penalty_item(0, kInfinitePenalty));
  items.push_back(Item::box(5, false));  // 。 (its inked half)
  items.push_back(Item::penalty_item(0, kInfinitePenalty));
  items.push_back(Item::box(10, false));  // [9]
  items.push_back(Item::glue(0, kFil, 0));
  items.push_back(Item::penalty_item(0, -kInfinitePenalty));
  Params params;
  params.min_last_line_width = 19;
  const auto lines = boxes_per_line(items, break_optimal(items, {40}, params));
  REQUIRE(!lines.empty());
  CHECK(lines.back() >= 4);  // at least two characters besides the stop and the marker

  Params by_width = params;  // counting every box, the lone character would pass
  std::vector<Item> all = items;
  for (Item& it : all) it.counts = true;
  CHECK(boxes_per_line(all, break_optimal(all, {40}, by_width)).back() == 3);
}

TEST_CASE("an infinite penalty before a glue forbids that break", "[linebreak]") {
  // Boxes 0..5; the break between box 3 and 4 is forbidden (kinsoku), so line 1 ends after 3.
  std::vector<Item> items;
  for (int i = 0; i < 6; ++i) {
    items.push_back(Item::box(10));
    if (i == 3) items.push_back(Item::penalty_item(0, kInfinitePenalty));
    if (i + 1 < 6) items.push_back(Item::glue(0, 5, 0));
  }
  items.push_back(Item::glue(0, kFil, 0));
  items.push_back(Item::penalty_item(0, -kInfinitePenalty));
  CHECK(boxes_per_line(items, break_lines(items, {40})) == std::vector<int>{3, 3});
}

TEST_CASE("a forced break ends a line early and that line is not stretched", "[linebreak]") {
  std::vector<Item> items{Item::box(10),
                          Item::glue(0, 1, 0),
                          Item::box(10),
                          Item::glue(0, kFil, 0),
                          Item::penalty_item(0, -kInfinitePenalty),
                          Item::box(10),
                          Item::glue(0, kFil, 0),
                          Item::penalty_item(0, -kInfinitePenalty)};
  const auto breaks = break_lines(items, {40});
  CHECK(boxes_per_line(items, breaks) == std::vector<int>{2, 1});
}

TEST_CASE("glue shrinks to fit a line that is slightly too long", "[linebreak]") {
  // 5 boxes of 10 with glue 2 (shrink 2) would be 58 wide; the measure is 50: ratio -1.
  std::vector<Item> items;
  for (int i = 0; i < 5; ++i) {
    items.push_back(Item::box(10));
    items.push_back(Item::glue(2, 0, 2));
  }
  items.push_back(Item::box(10));
  items.push_back(Item::glue(0, kFil, 0));
  items.push_back(Item::penalty_item(0, -kInfinitePenalty));
  const auto breaks = break_lines(items, {50});
  REQUIRE(breaks.size() == 2);
  CHECK(boxes_per_line(items, breaks)[0] == 5);
  CHECK(breaks[0].ratio == Approx(-1));
}

TEST_CASE("a box wider than the measure gives an overfull line instead of failing", "[linebreak]") {
  std::vector<Item> items{Item::box(10),
                          Item::glue(3, 1, 1),
                          Item::box(100),
                          Item::glue(3, 1, 1),
                          Item::box(10),
                          Item::glue(0, kFil, 0),
                          Item::penalty_item(0, -kInfinitePenalty)};
  const auto breaks = break_lines(items, {40});
  REQUIRE(breaks.size() == 3);
  CHECK(breaks[1].overfull);
}

TEST_CASE("the measure may differ per line (the last width repeats)", "[linebreak]") {
  const auto items = han_boxes(10);
  CHECK(boxes_per_line(items, break_lines(items, {20, 40})) == std::vector<int>{2, 4, 4});
}
