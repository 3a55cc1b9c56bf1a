#pragma once

// Typed fields out of parsed JSON, collecting every problem with its JSON
// pointer instead of stopping at the first, so one reply or one run lists
// everything to fix. The one place where "must be a number, not a string"
// is decided and worded, for pack files, request bodies, trial records,
// labels and stored rows alike.

#include <cstddef>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/core/date.hpp"
#include "trialwise/core/error.hpp"

namespace trialwise::json {

/// Whether a field must be there.
enum class Need : bool { optional, required };

/// The child pointer: `pointer` + "/" + `key` (RFC 6901 escaped) or index.
std::string child(std::string_view pointer, std::string_view key);
std::string child(std::string_view pointer, std::size_t index);

/// "a number", "a string", "null"...: what a value is, for messages.
const char* type_name(const boost::json::value& v);

/// Reads fields of objects anywhere in one document. Each read checks type
/// and range and records a problem at the field's pointer; the value comes
/// back only when it is good. Problems are located as `location` + pointer
/// ("pack.json#/protocols/0/days" for a file, "/days" for a request body).
class FieldReader {
 public:
  struct Options {
    /// A field whose value is null reads as absent (request bodies, where
    /// clients send null for "not given"); otherwise null is a wrong type.
    bool null_is_absent = false;
  };

  explicit FieldReader(std::string location = "") : location_(std::move(location)) {}
  FieldReader(std::string location, Options options) : location_(std::move(location)), options_(options) {}

  /// What problems' pointers are prefixed with.
  const std::string& location() const { return location_; }

  /// Records a problem at `pointer`.
  void fail(std::string_view pointer, std::string message, Errc code = Errc::invalid_input);
  /// Records a problem found elsewhere, as it is.
  void add(Error e) { problems_.push_back(std::move(e)); }
  bool ok() const { return problems_.empty(); }
  std::size_t problem_count() const { return problems_.size(); }
  const std::vector<Error>& problems() const { return problems_; }
  std::vector<Error> take_problems() { return std::move(problems_); }

  /// `v` as an object, or a problem at `pointer`.
  const boost::json::object* object(const boost::json::value& v, std::string_view pointer);
  /// Records every key of `o` not in `allowed` as unknown.
  void only_keys(const boost::json::object& o, std::string_view pointer,
                 std::initializer_list<std::string_view> allowed);

  /// The member `key` of `o`, or nullptr; a missing required one is a problem.
  const boost::json::value* member(const boost::json::object& o, std::string_view pointer, std::string_view key,
                                   Need need);

  /// Text of at most `max_bytes` bytes; required text must not be empty.
  std::optional<std::string> string(const boost::json::object& o, std::string_view pointer, std::string_view key,
                                    Need need, std::size_t max_bytes = std::numeric_limits<std::size_t>::max());
  /// A finite number within [min, max].
  std::optional<double> number(const boost::json::object& o, std::string_view pointer, std::string_view key, Need need,
                               double min, double max);
  /// A whole number within [min, max].
  std::optional<int> integer(const boost::json::object& o, std::string_view pointer, std::string_view key, Need need,
                             int min, int max);
  std::optional<bool> boolean(const boost::json::object& o, std::string_view pointer, std::string_view key, Need need);
  /// "YYYY-MM-DD".
  std::optional<Date> date(const boost::json::object& o, std::string_view pointer, std::string_view key, Need need);
  /// An array of text, at most `max_items` long; a required one must not be empty.
  std::optional<std::vector<std::string>> strings(const boost::json::object& o, std::string_view pointer,
                                                  std::string_view key, Need need,
                                                  std::size_t max_items = std::numeric_limits<std::size_t>::max());
  /// An object whose values are whole numbers within [min, max].
  std::optional<std::map<std::string, int>> integers(const boost::json::object& o, std::string_view pointer,
                                                     std::string_view key, Need need, int min, int max);

  /// `v` itself (at `pointer`, called `name` in messages) as strings() reads a member.
  std::optional<std::vector<std::string>> strings_of(const boost::json::value& v, std::string_view pointer,
                                                     std::string_view name, Need need,
                                                     std::size_t max_items = std::numeric_limits<std::size_t>::max());
  /// `v` itself (at `pointer`) as integers() reads a member.
  std::optional<std::map<std::string, int>> integers_of(const boost::json::value& v, std::string_view pointer, int min,
                                                        int max);

  /// Calls f(object, pointer) for each object of the array member `key`;
  /// items that are not objects are problems.
  template <class F>
  void each(const boost::json::object& o, std::string_view pointer, std::string_view key, Need need, F f) {
    const auto* v = member(o, pointer, key, need);
    if (!v) return;
    if (!v->is_array()) {
      fail(child(pointer, key), quoted(key) + " must be an array, not " + type_name(*v));
      return;
    }
    each_item(*v, child(pointer, key), f);
  }

  /// Calls f(object, pointer) for each object of the array `v` at `pointer`;
  /// `v` not an array, or an item not an object, is a problem.
  template <class F>
  void each_item(const boost::json::value& v, std::string_view pointer, F f) {
    const auto* array = v.if_array();
    if (!array) {
      fail(pointer, std::string("must be an array, not ") + type_name(v));
      return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string item = child(pointer, i);
      if (const auto* obj = object((*array)[i], item)) f(*obj, item);
    }
  }

  static std::string quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

 private:
  std::string location_;
  Options options_;
  std::vector<Error> problems_;
};

/// The fields of one object, read by name: FieldReader's reads without
/// repeating the object and its pointer, plus finish(), which records every
/// member that was never read as unknown, so a misspelt field cannot pass
/// silently. Reads of a non-object read nothing (the problem is recorded once).
class Fields {
 public:
  /// `pointer` is where the object is ("" for the whole document).
  Fields(const boost::json::value& value, std::string pointer, FieldReader& reader);

  bool is_object() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  /// The pointer of member `key`.
  std::string pointer(std::string_view key) const { return child(pointer_, key); }

  const boost::json::value* any(std::string_view key, Need need = Need::optional);
  std::optional<std::string> string(std::string_view key, Need need = Need::optional,
                                    std::size_t max_bytes = std::numeric_limits<std::size_t>::max());
  std::optional<double> number(std::string_view key, Need need = Need::optional, double min = -1e300,
                               double max = 1e300);
  std::optional<int> integer(std::string_view key, Need need = Need::optional, int min = -1'000'000,
                             int max = 1'000'000);
  std::optional<bool> boolean(std::string_view key, Need need = Need::optional);
  std::optional<Date> date(std::string_view key, Need need = Need::optional);
  std::optional<std::vector<std::string>> strings(std::string_view key, Need need = Need::optional,
                                                  std::size_t max_items = std::numeric_limits<std::size_t>::max());
  std::optional<std::map<std::string, int>> integers(std::string_view key, int min, int max);

  /// Records the members not read as unknown.
  void finish();

 private:
  const boost::json::object* object_ = nullptr;
  std::string pointer_;
  FieldReader* reader_;
  std::vector<std::string> read_;
};

}  // namespace trialwise::json
