// "Build the pack" from the page: pack::run_pack on a thread, progress in the message language.
#include "serve/pack_job.h"

#include <cstdio>

#include "base/diagnostic.h"
#include "base/i18n.h"

namespace ptbrief::serve {
namespace fs = std::filesystem;
using Status = pack::BriefResult::Status;
namespace {

const char* status_text(Status s) {
  switch (s) {
    case Status::Built: return tr("built");
    case Status::UpToDate: return tr("up to date");
    case Status::WouldBuild: return tr("to build");
    case Status::Failed: return tr("failed");
    case Status::Removed: return tr("removed");
  }
  return "";
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s);
  return buf;
}

}  // namespace

PackJob::PackJob(fs::path pack_file, pack::RunOptions options)
    : file_(std::move(pack_file)), options_(std::move(options)) {
  status_ = {{"pack", file_.empty() ? "" : file_.stem().string()}, {"state", "idle"},
             {"done", 0}, {"total", 0}, {"briefs", Json::array()}, {"output", ""},
             {"message", file_.empty() ? tr("no pack: start ptbrief serve with --pack NAME")
                                       : tr("the pack has not been built from this page yet")}};
}

PackJob::~PackJob() {
  if (thread_.joinable()) thread_.join();
}

Json PackJob::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void PackJob::start() {
  if (file_.empty())
    fail("serve.no_pack", tr("this server has no pack to build"),
         tr("start it with ptbrief serve --pack NAME (a pack in briefs/, or a pack file)"));
  std::lock_guard lock(mutex_);
  if (running_)
    fail("serve.pack_running", tr("the pack is being built already"), tr("wait for it to finish"));
  if (thread_.joinable()) thread_.join();  // the last run, finished
  running_ = true;
  status_["state"] = "running";
  status_["done"] = 0;
  status_["total"] = 0;
  status_["briefs"] = Json::array();
  status_["message"] = tr("starting");
  thread_ = std::thread([this] { run(); });
}

void PackJob::update(const pack::Event& e) {
  std::lock_guard lock(mutex_);
  switch (e.kind) {
    case pack::Event::Kind::WaitingForLock:
      status_["message"] = trf("waiting for another run writing {1}", {e.subject});
      break;
    case pack::Event::Kind::LoadingFacts:
      status_["message"] = tr("reading the articles");
      break;
    case pack::Event::Kind::Started:
      status_["done"] = e.done;
      status_["total"] = e.total;
      status_["message"] = trf("building {1} ({2}/{3})",
                               {e.subject, std::to_string(e.done + 1), std::to_string(e.total)});
      break;
    case pack::Event::Kind::Finished:
      status_["done"] = e.done;
      status_["total"] = e.total;
      status_["briefs"].push_back({{"file", e.brief->output_name},
                                   {"status", status_text(e.brief->status)},
                                   {"error", e.brief->error}});
      break;
  }
}

void PackJob::run() {
  Json outcome;
  try {
    const pack::PackSpec spec = pack::load_pack(file_);  // read again: it may have changed
    pack::RunOptions options = options_;
    options.on_event = [this](const pack::Event& e) { update(e); };
    CollectingSink sink;
    auto builder = pack::pipeline_builder();
    const pack::RunReport r = pack::run_pack(spec, *builder, options, sink);  // as ptbrief pack
    Json briefs = Json::array();
    for (const auto& b : r.briefs)
      briefs.push_back({{"file", b.output_name}, {"status", status_text(b.status)}, {"error", b.error}});
    if (r.combined)
      briefs.push_back({{"file", r.combined->output_name}, {"status", status_text(r.combined->status)},
                        {"error", r.combined->error}});
    outcome = {{"state", r.failed() ? "failed" : "done"}, {"briefs", briefs},
               {"output", spec.output.string()},
               {"warnings", sink.count(Severity::Warning)},
               {"message", trf("pack {1}: {2} built, {3} up to date, {4} failed in {5} s → {6}",
                               {spec.name, std::to_string(r.count(Status::Built)),
                                std::to_string(r.count(Status::UpToDate)),
                                std::to_string(r.count(Status::Failed)), seconds_text(r.seconds),
                                spec.output.string()})}};
  } catch (const Error& e) {
    const Diagnostic& d = e.diagnostic();
    outcome = {{"state", "failed"},
               {"message", d.message + (d.hint.empty() ? "" : " (" + d.hint + ")")}};
  } catch (const std::exception& e) {
    outcome = {{"state", "failed"}, {"message", trf("internal error: {1}", {e.what()})}};
  }
  std::lock_guard lock(mutex_);
  for (auto& [k, v] : outcome.items()) status_[k] = v;
  running_ = false;
}

}  // namespace ptbrief::serve
