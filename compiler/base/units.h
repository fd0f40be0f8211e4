// Units: typographic lengths. All layout positions are PostScript points (1/72 inch).
#pragma once

namespace ptbrief {

/// A length in PostScript points (1/72 in). Used for every position and size in layout.
using Pt = double;

inline constexpr Pt kPtPerInch = 72.0;
inline constexpr Pt kPtPerMm = 72.0 / 25.4;

constexpr Pt mm(double v) { return v * kPtPerMm; }
constexpr double to_mm(Pt v) { return v / kPtPerMm; }

}  // namespace ptbrief
