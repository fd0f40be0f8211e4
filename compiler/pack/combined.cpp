// The combined meeting PDF's pages: body (every brief), then cover and contents, joined.
#include "pack/combined.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace ptbrief::pack {
namespace {

using typeset::Align;
using typeset::Block;
using typeset::Document;
using typeset::Heading;
using typeset::Inline;
using typeset::PageList;
using typeset::Paragraph;
using typeset::ParagraphStyle;

/// Styles for the front matter, taken from the briefs' own layout so the cover and contents
/// look like the briefs they introduce.
struct FrontStyles {
  ParagraphStyle masthead;            ///< the pack title on the cover (the layout's 报头 style)
  ParagraphStyle title;               ///< "目　录" (the layout's brief title style)
  ParagraphStyle text;                ///< info line, list of briefs, contents entries
  std::optional<typeset::Rule> rule;  ///< the masthead's rule, repeated under the pack title
};

ParagraphStyle centred(ParagraphStyle s) {
  s.align = Align::Center;
  s.first_indent_em = 0;
  s.left_indent = s.right_indent = 0;
  s.snap_to_grid = false;  // front matter is not set on the briefs' document grid
  return s;
}

/// The masthead paragraph, title heading and rule that open a composed brief (compose's
/// masthead()), and its first body paragraph after the title.
FrontStyles front_styles(const Document& brief) {
  FrontStyles s;
  s.text.text = {"serif", 12, {}, false};   // 小四 (GB/T 9704 uses 三号 only for 公文 body)
  s.title.text = {"title", 22, {}, false};  // 二号
  bool seen_title = false, seen_masthead = false, seen_text = false;
  for (const Block& b : brief.blocks) {
    if (const auto* h = std::get_if<Heading>(&b); h && !seen_title) {
      s.title = h->paragraph.style;
      seen_title = true;
    } else if (const auto* p = std::get_if<Paragraph>(&b)) {
      if (!seen_title && !seen_masthead) {
        s.masthead = p->style;
        seen_masthead = true;
      } else if (seen_title && !seen_text) {
        s.text.text = p->style.text;
        seen_text = true;
      }
    } else if (const auto* r = std::get_if<typeset::Rule>(&b); r && !seen_title && !s.rule) {
      s.rule = *r;
    }
  }
  if (!seen_masthead) s.masthead = s.title;
  s.masthead = centred(s.masthead);
  s.title = centred(s.title);
  s.text.text.superscript = false;
  s.text.leading = s.text.text.size * 1.8;
  s.text.first_indent_em = 0;
  s.text.snap_to_grid = false;
  return s;
}

Paragraph paragraph(std::string text, const ParagraphStyle& style) {
  Paragraph p;
  p.content.push_back(Inline{std::move(text), std::nullopt});
  p.style = style;
  return p;
}

/// The front matter's page: the briefs' paper and margins, no grid, no running lines.
typeset::PageSpec front_page(typeset::PageSpec page) {
  page.grid.reset();
  page.header = {};
  page.footer = {};
  return page;
}

/// A brief's blocks for the body: its first heading (the title) is the level-1 bookmark, the
/// headings below it move one level down so they nest under it.
void demote_headings(std::vector<Block>& blocks, const std::string& fallback_title) {
  bool title = false;
  for (Block& b : blocks) {
    auto* h = std::get_if<Heading>(&b);
    if (!h) continue;
    if (!title) {
      h->level = 1;
      h->outline = true;
      title = true;
    } else {
      h->level = std::max(1, h->level) + 1;
    }
  }
  if (title) return;
  Heading h;  // a brief without headings still gets its bookmark
  h.paragraph = paragraph(fallback_title, centred(ParagraphStyle{}));
  blocks.insert(blocks.begin(), std::move(h));
}

/// Appends `part`'s pages after `into`'s, sharing font faces and moving its bookmarks.
void append(PageList& into, PageList&& part) {
  const std::vector<std::size_t> font_index = typeset::merge_fonts(into.fonts, part.fonts);
  const std::size_t offset = into.pages.size();
  for (auto& page : part.pages) {
    for (auto& item : page.items)
      if (auto* run = std::get_if<typeset::GlyphRun>(&item)) run->font = font_index.at(run->font);
    into.pages.push_back(std::move(page));
  }
  for (auto entry : part.outline) {
    entry.page += offset;
    into.outline.push_back(std::move(entry));
  }
}

/// The body's document without its blocks: the model brief's page and metadata, the pack's
/// title, and the briefs' font roles (the first brief's choice wins, with one warning).
Document body_frame(const std::vector<CombinedBrief>& briefs, const CombinedInfo& info,
                    DiagSink& sink) {
  Document body;
  const Document& model = briefs.at(std::min(info.page_from, briefs.size() - 1)).doc;
  body.page = model.page;
  body.meta = model.meta;
  body.meta.title = info.title;
  body.meta.author = info.publisher;
  body.meta.date = info.date;
  body.meta.subject = std::to_string(briefs.size()) + " 份简报";
  body.meta.keywords.clear();
  bool warned = false;
  for (const CombinedBrief& brief : briefs) {
    for (const auto& [role, families] : brief.doc.font_roles) {
      auto [it, added] = body.font_roles.emplace(role, families);
      if (!added && it->second != families && !warned) {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.code = "pack.combined_fonts";
        d.message = "briefs of the combined PDF use different fonts for the role '" + role +
                    "'; the first brief's choice is used for all";
        d.hint = "give the briefs of a pack one layout, or accept the first one's fonts";
        sink.report(d);
        warned = true;
      }
    }
  }
  return body;
}

/// All briefs' blocks as one body, each after a page break.
void add_blocks(Document& body, std::vector<CombinedBrief>& briefs) {
  for (std::size_t i = 0; i < briefs.size(); ++i) {
    Document& brief = briefs[i].doc;
    demote_headings(brief.blocks, brief.meta.title);
    if (i > 0) body.blocks.emplace_back(typeset::PageBreak{});
    for (Block& b : brief.blocks) body.blocks.push_back(std::move(b));
  }
}

bool same_geometry(const typeset::PageSpec& a, const typeset::PageSpec& b) {
  auto grid = [](const typeset::PageSpec& p) {
    return p.grid ? std::pair(p.grid->chars_per_line, p.grid->lines_per_page) : std::pair(0, 0);
  };
  return a.width == b.width && a.height == b.height && a.margin_top == b.margin_top &&
         a.margin_bottom == b.margin_bottom && a.margin_inner == b.margin_inner &&
         a.margin_outer == b.margin_outer && a.mirrored == b.mirrored && grid(a) == grid(b);
}

/// Whether a brief's own laid-out pages are its body pages: set in the body's geometry and
/// fonts, and its first heading the title bookmark, one outline entry per bookmarked heading
/// (so demoting the headings only renumbers the entries' levels).
bool reusable(const CombinedBrief& brief, const Document& body) {
  if (!brief.pages || !same_geometry(brief.doc.page, body.page) ||
      brief.doc.font_roles != body.font_roles || brief.doc.meta.lang != body.meta.lang)
    return false;
  std::size_t bookmarked = 0;
  bool first = true;
  for (const Block& b : brief.doc.blocks) {
    const auto* h = std::get_if<Heading>(&b);
    if (!h) continue;
    if (first && !h->outline) return false;
    first = false;
    bookmarked += h->outline ? 1 : 0;
  }
  return !first && bookmarked == brief.pages->outline.size();
}

/// A brief's own pages as its part of the body: title bookmark at level 1, the headings below
/// it one level down (as demote_headings does to the blocks), placed from body page `first`.
PageList body_part(const PageList& own, const typeset::PageSpec& page, std::size_t first) {
  PageList part = own;
  for (std::size_t i = 0; i < part.outline.size(); ++i)
    part.outline[i].level = i == 0 ? 1 : std::max(1, part.outline[i].level) + 1;
  typeset::move_pages(part, page, first);
  return part;
}

/// The body's pages, without running lines: the briefs' own pages when every brief's are
/// reusable, else all briefs typeset again as one document.
PageList body_pages(Document& body, std::vector<CombinedBrief>& briefs,
                    const typeset::TypesetOptions& options, DiagSink& sink) {
  const bool reuse = std::all_of(briefs.begin(), briefs.end(),
                                 [&](const CombinedBrief& b) { return reusable(b, body); });
  if (!reuse) {
    add_blocks(body, briefs);
    return typeset::typeset_body(body, options, sink);
  }
  PageList pages;
  pages.meta = body.meta;
  for (const CombinedBrief& brief : briefs)
    append(pages, body_part(*brief.pages, body.page, pages.pages.size()));
  return pages;
}

/// Page index of each brief's title bookmark (the body's level-1 outline entries, in order).
std::vector<std::size_t> title_pages(const PageList& body, std::size_t briefs) {
  std::vector<std::size_t> starts;
  for (const auto& entry : body.outline)
    if (entry.level == 1) starts.push_back(entry.page);
  if (starts.size() != briefs)
    fail("pack.combined_outline",
         "the combined body has " + std::to_string(starts.size()) + " top-level headings for " +
             std::to_string(briefs) + " briefs",
         "this is a bug in ptbrief: please report it with the pack file");
  return starts;
}

/// Cover: pack title, the masthead rule, 编印单位 and date, then the briefs it holds.
Document cover_document(const FrontStyles& st, const typeset::PageSpec& page,
                        const CombinedInfo& info, const std::vector<std::string>& titles) {
  Document d;
  d.page = front_page(page);
  d.page.margin_top = page.height * 0.2;  // the title stands in the upper third of the page
  d.blocks.emplace_back(paragraph(info.title, st.masthead));
  if (st.rule) {
    typeset::Rule r = *st.rule;
    r.space_before = 6;
    r.space_after = 12;
    d.blocks.emplace_back(r);
  }
  std::string line = info.publisher;
  if (!info.date.empty()) line += (line.empty() ? "" : "　　") + info.date;
  ParagraphStyle info_style = centred(st.text);
  if (!line.empty()) d.blocks.emplace_back(paragraph(line, info_style));

  ParagraphStyle lead = info_style;
  lead.space_before = st.text.text.size * 3;
  lead.space_after = st.text.text.size * 0.5;
  d.blocks.emplace_back(
      paragraph("本汇编收录简报 " + std::to_string(titles.size()) + " 份：", lead));
  ParagraphStyle item = st.text;
  item.align = Align::Start;
  item.left_indent = st.text.text.size * 5;
  item.leading = st.text.text.size * 1.6;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    Paragraph p = paragraph(titles[i], item);
    p.marker = std::to_string(i + 1) + ".";
    d.blocks.emplace_back(std::move(p));
  }
  return d;
}

