// Sample documents for tests and benchmarks (see sample.h).
#include "typeset/sample.h"

#include <array>
#include <string>

namespace ptbrief::typeset {
namespace {

// Sentences in the register of park briefings. Together they exercise: Han–Latin/digit
// spacing, numbers with units, percentages, every common GB/T 15834 mark (“”‘’《》（）「」
// 、；：？！……——·), adjacent punctuation, and a character above the BMP (𠮷).
constexpr std::array<const char*, 16> kSentences = {
    "今年以来，园区党工委坚持“党建引领、产业为本”的工作思路，全年实现地区生产总值3."
    "5亿元，同比增长12.8%。",
    "截至9月底，区内共有规模以上工业企业2360家，其中高新技术企业占比达34.65%，较上年提高2."
    "1个百分点。",
    "在“两新”组织中，新建党支部48个，发展党员300名；组织开展《产业链党建工作指引》专题培训27场次。",
    "为破解企业用工难题，园区联合人社部门举办“春风行动”招聘会（共12场），提供岗位5600余个。",
    "张江·李明同志介绍：“我们把支部建在产业链上，把党员聚在创新链上，让组织力转化为发展力。”",
    "园区引进的AI芯片项目总投资约120亿元，预计2026年投产，年产值可达300亿元以上！",
    "各企业党组织普遍推行“一支部一品牌”，涌现出“红色引擎”“先锋工坊”等一批特色品牌……",
    "如何让党建工作与生产经营深度融合？园区给出的答案是——以项目为单元建立联合党支部。",
    "吉林企业家吉祥女士说，“𠮷”字写法独特，她的公司名称就用了这个字，注册资本8000万元。",
    "依托5G基站和IoT平台，园区建成智慧党建管理系统，党员活动签到率提升至98.5%。",
    "全年共走访企业1200余家次，帮助解决融资、用地、人才等问题356个，办结率100%。",
    "园区还设立了总规模20亿元的产业引导基金，重点投向新材料、生物医药和高端装备制造等领域。",
    "《关于加强园区党建工作的若干意见》（以下简称《意见》）明确提出：要坚持“三同步”原则。",
    "在R&D投入方面，区内企业研发经费支出达86.3亿元，占营业收入的比重为4.7%。",
    "“以前办一件事要跑好几个部门，现在‘一窗通办’，半天就能办完。”一位企业负责人说。",
    "下一步，园区将围绕“链长制”，推动上下游企业党组织结对共建，力争再培育专精特新企业50家。"};

// Counts the Han characters of `s` (CJK Unified Ideographs, Extension A and the supplementary
// ideographic planes): the measure "5,000 Chinese characters" refers to.
std::size_t count_han(const std::string& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    n += (c >= 0x3400 && c <= 0x9FFF) || (c >= 0x20000 && c <= 0x3FFFF);
    i += len;
  }
  return n;
}

Paragraph body(std::string text) {
  Paragraph p;
  p.content.push_back({std::move(text), std::nullopt});
  p.style.text.font = "serif";
  p.style.text.size = 10;
  p.style.leading = 14;  // 1.4 lines
  p.style.space_after = 2;
  return p;
}

Heading heading(std::string text, int level) {
  Heading h;
  h.level = level;
  h.paragraph.content.push_back({std::move(text), std::nullopt});
  h.paragraph.style.text.font = "sans";
  h.paragraph.style.text.size = level == 1 ? 16 : 12.5;
  h.paragraph.style.align = Align::Start;
  h.paragraph.style.first_indent_em = 0;
  h.paragraph.style.space_before = level == 1 ? 14 : 8;
  h.paragraph.style.space_after = 6;
  h.paragraph.style.keep_with_next = true;
  return h;
}

Table sample_table() {
  Table t;
  t.column_weights = {3, 2, 2, 5};
  auto cell = [](std::string s, Align a = Align::Start) {
    TableCell c;
    c.content.push_back({std::move(s), std::nullopt});
    c.align = a;
    return c;
  };
  t.header_rows.push_back({cell("园区", Align::Center), cell("企业数（家）", Align::Center),
                           cell("产值（亿元）", Align::Center), cell("党建做法", Align::Center)});
  const std::array<const char*, 4> names = {"南通高新区", "苏州工业园区", "无锡经开区",
                                            "常州高新区"};
  const std::array<const char*, 3> notes = {
      "推行“链上党建”，在产业链龙头企业设立联合党委，带动上下游企业共建。",
      "建设党群服务中心12个，覆盖全部规模以上企业。",
      "开展“党员先锋岗”创建活动，评选示范岗位260个。"};
  for (int i = 0; i < 6; ++i) {
    t.rows.push_back(
        {cell(std::string(names[i % 4]) + (i >= 4 ? "（" + std::to_string(i / 4) + "期）" : "")),
         cell(std::to_string(800 + 137 * i), Align::End),
         cell(std::to_string(120 + 31 * i) + "." + std::to_string(i % 10), Align::End),
         cell(notes[i % 3])});
  }
  t.cell_style.text.size = 9;
  t.cell_style.first_indent_em = 0;
  t.cell_style.align = Align::Start;
  t.header_style = t.cell_style;
  t.header_style.text.font = "sans";
  t.header_fill = Color{0.9, 0.9, 0.9};
  t.space_before = 6;
  t.space_after = 6;
  return t;
}

BarChart sample_chart() {
  BarChart c;
  c.title = "图1  各园区高新技术企业占比（%）";
  c.labels = {"南通高新区", "苏州工业园区", "无锡经开区", "常州高新区", "扬州经开区"};
  c.values = {34.65, 41.2, 28.9, 36.4, 22.5};
  for (double v : c.values) {
    std::string s = std::to_string(v);
    c.value_labels.push_back(s.substr(0, s.find('.') + 3) + "%");
  }
  c.label_style.font = "sans";
  c.label_style.size = 9;
  c.space_before = 8;
  c.space_after = 8;
  return c;
}

void append_text(std::string& out, const std::vector<Inline>& content) {
  for (const Inline& in : content) out += in.text;
}

}  // namespace

