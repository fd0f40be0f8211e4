// practices: named working methods, mechanisms, brands, programmes, platforms and models.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "extract/text.h"

namespace ptbrief::extract {

/// A practice found in a sentence, before park and source are attached.
struct PracticeDraft {
  std::string name;       ///< without quotes, original characters
  std::string category;   ///< head noun phrase: 组织架构模式, 党建品牌, 活动 …
  std::size_t begin = 0, end = 0;  ///< characters of the match (quote through head)
};

/// Practices named in the sentence at characters [begin, end) of `view`:
///  1. quoted names followed by a head noun (“四步走”工作机制, “A”“B”等主题活动), or led by an
///     action verb (推行“双向进入、交叉任职”), or ending in a head noun (“红链帮帮团”);
///  2. unquoted objects of an action verb ending in a head noun (实施全员包联机制,
///     建立…的推进模式, 推出了A、B等党建品牌).
std::vector<PracticeDraft> find_practices(const TextView& view, std::size_t begin,
                                          std::size_t end);

}  // namespace ptbrief::extract
