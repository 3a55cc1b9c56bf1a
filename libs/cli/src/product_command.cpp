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
#include "trialwise/store/products.hpp"
#include "trialwise/store/sqlite.hpp"

namespace trialwise::cli {

using model::kLocalProfile;

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

namespace {

Result<std::unique_ptr<store::ProductRepository>> open_products(const std::string& db_flag) {
  auto path = store::default_database_path(db_flag);
  if (!path) return Unexpected{path.error()};
  return store::open_sqlite_products(*path);
}

}  // namespace

Result<std::unique_ptr<store::ProductRepository>> existing_products(const std::string& db_flag) {
  auto path = store::default_database_path(db_flag);
  if (!path) return Unexpected{path.error()};
  std::error_code ec;
  if (!std::filesystem::exists(*path, ec)) return std::unique_ptr<store::ProductRepository>();
  return store::open_sqlite_products(*path);
}

Result<std::vector<model::ImportedProduct>> stored_products(const std::string& db_flag) {
  auto repo = existing_products(db_flag);
  if (!repo) return Unexpected{repo.error()};
  if (!*repo) return std::vector<model::ImportedProduct>{};
  return (*repo)->list_products(kLocalProfile);
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
  auto product = service::Service(packs, pack, nullptr, nullptr, kLocalProfile)
                     .read_product(*text, name, servings, o.third_party_tested, "--servings-per-day");
  if (!product) return report(err, product.error());
  auto repo = open_products(o.db);
  if (!repo) return report(err, repo.error());
  auto saved = service::Service(packs, pack, nullptr, repo->get(), kLocalProfile).save_product(*product);
  if (!saved) return report(err, saved.error());
  if (o.json) {
    print_json(out, labels::to_json(*saved));
  } else {
    out << "Imported as product " << saved->id << ":\n" << labels::describe(pack->ingredient, saved->product);
    if (!servings) out << "Servings a day not given: a plan counts 1 (import again with --servings-per-day N).\n";
  }
  return kExitOk;
}

int run_product_list(const ProductOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto products = stored_products(o.db);
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

int run_product_remove(const ProductOptions& o, std::istream&, std::ostream& out, std::ostream& err) {
  auto repo = open_products(o.db);
  if (!repo) return report(err, repo.error());
  if (auto ok = (*repo)->remove_product(kLocalProfile, o.id); !ok) return report(err, ok.error());
  out << "Removed product " << o.id << ".\n";
  return kExitOk;
}

}  // namespace trialwise::cli
