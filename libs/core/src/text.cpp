#include "trialwise/core/text.hpp"

namespace trialwise {

std::string wrap(const std::string& text, std::size_t indent, std::size_t width) {
  const std::size_t lead = text.find_first_not_of(' ');
  if (lead == std::string::npos) return text;
  std::string out, line = text.substr(0, lead);
  std::size_t start = lead;
  bool first_word = true;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!first_word && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = std::string(indent, ' ');
      first_word = true;
    }
    if (!word.empty()) {
      line += (first_word ? "" : " ") + word;
      first_word = false;
    }
    start = end + 1;
  }
  return out + line;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace trialwise
