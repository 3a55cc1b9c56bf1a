#include "label_reader.hpp"

#include <algorithm>
#include <limits>

#include "numbers.hpp"
#include "trialwise/core/json_pointer.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::labels::detail {
namespace {

using boost::json::object;
using boost::json::value;

std::string child(const std::string& pointer, std::string_view key) {
  std::string out = pointer;
  append_pointer_token(out, key);
  return out;
}

std::string child(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

// A short rendering of a JSON value for messages: strings quoted, long ones cut.
std::string shown(const value& v) {
  std::string text = json::to_text(v);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

class LabelReader {
 public:
  explicit LabelReader(const std::string& file) : file_(file) {}

  Result<Label> read(const value& root) {
    if (!root.is_object()) return fail("", "a label must be a JSON object with \"fullName\" and \"ingredientRows\"");
    const object& o = root.get_object();
    Label label;
    auto name = text(o, "", "fullName", true);
    if (!name) return Unexpected{name.error()};
    if (name->empty()) return fail("/fullName", "\"fullName\" (the product's name) must not be empty");
    label.name = std::move(*name);
    auto brand = text(o, "", "brandName", false);
    if (!brand) return Unexpected{brand.error()};
    label.brand = std::move(*brand);
    if (const value* id = member(o, "id")) {
      if (id->is_string())
        label.id = std::string(id->get_string());
      else if (id->is_int64())
        label.id = std::to_string(id->get_int64());
      else if (id->is_uint64())
        label.id = std::to_string(id->get_uint64());
    }

    const value* rows = member(o, "ingredientRows");
    if (!rows) return fail("/ingredientRows", "missing \"ingredientRows\" (the label's ingredient list; [] if none)");
    auto read_rows_result = read_rows(*rows, "/ingredientRows", 0);
    if (!read_rows_result) return Unexpected{read_rows_result.error()};
    label.rows = std::move(*read_rows_result);

    if (const value* sizes = member(o, "servingSizes")) {
      if (!sizes->is_array()) return fail("/servingSizes", "\"servingSizes\" must be an array");
      const auto& array = sizes->get_array();
      for (std::size_t i = 0; i < array.size(); ++i) {
        auto size = read_serving(array[i], child("/servingSizes", i), i);
        if (!size) return Unexpected{size.error()};
        label.servings.push_back(std::move(*size));
      }
      std::stable_sort(label.servings.begin(), label.servings.end(),
                       [](const ServingSize& a, const ServingSize& b) { return a.order < b.order; });
    }
    return label;
  }

 private:
  Unexpected<Error> fail(const std::string& pointer, std::string message) const {
    return Unexpected{invalid_input(file_ + "#" + pointer, std::move(message))};
  }

  // The member `key`, or nullptr when it is absent or null.
  static const value* member(const object& o, std::string_view key) {
    const auto it = o.find(key);
    return it == o.end() || it->value().is_null() ? nullptr : &it->value();
  }

  Result<std::string> text(const object& o, const std::string& pointer, std::string_view key, bool required) const {
    const value* v = member(o, key);
    if (!v) {
      if (required) return fail(child(pointer, key), "missing \"" + std::string(key) + "\"");
      return std::string();
    }
    if (!v->is_string())
      return fail(child(pointer, key), "\"" + std::string(key) + "\" must be a string, not " + shown(*v));
    return std::string(v->get_string());
  }

  // An amount: absent or null is "not given"; otherwise a number, not negative.
  Result<std::optional<double>> amount(const object& o, const std::string& pointer, std::string_view key) const {
    const value* v = member(o, key);
    if (!v) return std::optional<double>();
    if (!v->is_number())
      return fail(child(pointer, key), "\"" + std::string(key) + "\" must be a number, not " + shown(*v));
    const double n = v->to_number<double>();
    if (n < 0)
      return fail(child(pointer, key),
                  "\"" + std::string(key) + "\" is " + format_number(n) + "; an amount cannot be negative");
    return std::optional<double>(n);
  }

  Result<std::optional<std::int64_t>> order(const object& o, const std::string& pointer, std::string_view key) const {
    const value* v = member(o, key);
    if (!v) return std::optional<std::int64_t>();
    if (v->is_int64()) return std::optional<std::int64_t>(v->get_int64());
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::optional<std::int64_t>(static_cast<std::int64_t>(v->get_uint64()));
    return fail(child(pointer, key), "\"" + std::string(key) + "\" must be a whole number, not " + shown(*v));
  }

  Result<std::vector<Row>> read_rows(const value& v, const std::string& pointer, std::size_t depth) {
    if (depth > kMaxDepth)
      return Unexpected{limit_reached(
          file_ + "#" + pointer, "ingredient rows nested more than " + std::to_string(kMaxDepth) + " levels deep")};
    if (!v.is_array()) return fail(pointer, "expected an array of ingredient rows, not " + shown(v));
    const auto& array = v.get_array();
    std::vector<Row> rows;
    rows.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
      const std::string where = child(pointer, i);
      if (!array[i].is_object()) return fail(where, "an ingredient row must be an object, not " + shown(array[i]));
      const object& o = array[i].get_object();
      Row row;
      row.where = where;
      auto name = text(o, where, "name", true);
      if (!name) return Unexpected{name.error()};
      row.name = std::move(*name);
      auto group = text(o, where, "ingredientGroup", false);
      if (!group) return Unexpected{group.error()};
      row.group = std::move(*group);
      if (const value* q = member(o, "quantity")) {
        const std::string qp = child(where, "quantity");
        if (!q->is_array()) return fail(qp, "\"quantity\" must be an array of {quantity, unit}, not " + shown(*q));
        const auto& entries = q->get_array();
        for (std::size_t k = 0; k < entries.size(); ++k) {
          const std::string ep = child(qp, k);
          if (!entries[k].is_object()) return fail(ep, "a quantity entry must be an object, not " + shown(entries[k]));
          const object& e = entries[k].get_object();
          Amount a;
          auto n = amount(e, ep, "quantity");
          if (!n) return Unexpected{n.error()};
          a.quantity = *n;
          auto unit = text(e, ep, "unit", false);
          if (!unit) return Unexpected{unit.error()};
          a.unit = std::move(*unit);
          auto op = text(e, ep, "operator", false);
          if (!op) return Unexpected{op.error()};
          a.op = std::move(*op);
          auto ord = order(e, ep, "servingSizeOrder");
          if (!ord) return Unexpected{ord.error()};
          a.serving_order = *ord;
          row.amounts.push_back(std::move(a));
        }
      }
      if (const value* nested = member(o, "nestedRows")) {
        auto inner = read_rows(*nested, child(where, "nestedRows"), depth + 1);
        if (!inner) return Unexpected{inner.error()};
        row.nested = std::move(*inner);
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Result<ServingSize> read_serving(const value& v, const std::string& pointer, std::size_t index) const {
    if (!v.is_object()) return fail(pointer, "a serving size must be an object, not " + shown(v));
    const object& o = v.get_object();
    ServingSize s;
    s.index = index;
    auto ord = order(o, pointer, "order");
    if (!ord) return Unexpected{ord.error()};
    s.order = ord->value_or(static_cast<std::int64_t>(index) + 1);
    auto min = amount(o, pointer, "minQuantity");
    if (!min) return Unexpected{min.error()};
    auto max = amount(o, pointer, "maxQuantity");
    if (!max) return Unexpected{max.error()};
    s.min = *min;
    s.max = *max;
    if (s.min && s.max && *s.max < *s.min)
      return fail(child(pointer, "maxQuantity"), "\"maxQuantity\" (" + format_number(*s.max) +
                                                     ") is less than \"minQuantity\" (" + format_number(*s.min) + ")");
    auto unit = text(o, pointer, "unit", false);
    if (!unit) return Unexpected{unit.error()};
    s.unit = std::move(*unit);
    auto notes = text(o, pointer, "notes", false);
    if (!notes) return Unexpected{notes.error()};
    s.notes = std::move(*notes);
    return s;
  }

  const std::string& file_;
};

}  // namespace

Result<Label> read_dsld(const boost::json::value& root, const std::string& file) {
  return LabelReader(file).read(root);
}

}  // namespace trialwise::labels::detail
