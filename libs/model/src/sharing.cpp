#include "trialwise/model/sharing.hpp"

namespace trialwise::model {

std::vector<std::string> scope_names(const ShareScopes& s) {
  std::vector<std::string> out;
  if (s.status) out.emplace_back("status");
  if (s.review) out.emplace_back("review");
  if (s.report) out.emplace_back("report");
  return out;
}

ParsedScopes scopes_from(const std::vector<std::string>& names) {
  ParsedScopes out;
  for (const auto& n : names) {
    if (n == "status")
      out.scopes.status = true;
    else if (n == "review")
      out.scopes.review = true;
    else if (n == "report")
      out.scopes.report = true;
    else if (!out.unknown)
      out.unknown = n;
  }
  return out;
}

}  // namespace trialwise::model
