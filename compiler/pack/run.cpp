// Running a pack: lock the output folder, clean up after a killed run, plan, build the
// out-of-date briefs on worker threads, record each in the manifest as soon as it is in place.
#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <mutex>
#include <set>
#include <thread>

#include "base/atomic_file.h"
#include "base/hash.h"
#include "pack/inputs.h"
#include "pack/lock.h"
#include "pack/manifest.h"
#include "pack/plan.h"

namespace ptbrief::pack {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Forwards diagnostics from worker threads to one sink, one at a time.
/// Runs `step` (build and write one output) and records in `r` whether it worked, the error if
/// not, and how long it took: a failing output never stops the others.
template <class Step>
void attempt(BriefResult& r, Step&& step) {
  const auto start = Clock::now();
  try {
    step();
    r.status = BriefResult::Status::Built;
  } catch (const Error& e) {
    r.status = BriefResult::Status::Failed;
    r.error = format(e.diagnostic());
  } catch (const std::filesystem::filesystem_error& e) {
    r.status = BriefResult::Status::Failed;
    r.error = format(access_error(e));
  } catch (const std::exception& e) {
    r.status = BriefResult::Status::Failed;
    r.error = std::string("internal error: ") + e.what();
  }
  r.seconds = seconds_since(start);
}

class LockedSink final : public DiagSink {
 public:
  explicit LockedSink(DiagSink& inner) : inner_(inner) {}
  void report(const Diagnostic& d) override {
    std::lock_guard<std::mutex> hold(mutex_);
    inner_.report(d);
  }

 private:
  DiagSink& inner_;
  std::mutex mutex_;
};

/// Figures new or changed since the last build of a brief.
std::vector<FigureChange> diff_figures(const std::vector<FigureRecord>& before,
                                       const std::vector<FigureRecord>& now) {
  std::map<std::string, const FigureRecord*> old;
  for (const auto& f : before) old[f.key] = &f;
  std::vector<FigureChange> out;
  for (const auto& f : now) {
    auto it = old.find(f.key);
    if (it == old.end())
      out.push_back({FigureChange::Kind::New, f.label + " " + f.value, ""});
    else if (it->second->value != f.value)
      out.push_back({FigureChange::Kind::Changed, f.label + " " + f.value, it->second->value});
  }
  return out;
}

std::string title_of(const BriefEntry& e) { return e.kind + " " + e.name; }

/// One run of one pack.
class Runner {
 public:
  Runner(const PackSpec& pack, Builder& builder, const RunOptions& options, DiagSink& sink)
      : pack_(pack), builder_(builder), options_(options), sink_(sink) {}

  RunReport run() {
    auto start = Clock::now();
    std::unique_ptr<FolderLock> lock;
    if (!options_.dry_run) {
      lock = std::make_unique<FolderLock>(pack_.output, [&](long pid) {
        Event e{Event::Kind::WaitingForLock, nullptr, pack_.output.string(), 0, 0};
        e.done = static_cast<std::size_t>(pid);
        emit(e);
      });
      remove_stale_temp_files(pack_.output);
    }
    manifest_ = read_manifest(pack_.output / kManifestName, sink_);
    refuse_other_packs_folder();
    const Manifest before = manifest_;  // compared, not serialised: a no-change run writes nothing

    plan();
    if (!options_.dry_run) {
      build_all();
      remove_dropped();
    }
    update_combined();
    // Durability once, at the end: the PDFs written (without fsync, see put_in_place), then the
    // manifest that records them.
    if (!options_.dry_run && !written_.empty()) {
      sync_files(written_);
      save_manifest(Sync::Now);
    } else if (!options_.dry_run && (dirty_ || manifest_ != before)) {
      save_manifest(Sync::Now);
    }
    report_.seconds = seconds_since(start);
    return std::move(report_);
  }

