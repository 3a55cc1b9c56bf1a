#pragma once

// Plain text: layout for the terminal, case folding, escaping for markup.

#include <cstddef>
#include <string>
#include <string_view>

namespace trialwise {

/// Wraps a line that starts at column 0 (its leading spaces kept) to `width`
/// columns; continuation lines are indented by `indent`. Words longer than a
/// line stay whole.
std::string wrap(const std::string& text, std::size_t indent, std::size_t width = 88);

/// `text` with A-Z lowered to a-z and every other byte kept (no locale:
/// UTF-8 stays intact), for comparing names, emails and header values.
std::string ascii_lower(std::string_view text);

/// Text made safe inside XML, XHTML, HTML and SVG, in element content and in
/// quoted attributes: & < > " ' become entities.
std::string escape_xml(std::string_view text);

}  // namespace trialwise
