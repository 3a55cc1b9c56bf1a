// parse_label: a DSLD label's JSON into a Product. Two passes: the first
// checks the parts of the label Trialwise reads and turns them into typed
// rows (so a malformed file fails whole, naming the place); the second walks
// the rows and counts the glutamine of one serving.

#include "trialwise/labels/label.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>

#include "forms.hpp"
#include "numbers.hpp"
#include "trialwise/core/json_pointer.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::labels {
namespace {

using boost::json::object;
using boost::json::value;
using detail::Form;
using detail::format_number;
using detail::round_grams;

constexpr std::size_t kMaxDepth = 64;

std::string child(const std::string& pointer, std::string_view key) {
  std::string out = pointer;
  append_pointer_token(out, key);
  return out;
}

std::string child(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

// One quantity entry of a row: an amount for one serving size.
struct Amount {
  std::optional<double> quantity;
  std::string unit;
  std::string op;
  std::optional<std::int64_t> serving_order;
};

struct Row {
  std::string name;
  std::string group;  // ingredientGroup, the DSLD's name for what the row is
  std::string where;
  std::vector<Amount> amounts;
  std::vector<Row> nested;
};

struct ServingSize {
  std::size_t index = 0;  // in the label's array
  std::int64_t order = 0;
  std::optional<double> min, max;
  std::string unit, notes;
};

struct Label {
  std::string name, brand, id;
  std::vector<Row> rows;
  std::vector<ServingSize> servings;  // by order, the first is the one counted
};

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
      if (id->is_string()) label.id = std::string(id->get_string());
      else if (id->is_int64()) label.id = std::to_string(id->get_int64());
      else if (id->is_uint64()) label.id = std::to_string(id->get_uint64());
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
      return fail(child(pointer, key), "\"" + std::string(key) + "\" is " + format_number(n) +
                                           "; an amount cannot be negative");
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
      return Unexpected{limit_reached(file_ + "#" + pointer, "ingredient rows nested more than " +
                                                                 std::to_string(kMaxDepth) + " levels deep")};
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

std::string serving_text(const ServingSize& s) {
  std::string out;
  if (s.min) {
    out = format_number(*s.min);
    if (s.max && *s.max != *s.min) out += "-" + format_number(*s.max);
  } else if (s.max) {
    out = format_number(*s.max);
  }
  if (!s.unit.empty()) out += (out.empty() ? "" : " ") + s.unit;
  if (!s.notes.empty()) out += (out.empty() ? "" : " ") + ("(" + s.notes + ")");
  return out.empty() ? "one serving" : out;
}

// The amount entry that applies to the serving counted: the entries for that
// serving size (all of them when none names it), a mass among them first.
const Amount* pick(const std::vector<Amount>& amounts, std::optional<std::int64_t> order) {
  std::vector<const Amount*> candidates;
  if (order) {
    for (const auto& a : amounts) {
      if (a.serving_order == order) candidates.push_back(&a);
    }
  }
  if (candidates.empty()) {
    for (const auto& a : amounts) candidates.push_back(&a);
  }
  for (const Amount* a : candidates) {
    if (detail::units_per_gram(a->unit)) return a;
  }
  return candidates.empty() ? nullptr : candidates.front();
}

// "5 g", "500 mg", "500 IU": an amount as the label gives it.
std::string as_printed(const Amount& a) {
  std::string out = a.op.empty() || a.op == "=" ? "" : a.op + " ";
  out += a.quantity ? format_number(*a.quantity) : "no amount";
  if (!a.unit.empty()) out += " " + a.unit;
  return out;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// The glutamine of one serving, walking the rows.
class Counter {
 public:
  explicit Counter(std::optional<std::int64_t> order) : order_(order) {}

  void rows(const std::vector<Row>& rows, const Row* parent) {
    for (const auto& row : rows) one(row, parent);
  }

  double grams = 0;            // unrounded sum of the counted rows
  bool counted_any = false;    // some row's grams were counted
  bool listed_any = false;     // some row names a glutamine form (protein aside)
  std::vector<model::IngredientRow> matched;
  std::vector<model::LabelFlag> flags;

 private:
  void one(const Row& row, const Row* parent) {
    Form form = detail::classify(row.name);
    if (form == Form::none && !row.group.empty()) {
      // A brand name ("Sustamine") or a coined one: the DSLD's ingredient
      // group says what it is.
      const Form by_group = detail::classify(row.group);
      if (by_group != Form::none && by_group != Form::protein) form = by_group;
    }
    const Amount* a = pick(row.amounts, order_);
    if (form == Form::none) {
      rows(row.nested, &row);
      return;
    }

    model::IngredientRow m;
    m.name = row.name;
    m.where = row.where;
    m.form = std::string(detail::form_id(form));
    m.fraction = detail::fraction(form);
    if (a) {
      m.amount = a->quantity;
      m.unit = a->unit;
      m.op = a->op;
    }
    const std::optional<double> per_gram = a ? detail::units_per_gram(a->unit) : std::nullopt;
    const bool not_provided = !a || !a->quantity || *a->quantity == 0 || detail::is_not_provided(a->unit);

    if (form == Form::protein) {
      // "Protein 0 g" on a glutamine powder's facts panel is no protein.
      const bool stated_zero = a && a->quantity && *a->quantity == 0 && per_gram;
      if (!stated_zero) {
        matched.push_back(m);
        flags.push_back({std::string(model::kMayContain),
                         quoted(row.name) + " holds glutamine bound in protein, as protein foods do; the label does not "
                         "say how much, so it is not counted (the article counts supplemental glutamine, not food "
                         "protein)",
                         row.where});
      }
      rows(row.nested, &row);
      return;
    }

    listed_any = true;
    if (!not_provided && per_gram) {
      const double g = *a->quantity / *per_gram * m.fraction;
      m.amount_g = round_grams(g);
      grams += g;
      counted_any = true;
      if (!a->op.empty() && a->op != "=")
        flags.push_back({std::string(model::kApproximateAmount),
                         quoted(row.name) + " is given as " + as_printed(*a) + ", a bound rather than an amount; " +
                             format_number(*m.amount_g) + " g is counted",
                         row.where});
      if (form == Form::glutamine_peptides)
        flags.push_back({std::string(model::kUpperBound),
                         quoted(row.name) + " (" + as_printed(*a) + ") does not say how much of the peptides is "
                         "glutamine; the whole " + format_number(*m.amount_g) + " g is counted, the most it could be",
                         row.where});
      matched.push_back(std::move(m));
      // Rows nested under a counted row detail it (its form or source):
      // counting them too would count the same glutamine twice.
      return;
    }

    matched.push_back(m);
    if (!not_provided) {
      flags.push_back({std::string(model::kUnrecognisedUnit),
                       quoted(row.name) + " is given as " + as_printed(*a) + (a->unit.empty() ? " (no unit)" : "") +
                           ", which is not a weight: Trialwise cannot turn it into grams, so it counts 0 g. Look on "
                           "the label for an amount in g or mg",
                       row.where});
      rows(row.nested, &row);
      return;
    }

    // No amount of its own: rows nested under it may still give one.
    Counter inner(order_);
    inner.rows(row.nested, &row);
    absorb(inner);
    if (inner.counted_any) return;
    if (parent) {
      std::string bound;
      const Amount* pa = pick(parent->amounts, order_);
      if (pa && pa->quantity && *pa->quantity > 0 && detail::units_per_gram(pa->unit))
        bound = " (the whole blend is " + as_printed(*pa) + " a serving, so up to that much)";
      flags.push_back({std::string(model::kBlendWithoutAmount),
                       quoted(row.name) + " is listed in " + quoted(parent->name) +
                           " without an amount of its own, so it counts 0 g and the daily total cannot be sure how "
                           "much glutamine this product adds" + bound,
                       row.where});
    } else {
      flags.push_back({std::string(model::kAmountNotGiven),
                       quoted(row.name) + " is listed without an amount, so it counts 0 g and the daily total cannot "
                       "be sure how much glutamine this product adds",
                       row.where});
    }
  }

  void absorb(Counter& inner) {
    grams += inner.grams;
    counted_any = counted_any || inner.counted_any;
    listed_any = listed_any || inner.listed_any;
    std::move(inner.matched.begin(), inner.matched.end(), std::back_inserter(matched));
    std::move(inner.flags.begin(), inner.flags.end(), std::back_inserter(flags));
  }

  std::optional<std::int64_t> order_;
};

std::optional<double> total_of(const Counter& c) {
  if (c.counted_any) return round_grams(c.grams);
  if (c.listed_any) return std::nullopt;
  return 0.0;
}

std::string grams_text(const std::optional<double>& g) {
  return g ? format_number(*g) + " g of glutamine" : "an amount of glutamine the label does not give";
}

}  // namespace

Result<model::Product> read_label(const value& json, const std::string& file) {
  auto label = LabelReader(file).read(json);
  if (!label) return Unexpected{label.error()};

  model::Product p;
  p.name = label->name;
  p.brand = label->brand;
  p.label_id = label->id;
  std::optional<std::int64_t> order;
  if (!label->servings.empty()) {
    order = label->servings.front().order;
    p.serving = serving_text(label->servings.front());
  } else {
    p.serving = "one serving";
  }

  Counter counter(order);
  counter.rows(label->rows, nullptr);
  p.amount_g_per_serving = total_of(counter);
  p.rows = std::move(counter.matched);
  p.flags = std::move(counter.flags);

  if (!label->servings.empty()) {
    const ServingSize& first = label->servings.front();
    if (first.min && first.max && *first.min != *first.max)
      p.flags.push_back({std::string(model::kServingSizeRange),
                         "The serving size is a range (" + p.serving + "); " + grams_text(p.amount_g_per_serving) +
                             " a serving is the label's own figure. Count servings a day as the label's servings",
                         child("/servingSizes", first.index)});
    if (label->servings.size() > 1) {
      std::string sizes;
      for (std::size_t i = 0; i < label->servings.size(); ++i) {
        Counter other(label->servings[i].order);
        other.rows(label->rows, nullptr);
        if (i > 0) sizes += "; ";
        sizes += serving_text(label->servings[i]) + ", with " + grams_text(total_of(other));
      }
      p.flags.push_back({std::string(model::kMultipleServingSizes),
                         "The label gives " + std::to_string(label->servings.size()) + " serving sizes: " + sizes +
                             ". Trialwise counts the first (" + p.serving +
                             "): give servings a day in servings of that size",
                         "/servingSizes"});
    }
  }
  return p;
}

Result<model::Product> parse_label(std::string_view json_text, const std::string& file) {
  // A byte-order mark, as some editors save a downloaded label, is not JSON.
  if (json_text.substr(0, 3) == "\xef\xbb\xbf") json_text.remove_prefix(3);
  auto json = json::parse(json_text, kMaxDepth * 2 + 8);
  if (!json) {
    Error e = json.error();
    if (e.code == Errc::invalid_input) e.message = "not a JSON label: " + e.message;
    e.where = file + ":" + e.where;
    return Unexpected{std::move(e)};
  }
  return read_label(*json, file);
}

}  // namespace trialwise::labels