 private:
  /// Two packs sharing an output folder would delete each other's PDFs as "dropped": a folder
  /// whose manifest names another pack is refused.
  void refuse_other_packs_folder() const {
    if (manifest_.pack.empty() || manifest_.pack == pack_.name) return;
    Diagnostic d;
    d.code = "pack.shared_output";
    d.message = "the output folder '" + pack_.output.string() + "' belongs to pack '" +
                manifest_.pack + "', not to '" + pack_.name + "'";
    d.hint = "give each pack its own \"output\" folder (or delete " + std::string(kManifestName) +
             " there if pack '" + manifest_.pack + "' is gone)";
    d.file = pack_.file.string();
    d.json_path = "$.output";
    throw Error(d);
  }

  /// Decides the brief list and which briefs to build; loads the facts only when needed.
  void plan() {
    globals_ = hash_globals(pack_, builder_, options_, manifest_);
    std::vector<BriefEntry> entries;
    if (manifest_.pack == pack_.name && manifest_.expansion_key == globals_.expansion_key) {
      entries = manifest_.expansion;
    } else {
      load_facts();
      entries = expand(pack_, facts_);
    }
    manifest_.pack = pack_.name;
    manifest_.expansion_key = globals_.expansion_key;
    manifest_.expansion = entries;

    for (const auto& e : entries)
      planned_.push_back(plan_brief(e, globals_, pack_, options_, manifest_,
                                    report_.facts_loaded ? &facts_ : nullptr));
    bool any = std::any_of(planned_.begin(), planned_.end(),
                           [](const PlannedBrief& p) { return !p.reasons.empty(); });
    if (any && !options_.dry_run && !report_.facts_loaded) {
      load_facts();
      for (auto& p : planned_)
        if (!p.reasons.empty()) p.facts = select_facts(facts_, p.entry, globals_.corpus_names);
    }

    // One result per brief, in pack order.
    for (const auto& p : planned_) {
      BriefResult r;
      r.output_name = p.entry.output_name;
      r.title = title_of(p.entry);
      r.reasons = p.reasons;
      r.status = p.reasons.empty() ? BriefResult::Status::UpToDate
                                   : (options_.dry_run ? BriefResult::Status::WouldBuild
                                                       : BriefResult::Status::Built);
      report_.briefs.push_back(r);
    }
  }

  void load_facts() {
    emit({Event::Kind::LoadingFacts, nullptr, pack_.corpus.string(), 0, 0});
    facts_ = builder_.load_facts(pack_.corpus, globals_.corrections, sink_);
    report_.facts_loaded = true;
  }

