// The brief a command line names with --park or --topic.
#include "cli/brief_request.h"

namespace ptbrief::cli {

compose::BriefRequest brief_request(const extract::Facts& facts,
                                    const std::optional<std::string>& park,
                                    const std::optional<std::string>& topic) {
  compose::BriefRequest request;
  request.kind = park ? compose::BriefRequest::Kind::Park : compose::BriefRequest::Kind::Topic;
  request.name = park ? compose::resolve_park(facts, *park) : compose::resolve_topic(facts, *topic);
  return request;
}

}  // namespace ptbrief::cli
