// product import, list and remove.

#include "product_command.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <ostream>

#include "exit_codes.hpp"
#include "input_text.hpp"
#include "running_trial.hpp"
#include "screening_input.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/labels/label.hpp"
#include "trialwise/service/service.hpp"

namespace trialwise::cli {

std::vector<CLI::App*> add_product_command(CLI::App& app, ProductOptions& o) {
  auto* product = app.add_subcommand("product", "The products you already take, read from their labels");
  product->require_subcommand(1);
  auto* import = product->add_subcommand(
      "import", "Read a product's label (NIH DSLD JSON) and count the supplement in one serving");
  import->add_option("file", o.file, "The label JSON file (- for standard input)")->required()->type_name("FILE|-");
  import->add_option("--servings-per-day", o.servings_per_day, "How many servings you take a day")->type_name("N");
  import->add_flag("--third-party-tested", o.third_party_tested, "The product is third-party tested");
  import->add_flag("--json", o.json, "Print the product as JSON");
  add_pack_option(*import, o.pack_file);
  add_db_option(*import, o.db);
  import->footer(
      "The pack's label forms are counted (salts and dipeptides by their share of the mass); a blend\n"
      "that lists the supplement without an amount is flagged. Products feed start (and plan --db): the\n"
      "daily total counts them. Exit status: 0 imported; 2 bad label or flags; 4 already imported; 5 database.");
  auto* list = product->add_subcommand("list", "The products imported");
  list->add_flag("--json", o.json, "Print them as JSON");
  add_db_option(*list, o.db);
  auto* remove = product->add_subcommand("remove", "Forget an imported product");
  remove->add_option("id", o.id, "The product's number (product list shows it)")
      ->required()
      ->check(CLI::PositiveNumber);
  add_db_option(*remove, o.db);
  return {import, list, remove};
}

int run_product_import(const ProductOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  const std::string name = o.file == "-" ? "(standard input)" : o.file;
  auto text = read_file(o.file, in);
  if (!text) return report(err, text.error());
  auto pack = load_pack_or_report(o.pack_file, in, err);
  if (!pack) return kExitBadInput;
  std::optional<double> servings;
  if (o.servings_per_day != -1) servings = o.servings_per_day;
  const service::TrialPacks packs(pack);
  // The label is read before the database is opened: a bad one creates nothing.
  auto product = service::Service(packs, pack, nullptr, nullptr, model::kLocalProfile)
                     .read_product(*text, name, servings, o.third_party_tested, "--servings-per-day");
  if (!product) return report(err, product.error());
  auto workspace = Workspace::open(o.db, pack, Workspace::Products::yes);
  if (!workspace) return report(err, workspace.error());
  auto saved = (*workspace)->service().save_product(*product);
  if (!saved) return report(err, saved.error());
  if (o.json) {
    print_json(out, labels::to_json(*saved));
  } else {
    out << "Imported as product " << saved->id << ":\n" << labels::describe(pack->ingredient, saved->product);
    if (!servings) out << "Servings a day not given: a plan counts 1 (import again with --servings-per-day N).\n";
  }
  return kExitOk;
}

int run_product_list(const ProductOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto pack = load_pack_or_report("", in, err);
  if (!pack) return kExitBadInput;
  // Listing reads only: a database that does not exist yet is not created.
  auto workspace = Workspace::open(o.db, std::move(pack), Workspace::Products::yes, Workspace::Create::no);
  if (!workspace) return report(err, workspace.error());
  auto products = (*workspace)->service().products();
  if (!products) return report(err, products.error());
  if (o.json) {
    boost::json::array list;
    for (const auto& p : *products) list.push_back(labels::to_json(p));
    print_json(out, boost::json::object{{"products", std::move(list)}});
    return kExitOk;
  }
  if (products->empty()) out << "No products imported. Add one with: trialwise product import LABEL.json\n";
  for (const auto& p : *products) {
    out << "Product " << p.id << ": " << p.product.name << (p.product.brand.empty() ? "" : " (" + p.product.brand + ")")
        << ", "
        << (p.product.amount_g_per_serving ? json::number_text(*p.product.amount_g_per_serving) + " g per serving"
                                           : std::string("amount unknown"))
        << ", " << (p.servings_per_day ? json::number_text(*p.servings_per_day) : std::string("? (1 counted)"))
        << " a day\n";
    for (const auto& f : p.product.flags) out << "  - " << f.message << "\n";
  }
  return kExitOk;
}

int run_product_remove(const ProductOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto pack = load_pack_or_report("", in, err);
  if (!pack) return kExitBadInput;
  auto workspace = Workspace::open(o.db, std::move(pack), Workspace::Products::yes);
  if (!workspace) return report(err, workspace.error());
  if (auto ok = (*workspace)->service().remove_product(o.id); !ok) return report(err, ok.error());
  out << "Removed product " << o.id << ".\n";
  return kExitOk;
}

}  // namespace trialwise::cli