  /// Builds every out-of-date brief over the worker threads.
  void build_all() {
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < planned_.size(); ++i)
      if (!planned_[i].reasons.empty()) todo.push_back(i);
    total_ = todo.size();
    if (todo.empty()) return;
    // The combined PDF, when it will be built whatever the briefs' builds give, is built
    // beside them (first: it is the longest job), not alone on one thread after them.
    if (combined_needed_anyway()) todo.insert(todo.begin(), kCombinedTask);
    unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, todo.size()));
    LockedSink sink(sink_);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t k; (k = next++) < todo.size();)
        todo[k] == kCombinedTask ? build_combined_early() : build_one(todo[k], sink);
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
  }

  /// Builds one brief, puts its PDF in place, then records it. Failures are reported.
  void build_one(std::size_t i, DiagSink& sink) {
    const PlannedBrief& p = planned_[i];
    BriefResult& r = report_.briefs[i];
    {
      std::lock_guard<std::mutex> hold(event_mutex_);
      if (options_.on_event) options_.on_event({Event::Kind::Started, nullptr, p.entry.output_name, done_, total_});
    }
    attempt(r, [&] {
      BuiltBrief built = builder_.build(facts_, job_for(p.entry), sink);
      if (options_.slow_build.count() > 0) std::this_thread::sleep_for(options_.slow_build);
      put_in_place(p.entry.output_name, built.pdf);
      record(p, built, r);
    });
    std::lock_guard<std::mutex> hold(event_mutex_);
    done_++;
    if (options_.on_event) options_.on_event({Event::Kind::Finished, &r, r.output_name, done_, total_});
  }

  BriefJob job_for(const BriefEntry& e) const {
    BriefJob job;
    job.request.kind = e.kind == "park" ? compose::BriefRequest::Kind::Park
                                        : compose::BriefRequest::Kind::Topic;
    job.request.name = e.name;
    job.layout = e.layout;
    job.output_name = e.output_name;
    job.pdf_options.source_date_epoch = options_.source_date_epoch;
    job.pdf_options.threads = 1;  // the pack already runs its briefs on every core
    job.typeset_options.font_dirs = options_.font_dirs;
    job.shared_layout = !pack_.combined.empty() && !options_.dry_run;
    return job;
  }

  /// The combined meeting PDF: plans it (reasons, as for a brief), builds it when out of date,
  /// removes the one an earlier run wrote under another name or for a pack that has none now.
  void update_combined() {
    drop_old_combined();
    if (pack_.combined.empty()) return;
    report_.combined = BriefResult{};
    BriefResult& r = *report_.combined;
    r.output_name = pack_.combined;
    r.title = "combined " + pack_.title;
    for (const auto& p : planned_)
      if (p.entry.output_name == pack_.combined) {
        r.status = BriefResult::Status::Failed;
        r.error = "the combined PDF's name \"" + pack_.combined + "\" is also the name of a brief;" +
                  " give \"combined\" another file name in " + pack_.file.string();
        emit({Event::Kind::Finished, &r, r.output_name, done_, total_});
        return;
      }
    std::string failed;  // a brief without a good build: the combined PDF would lack it
    for (std::size_t i = 0; i < planned_.size() && failed.empty(); ++i)
      if (report_.briefs[i].status == BriefResult::Status::Failed ||
          !manifest_.briefs.count(planned_[i].entry.output_name))
        failed = planned_[i].entry.output_name;
    const std::string key = combined_key();
    const auto& old = manifest_.combined;

    // Why it is out of date.
    if (options_.force) r.reasons.push_back("forced (--force)");
    if (!old || old->output_name != pack_.combined) {
      r.reasons.push_back("not built yet");
    } else {
      if (options_.dry_run && report_.count(BriefResult::Status::WouldBuild) > 0)
        r.reasons.push_back("briefs out of date");
      else if (old->key != key)
        r.reasons.push_back("briefs or pack title changed");
      std::error_code ec;
      auto size = std::filesystem::file_size(pack_.output / pack_.combined, ec);
      if (ec || size != old->pdf_size) r.reasons.push_back("output missing or altered");
    }
    if (r.reasons.empty()) return;  // up to date
    if (options_.dry_run) {
      r.status = BriefResult::Status::WouldBuild;
      return;
    }
    if (!failed.empty()) {
      r.status = BriefResult::Status::Failed;
      r.error = "not rebuilt, since the brief " + failed + " failed; the previous one (if any) stays";
      emit({Event::Kind::Finished, &r, r.output_name, done_, total_});
      return;
    }
    build_combined(key, r);
  }

  /// Hash of everything the combined PDF is built from: each brief's recorded inputs in pack
  /// order, the pack's title, layout and combined name, the version and SOURCE_DATE_EPOCH.
  std::string combined_key() const {
    Sha256 h;
    h.update("combined 1\n").update(globals_.version).update("\n").update(pack_.title).update("\n");
    h.update(pack_.combined).update("\n").update(hash_files(layout_files(pack_.layout))).update("\n");
    h.update(options_.source_date_epoch ? std::to_string(*options_.source_date_epoch) : "").update("\n");
    for (const auto& p : planned_) {
      auto rec = manifest_.briefs.find(p.entry.output_name);
      h.update(p.entry.output_name).update(":");
      h.update(rec == manifest_.briefs.end() ? "missing" : digest(rec->second.inputs)).update("\n");
    }
    return h.hex();
  }

  CombinedJob combined_job() const {
    CombinedJob job;
    job.title = pack_.title;
    job.layout = pack_.layout;
    job.output_name = pack_.combined;
    job.pdf_options.source_date_epoch = options_.source_date_epoch;
    job.pdf_options.threads = 1;  // the pack already runs its briefs on every core
    job.typeset_options.font_dirs = options_.font_dirs;
    for (const auto& p : planned_) job.briefs.push_back(job_for(p.entry));
    return job;
  }

  /// Whether update_combined() will build the combined PDF unless a brief fails: the pack has
  /// one, and it was never built under its name, is forced, or its file is missing or altered.
  /// (Its bytes depend on the facts and the pack only, not on the briefs' builds.)
  bool combined_needed_anyway() const {
    if (pack_.combined.empty() || options_.dry_run) return false;
    for (const auto& p : planned_)
      if (p.entry.output_name == pack_.combined) return false;
    const auto& old = manifest_.combined;
    if (options_.force || !old || old->output_name != pack_.combined) return true;
    std::error_code ec;
    auto size = std::filesystem::file_size(pack_.output / pack_.combined, ec);
    return ec || size != old->pdf_size;
  }

  /// Builds the combined PDF on a worker while the briefs build; build_combined() then puts it
  /// in place (or drops it, when a brief failed). Its diagnostics wait until then too.
  void build_combined_early() {
    const auto start = Clock::now();
    early_.emplace();
    try {
      early_->built = builder_.build_combined(facts_, combined_job(), early_->sink);
    } catch (...) {
      early_->error = std::current_exception();
    }
    early_->seconds = seconds_since(start);
  }

  /// Builds the combined PDF (or takes the one built beside the briefs), puts it in place,
  /// then records it.
  void build_combined(const std::string& key, BriefResult& r) {
    if (!report_.facts_loaded) load_facts();
    emit({Event::Kind::Started, nullptr, pack_.combined, done_, total_});
    attempt(r, [&] {
      BuiltBrief built;
      if (early_) {
        for (const Diagnostic& d : early_->sink.items) sink_.report(d);
        if (early_->error) std::rethrow_exception(early_->error);
        built = std::move(early_->built);
      } else {
        built = builder_.build_combined(facts_, combined_job(), sink_);
      }
      if (options_.slow_build.count() > 0) std::this_thread::sleep_for(options_.slow_build);
      put_in_place(pack_.combined, built.pdf);
      std::lock_guard<std::mutex> hold(manifest_mutex_);
      manifest_.combined = CombinedRecord{pack_.combined, key, built.pdf.size()};
      save_manifest();
    });
    if (early_) r.seconds += early_->seconds;
    emit({Event::Kind::Finished, &r, r.output_name, done_, total_});
  }

  /// Deletes one file of the output folder; a name that is not a plain file name (which the
  /// manifest reader already refuses) is never joined to the folder's path.
  void remove_output(const std::string& name) {
    if (!is_plain_file_name(name)) return;
    std::error_code ec;
    fs::remove(pack_.output / name, ec);
  }

  /// A combined PDF recorded under a name the pack no longer uses goes, with its record.
  void drop_old_combined() {
    if (!manifest_.combined || manifest_.combined->output_name == pack_.combined) return;
    if (options_.dry_run) return;
    const std::string name = manifest_.combined->output_name;
    if (pack_.combined.empty()) {
      BriefResult r;
      r.status = BriefResult::Status::Removed;
      r.output_name = name;
      r.title = "combined";
      r.reasons.push_back("the pack no longer has a combined PDF");
      report_.combined = r;
    }
    bool is_brief = std::any_of(planned_.begin(), planned_.end(),
                                [&](const PlannedBrief& p) { return p.entry.output_name == name; });
    if (!is_brief) remove_output(name);
    manifest_.combined.reset();
    dirty_ = true;
  }

  /// Records a brief whose PDF is in place, and rewrites the manifest (atomically).
  void record(const PlannedBrief& p, const BuiltBrief& built, BriefResult& r) {
    std::lock_guard<std::mutex> hold(manifest_mutex_);
    BriefRecord rec;
    rec.entry = p.entry;
    rec.inputs = p.inputs;
    rec.sources.clear();
    for (const auto& f : p.facts->files) {
      auto it = globals_.corpus.find(f);
      rec.sources[f] = it == globals_.corpus.end() ? "missing" : it->second;
    }
    rec.inputs["sources"] = digest(rec.sources);
    rec.inputs["facts"] = p.facts->digest;
    std::set<std::string> fonts;
    for (const auto& f : built.font_files) fonts.insert(f.string());
    rec.font_files.assign(fonts.begin(), fonts.end());
    rec.inputs["fonts"] = fonts_hash(globals_, rec.font_files, manifest_);
    rec.figures = p.facts->figures;
    rec.pdf_size = built.pdf.size();

    auto old = manifest_.briefs.find(p.entry.output_name);
    r.first_build = old == manifest_.briefs.end();
    if (!r.first_build) r.changes = diff_figures(old->second.figures, rec.figures);
    manifest_.briefs[p.entry.output_name] = std::move(rec);
    save_manifest();
  }

  /// Briefs the pack no longer holds: their PDFs and records go.
  void remove_dropped() {
    std::set<std::string> current;
    for (const auto& p : planned_) current.insert(p.entry.output_name);
    for (auto it = manifest_.briefs.begin(); it != manifest_.briefs.end();) {
      if (current.count(it->first)) {
        ++it;
        continue;
      }
      remove_output(it->first);
      BriefResult r;
      r.status = BriefResult::Status::Removed;
      r.output_name = it->first;
      r.title = title_of(it->second.entry);
      r.reasons.push_back("no longer in the pack");
      report_.briefs.push_back(r);
      it = manifest_.briefs.erase(it);
      dirty_ = true;
    }
  }

  /// Writes one output atomically but without fsync: a killed run still leaves the old file or
  /// the whole new one. run() fsyncs every file written this way before the last manifest
  /// write; until then a power cut can lose a PDF the manifest already records, and the size
  /// check of the next run's plan ("output missing or altered") rebuilds it.
  void put_in_place(const std::string& name, const std::string& bytes) {
    write_file_atomically(pack_.output / name, bytes, Sync::Later);
    std::lock_guard<std::mutex> hold(written_mutex_);
    written_.push_back(pack_.output / name);
  }

  /// The manifest after each brief: Sync::Later while building (a killed run keeps what it
  /// recorded), Sync::Now at the end of the run.
  void save_manifest(Sync sync = Sync::Later) {
    write_file_atomically(pack_.output / kManifestName, to_json(manifest_), sync);
    dirty_ = false;
  }

  void emit(const Event& e) {
    std::lock_guard<std::mutex> hold(event_mutex_);
    if (options_.on_event) options_.on_event(e);
  }

  const PackSpec& pack_;
  Builder& builder_;
  const RunOptions& options_;
  DiagSink& sink_;
  Manifest manifest_;
  GlobalInputs globals_;
  extract::Facts facts_;
  std::vector<PlannedBrief> planned_;
  RunReport report_;
  std::mutex manifest_mutex_, event_mutex_, written_mutex_;
  std::vector<fs::path> written_;  ///< outputs written this run, not yet fsynced
  /// The combined PDF built beside the briefs (build_combined_early), until it is put in place.
  struct EarlyCombined {
    BuiltBrief built;
    CollectingSink sink;
    std::exception_ptr error;
    double seconds = 0;
  };
  std::optional<EarlyCombined> early_;
  static constexpr std::size_t kCombinedTask = static_cast<std::size_t>(-1);
  std::size_t done_ = 0, total_ = 0;
  bool dirty_ = false;
};

}  // namespace

std::size_t RunReport::count(BriefResult::Status s) const {
  return static_cast<std::size_t>(std::count_if(
      briefs.begin(), briefs.end(), [&](const BriefResult& b) { return b.status == s; }));
}

bool RunReport::failed() const {
  return count(BriefResult::Status::Failed) > 0 ||
         (combined && combined->status == BriefResult::Status::Failed);
}

RunReport run_pack(const PackSpec& pack, Builder& builder, const RunOptions& options,
                   DiagSink& sink) {
  return Runner(pack, builder, options, sink).run();
}

}  // namespace ptbrief::pack
