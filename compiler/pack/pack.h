// pack: briefing packs — pack files, content-hash manifest, incremental parallel rebuilds.
//
// Public interface of the pack stage. Everything else in compiler/pack/ is private.
#pragma once

namespace ptbrief::pack {}  // namespace ptbrief::pack
