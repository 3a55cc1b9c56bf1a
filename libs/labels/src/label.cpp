// parse_label: a DSLD label's JSON into a Product. Two passes: the first
// (label_reader.cpp) checks the parts of the label Trialwise reads and turns
// them into typed rows; the second, here, walks the rows and counts the
// pack's ingredient in one serving by the pack's label forms.

#include "trialwise/labels/label.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "forms.hpp"
#include "label_reader.hpp"
#include "numbers.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::labels {
namespace {

using boost::json::value;
using detail::Amount;
using detail::format_number;
using detail::kMaxDepth;
using detail::round_grams;
using detail::Row;
using detail::ServingSize;

std::string child(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

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

// The ingredient in one serving, walking the rows.
class Counter {
 public:
  Counter(const pack::Ingredient& ingredient, std::optional<std::int64_t> order)
      : ingredient_(ingredient), order_(order) {}

  void rows(const std::vector<Row>& rows, const Row* parent) {
    for (const auto& row : rows) one(row, parent);
  }

  double grams = 0;          // unrounded sum of the counted rows
  bool counted_any = false;  // some row's grams were counted
  bool listed_any = false;   // some row names a counted form of the ingredient
  std::vector<model::IngredientRow> matched;
  std::vector<model::LabelFlag> flags;

 private:
  void one(const Row& row, const Row* parent) {
    const pack::LabelForm* form = detail::classify(ingredient_, row.name);
    if (form == nullptr && !row.group.empty()) {
      // A brand name ("Sustamine") or a coined one: the DSLD's ingredient
      // group says what it is.
      const pack::LabelForm* by_group = detail::classify(ingredient_, row.group);
      if (by_group != nullptr && by_group->counted != pack::Counted::not_counted) form = by_group;
    }
    const Amount* a = pick(row.amounts, order_);
    if (form == nullptr) {
      rows(row.nested, &row);
      return;
    }

    model::IngredientRow m;
    m.name = row.name;
    m.where = row.where;
    m.form = form->id;
    m.fraction = form->fraction;
    if (a) {
      m.amount = a->quantity;
      m.unit = a->unit;
      m.op = a->op;
    }
    const std::optional<double> per_gram = a ? detail::units_per_gram(a->unit) : std::nullopt;
    const bool not_provided = !a || !a->quantity || *a->quantity == 0 || detail::is_not_provided(a->unit);

    if (form->counted == pack::Counted::not_counted) {
      // "Protein 0 g" on a powder's facts panel is no protein.
      const bool stated_zero = a && a->quantity && *a->quantity == 0 && per_gram;
      if (!stated_zero) {
        matched.push_back(m);
        flags.push_back({std::string(model::kMayContain), quoted(row.name) + " " + form->note, row.where});
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
      if (form->counted == pack::Counted::upper_bound)
        flags.push_back({std::string(model::kUpperBound),
                         quoted(row.name) + " (" + as_printed(*a) + ") does not say how much of it is " +
                             ingredient_.name + "; the whole " + format_number(*m.amount_g) +
                             " g is counted, the most it could be",
                         row.where});
      matched.push_back(std::move(m));
      // Rows nested under a counted row detail it (its form or source):
      // counting them too would count the same grams twice.
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
    Counter inner(ingredient_, order_);
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
                           "much " +
                           ingredient_.name + " this product adds" + bound,
                       row.where});
    } else {
      flags.push_back({std::string(model::kAmountNotGiven),
                       quoted(row.name) +
                           " is listed without an amount, so it counts 0 g and the daily total cannot "
                           "be sure how much " +
                           ingredient_.name + " this product adds",
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

  const pack::Ingredient& ingredient_;
  std::optional<std::int64_t> order_;
};

std::optional<double> total_of(const Counter& c) {
  if (c.counted_any) return round_grams(c.grams);
  if (c.listed_any) return std::nullopt;
  return 0.0;
}

std::string grams_text(const pack::Ingredient& ingredient, const std::optional<double>& g) {
  return g ? format_number(*g) + " g of " + ingredient.name
           : "an amount of " + ingredient.name + " the label does not give";
}

}  // namespace

Result<model::Product> read_label(const pack::Ingredient& ingredient, const value& json, const std::string& file) {
  if (!ingredient.reads_labels())
    return Unexpected{
        invalid_input(file, "the pack names no label forms (\"ingredient\"), so labels cannot be read with it")};
  auto label = detail::read_dsld(json, file);
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

  Counter counter(ingredient, order);
  counter.rows(label->rows, nullptr);
  p.amount_g_per_serving = total_of(counter);
  p.rows = std::move(counter.matched);
  p.flags = std::move(counter.flags);

  if (!label->servings.empty()) {
    const ServingSize& first = label->servings.front();
    if (first.min && first.max && *first.min != *first.max)
      p.flags.push_back({std::string(model::kServingSizeRange),
                         "The serving size is a range (" + p.serving + "); " +
                             grams_text(ingredient, p.amount_g_per_serving) +
                             " a serving is the label's own figure. Count servings a day as the label's servings",
                         child("/servingSizes", first.index)});
    if (label->servings.size() > 1) {
      std::string sizes;
      for (std::size_t i = 0; i < label->servings.size(); ++i) {
        Counter other(ingredient, label->servings[i].order);
        other.rows(label->rows, nullptr);
        if (i > 0) sizes += "; ";
        sizes += serving_text(label->servings[i]) + ", with " + grams_text(ingredient, total_of(other));
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

Result<model::Product> parse_label(const pack::Ingredient& ingredient, std::string_view json_text,
                                   const std::string& file) {
  // A byte-order mark, as some editors save a downloaded label, is not JSON.
  if (json_text.substr(0, 3) == "\xef\xbb\xbf") json_text.remove_prefix(3);
  auto json = json::parse(json_text, kMaxDepth * 2 + 8);
  if (!json) {
    Error e = json.error();
    if (e.code == Errc::invalid_input) e.message = "not a JSON label: " + e.message;
    e.where = file + ":" + e.where;
    return Unexpected{std::move(e)};
  }
  return read_label(ingredient, *json, file);
}

}  // namespace trialwise::labels
