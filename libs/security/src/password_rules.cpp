// The rules a new password must pass. NIST SP 800-63B's advice: a length
// floor, no composition rules, and a check against passwords known to be
// common, here with the usual disguises (digits or symbols around one, one
// repeated, a keyboard or alphabet run, the person's own email).

#include <algorithm>
#include <cctype>
#include <optional>
#include <mutex>
#include <set>
#include <string>
#include <unordered_set>

#include "common_passwords.hpp"
#include "trialwise/security/password.hpp"
#include "trialwise/core/text.hpp"

namespace trialwise::security {

namespace {

// The list, lowercased, read once.
const std::unordered_set<std::string>& common() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> out;
    const std::string_view text = detail::common_passwords_text();
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.starts_with("#!")) continue;
      std::string word(line);
      std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
      out.insert(std::move(word));
    }
    return out;
  }();
  return set;
}

bool is_letter(unsigned char c) { return std::isalpha(c) != 0 || c >= 0x80; }

// Code points in valid UTF-8, or nothing.
std::optional<std::size_t> utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::nullopt;
    i += n;
    ++count;
  }
  return count;
}

// The letters in the middle: "Password123!" -> "password", "!!2024sunshine" -> "sunshine".
std::string core_of(const std::string& lowered) {
  std::size_t first = 0, last = lowered.size();
  while (first < last && !is_letter(static_cast<unsigned char>(lowered[first]))) ++first;
  while (last > first && !is_letter(static_cast<unsigned char>(lowered[last - 1]))) --last;
  return lowered.substr(first, last - first);
}

// "passwordpassword", "abcabcabcabc": the shortest unit the text repeats, if it repeats.
std::optional<std::string> repeated_unit(const std::string& s) {
  for (std::size_t unit = 1; unit <= s.size() / 2; ++unit) {
    if (s.size() % unit != 0) continue;
    bool repeats = true;
    for (std::size_t i = unit; i < s.size() && repeats; ++i) repeats = s[i] == s[i - unit];
    if (repeats) return s.substr(0, unit);
  }
  return std::nullopt;
}

// A stretch of the alphabet, the digits or a keyboard row, either way round.
bool is_run(const std::string& s) {
  static const std::string runs[] = {"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
                                     "0123456789012345678901234567890123456789",
                                     "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
                                     "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"};
  for (const auto& run : runs) {
    std::string backwards(run.rbegin(), run.rend());
    if (run.find(s) != std::string::npos || backwards.find(s) != std::string::npos) return true;
  }
  return false;
}

// The words of `context` worth refusing: "ada.lovelace@example.org" gives
// "ada.lovelace", "lovelace", "example"; words shorter than 4 letters are left out.
std::set<std::string> context_words(const std::vector<std::string>& context) {
  std::set<std::string> out;
  for (const auto& item : context) {
    const std::string text = ascii_lower(item.substr(0, item.find('@')));
    if (text.size() >= 4) out.insert(text);
    std::string word;
    for (const char c : ascii_lower(item) + " ") {
      if (is_letter(static_cast<unsigned char>(c))) {
        word.push_back(c);
      } else {
        if (word.size() >= 4) out.insert(word);
        word.clear();
      }
    }
  }
  return out;
}

}  // namespace

Result<void> check_new_password(std::string_view password, const std::vector<std::string>& context,
                                const std::string& where) {
  const auto refuse = [&where](std::string why) {
    return Unexpected{invalid_input(where, "choose another password: " + std::move(why))};
  };
  if (password.size() > kMaxPasswordBytes)
    return refuse("it is longer than " + std::to_string(kMaxPasswordBytes) + " bytes");
  const auto length = utf8_length(password);
  if (!length) return refuse("it is not UTF-8 text");
  if (*length < kMinPasswordChars)
    return refuse("it needs at least " + std::to_string(kMinPasswordChars) +
                  " characters (a few words make a good one)");
  const std::set<char> distinct(password.begin(), password.end());
  if (distinct.size() < 5) return refuse("it uses fewer than 5 different characters");
  const std::string lowered = ascii_lower(password);
  const std::string core = core_of(lowered);
  if (common().count(lowered) || (!core.empty() && common().count(core)))
    return refuse("it is, or is built on, one of the most common passwords");
  for (const auto& s : {lowered, core}) {
    if (const auto unit = repeated_unit(s); unit && (unit->size() < 4 || common().count(*unit) || is_run(*unit)))
      return refuse("it repeats a short or common part");
    if (!s.empty() && is_run(s)) return refuse("it is a run of the keyboard, the alphabet or the digits");
  }
  for (const auto& word : context_words(context))
    if (lowered.find(word) != std::string::npos) return refuse("it contains your email or the service's name");
  return {};
}

}  // namespace trialwise::security