/// Contents: one row per brief — number, title, the page label where it starts.
Document contents_document(const FrontStyles& st, const typeset::PageSpec& page,
                           const std::vector<std::string>& titles,
                           const std::vector<std::string>& page_labels) {
  Document d;
  d.page = front_page(page);
  Heading h;
  h.paragraph = paragraph("目　录", st.title);
  h.paragraph.style.space_after = st.title.text.size;
  h.outline = false;  // the bookmarks are the briefs'
  d.blocks.emplace_back(std::move(h));

  // typeset has no tab stops or dot leaders, so the entries are a table whose rules are drawn
  // in paper white: the page numbers line up at the right edge of the text block.
  typeset::Table t;
  t.column_weights = {1, 11, 1.5};
  t.cell_style = st.text;
  t.header_style = st.text;
  t.rule_color = {1, 1, 1};
  t.rule_width = 0.25;
  t.cell_padding = st.text.text.size * 0.3;
  for (std::size_t i = 0; i < titles.size(); ++i)
    t.rows.push_back({{{{std::to_string(i + 1) + ".", std::nullopt}}, Align::End, std::nullopt, 1},
                      {{{titles[i], std::nullopt}}, Align::Start, std::nullopt, 1},
                      {{{page_labels[i], std::nullopt}}, Align::End, std::nullopt, 1}});
  d.blocks.emplace_back(std::move(t));
  return d;
}

}  // namespace

