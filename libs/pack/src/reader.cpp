#include "reader.hpp"

#include <algorithm>

namespace trialwise::pack::detail {

Source Reader::source(const boost::json::object& o, const std::string& pointer,
                      const std::vector<std::string>& sections) {
  Source s;
  s.section = text(o, pointer, "source", true);
  s.reason = text(o, pointer, "reason", false);
  s.quote = text(o, pointer, "quote", false);
  if (s.section.empty()) return s;
  if (s.is_pack_default()) {
    if (s.reason.empty()) fail(child(pointer, "reason"), "a pack default needs a one-line reason");
    if (!s.quote.empty()) fail(child(pointer, "quote"), "a pack default quotes nothing from the article");
  } else if (std::find(sections.begin(), sections.end(), s.section) == sections.end()) {
    fail(child(pointer, "source"),
         "\"" + s.section + "\" is not a section of the article (see /pack/sections) nor \"pack default\"");
  } else if (!s.reason.empty()) {
    fail(child(pointer, "reason"), "only a pack default carries a reason; an article section speaks for itself");
  }
  return s;
}

}  // namespace trialwise::pack::detail