Document sample_document(std::size_t han_chars) {
  Document doc;
  doc.meta.title = "园区党建工作简报";
  doc.meta.subject = "产业链党建";
  doc.meta.keywords = "党建, 园区, 简报";
  doc.meta.date = "2025年9月";
  doc.page.margin_top = doc.page.margin_bottom = mm(18);
  doc.page.margin_inner = doc.page.margin_outer = mm(16);
  doc.page.header.center = "{title}";
  doc.page.header.rule = true;
  doc.page.header.offset = 12;
  doc.page.header.style.size = 9;
  doc.page.footer.center = "第{page}页 共{pages}页";
  doc.page.footer.outer = "{date}";
  doc.page.footer.offset = 20;
  doc.page.footer.style.size = 9;

  Heading title = heading("园区党建工作简报（2025年第3期）", 1);
  title.paragraph.style.align = Align::Center;
  title.paragraph.style.text.font = "sans";  // two CJK faces in all: serif body, sans display
  title.paragraph.style.text.size = 20;
  doc.blocks.push_back(title);
  Rule r;
  r.thickness = 1.5;
  r.color = Color{0.75, 0.1, 0.1};
  r.double_gap = 2.5;
  r.space_after = 8;
  doc.blocks.push_back(r);

  // Body: sections of paragraphs built from the sentence pool, rotating the start so each
  // paragraph differs; a list, the table and the chart go into sections 2 and 3.
  const std::array<const char*, 5> sections = {"一、总体情况", "二、主要做法", "三、数据分析",
                                               "四、典型经验", "五、下一步工作"};
  std::size_t written = 0, k = 0;
  for (std::size_t s = 0; s < sections.size(); ++s) {
    doc.blocks.push_back(heading(sections[s], 1));
    for (int p = 0; p < 3 && written < han_chars; ++p) {
      if (p == 1)
        doc.blocks.push_back(heading("（" + std::to_string(p) + "）" + "重点任务推进情况", 2));
      std::string text;
      const std::size_t sentences = 3 + (k % 4);
      for (std::size_t i = 0; i < sentences; ++i)
        text += kSentences[(k * 5 + i * 3) % kSentences.size()];
      ++k;
      written += count_han(text);
      doc.blocks.push_back(body(std::move(text)));
    }
    if (s == 1) {
      const std::array<const char*, 3> items = {
          "强化组织覆盖：新建联合党支部48个，覆盖企业1,260家。",
          "强化服务保障：设立“企业服务日”，每月15日集中办理。",
          "强化队伍建设：选派党建指导员120名，实现“两新”组织全覆盖。"};
      for (std::size_t i = 0; i < items.size(); ++i) {
        Paragraph item = body(items[i]);
        item.marker = std::to_string(i + 1) + ".";
        item.style.first_indent_em = 0;
        item.style.left_indent = 2 * 10.0;
        written += count_han(items[i]);
        doc.blocks.push_back(item);
      }
    }
    if (s == 2) {
      doc.blocks.push_back(sample_table());
      doc.blocks.push_back(sample_chart());
    }
  }
  // Top up to the requested size with further paragraphs in the last section.
  while (written < han_chars) {
    std::string text;
    for (std::size_t i = 0; i < 4; ++i) text += kSentences[(k * 7 + i) % kSentences.size()];
    ++k;
    written += count_han(text);
    doc.blocks.push_back(body(std::move(text)));
  }
  return doc;
}

std::string sample_body_text(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) {
      out += p->marker;
      append_text(out, p->content);
    } else if (const auto* h = std::get_if<Heading>(&b)) {
      out += h->paragraph.marker;
      append_text(out, h->paragraph.content);
    } else if (const auto* t = std::get_if<Table>(&b)) {
      for (const auto& row : t->header_rows)
        for (const TableCell& c : row) append_text(out, c.content);
      for (const auto& row : t->rows)
        for (const TableCell& c : row) append_text(out, c.content);
    }
  }
  return out;
}

}  // namespace ptbrief::typeset