std::string roman(std::size_t n) {
  if (n == 0 || n > 3999) return std::to_string(n);
  static const std::pair<std::size_t, const char*> digits[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string s;
  for (const auto& [value, text] : digits)
    for (; n >= value; n -= value) s += text;
  return s;
}

CombinedPages combine(std::vector<CombinedBrief> briefs, const CombinedInfo& info,
                      const typeset::TypesetOptions& options, DiagSink& sink) {
  if (briefs.empty())
    fail("pack.combined_empty", "the combined PDF has no briefs", "add briefs to the pack");
  const std::size_t model = std::min(info.page_from, briefs.size() - 1);
  const FrontStyles styles = front_styles(briefs[model].doc);
  const typeset::PageSpec page = briefs[model].doc.page;
  const std::size_t n = briefs.size();

  // The body first: it fixes the page each brief starts on, labelled 1…N.
  Document body_doc = body_frame(briefs, info, sink);
  PageList body = body_pages(body_doc, briefs, options, sink);   // body pages
  typeset::add_running_lines(body_doc, body, options, sink);     // its headers and footers
  const std::vector<std::size_t> starts = title_pages(body, n);  // brief starts
  std::vector<std::string> titles, labels;
  for (const auto& entry : body.outline)
    if (entry.level == 1) titles.push_back(entry.title);
  for (std::size_t s : starts) labels.push_back(std::to_string(s + 1));

  // Then the front matter, numbered apart, so its length cannot move those numbers.
  PageList cover = typeset::typeset(cover_document(styles, page, info, titles), options, sink);
  PageList contents =
      typeset::typeset(contents_document(styles, page, titles, labels), options, sink);

  CombinedPages out;
  out.pages.meta = body.meta;
  append(out.pages, std::move(cover));
  append(out.pages, std::move(contents));
  out.front_pages = out.pages.pages.size();
  for (std::size_t i = 0; i < out.front_pages; ++i) out.pages.pages[i].label = roman(i + 1);
  append(out.pages, std::move(body));
  for (std::size_t i = out.front_pages; i < out.pages.pages.size(); ++i)
    out.pages.pages[i].label = std::to_string(i - out.front_pages + 1);
  for (std::size_t s : starts) out.brief_starts.push_back(out.front_pages + s);
  return out;
}

}  // namespace ptbrief::pack
