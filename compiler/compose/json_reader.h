// json_reader: compose's name for the project's JSON reader with positions (base/json_reader.h).
#pragma once

#include "base/json_reader.h"

namespace ptbrief::compose {
namespace json = ::ptbrief::json;  ///< layouts were its first user; the reader lives in base/
}  // namespace ptbrief::compose
